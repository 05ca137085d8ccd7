#include "bdal/experiment/sweep.h"
#include "bdal/core/dir_lock.h"
#include "bdal/core/error.h"
#include "bdal/experiment/config.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>

namespace bdal::experiment {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::TempDir;

std::string write_moons_experiment(const TempDir& dir) {
  const auto path = dir / "moons.yaml";
  std::ofstream(path) << "name: moons\ndataset: two-moons\nmodel: moons-mlp\nstrategy: bald\n"
                         "seeds: [1, 2]\nsplit: {initial_per_class: 2, validation_size: 20}\n"
                         "two_moons: {train_size: 200, test_size: 100}\n"
                         "acquisition_size: 5\nrounds: 3\nscore_samples: 4\neval_samples: 4\n"
                         "trainer: {epochs: 5, batch_size: 0}\n";
  return path.string();
}

std::string write_yaml_text(const TempDir& dir, const std::string& text) {
  const auto path = dir / "written.yaml";
  std::ofstream(path) << text;
  return path.string();
}

TEST(SweepPlan, CellsAreSeedMajorWithSweptKeysInTheirNames) {
  TempDir dir;
  SweepSpec spec;
  spec.experiment = write_moons_experiment(dir);
  spec.strategies = {"random", "bald"};
  spec.vary = {parse_vary("acquisition_size=1,10")};
  const SweepPlan plan = plan_sweep(spec);
  std::vector<std::string> names;
  for (const auto& c : plan.cells) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "random-acquisition_size=1-seed1", "bald-acquisition_size=1-seed1",
                       "random-acquisition_size=10-seed1", "bald-acquisition_size=10-seed1",
                       "random-acquisition_size=1-seed2", "bald-acquisition_size=1-seed2",
                       "random-acquisition_size=10-seed2", "bald-acquisition_size=10-seed2"}));
  EXPECT_EQ(plan.cells[2].sets, (std::vector<std::string>{"acquisition_size=10"}));
  EXPECT_EQ(plan.cells[2].planned_rounds, 4);  // rounds 0..3
}

TEST(SweepPlan, DefaultsToTheExperimentsStrategyAndSeeds) {
  TempDir dir;
  SweepSpec spec;
  spec.experiment = write_moons_experiment(dir);
  const SweepPlan plan = plan_sweep(spec);
  ASSERT_EQ(plan.cells.size(), 2u);
  EXPECT_EQ(plan.cells[0].name, "bald-seed1");
  EXPECT_EQ(plan.cells[1].name, "bald-seed2");
}

TEST(SweepPlan, TheExperimentFilesSweepSectionIsTheDefault) {
  TempDir dir;
  const auto path = dir / "swept.yaml";
  {
    std::ifstream in(write_moons_experiment(dir));
    std::ofstream(path) << in.rdbuf()
                        << "sweep:\n  strategies: [random, margin]\n"
                           "  vary:\n    trainer.epochs: [1, 3]\n";
  }
  SweepSpec spec;
  spec.experiment = path.string();
  spec.seeds = {1};
  std::vector<std::string> names;
  for (const auto& c : plan_sweep(spec).cells) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "random-trainer.epochs=1-seed1", "margin-trainer.epochs=1-seed1",
                       "random-trainer.epochs=3-seed1", "margin-trainer.epochs=3-seed1"}));
  // The command line's --strategies and --vary replace the file's.
  spec.strategies = {"bald"};
  spec.vary = {parse_vary("acquisition_size=2")};
  names.clear();
  for (const auto& c : plan_sweep(spec).cells) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"bald-acquisition_size=2-seed1"}));
  // The sweep directory keeps the section, and a cell's `bdal run` reads it back.
  const Experiment e = load_experiment(path.string(), {});
  const Experiment again = load_experiment(write_yaml_text(dir, json_to_yaml(to_json(e))), {});
  EXPECT_EQ(again.sweep.strategies, (std::vector<std::string>{"random", "margin"}));
  ASSERT_EQ(again.sweep.vary.size(), 1u);
  EXPECT_EQ(again.sweep.vary[0].first, "trainer.epochs");
  EXPECT_EQ(again.sweep.vary[0].second, (std::vector<std::string>{"1", "3"}));
  // A section with swept keys only reads back too.
  Experiment vary_only = e;
  vary_only.sweep.strategies.clear();
  const Experiment read =
      load_experiment(write_yaml_text(dir, json_to_yaml(to_json(vary_only))), {});
  EXPECT_TRUE(read.sweep.strategies.empty());
  EXPECT_EQ(read.sweep.vary, vary_only.sweep.vary);
}

