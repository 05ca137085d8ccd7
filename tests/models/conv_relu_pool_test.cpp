#include "bdal/models/conv_relu_pool.h"
#include "bdal/models/relu_max_pool.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <limits>

namespace bdal::models {
namespace {

at::Tensor reference(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b, int64_t pad) {
  return at::max_pool2d(at::relu(at::conv2d(x, w, b, 1, pad)), 2);
}

// Runs `f` with the fused kernel on, then restores the default.
class FusedKernel : public ::testing::Test {
 protected:
  void SetUp() override {
    set_fused_conv_kernel_enabled(true);
    if (!fused_conv_kernel_active())
      GTEST_SKIP() << "this CPU has no AVX-512: only the LibTorch path exists here";
  }
  void TearDown() override { set_fused_conv_kernel_enabled(true); }
};

TEST_F(FusedKernel, MatchesConvReluPoolForManyShapes) {
  at::manual_seed(11);
  at::NoGradGuard no_grad;
  struct Case {
    int64_t n, channels, height, width, kernel, padding;
  };
  // LeNet-5's conv1; channel counts that are not whole blocks of 6; odd conv
  // sizes (floor pooling); the widest conv rows the kernel takes (32).
  for (const Case c : {Case{7, 6, 28, 28, 5, 2}, Case{3, 7, 28, 28, 5, 2}, Case{2, 3, 13, 11, 3, 0},
                       Case{2, 13, 9, 30, 3, 2}, Case{1, 1, 6, 6, 1, 0}, Case{4, 12, 20, 20, 4, 1}}) {
    const at::Tensor x = at::randn({c.n, 1, c.height, c.width});
    const at::Tensor w = at::randn({c.channels, 1, c.kernel, c.kernel});
    const at::Tensor b = at::randn({c.channels});
    const at::Tensor expected = reference(x, w, b, c.padding);
    const at::Tensor got = conv_relu_max_pool2x2(x, w, b, c.padding);
    ASSERT_EQ(got.sizes(), expected.sizes()) << "C " << c.channels << " k " << c.kernel;
    EXPECT_TRUE(at::allclose(got, expected, /*rtol=*/1e-5, /*atol=*/1e-5))
        << "C " << c.channels << " H " << c.height << " W " << c.width << " k " << c.kernel
        << " pad " << c.padding << ": max diff " << (got - expected).abs().max().item<float>();
  }
}

TEST_F(FusedKernel, PropagatesNaNAndClampsNegativeWindows) {
  at::NoGradGuard no_grad;
  // 1x1 kernel with weight 1: the conv is the identity, so windows are visible.
  at::Tensor x = at::full({1, 1, 2, 4}, -1.0f);
  x[0][0][0][2] = std::numeric_limits<float>::quiet_NaN();
  const at::Tensor w = at::ones({1, 1, 1, 1});
  const at::Tensor b = at::zeros({1});
  const at::Tensor got = conv_relu_max_pool2x2(x, w, b, 0);
  EXPECT_EQ(got[0][0][0][0].item<float>(), 0.0f);  // all -1: the ReLU gives 0
  EXPECT_TRUE(std::isnan(got[0][0][0][1].item<float>()));
}

TEST_F(FusedKernel, TheLibTorchPathGivesTheSameResultWhenTheKernelIsOff) {
  at::manual_seed(12);
  at::NoGradGuard no_grad;
  const at::Tensor x = at::randn({5, 1, 28, 28});
  const at::Tensor w = at::randn({6, 1, 5, 5});
  const at::Tensor b = at::randn({6});
  const at::Tensor fused = conv_relu_max_pool2x2(x, w, b, 2);
  set_fused_conv_kernel_enabled(false);
  EXPECT_FALSE(fused_conv_kernel_active());
  const at::Tensor plain = conv_relu_max_pool2x2(x, w, b, 2);
  EXPECT_TRUE(at::allclose(fused, plain, 1e-5, 1e-5));
}

TEST(ConvReluPool, GradientFlowsThroughTheLibTorchPath) {
  at::manual_seed(13);
  const at::Tensor x = at::randn({3, 1, 12, 12});
  const at::Tensor w = at::randn({4, 1, 3, 3}).requires_grad_(true);
  const at::Tensor b = at::randn({4}).requires_grad_(true);
  conv_relu_max_pool2x2(x, w, b, 1).sum().backward();
  const at::Tensor w_ref = w.detach().clone().requires_grad_(true);
  const at::Tensor b_ref = b.detach().clone().requires_grad_(true);
  reference(x, w_ref, b_ref, 1).sum().backward();
  ASSERT_TRUE(w.grad().defined());
  EXPECT_TRUE(at::allclose(w.grad(), w_ref.grad(), 1e-5, 1e-5));
  EXPECT_TRUE(at::allclose(b.grad(), b_ref.grad(), 1e-5, 1e-5));
}

}  // namespace
}  // namespace bdal::models
