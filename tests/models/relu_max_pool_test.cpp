#include "bdal/core/error.h"
#include "bdal/models/relu_max_pool.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <limits>

namespace bdal::models {
namespace {

// The reference the fused op must reproduce exactly.
at::Tensor reference(const at::Tensor& x) { return at::max_pool2d(at::relu(x), 2); }

struct Gradients {
  at::Tensor value, grad;
};

// Value and d(sum(w * f(x)))/dx for a fixed random weighting w.
template <typename F>
Gradients value_and_grad(F f, const at::Tensor& x, const at::Tensor& weight) {
  at::Tensor leaf = x.detach().clone().requires_grad_(true);
  at::Tensor y = f(leaf);
  (y * weight).sum().backward();
  return {y.detach(), leaf.grad()};
}

TEST(ReluMaxPool, MatchesLibTorchExactlyInValueAndGradient) {
  at::manual_seed(3);
  // Even and odd sizes (floor mode drops the trailing row/column).
  for (auto shape : std::vector<std::vector<int64_t>>{{4, 6, 28, 28}, {3, 2, 9, 7}, {1, 1, 2, 2}}) {
    const at::Tensor x = at::randn(shape);
    const std::vector<int64_t> out_shape{shape[0], shape[1], shape[2] / 2, shape[3] / 2};
    const at::Tensor weight = at::randn(out_shape);
    const Gradients ours = value_and_grad(relu_max_pool2x2, x, weight);
    const Gradients theirs = value_and_grad(reference, x, weight);
    EXPECT_TRUE(at::equal(ours.value, theirs.value)) << at::IntArrayRef(shape);
    EXPECT_TRUE(at::equal(ours.grad, theirs.grad)) << at::IntArrayRef(shape);
  }
}

TEST(ReluMaxPool, HandCheckedWindowTiesAndNegativeWindows) {
  // Window 1: tie between two maxima -> the first in row-major order gets the
  // gradient. Window 2: all negative -> output 0 and no gradient at all.
  const at::Tensor x =
      at::tensor({2.0f, 1.0f, -1.0f, -2.0f,  //
                  0.5f, 2.0f, -3.0f, -0.5f})
          .view({1, 1, 2, 4});
  at::Tensor leaf = x.clone().requires_grad_(true);
  at::Tensor y = relu_max_pool2x2(leaf);
  EXPECT_TRUE(at::equal(y, at::tensor({2.0f, 0.0f}).view({1, 1, 1, 2})));
  y.sum().backward();
  const at::Tensor expected_grad =
      at::tensor({1.0f, 0.0f, 0.0f, 0.0f,  //
                  0.0f, 0.0f, 0.0f, 0.0f})
          .view({1, 1, 2, 4});
  EXPECT_TRUE(at::equal(leaf.grad(), expected_grad)) << leaf.grad();
}

TEST(ReluMaxPool, PropagatesNaNLikeLibTorch) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const at::Tensor x = at::tensor({1.0f, nan, 3.0f, 0.0f}).view({1, 1, 2, 2});
  EXPECT_TRUE(std::isnan(relu_max_pool2x2(x).item<float>()));
  EXPECT_TRUE(std::isnan(reference(x).item<float>()));
}

TEST(ReluMaxPool, NonContiguousInputAndDoublePrecision) {
  at::manual_seed(4);
  const at::Tensor x = at::randn({2, 6, 8, 3}, at::kDouble).permute({0, 3, 1, 2});  // [2, 3, 6, 8]
  ASSERT_FALSE(x.is_contiguous());
  const at::Tensor weight = at::randn({2, 3, 3, 4}, at::kDouble);
  const Gradients ours = value_and_grad(relu_max_pool2x2, x, weight);
  const Gradients theirs = value_and_grad(reference, x, weight);
  EXPECT_TRUE(at::equal(ours.value, theirs.value));
  EXPECT_TRUE(at::equal(ours.grad, theirs.grad));
}

TEST(ReluMaxPool, WithoutGradModeReturnsTheSameValues) {
  at::manual_seed(5);
  const at::Tensor x = at::randn({3, 4, 10, 10});
  at::NoGradGuard no_grad;
  EXPECT_TRUE(at::equal(relu_max_pool2x2(x), reference(x)));
}

TEST(ReluMaxPool, RejectsBadShapes) {
  EXPECT_THROW(relu_max_pool2x2(at::zeros({2, 3, 4})), Error);
  EXPECT_THROW(relu_max_pool2x2(at::zeros({1, 1, 1, 4})), Error);
}

}  // namespace
}  // namespace bdal::models