TEST(SweepPlan, ABadSweepSectionIsNamed) {
  TempDir dir;
  const std::string base = "dataset: two-moons\nmodel: moons-mlp\n";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"sweep: [bald]\n", "'sweep' must be a mapping"},
      {"sweep: {strategy: [bald]}\n", "unknown key sweep.strategy (known: strategies, vary)"},
      {"sweep: {strategies: []}\n", "sweep.strategies must be a non-empty list"},
      {"sweep: {vary: {rounds: 3}}\n", "sweep.vary.rounds must be a non-empty list"},
      {"sweep: {vary: {seed: [1, 2]}}\n", "sweep.vary.seed: list seeds in the file's top-level"},
      {"sweep: {vary: {strategy: [bald]}}\n", "list strategies under sweep.strategies"},
      {"sweep: {vary: {rounds: [[1]]}}\n", "sweep.vary.rounds must list numbers"},
  };
  for (const auto& [text, message] : cases)
    EXPECT_TRUE(HasSubstr(testing::usage_error_message(
                              [&] { load_experiment(write_yaml_text(dir, base + text), {}); }),
                          message))
        << text;
}

TEST(SweepPlan, BadCellsAreUsageErrorsBeforeAnythingRuns) {
  TempDir dir;
  SweepSpec spec;
  spec.experiment = write_moons_experiment(dir);
  spec.strategies = {"bald", "oracle"};
  EXPECT_THROW(plan_sweep(spec), UsageError);
  spec.strategies = {};
  spec.vary = {parse_vary("score_samples=4,0")};
  EXPECT_THROW(plan_sweep(spec), UsageError);
  for (const char* bad :
       {"acquisition_size", "=1,2", "acquisition_size=", "k=1,,2", "seed=1,2", "strategy=bald"})
    EXPECT_THROW(parse_vary(bad), UsageError) << bad;
}

TEST(SweepDir, IsRefusedForADifferentExperimentButReusedForMoreRounds) {
  TempDir dir;
  SweepSpec spec;
  spec.experiment = write_moons_experiment(dir);
  prepare_sweep_dir(plan_sweep(spec), dir / "sweep");
  EXPECT_TRUE(std::filesystem::exists(dir / "sweep" / "experiment.yaml"));
  EXPECT_TRUE(std::filesystem::exists(dir / "sweep" / "sweep.json"));
  spec.sets = {"rounds=7"};
  EXPECT_NO_THROW(prepare_sweep_dir(plan_sweep(spec), dir / "sweep"));
  spec.sets = {"trainer.epochs=9"};
  try {
    prepare_sweep_dir(plan_sweep(spec), dir / "sweep");
    FAIL() << "a different experiment must be refused";
  } catch (const UsageError& e) {
    EXPECT_TRUE(HasSubstr(e.what(), "different experiment (differs in: trainer)")) << e.what();
  }
}

TEST(SweepDir, ASweepAlreadyRunningThereIsRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  SweepSpec spec;
  spec.experiment = write_moons_experiment(dir);
  const core::DirLock running_sweep(dir / "sweep");  // as another `bdal sweep` holds it
  CellLaunch launch;
  launch.bdal = "/bin/false";  // never started
  try {
    run_sweep(plan_sweep(spec), dir / "sweep", launch, SweepRunOptions{});
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_TRUE(HasSubstr(e.what(), "in use by another bdal process")) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "sweep" / "experiment.yaml"));
  EXPECT_FALSE(std::filesystem::exists(dir / "sweep" / "sweep.json"));
}

