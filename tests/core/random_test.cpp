#include "bdal/core/random.h"
#include "bdal/core/error.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>

namespace bdal::core {
namespace {

TEST(DropoutMask, HoldsZeroOrTheInverseKeepAtTheRightRate) {
  at::Generator gen = make_generator(7);
  for (double keep : {0.5, 0.75, 0.1}) {
    const at::Tensor mask = dropout_mask(400, 501, keep, gen);  // odd size: the last lone draw
    ASSERT_EQ(mask.sizes(), (std::vector<int64_t>{400, 501}));
    const at::Tensor kept = mask.ne(0);
    const float scale = static_cast<float>(1.0 / keep);
    EXPECT_TRUE(at::all(mask.eq(0) | mask.eq(scale)).item<bool>()) << keep;
    // 200,400 Bernoulli(keep) draws: 6 standard deviations is < 0.7 points.
    const double rate = kept.to(at::kDouble).mean().item<double>();
    const double sd = std::sqrt(keep * (1 - keep) / static_cast<double>(mask.numel()));
    EXPECT_NEAR(rate, keep, 6 * sd) << keep;
    // The mean of the mask is ~1: inverted dropout keeps expectations.
    EXPECT_NEAR(mask.to(at::kDouble).mean().item<double>(), 1.0, 6 * sd / keep) << keep;
  }
}

TEST(DropoutMask, NeighbouringEntriesAreNotCorrelated) {
  // Two entries come from the two halves of one 64-bit draw; they must be
  // independent: P(both kept) ~ keep^2.
  at::Generator gen = make_generator(8);
  const at::Tensor kept = dropout_mask(1, 200000, 0.5, gen).ne(0).view({-1, 2}).to(at::kDouble);
  const double both = (kept.select(1, 0) * kept.select(1, 1)).mean().item<double>();
  EXPECT_NEAR(both, 0.25, 6 * std::sqrt(0.25 * 0.75 / 100000));
}

TEST(DropoutMask, SameSeedSameMaskAndTheGeneratorAdvances) {
  at::Generator a = make_generator(9), b = make_generator(9);
  const at::Tensor first = dropout_mask(7, 9, 0.5, a);
  EXPECT_TRUE(at::equal(first, dropout_mask(7, 9, 0.5, b)));
  EXPECT_FALSE(at::equal(first, dropout_mask(7, 9, 0.5, a)));
}

TEST(DropoutMask, KeepOneKeepsEverythingAndBadKeepIsAnError) {
  at::Generator gen = make_generator(10);
  EXPECT_TRUE(at::all(dropout_mask(5, 5, 1.0, gen).eq(1)).item<bool>());
  EXPECT_EQ(dropout_mask(0, 5, 0.5, gen).numel(), 0);
  EXPECT_THROW(dropout_mask(2, 2, 0.0, gen), Error);
  EXPECT_THROW(dropout_mask(2, 2, 1.5, gen), Error);
}

}  // namespace
}  // namespace bdal::core
