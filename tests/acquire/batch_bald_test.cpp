// BatchBALD against first principles: b = 1 is BALD, the exact joint entropy
// equals brute-force enumeration of every label configuration, the sampled
// estimate approaches the exact one as M grows, and a batch avoids
// redundant (duplicate) points that top-b BALD takes.
#include "bdal/acquire/batch_bald.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "bdal/acquire/scores.h"
#include "bdal/core/random.h"

namespace bdal::acquire {
namespace {

// Random, MC-sample-consistent class probabilities [N, K, C].
at::Tensor random_probs(int64_t n, int64_t k, int64_t c, uint64_t seed, double sharpness = 2.0) {
  at::Generator gen = core::make_generator(seed);
  return (at::randn({n, k, c}, gen, at::kDouble) * sharpness).softmax(2);
}

// H(y_1, ..., y_m) by enumerating all C^m configurations.
double brute_force_joint_entropy(const at::Tensor& probs_M_K_C) {
  const int64_t m = probs_M_K_C.size(0), k = probs_M_K_C.size(1), c = probs_M_K_C.size(2);
  const auto p = probs_M_K_C.accessor<double, 3>();
  int64_t configs = 1;
  for (int64_t i = 0; i < m; ++i) configs *= c;
  double h = 0.0;
  for (int64_t cfg = 0; cfg < configs; ++cfg) {
    double joint = 0.0;
    for (int64_t s = 0; s < k; ++s) {
      double product = 1.0;
      int64_t rest = cfg;
      for (int64_t i = 0; i < m; ++i, rest /= c) product *= p[i][s][rest % c];
      joint += product / double(k);
    }
    if (joint > 0) h -= joint * std::log(joint);
  }
  return h;
}

TEST(BatchBald, BatchOfOneIsBaldsTopPoint) {
  const at::Tensor probs = random_probs(40, 8, 3, 1);
  const at::Tensor bald = bald_N(probs.log());
  const Selection s = batch_bald(probs.log().to(at::kFloat), 1, {}, 7);
  ASSERT_EQ(s.positions.size(), 1u);
  EXPECT_EQ(s.positions[0], bald.argmax().item<int64_t>());
  EXPECT_NEAR(s.scores[0], bald.max().item<double>(), 1e-5);
}

TEST(BatchBald, ExactJointEntropyEqualsEnumeration) {
  const at::Tensor probs = random_probs(4, 5, 3, 2);
  JointLabelDistribution joint(5, 1000);
  EXPECT_DOUBLE_EQ(joint.joint_entropy(), 0.0);
  at::Generator gen = core::make_generator(0);
  for (int64_t i = 0; i < 3; ++i) {
    joint.add(probs[i], gen);
    EXPECT_TRUE(joint.exact());
    EXPECT_NEAR(joint.joint_entropy(), brute_force_joint_entropy(probs.slice(0, 0, i + 1)), 1e-12)
        << "after " << i + 1 << " points";
  }
  EXPECT_EQ(joint.num_configs(), 27);
  // With a fourth candidate: H(y_1, y_2, y_3, y_4) over 81 configurations.
  EXPECT_NEAR(joint.joint_entropy_with_N(probs.slice(0, 3, 4))[0].item<double>(),
              brute_force_joint_entropy(probs), 1e-12);
}

TEST(BatchBald, SampledJointEntropyConvergesToExact) {
  // Four points of ten classes: 10^4 configurations; exact with M = 10^4,
  // sampled (from the fourth point on) with fewer.
  const at::Tensor probs = random_probs(5, 6, 10, 3, 1.0);
  auto entropy_with_fifth = [&](int64_t max_configs, uint64_t seed) {
    JointLabelDistribution joint(6, max_configs);
    at::Generator gen = core::make_generator(seed);
    for (int64_t i = 0; i < 4; ++i) joint.add(probs[i], gen);
    EXPECT_EQ(joint.exact(), max_configs >= 10000);
    return joint.joint_entropy_with_N(probs.slice(0, 4, 5))[0].item<double>();
  };
  const double exact = entropy_with_fifth(100000, 0);
  EXPECT_NEAR(exact, brute_force_joint_entropy(probs), 1e-10);
  double error_small = 0.0, error_large = 0.0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    error_small += std::abs(entropy_with_fifth(30, seed) - exact) / 8.0;
    error_large += std::abs(entropy_with_fifth(5000, seed) - exact) / 8.0;
  }
  EXPECT_LT(error_large, 0.02 * exact) << "mean |error| with M = 5000";
  EXPECT_LT(error_large, error_small) << "M = 30: " << error_small << ", M = 5000: " << error_large;
}

// Point type j says "label 1" with certainty only under MC sample j: each
// type tells apart one of the K = 4 weight samples. The pool holds every
// type twice (positions 2j and 2j + 1) and one uninformative point.
at::Tensor redundant_pool() {
  at::Tensor probs = at::empty({9, 4, 2}, at::kDouble);
  for (int64_t j = 0; j < 4; ++j)
    for (int64_t copy = 0; copy < 2; ++copy)
      for (int64_t k = 0; k < 4; ++k) {
        const double p1 = k == j ? 0.98 : 0.02;
        probs[2 * j + copy][k][0] = 1.0 - p1;
        probs[2 * j + copy][k][1] = p1;
      }
  probs[8].fill_(0.5);
  return probs;
}

TEST(BatchBald, AvoidsRedundantPointsThatTopBaldTakes) {
  const at::Tensor log_probs = redundant_pool().log();
  const Selection batch = batch_bald(log_probs, 4, {}, 11);
  std::set<int64_t> types;
  for (int64_t p : batch.positions) types.insert(p / 2);
  EXPECT_EQ(types.size(), 4u) << "BatchBALD took a copy of a point it already had";
  for (size_t i = 1; i < batch.scores.size(); ++i) EXPECT_GT(batch.scores[i], 0.0);
  // Pointwise BALD scores both copies of a type equally, so its top 4 holds
  // duplicates for some seeds; BatchBALD never does.
  bool bald_duplicated = false;
  for (uint64_t seed = 0; seed < 20 && !bald_duplicated; ++seed) {
    std::set<int64_t> bald_types;
    for (int64_t p : top_b(bald_N(log_probs), 4, seed).positions) bald_types.insert(p / 2);
    bald_duplicated = bald_types.size() < 4;
  }
  EXPECT_TRUE(bald_duplicated);
}

TEST(BatchBald, Float32JointProbabilitiesAgreeWithFloat64) {
  const at::Tensor log_probs = random_probs(80, 10, 10, 6, 1.5).log();
  BatchBaldOptions fast, exact;
  exact.double_precision = true;
  const Selection a = batch_bald(log_probs, 8, fast, 2), b = batch_bald(log_probs, 8, exact, 2);
  EXPECT_EQ(a.positions, b.positions);
  for (size_t i = 0; i < a.scores.size(); ++i) EXPECT_NEAR(a.scores[i], b.scores[i], 1e-4);
}

TEST(BatchBald, NoDuplicatesAndPrefilterBoundsCandidates) {
  const at::Tensor log_probs = random_probs(60, 8, 4, 5).log();
  BatchBaldOptions options;
  options.max_configs = 64;  // sampled from the fourth pick on
  options.prefilter = 20;
  const Selection s = batch_bald(log_probs, 12, options, 3);
  ASSERT_EQ(s.positions.size(), 12u);
  EXPECT_EQ(std::set<int64_t>(s.positions.begin(), s.positions.end()).size(), 12u);
  const at::Tensor top20 = std::get<1>(bald_N(log_probs).topk(20));
  std::set<int64_t> allowed;
  for (int64_t i = 0; i < 20; ++i) allowed.insert(top20[i].item<int64_t>());
  for (int64_t p : s.positions) EXPECT_TRUE(allowed.count(p)) << p << " is not in the top 20";
  // Blocks of candidates change nothing.
  options.chunk_size = 7;
  EXPECT_EQ(batch_bald(log_probs, 12, options, 3).positions, s.positions);
  options.prefilter = 5;
  EXPECT_THROW(batch_bald(log_probs, 12, options, 3), std::exception);
}

TEST(BatchBald, PrefilterTiesAreBrokenBySeedNotByIndex) {
  // Two informative points and six identical ones (equal BALD): a prefilter
  // of 3 keeps both informative points and one of the six, chosen by seed.
  at::Tensor probs = random_probs(8, 6, 3, 9, 3.0);
  probs.slice(0, 2, 8).copy_(at::full({6, 6, 3}, 1.0 / 3.0, at::kDouble));
  BatchBaldOptions options;
  options.prefilter = 3;
  std::set<int64_t> thirds;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    const Selection s = batch_bald(probs.log(), 3, options, seed);
    EXPECT_EQ(std::set<int64_t>(s.positions.begin(), s.positions.begin() + 2),
              (std::set<int64_t>{0, 1}));
    thirds.insert(s.positions[2]);
  }
  EXPECT_GE(thirds.size(), 3u) << "the tied candidate should vary with the seed";
  for (int64_t p : thirds) EXPECT_GE(p, 2);
}

}  // namespace
}  // namespace bdal::acquire
