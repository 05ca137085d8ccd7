// Experiment files: presets load, every default is written out, overrides
// apply, and bad configs are errors naming the key and the value.
#include "bdal/experiment/config.h"
#include "bdal/core/error.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>

namespace bdal::experiment {
namespace {

std::string write_yaml(const bdal::testing::TempDir& dir, const std::string& text) {
  const auto path = dir / "exp.yaml";
  std::ofstream(path) << text;
  return path.string();
}

std::string usage_error(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no UsageError)";
}

TEST(Config, PresetsLoadWithTheirProtocols) {
  const Experiment pilz = load_experiment("pilz2025-mnist", {});
  EXPECT_EQ(pilz.config.model, "lenet5");
  EXPECT_EQ(pilz.config.split.initial_per_class, 2);
  EXPECT_EQ(pilz.config.split.validation_size, 1000);
  EXPECT_EQ(pilz.config.split.test_size, 3000);
  EXPECT_EQ(pilz.config.pool_subset, 5000);
  EXPECT_EQ(pilz.config.score_samples, 64);
  EXPECT_EQ(pilz.config.trainer.optimizer, "adamw");
  EXPECT_DOUBLE_EQ(pilz.config.trainer.weight_decay, 0.01);
  EXPECT_EQ(pilz.config.trainer.epochs, 400);
  EXPECT_EQ(pilz.config.trainer.batch_size, 0);
  EXPECT_EQ(pilz.seeds, (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_FALSE(pilz.source.empty());

  const Experiment gal = load_experiment("gal2017-mnist", {});
  EXPECT_EQ(gal.config.model, "gal-cnn");
  EXPECT_EQ(gal.config.split.validation_size, 100);
  EXPECT_EQ(gal.config.score_samples, 20);

  const Experiment random = load_experiment("random-baseline-mnist", {});
  EXPECT_EQ(random.config.strategy, "random");
  EXPECT_EQ(random.config.budget, 1020);
  EXPECT_EQ(random.seeds.size(), 10u);

  // Only the strategy differs from pilz2025-mnist, so its bald and random
  // cells are the grid's runs.
  Experiment margin = load_experiment("margin-bald-random-mnist", {});
  EXPECT_EQ(margin.config.strategy, "margin");
  margin.config.strategy = pilz.config.strategy;
  EXPECT_EQ(loop::to_json(margin.config), loop::to_json(pilz.config));
  EXPECT_EQ(margin.seeds, pilz.seeds);

  const Experiment fashion = load_experiment("fashion-mnist-mlp", {});
  EXPECT_EQ(fashion.config.dataset, "fashion-mnist");
  EXPECT_EQ(fashion.config.model, "mlp");
  EXPECT_EQ(fashion.config.model_options.hidden, 256);
  EXPECT_EQ(fashion.config.split.initial_random, 500);
  EXPECT_EQ(fashion.config.acquisition_size, 100);
  EXPECT_EQ(fashion.config.rounds, 100);
  EXPECT_EQ(fashion.config.trainer.optimizer, "adam");
  EXPECT_DOUBLE_EQ(fashion.config.trainer.learning_rate, 3e-4);
  EXPECT_EQ(fashion.config.trainer.patience, 10);
  EXPECT_EQ(fashion.config.score_samples, 20);
  EXPECT_EQ(fashion.config.strategy_options.prefilter, 1000);
  fashion.config.validate();

  // The decision-boundary figure: a handful of labelled points on two-moons.
  const Experiment moons = load_experiment("two-moons-boundary", {});
  EXPECT_EQ(moons.config.dataset, "two-moons");
  EXPECT_EQ(moons.config.model, "moons-mlp");
  EXPECT_EQ(moons.config.split.initial_per_class, 5);
  EXPECT_EQ(moons.config.acquisition_size, 10);
  moons.config.validate();

  // The epochs-versus-labels study: training-only sweeps over one key each.
  using Vary = std::vector<std::pair<std::string, std::vector<std::string>>>;
  const Experiment epochs = load_experiment("scaling-epochs-mnist", {});
  EXPECT_EQ(epochs.config.rounds, 0);
  EXPECT_EQ(epochs.config.split.initial_per_class, 5);
  EXPECT_FALSE(epochs.config.trainer.keep_best);
  EXPECT_EQ(epochs.sweep.vary,
            (Vary{{"trainer.epochs",
                   {"1", "2", "4", "8", "16", "32", "64", "128", "256", "512", "1024", "2048"}}}));
  const Experiment labels = load_experiment("scaling-labels-mnist", {});
  EXPECT_EQ(labels.config.rounds, 0);
  EXPECT_EQ(labels.config.trainer.epochs, 10);
  EXPECT_EQ(
      labels.sweep.vary,
      (Vary{{"split.initial_per_class", {"2", "4", "8", "16", "32", "64", "128", "256", "512"}}}));
  const Experiment schedule = load_experiment("epochs-schedule-mnist", {});
  EXPECT_EQ(schedule.sweep.vary, (Vary{{"trainer.epochs_schedule", {"fixed", "constant-steps"}}}));
  EXPECT_EQ(schedule.config.trainer.batch_size, 64);  // a schedule needs minibatches to differ
  // K = 1 vs K = 10 at the same budget.
  const Experiment k = load_experiment("k1-vs-k10-mnist", {});
  EXPECT_EQ(k.config.budget, 120);
  EXPECT_EQ(k.sweep.vary, (Vary{{"acquisition_size", {"1", "10"}}}));
  // Dirty-MNIST: the four strategies of the comparison.
  const Experiment dirty = load_experiment("dirty-mnist", {});
  EXPECT_EQ(dirty.config.dataset, "dirty-mnist");
  EXPECT_EQ(dirty.sweep.strategies,
            (std::vector<std::string>{"max-entropy", "bald", "margin", "random"}));
}

TEST(Config, OverridesApplyWithYamlTypes) {
  const Experiment e = load_experiment(
      "pilz2025-mnist", {"trainer.epochs=5", "strategy=max-entropy", "trainer.learning_rate=3e-4",
                         "reinitialise=false", "seeds=[7, 8]"});
  EXPECT_EQ(e.config.trainer.epochs, 5);
  EXPECT_EQ(e.config.strategy, "max-entropy");
  EXPECT_DOUBLE_EQ(e.config.trainer.learning_rate, 3e-4);
  EXPECT_FALSE(e.config.reinitialise);
  EXPECT_EQ(e.seeds, (std::vector<uint64_t>{7, 8}));
}

TEST(Config, ResolvedConfigRoundTripsThroughYaml) {
  bdal::testing::TempDir dir;
  const Experiment e = load_experiment("gal2017-mnist", {"rounds=3"});
  const std::string path = write_yaml(dir, json_to_yaml(to_json(e)));
  const Experiment again = load_experiment(path, {});
  EXPECT_EQ(to_json(again), to_json(e));
  // Every key is written out, defaults included.
  const auto json = loop::to_json(e.config);
  for (const auto& key : loop::config_keys()) {
    std::string pointer = "/" + key;
    for (char& c : pointer)
      if (c == '.') c = '/';
    EXPECT_TRUE(json.contains(nlohmann::json::json_pointer(pointer))) << key;
  }
}

TEST(Config, UnknownKeyIsNamedWithTheKnownOnes) {
  bdal::testing::TempDir dir;
  const std::string path = write_yaml(dir, "dataset: mnist\ntrainer:\n  epoch: 5\n");
  const std::string msg = usage_error([&] { load_experiment(path, {}); });
  EXPECT_NE(msg.find("unknown key 'trainer.epoch'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("trainer.epochs"), std::string::npos) << msg;
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
}

TEST(Config, WrongTypesAreNamed) {
  bdal::testing::TempDir dir;
  EXPECT_NE(usage_error([&] {
              load_experiment(write_yaml(dir, "rounds: ten\n"), {});
            }).find("'rounds' must be an integer, got the string \"ten\""),
            std::string::npos);
  EXPECT_NE(usage_error([&] {
              load_experiment(write_yaml(dir, "rounds: 2.5\n"), {});
            }).find("'rounds' must be an integer, got the number 2.5"),
            std::string::npos);
  EXPECT_NE(usage_error([&] {
              load_experiment(write_yaml(dir, "reinitialise: 1\n"), {});
            }).find("'reinitialise' must be true or false"),
            std::string::npos);
  EXPECT_NE(usage_error([&] {
              load_experiment(write_yaml(dir, "seed: -1\n"), {});
            }).find("'seed' must be a non-negative integer"),
            std::string::npos);
  EXPECT_NE(usage_error([&] {
              load_experiment(write_yaml(dir, "[1, 2]\n"), {});
            }).find("must be a mapping"),
            std::string::npos);
  EXPECT_NE(usage_error([&] {
              load_experiment(write_yaml(dir, "rounds: [1\n"), {});
            }).find("not valid YAML"),
            std::string::npos);
}

TEST(Config, ImpossibleValuesAreNamed) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"score_samples=0", "score_samples (MC samples K) must be >= 1, got 0"},
      {"acquisition_size=0", "acquisition_size must be >= 1, got 0"},
      {"pool_subset=5", "pool_subset = 5 is smaller than acquisition_size = 10"},
      {"trainer.epochs=-3", "epochs must be >= 1, got -3"},
      {"model_options.dropout=1.0", "model_options.dropout must be < 1, got 1"},
      {"strategy=oracle", "unknown strategy 'oracle'; known strategies: random, max-entropy, bald"},
      {"model=resnet", "unknown model 'resnet'"},
      {"dataset=cifar", "unknown dataset 'cifar'"},
      {"trainer.optimizer=rmsprop", "unknown optimizer 'rmsprop'"},
      {"split.initial_per_class=0", "the initial labelled set is empty"},
  };
  for (const auto& [set, expected] : cases) {
    const std::string msg = usage_error([&] { load_experiment("pilz2025-mnist", {set}); });
    EXPECT_NE(msg.find(expected), std::string::npos) << set << " -> " << msg;
  }
  EXPECT_NE(usage_error([&] { load_experiment("pilz2025-mnist", {"rounds"}); }).find("key=value"),
            std::string::npos);
}

TEST(Config, UnknownPresetListsThePresets) {
  const std::string msg = usage_error([] { load_experiment("pilz2026", {}); });
  EXPECT_NE(msg.find("no experiment file or preset 'pilz2026'"), std::string::npos) << msg;
  EXPECT_NE(
      msg.find(
          "dirty-mnist, epochs-schedule-mnist, fashion-mnist-mlp, gal2017-mnist, k1-vs-k10-mnist, "
          "margin-bald-random-mnist, pilz2025-mnist, quickstart-mnist, "
          "random-baseline-mnist, scaling-epochs-mnist, scaling-labels-mnist, "
          "two-moons-boundary"),
      std::string::npos)
      << msg;
}

}  // namespace
}  // namespace bdal::experiment
