// Compiled with AVX-512 flags (see src/CMakeLists.txt). Include nothing but
// the kernel header: see the note there.
#include "single_channel_conv_pool.h"

namespace bdal::models::kernels {
namespace {

typedef float Vec16 __attribute__((vector_size(64)));
typedef int Index16 __attribute__((vector_size(64)));

inline Vec16 load(const float* p) {
  Vec16 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

// Elementwise max that propagates NaN, as LibTorch's max-pool and ReLU do.
inline Vec16 max(Vec16 a, Vec16 b) { return (a > b) | (a != a) ? a : b; }

}  // namespace

// For each block of kChannelBlock channels and each pooled row i, the two
// conv rows 2i and 2i+1 (32 wide: two vectors) for every channel of the
// block are accumulated in registers (2 x 6 x 2 = 24 of the 32 zmm), then
// max-pooled vertically, de-interleaved into even/odd columns and pooled
// horizontally, clamped at 0 and stored. The conv output is never written.
void single_channel_conv_relu_pool_avx512(const SingleChannelConvPool& job) {
  const int64_t k = job.kernel;
  const Vec16 zero = {};
  const Index16 even = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30};
  const Index16 odd = {1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31};
  for (int64_t c0 = 0; c0 < job.channels; c0 += kChannelBlock) {
    const float* w = job.weight + c0 * k * k;
    for (int64_t i = 0; i < job.out_height; ++i) {
      Vec16 acc[2][kChannelBlock][2];
      for (int r = 0; r < 2; ++r)
#pragma GCC unroll 6
        for (int c = 0; c < kChannelBlock; ++c) acc[r][c][0] = acc[r][c][1] = zero + job.bias[c0 + c];
      for (int r = 0; r < 2; ++r) {
        for (int64_t ki = 0; ki < k; ++ki) {
          const float* row = job.scratch + (2 * i + r + ki) * kScratchWidth;
          for (int64_t kj = 0; kj < k; ++kj) {
            const Vec16 left = load(row + kj), right = load(row + kj + 16);
#pragma GCC unroll 6
            for (int c = 0; c < kChannelBlock; ++c) {
              const float wc = w[(c * k + ki) * k + kj];
              acc[r][c][0] += wc * left;
              acc[r][c][1] += wc * right;
            }
          }
        }
      }
      for (int c = 0; c < kChannelBlock && c0 + c < job.channels; ++c) {
        const Vec16 left = max(acc[0][c][0], acc[1][c][0]);
        const Vec16 right = max(acc[0][c][1], acc[1][c][1]);
        const Vec16 pooled = max(max(__builtin_shuffle(left, right, even),
                                     __builtin_shuffle(left, right, odd)),
                                 zero);
        float lanes[16];
        __builtin_memcpy(lanes, &pooled, sizeof lanes);
        float* out = job.out + ((c0 + c) * job.out_height + i) * job.out_width;
        for (int64_t j = 0; j < job.out_width; ++j) out[j] = lanes[j];
      }
    }
  }
}

}  // namespace bdal::models::kernels
