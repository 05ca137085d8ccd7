#include "bdal/acquire/registry.h"
#include "bdal/acquire/scores.h"
#include "bdal/core/error.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <set>

namespace bdal::acquire {
namespace {

TEST(TopB, PicksTheHighestScoresBestFirst) {
  const at::Tensor scores = at::tensor({0.1, 0.9, 0.5, 0.7}, at::kDouble);
  const Selection s = top_b(scores, 3, 1);
  EXPECT_EQ(s.positions, (std::vector<int64_t>{1, 3, 2}));
  EXPECT_EQ(s.scores, (std::vector<double>{0.9, 0.7, 0.5}));
}

TEST(TopB, TiesAreBrokenBySeedNotByIndex) {
  const at::Tensor scores = at::zeros({100}, at::kDouble);
  std::set<int64_t> first_picks;
  for (uint64_t seed = 0; seed < 20; ++seed)
    first_picks.insert(top_b(scores, 1, seed).positions[0]);
  EXPECT_GT(first_picks.size(), 10u) << "ties must not always go to the same index";
  EXPECT_EQ(top_b(scores, 5, 3).positions, top_b(scores, 5, 3).positions);
}

TEST(TopB, RejectsImpossibleRequestsAndNaN) {
  EXPECT_THROW(top_b(at::zeros({3}, at::kDouble), 4, 0), Error);
  EXPECT_THROW(top_b(at::zeros({3}, at::kDouble), 0, 0), Error);
  EXPECT_THROW(top_b(at::tensor({0.0, NAN}, at::kDouble), 1, 0), Error);
}

TEST(Strategies, EveryRegisteredStrategySelectsDistinctPoolPositions) {
  const at::Tensor lp = at::log_softmax(at::randn({40, 6, 10}), -1);
  for (const auto& entry : strategy_registry().entries()) {
    AcquisitionInput input;
    input.log_probs_N_K_C = lp;
    input.embeddings_N_D = at::randn({40, 12});
    input.labelled_embeddings_M_D = at::randn({5, 12});
    input.augmented_log_probs_N_A_C = lp;  // CSAL: the same shape, augmentations for samples
    input.seed = 5;
    const Selection s = entry.make(StrategyOptions{})->select(input, 7);
    ASSERT_EQ(s.positions.size(), 7u) << entry.name;
    EXPECT_EQ(std::set<int64_t>(s.positions.begin(), s.positions.end()).size(), 7u) << entry.name;
    for (int64_t p : s.positions) EXPECT_TRUE(p >= 0 && p < 40) << entry.name;
  }
}

TEST(Strategies, PointwiseStrategiesTakeTheTopOfTheirScore) {
  const at::Tensor lp = at::log_softmax(at::randn({30, 8, 10}) * 2, -1);
  AcquisitionInput input;
  input.log_probs_N_K_C = lp;
  const Selection s = make_strategy("bald")->select(input, 1);
  EXPECT_EQ(s.positions[0], bald_N(lp).argmax().item<int64_t>());
  EXPECT_NEAR(s.scores[0], bald_N(lp).max().item<double>(), 1e-12);
}

TEST(Strategies, RandomIsSeededAndCoversThePool) {
  AcquisitionInput input;
  input.log_probs_N_K_C = at::zeros({50, 1, 2});
  auto random = make_strategy("random");
  input.seed = 1;
  const Selection a = random->select(input, 10);
  const Selection b = random->select(input, 10);
  input.seed = 2;
  const Selection c = random->select(input, 10);
  EXPECT_EQ(a.positions, b.positions);
  EXPECT_NE(a.positions, c.positions);
}

TEST(Strategies, UnknownNameListsTheKnownOnes) {
  try {
    make_strategy("oracle");
    FAIL();
  } catch (const UsageError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("unknown strategy 'oracle'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("bald"), std::string::npos) << msg;
    EXPECT_NE(msg.find("variation-ratios-mean"), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace bdal::acquire
