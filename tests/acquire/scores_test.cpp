// Acquisition scores on a three-point fixture computed by hand (values from
// the formulas in scores.h, worked out independently in double precision).
//   A: both samples (.8 .1 .1)            — confident and consistent
//   B: samples (.7 .2 .1) and (.1 .2 .7)  — the samples disagree
//   C: samples (.6 .3 .1) and (.4 .5 .1)  — unsure, but mostly consistent
#include "bdal/acquire/scores.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace bdal::acquire {
namespace {

at::Tensor fixture_N_K_C() {
  return at::tensor({.8, .1, .1, .8, .1, .1,  //
                     .7, .2, .1, .1, .2, .7,  //
                     .6, .3, .1, .4, .5, .1},
                    at::kDouble)
      .view({3, 2, 3})
      .log()
      .to(at::kFloat);
}

void expect_scores(const at::Tensor& scores_N, std::vector<double> expected, double tol = 1e-6) {
  ASSERT_EQ(scores_N.dim(), 1);
  ASSERT_EQ(scores_N.size(0), static_cast<int64_t>(expected.size()));
  EXPECT_EQ(scores_N.scalar_type(), at::kDouble);
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(scores_N[i].item<double>(), expected[i], tol) << "point "
                                                              << "ABC"[i];
}

TEST(Scores, MaxEntropy) {
  expect_scores(max_entropy_N(fixture_N_K_C()), {0.6390318597, 1.0549201680, 0.9433483923});
}

TEST(Scores, Bald) { expect_scores(bald_N(fixture_N_K_C()), {0.0, 0.2531016154, 0.0227013337}); }

TEST(Scores, VariationRatiosModeCount) {
  // A: both vote 0 -> 1 - 2/2; B: votes 0, 2 -> 1 - 1/2; C: votes 0, 1 -> 1 - 1/2.
  expect_scores(variation_ratios_mode_N(fixture_N_K_C()), {0.0, 0.5, 0.5});
}

TEST(Scores, VariationRatiosPredictiveMean) {
  expect_scores(variation_ratios_mean_N(fixture_N_K_C()), {0.2, 0.6, 0.5});
}

TEST(Scores, MeanStd) { expect_scores(mean_std_N(fixture_N_K_C()), {0.0, 0.2, 0.0666666667}); }

TEST(Scores, Margin) { expect_scores(margin_N(fixture_N_K_C()), {0.3, 1.0, 0.9}); }

TEST(Scores, LeastConfidence) {
  expect_scores(least_confidence_N(fixture_N_K_C()), {0.2, 0.6, 0.5});
}

TEST(Scores, RankingsDifferAsTheyShould) {
  // BALD prefers the disagreeing B far over the consistently unsure C;
  // entropy also puts B first; margin puts B (a tie at the top) first.
  const at::Tensor lp = fixture_N_K_C();
  EXPECT_EQ(bald_N(lp).argmax().item<int64_t>(), 1);
  EXPECT_EQ(max_entropy_N(lp).argmax().item<int64_t>(), 1);
  EXPECT_GT(max_entropy_N(lp)[2].item<double>(), max_entropy_N(lp)[0].item<double>());
  EXPECT_EQ(margin_N(lp).argmax().item<int64_t>(), 1);
}

// Properties on random inputs: BALD >= 0, BALD <= entropy, chunked == whole.
TEST(Scores, BaldIsBetweenZeroAndEntropy) {
  const at::Tensor lp = at::log_softmax(at::randn({200, 16, 10}) * 3, -1);
  const at::Tensor bald = bald_N(lp), entropy = max_entropy_N(lp);
  EXPECT_TRUE((bald >= 0).all().item<bool>());
  EXPECT_TRUE((bald <= entropy + 1e-9).all().item<bool>());
}

TEST(Scores, IdenticalSamplesGiveZeroBaldAndMeanStd) {
  const at::Tensor lp =
      at::log_softmax(at::randn({50, 1, 10}), -1).expand({50, 8, 10}).contiguous();
  EXPECT_LT(bald_N(lp).abs().max().item<double>(), 1e-6);
  EXPECT_LT(mean_std_N(lp).abs().max().item<double>(), 1e-7);
  EXPECT_LT(variation_ratios_mode_N(lp).abs().max().item<double>(), 1e-12);
}

TEST(Scores, ChunkedScoringEqualsWholeScoring) {
  const at::Tensor lp = at::log_softmax(at::randn({101, 8, 10}), -1);
  for (auto fn : {max_entropy_N, bald_N, variation_ratios_mode_N, variation_ratios_mean_N,
                  mean_std_N, margin_N, least_confidence_N}) {
    const at::Tensor whole = fn(lp);
    const at::Tensor chunked =
        at::cat({fn(lp.slice(0, 0, 37)), fn(lp.slice(0, 37, 80)), fn(lp.slice(0, 80, 101))});
    EXPECT_TRUE(at::allclose(whole, chunked, 0, 1e-12));
  }
}

TEST(Scores, InconsistencyIsTheSummedVarianceOverAugmentations) {
  // Two copies predicting (1, 0) and (0, 1): variance 1/4 per class, sum 1/2.
  // Two identical copies: 0.
  const at::Tensor p =
      at::tensor({1.0, 0.0, 0.0, 1.0, 0.3, 0.7, 0.3, 0.7}, at::kDouble).view({2, 2, 2});
  expect_scores(inconsistency_N(p.log()), {0.5, 0.0});
}

}  // namespace
}  // namespace bdal::acquire
