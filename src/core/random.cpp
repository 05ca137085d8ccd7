#include "bdal/core/random.h"

#include "bdal/core/error.h"

#include <ATen/CPUGeneratorImpl.h>

#include <mutex>

namespace bdal::core {
namespace {

// xoshiro256** state, seeded from one 64-bit value through splitmix64 (the
// seeding its authors recommend).
class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed) {
    for (uint64_t& word : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace

at::Generator make_generator(uint64_t seed) {
  return at::make_generator<at::CPUGeneratorImpl>(seed);
}

at::Tensor dropout_mask(int64_t rows, int64_t cols, double keep, at::Generator& gen) {
  BDAL_CHECK(keep > 0.0 && keep <= 1.0, "dropout keep probability must be in (0, 1], got {}", keep);
  BDAL_CHECK(rows >= 0 && cols >= 0, "dropout mask shape must be non-negative, got {}x{}", rows,
             cols);
  uint64_t seed;
  {
    // Generators are not thread-safe; LibTorch's own samplers lock this mutex.
    std::lock_guard<std::mutex> lock(gen.mutex());
    seed = at::check_generator<at::CPUGeneratorImpl>(gen)->random64();
  }
  Xoshiro256 rng(seed);
  // u < threshold with u uniform on [0, 2^32) has probability keep (to 2^-32).
  const uint64_t threshold = static_cast<uint64_t>(keep * 4294967296.0);
  const float scale = static_cast<float>(1.0 / keep);
  at::Tensor mask = at::empty({rows, cols}, at::kFloat);
  float* out = mask.data_ptr<float>();
  const int64_t n = rows * cols;
  int64_t i = 0;
  for (; i + 1 < n; i += 2) {
    const uint64_t bits = rng.next();
    out[i] = (bits & 0xffffffffULL) < threshold ? scale : 0.0f;
    out[i + 1] = (bits >> 32) < threshold ? scale : 0.0f;
  }
  if (i < n) out[i] = (rng.next() & 0xffffffffULL) < threshold ? scale : 0.0f;
  return mask;
}

}  // namespace bdal::core
