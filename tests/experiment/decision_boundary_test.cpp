// The decision-boundary study on a small two-moons problem (a second or
// so): its model and picks are round 0 of the loop with the same config,
// its maps are consistent with each other, and it refuses what it cannot draw.
#include "bdal/experiment/decision_boundary.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "bdal/core/error.h"
#include "bdal/data/two_moons.h"
#include "bdal/loop/active_learning.h"
#include "bdal/loop/rounds_file.h"
#include "test_support.h"

namespace bdal::experiment {
namespace {

loop::LoopConfig small_moons_config() {
  loop::LoopConfig c;
  c.dataset = "two-moons";
  c.model = "moons-mlp";
  c.seed = 4;
  c.split.initial_per_class = 3;
  c.split.validation_size = 40;
  c.acquisition_size = 4;
  c.rounds = 1;
  c.pool_subset = 150;  // the study draws the same subset as the loop
  c.score_samples = 16;
  c.eval_samples = 16;
  c.trainer.epochs = 60;
  c.trainer.batch_size = 0;
  c.trainer.learning_rate = 0.02;
  return c;
}

data::TrainTest small_moons_data() {
  data::TwoMoonsOptions o;
  o.train_size = 300;
  o.test_size = 200;
  o.seed = 4;
  return data::load_two_moons(o);
}

BoundaryOptions small_options(std::vector<std::string> strategies) {
  BoundaryOptions o;
  o.strategies = std::move(strategies);
  o.grid_size = 24;
  return o;
}

TEST(DecisionBoundary, ModelAndPicksAreRoundZeroOfTheLoop) {
  const data::TrainTest data = small_moons_data();
  const BoundaryMaps maps = compute_decision_boundary(
      small_moons_config(), data, small_options({"bald", "random", "core-set"}));
  ASSERT_EQ(maps.picks.size(), 3u);
  for (const StrategyPicks& picks : maps.picks) {
    SCOPED_TRACE(picks.strategy);
    testing::TempDir dir;
    loop::LoopConfig config = small_moons_config();
    config.strategy = picks.strategy;
    loop::RunOptions run;
    run.run_dir = dir.path();
    loop::run_active_learning(config, data, run);
    const auto records = loop::read_rounds_file(dir / "rounds.jsonl", false).records;
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].at("acquired").get<std::vector<int64_t>>(), picks.rows);
    EXPECT_DOUBLE_EQ(records[0].at("test").at("accuracy").get<double>(), maps.test_accuracy);
    EXPECT_DOUBLE_EQ(records[0].at("test").at("nll").get<double>(), maps.test_nll);
    // The picks' coordinates are those training rows.
    const at::Tensor rows = at::tensor(picks.rows, at::kLong);
    EXPECT_TRUE(
        at::equal(picks.picks_B_2, data.train.inputs.index_select(0, rows).to(at::kDouble)));
  }
  EXPECT_EQ(maps.pool_N_2.size(0), 150);
  EXPECT_EQ(maps.labelled_M_2.size(0), 6);
}