TEST(SweepDir, StartedBeforeBdalGainedASettingResumesAtItsDefaultOnly) {
  TempDir dir;
  SweepSpec spec;
  spec.experiment = write_moons_experiment(dir);
  prepare_sweep_dir(plan_sweep(spec), dir / "sweep");
  // Rewrite the sweep's experiment as an older bdal wrote it: without the
  // strategy_options it did not have yet.
  const auto yaml = dir / "sweep" / "experiment.yaml";
  nlohmann::json experiment = yaml_to_json(bdal::testing::read_text(yaml), yaml.string());
  ASSERT_EQ(experiment.erase("strategy_options"), 1u);
  const std::string old = json_to_yaml(experiment);
  std::ofstream(yaml) << old;
  EXPECT_NO_THROW(prepare_sweep_dir(plan_sweep(spec), dir / "sweep"));
  std::ofstream(yaml) << old;
  spec.sets = {"strategy_options.temperature=2"};
  EXPECT_THROW(prepare_sweep_dir(plan_sweep(spec), dir / "sweep"), UsageError);
}

TEST(SweepCell, CommandRunsTheSweepsOwnExperimentFile) {
  SweepCell cell;
  cell.name = "bald-acquisition_size=1-seed3";
  cell.strategy = "bald";
  cell.seed = 3;
  cell.sets = {"acquisition_size=1"};
  CellLaunch launch{"/opt/bdal", "/data", 1};
  EXPECT_EQ(cell_command(cell, "/s", launch),
            (std::vector<std::string>{"/opt/bdal", "--data-dir", "/data", "--threads", "1", "run",
                                      "/s/experiment.yaml", "--strategy", "bald", "--seeds", "3",
                                      "--out", "/s/bald-acquisition_size=1-seed3", "--set",
                                      "acquisition_size=1"}));
}

TEST(SweepCell, StatusCountsCompleteRoundsAndSeesTheFinalOne) {
  TempDir dir;
  EXPECT_EQ(cell_status(dir / "missing").rounds_done, 0);
  std::filesystem::create_directories(dir / "cell");
  {
    std::ofstream out(dir / "cell" / "rounds.jsonl");
    out << R"({"round":0,"acquired":[1,2]})"
        << "\n"
        << R"({"round":1,"acquired":[3]})"
        << "\n"
        << R"({"round":2,"acq)";  // torn: a crash mid-line
  }
  CellStatus status = cell_status(dir / "cell");
  EXPECT_EQ(status.rounds_done, 2);
  EXPECT_FALSE(status.complete);
  std::ofstream(dir / "cell" / "rounds.jsonl") << R"({"round":0,"acquired":[1,2]})"
                                               << "\n"
                                               << R"({"round":1,"acquired":[]})"
                                               << "\n";
  status = cell_status(dir / "cell");
  EXPECT_EQ(status.rounds_done, 2);
  EXPECT_TRUE(status.complete);
}

TEST(SlurmScript, OneArrayTaskPerCellWithItsCommandAndLog) {
  TempDir dir;
  SweepSpec spec;
  spec.experiment = write_moons_experiment(dir);
  spec.strategies = {"random", "bald"};
  const SweepPlan plan = plan_sweep(spec);
  SlurmOptions slurm;
  slurm.time = "02:00:00";
  slurm.partition = "short";
  slurm.max_parallel = 3;
  const std::string script = slurm_script(plan, dir / "sw", {"/opt/bdal", "", 2}, slurm);
  EXPECT_TRUE(HasSubstr(script, "#SBATCH --array=0-3%3\n"));
  EXPECT_TRUE(HasSubstr(script, "#SBATCH --cpus-per-task=2\n"));
  EXPECT_TRUE(HasSubstr(script, "#SBATCH --time=02:00:00\n"));
  EXPECT_TRUE(HasSubstr(script, "#SBATCH --partition=short\n"));
  const std::string sw = (dir / "sw").string();
  EXPECT_TRUE(
      HasSubstr(script, "  3) exec '/opt/bdal' '--threads' '2' 'run' '" + sw +
                            "/experiment.yaml' '--strategy' 'bald' '--seeds' '2' '--out' '" + sw +
                            "/bald-seed2' >> '" + sw + "/logs/bald-seed2.log' 2>&1 ;;"))
      << script;
  EXPECT_EQ(script.rfind("#!/bin/bash\n", 0), 0u);
}

}  // namespace
}  // namespace bdal::experiment
