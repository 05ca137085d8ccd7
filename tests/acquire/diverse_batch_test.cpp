// Stochastic (power/softmax/softrank) sampling, Core-Set's k-center greedy
// and BADGE's k-means++ seeding: worked examples, limits, and BADGE's
// factored distances against the explicit gradient embeddings.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "bdal/acquire/badge.h"
#include "bdal/acquire/core_set.h"
#include "bdal/acquire/stochastic.h"
#include "bdal/core/random.h"

namespace bdal::acquire {
namespace {

std::set<int64_t> as_set(const std::vector<int64_t>& v) { return {v.begin(), v.end()}; }

TEST(StochasticSampling, LogWeightsOfEachRule) {
  const at::Tensor s = at::tensor({0.5, 2.0, 2.0, 1.0}, at::kDouble);
  const at::Tensor power = log_sampling_weights_N(s, SamplingRule::kPower, 2.0);
  EXPECT_NEAR(power[0].item<double>(), 2.0 * std::log(0.5), 1e-12);
  EXPECT_NEAR(power[1].item<double>(), 2.0 * std::log(2.0), 1e-12);
  const at::Tensor softmax = log_sampling_weights_N(s, SamplingRule::kSoftmax, 3.0);
  EXPECT_NEAR(softmax[3].item<double>(), 3.0, 1e-12);
  // Competition ranks 4, 1, 1, 3 (the tied best share rank 1, the next is
  // 3, as scipy's rankdata(method='min')): log weight −β log r.
  const at::Tensor softrank = log_sampling_weights_N(s, SamplingRule::kSoftrank, 1.0);
  EXPECT_NEAR(softrank[0].item<double>(), -std::log(4.0), 1e-12);
  EXPECT_NEAR(softrank[1].item<double>(), 0.0, 1e-12);
  EXPECT_NEAR(softrank[2].item<double>(), 0.0, 1e-12);
  EXPECT_NEAR(softrank[3].item<double>(), -std::log(3.0), 1e-12);
}

TEST(StochasticSampling, LargeBetaIsTopBAndZeroBetaIsUniform) {
  const at::Tensor s = at::arange(1, 21, at::kDouble);  // 1..20, best is position 19
  for (const auto& [name, rule] : sampling_rules()) {
    EXPECT_EQ(as_set(stochastic_top_b(s, 3, rule, 1e4, 5).positions),
              (std::set<int64_t>{17, 18, 19}))
        << name;
    // β = 0: every position equally likely; over 2000 draws of 1 point each
    // appears 100 ± 4σ (σ ≈ 9.7) times.
    std::vector<int> counts(20, 0);
    for (uint64_t seed = 0; seed < 2000; ++seed)
      ++counts[stochastic_top_b(s, 1, rule, 0.0, seed).positions[0]];
    for (int c : counts) {
      EXPECT_GT(c, 100 - 40) << name;
      EXPECT_LT(c, 100 + 40) << name;
    }
  }
}

TEST(StochasticSampling, PowerDrawsInProportionToScorePowers) {
  // Weights s^2 = 1, 4, 9 → probabilities 1/14, 4/14, 9/14 for a single draw.
  const at::Tensor s = at::tensor({1.0, 2.0, 3.0}, at::kDouble);
  std::vector<double> freq(3, 0.0);
  const int draws = 6000;
  for (uint64_t seed = 0; seed < draws; ++seed)
    freq[stochastic_top_b(s, 1, SamplingRule::kPower, 2.0, seed).positions[0]] += 1.0 / draws;
  const double expected[] = {1.0 / 14, 4.0 / 14, 9.0 / 14};
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(freq[i], expected[i], 0.025) << i;
  // A batch is b distinct points with their original scores.
  const Selection batch = stochastic_top_b(s, 3, SamplingRule::kPower, 1.0, 1);
  EXPECT_EQ(as_set(batch.positions), (std::set<int64_t>{0, 1, 2}));
  for (size_t i = 0; i < 3; ++i)
    EXPECT_DOUBLE_EQ(batch.scores[i], s[batch.positions[i]].item<double>());
}

TEST(StochasticSampling, PowerDrawsZeroScoresOnlyAfterEveryPositiveOne) {
  // At small β a zero score's weight 0^β must stay 0, not become a small
  // positive number that the noise can lift above a tiny positive score.
  const at::Tensor s = at::tensor({0.0, 0.0, 1e-6, 0.0, 2e-6, 0.0}, at::kDouble);
  std::set<int64_t> zeros_drawn;
  for (uint64_t seed = 0; seed < 300; ++seed) {
    EXPECT_EQ(as_set(stochastic_top_b(s, 2, SamplingRule::kPower, 0.01, seed).positions),
              (std::set<int64_t>{2, 4}))
        << "seed " << seed;
    // A batch larger than the positive scores takes them all, then zeros at random.
    const std::vector<int64_t> batch =
        stochastic_top_b(s, 3, SamplingRule::kPower, 0.01, seed).positions;
    EXPECT_EQ(as_set({batch[0], batch[1]}), (std::set<int64_t>{2, 4}));
    zeros_drawn.insert(batch[2]);
  }
  EXPECT_EQ(zeros_drawn, (std::set<int64_t>{0, 1, 3, 5}));
  // β = 0 is uniform over every point, zero scores included.
  std::set<int64_t> uniform;
  for (uint64_t seed = 0; seed < 300; ++seed)
    uniform.insert(stochastic_top_b(s, 1, SamplingRule::kPower, 0.0, seed).positions[0]);
  EXPECT_EQ(uniform.size(), 6u);
}

TEST(StochasticSampling, BadInputsAreErrors) {
  const at::Tensor s = at::tensor({1.0, -0.5}, at::kDouble);
  EXPECT_THROW(stochastic_top_b(s, 1, SamplingRule::kPower, 1.0, 0), std::exception);
  EXPECT_NO_THROW(stochastic_top_b(s, 1, SamplingRule::kSoftmax, 1.0, 0));
  EXPECT_THROW(stochastic_top_b(s, 1, SamplingRule::kSoftmax, -1.0, 0), std::exception);
  EXPECT_THROW(stochastic_top_b(s, 3, SamplingRule::kSoftmax, 1.0, 0), std::exception);
}

TEST(CoreSet, NearestDistancesInBlocks) {
  const at::Tensor x = at::tensor({0.0, 0.0, 3.0, 4.0, 1.0, 1.0}, at::kDouble).view({3, 2});
  const at::Tensor centres = at::tensor({0.0, 1.0, 3.0, 3.0, 10.0, 10.0}, at::kDouble).view({3, 2});
  const at::Tensor expected = at::tensor({1.0, 1.0, 1.0}, at::kDouble);
  for (int64_t block : {1, 2, 5, 100})  // blocks of points × centres: results unchanged
    EXPECT_TRUE(at::allclose(nearest_squared_distance_N(x, centres, block), expected)) << block;
  EXPECT_TRUE(std::isinf(nearest_squared_distance_N(x, at::empty({0, 2}), 4)[0].item<double>()));
}

TEST(CoreSet, KCenterGreedyByHand) {
  // Labelled {0}; pool 1, 2, 5, 9, 10 on a line. Farthest from 0 is 10; then
  // distances to {0, 10} are 1, 2, 5, 1: 5 is next, then 2 or 9? 2→2, 9→1: 2.
  const at::Tensor pool = at::tensor({1.0, 2.0, 5.0, 9.0, 10.0}, at::kDouble).view({5, 1});
  const at::Tensor labelled = at::zeros({1, 1}, at::kDouble);
  const Selection s = k_center_greedy(pool, labelled, 3, 0);
  EXPECT_EQ(s.positions, (std::vector<int64_t>{4, 2, 1}));
  EXPECT_EQ(s.scores, (std::vector<double>{10.0, 5.0, 2.0}));
  // No labelled set: the first centre is random, the rest farthest-first.
  const Selection cold = k_center_greedy(pool, at::empty({0, 1}), 5, 9);
  EXPECT_EQ(as_set(cold.positions), (std::set<int64_t>{0, 1, 2, 3, 4}));
  // Duplicates of a centre are never picked twice.
  const at::Tensor same = at::zeros({4, 3}, at::kDouble);
  EXPECT_EQ(as_set(k_center_greedy(same, at::zeros({1, 3}), 4, 0).positions).size(), 4u);
}

TEST(CoreSet, TiesForTheFarthestPointAreBrokenBySeedNotByIndex) {
  // Pool 5, 5, 1 on a line, labelled {0}: both copies of 5 are farthest.
  const at::Tensor pool = at::tensor({5.0, 5.0, 1.0}, at::kDouble).view({3, 1});
  std::set<int64_t> firsts;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    const Selection s = k_center_greedy(pool, at::zeros({1, 1}, at::kDouble), 2, seed);
    firsts.insert(s.positions[0]);
    EXPECT_EQ(s.positions[1], 2) << "the other copy is at distance 0 from the first";
  }
  EXPECT_EQ(firsts, (std::set<int64_t>{0, 1}));
}

TEST(Badge, ResidualIsProbabilityMinusOneHotOfThePrediction) {
  const at::Tensor p = at::tensor({0.2, 0.7, 0.1, 0.5, 0.25, 0.25}, at::kDouble).view({2, 3});
  const at::Tensor expected =
      at::tensor({0.2, -0.3, 0.1, -0.5, 0.25, 0.25}, at::kDouble).view({2, 3});
  EXPECT_TRUE(at::allclose(badge_residual_N_C(p), expected));
}

// k-means++ on the explicit embeddings g_i = a_i ⊗ z_i, drawing from the
// generator exactly as badge_select does: the factored version must agree.
std::vector<int64_t> explicit_badge(const at::Tensor& probs, const at::Tensor& z, int64_t b,
                                    uint64_t seed) {
  const at::Tensor a = badge_residual_N_C(probs);
  const at::Tensor g = (a.unsqueeze(2) * z.unsqueeze(1)).flatten(1);  // [N, C·D]
  at::Generator gen = core::make_generator(seed);
  std::vector<int64_t> picks = {g.square().sum(1).argmax().item<int64_t>()};
  at::Tensor d = (g - g[picks[0]]).square().sum(1);
  while (static_cast<int64_t>(picks.size()) < b) {
    at::Tensor w = d.clone();
    for (int64_t p : picks) w[p] = 0.0;
    picks.push_back(at::multinomial(w, 1, false, gen).item<int64_t>());
    d = at::minimum(d, (g - g[picks.back()]).square().sum(1));
  }
  return picks;
}

TEST(Badge, FactoredDistancesGiveTheSameBatchAsExplicitEmbeddings) {
  at::Generator gen = core::make_generator(4);
  const at::Tensor probs = (at::randn({50, 5}, gen, at::kDouble) * 2).softmax(1);
  const at::Tensor z = at::randn({50, 7}, gen, at::kDouble).relu();
  for (uint64_t seed : {1, 2, 3}) {
    const Selection s = badge_select(probs, z, 8, seed);
    EXPECT_EQ(s.positions, explicit_badge(probs, z, 8, seed)) << "seed " << seed;
    EXPECT_EQ(as_set(s.positions).size(), 8u);
  }
}

TEST(Badge, TiesForTheFirstCentreAreBrokenBySeedNotByIndex) {
  // Points 1 and 3 are identical and have the largest gradient embedding.
  const at::Tensor probs =
      at::tensor({0.9, 0.1, 0.5, 0.5, 0.8, 0.2, 0.5, 0.5}, at::kDouble).view({4, 2});
  const at::Tensor z = at::ones({4, 3}, at::kDouble);
  std::set<int64_t> firsts;
  for (uint64_t seed = 0; seed < 40; ++seed)
    firsts.insert(badge_select(probs, z, 1, seed).positions[0]);
  EXPECT_EQ(firsts, (std::set<int64_t>{1, 3}));
}

TEST(Badge, IdenticalPointsStillGiveDistinctPicks) {
  const at::Tensor probs = at::full({6, 3}, 1.0 / 3.0, at::kDouble);
  const at::Tensor z = at::ones({6, 4}, at::kDouble);
  EXPECT_EQ(as_set(badge_select(probs, z, 6, 0).positions).size(), 6u);
  EXPECT_THROW(badge_select(probs, z.slice(0, 0, 5), 2, 0), std::exception);
}

}  // namespace
}  // namespace bdal::acquire
