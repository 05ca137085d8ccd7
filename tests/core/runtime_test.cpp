#include "bdal/core/runtime.h"
#include "bdal/core/blas_core.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <malloc.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace bdal::core {
namespace {

// Without OpenBLAS, LibTorch falls back to the reference BLAS and every
// dense layer runs several times slower: the build must not allow that.
TEST(Runtime, LibTorchLoadedOpenBlas) {
  configure_threads(1);
  const RuntimeInfo info = runtime_info();
  EXPECT_NE(info.blas.find("OpenBLAS"), std::string::npos) << info.blas;
  EXPECT_NE(info.blas.find("1 thread"), std::string::npos) << info.blas;
  EXPECT_EQ(info.intra_op_threads, 1);
}

TEST(Runtime, ZeroThreadsMeansAllCores) {
  configure_threads(0);
  EXPECT_EQ(at::get_num_threads(), runtime_info().hardware_threads);
  configure_threads(1);
}

// Buffers above glibc's largest mmap threshold (32 MiB) must come from the
// heap as well: a fresh mmap per epoch page-faults every byte of it again.
// Telling only on a fresh heap (one without 96 MiB free at its top), which
// CTest gives it: every test runs in a process of its own.
TEST(Runtime, TunedAllocatorServesLargeTensorsFromTheHeap) {
  tune_allocator();
  const size_t mapped_before = mallinfo2().hblkhd;
  {
    const at::Tensor big = at::empty({24 << 20}, at::kFloat);  // 96 MiB
    EXPECT_EQ(mallinfo2().hblkhd, mapped_before);
  }
  EXPECT_EQ(mallinfo2().hblkhd, mapped_before);
}

TEST(BlasCore, NamesTheLoadedCoreAndNeverSuggestsAWeakerOne) {
  const std::optional<std::string> core = blas_core_name();
  ASSERT_TRUE(core.has_value());
  EXPECT_FALSE(core->empty());
  const std::optional<std::string> better = better_blas_core();
  if (better) {
    EXPECT_TRUE(*better == "SkylakeX" || *better == "Haswell") << *better;
    EXPECT_NE(*better, *core);
  }
}

TEST(BlasCore, AChoiceMadeByTheUserIsKept) {
  const char* before = std::getenv("OPENBLAS_CORETYPE");
  const std::optional<std::string> saved =
      before ? std::optional<std::string>(before) : std::nullopt;
  setenv("OPENBLAS_CORETYPE", "Prescott", 1);
  EXPECT_EQ(better_blas_core(), std::nullopt);
  if (saved)
    setenv("OPENBLAS_CORETYPE", saved->c_str(), 1);
  else
    unsetenv("OPENBLAS_CORETYPE");
}

}  // namespace
}  // namespace bdal::core