TEST(DecisionBoundary, MapsAreConsistent) {
  const data::TrainTest data = small_moons_data();
  const BoundaryMaps maps = compute_decision_boundary(
      small_moons_config(), data, small_options({"max-entropy", "bald", "margin", "random"}));
  const int64_t g = 24;
  for (const at::Tensor& m : {maps.entropy_G_G, maps.bald_G_G, maps.class1_probability_G_G}) {
    EXPECT_EQ(m.sizes(), (at::IntArrayRef{g, g}));
    EXPECT_EQ(m.scalar_type(), at::kDouble);
  }
  EXPECT_GE(maps.entropy_G_G.min().item<double>(), 0.0);
  EXPECT_LE(maps.entropy_G_G.max().item<double>(), std::log(2.0) + 1e-6);
  EXPECT_GE(maps.bald_G_G.min().item<double>(), -1e-6);
  EXPECT_TRUE((maps.bald_G_G <= maps.entropy_G_G + 1e-6).all().item<bool>());
  EXPECT_GE(maps.class1_probability_G_G.min().item<double>(), 0.0);
  EXPECT_LE(maps.class1_probability_G_G.max().item<double>(), 1.0);
  // Binary entropy is largest where the classes are equally likely.
  const at::Tensor p = maps.class1_probability_G_G;
  const at::Tensor binary_entropy = -(p * p.log() + (1 - p) * (1 - p).log());
  EXPECT_TRUE(at::allclose(binary_entropy.nan_to_num(0.0), maps.entropy_G_G, 1e-5, 1e-5));
  // The grid covers every point, with the padding around it.
  const at::Tensor all = at::cat({data.train.inputs, data.test.inputs}).to(at::kDouble);
  EXPECT_NEAR(maps.x_G[0].item<double>(), all.select(1, 0).min().item<double>() - 0.5, 1e-9);
  EXPECT_NEAR(maps.y_G[-1].item<double>(), all.select(1, 1).max().item<double>() + 0.5, 1e-9);

  // Each panel's map: max-entropy's is the entropy, bald's BALD, random shows entropy.
  EXPECT_TRUE(at::allclose(maps.picks[0].map_G_G, maps.entropy_G_G));
  EXPECT_TRUE(at::allclose(maps.picks[1].map_G_G, maps.bald_G_G));
  EXPECT_EQ(maps.picks[3].map_name, "predictive entropy");
  // max-entropy takes the top of the pool's entropy, bald the top of its BALD.
  for (const auto& [index, score] : {std::pair{0, &maps.pool_entropy_N}, {1, &maps.pool_bald_N}}) {
    const StrategyPicks& picks = maps.picks[index];
    std::set<int64_t> chosen(picks.positions.begin(), picks.positions.end());
    EXPECT_EQ(chosen.size(), 4u);
    double lowest_chosen = 1e9, highest_other = -1e9;
    for (int64_t i = 0; i < score->size(0); ++i) {
      const double v = (*score)[i].item<double>();
      if (chosen.count(i))
        lowest_chosen = std::min(lowest_chosen, v);
      else
        highest_other = std::max(highest_other, v);
    }
    EXPECT_GE(lowest_chosen, highest_other - 1e-9) << picks.strategy;
  }
}

TEST(DecisionBoundary, SameSeedSameMaps) {
  const data::TrainTest data = small_moons_data();
  const auto a = compute_decision_boundary(small_moons_config(), data, small_options({"bald"}));
  const auto b = compute_decision_boundary(small_moons_config(), data, small_options({"bald"}));
  EXPECT_TRUE(at::equal(a.bald_G_G, b.bald_G_G));
  EXPECT_EQ(a.picks[0].rows, b.picks[0].rows);
}

// The message of the UsageError that computing the study with these throws.
std::string refusal(const loop::LoopConfig& config, const data::TrainTest& data,
                    const BoundaryOptions& options) {
  return testing::usage_error_message([&] { compute_decision_boundary(config, data, options); });
}

TEST(DecisionBoundary, RefusesWhatItCannotDraw) {
  const loop::LoopConfig config = small_moons_config();
  const data::TrainTest moons = small_moons_data();
  EXPECT_TRUE(testing::HasSubstr(refusal(config, moons, small_options({"csal"})),
                                 "strategy 'csal' needs image augmentations"));
  EXPECT_TRUE(
      testing::HasSubstr(refusal(config, moons, small_options({})), "at least one strategy"));
  BoundaryOptions tiny_grid = small_options({"bald"});
  tiny_grid.grid_size = 1;
  EXPECT_TRUE(testing::HasSubstr(refusal(config, moons, tiny_grid),
                                 "grid size must be in [2, 2000], got 1"));
  data::TrainTest three_d = moons;
  three_d.train.inputs = at::cat({moons.train.inputs, moons.train.inputs.slice(1, 0, 1)}, 1);
  EXPECT_TRUE(
      testing::HasSubstr(refusal(config, three_d, small_options({"bald"})), "needs 2-D inputs"));
}

}  // namespace
}  // namespace bdal::experiment
