#include "bdal/core/runtime.h"

#include <ATen/Parallel.h>
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace bdal::core
