#include "bdal/report/runs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <optional>

#include "bdal/report/published.h"
#include "bdal/report/report.h"
#include "bdal/report/training_curves.h"
#include "test_support.h"

namespace bdal::report {
namespace {

using bdal::testing::TempDir;
using Json = nlohmann::json;

LoopRun config_run(const std::string& strategy, uint64_t seed, int64_t acquisition_size) {
  LoopRun r;
  r.strategy = strategy;
  r.seed = seed;
  r.dir = fmt::format("/runs/{}-{}-{}", strategy, acquisition_size, seed);
  r.config = {{"strategy", strategy}, {"seed", seed},        {"acquisition_size", acquisition_size},
              {"trainer.epochs", 50}, {"rounds", seed * 10}, {"dataset", "mnist"}};
  return r;
}

TEST(ReportRuns, SeriesAreStrategyPlusDifferingKeys) {
  const std::vector<LoopRun> runs{config_run("bald", 2, 5), config_run("bald", 1, 5),
                                  config_run("bald", 1, 10), config_run("random", 1, 5)};
  const std::vector<Series> series = group_series(runs);
  // `rounds` differs too but only changes a run's length; trainer.epochs and dataset agree.
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0].name, "bald acquisition_size=10");
  EXPECT_EQ(series[1].name, "bald acquisition_size=5");
  EXPECT_EQ(series[2].name, "random acquisition_size=5");
  ASSERT_EQ(series[1].runs.size(), 2u);
  EXPECT_EQ(series[1].runs[0]->seed, 1u);  // sorted by seed
  EXPECT_EQ(series[1].runs[1]->seed, 2u);
  EXPECT_EQ(series[1].distinguishing.at("acquisition_size"), 5);
}

TEST(ReportRuns, OnlyStrategyWhenNothingElseDiffers) {
  const std::vector<LoopRun> runs{config_run("bald", 1, 5), config_run("random", 1, 5),
                                  config_run("bald", 2, 5)};
  const auto series = group_series(runs);
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].name, "bald");
  EXPECT_EQ(series[1].name, "random");
  EXPECT_TRUE(series[0].distinguishing.empty());
}

TEST(ReportRuns, SameSeriesAndSeedTwiceIsAnError) {
  const std::vector<LoopRun> runs{config_run("bald", 1, 5), config_run("bald", 1, 5)};
  const std::string message = bdal::testing::runtime_error_message([&] { group_series(runs); });
  EXPECT_TRUE(bdal::testing::HasSubstr(message, "same seed 1"));
}

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string round_line(int64_t round, int64_t n, double acc) {
  return Json{{"schema_version", 1},
              {"round", round},
              {"n_labelled", n},
              {"test", {{"accuracy", acc}, {"nll", 1.0 - acc}, {"mean_mutual_information", 0.1}}},
              {"timings_ms", {{"train", 10.0}, {"score", 2.0}, {"select", 1.0}, {"eval", 3.0}}}}
             .dump() +
         "\n";
}

// A strategy that trains differently (CSAL) starts from another round-0
// model than random's: the report says so rather than crediting acquisition.
TEST(ReportRuns, ARoundZeroThatDiffersFromRandomsIsNoted) {
  TempDir dir;
  for (const std::string strategy : {"random", "bald", "csal"})
    for (uint64_t seed : {1, 2}) {
      const std::filesystem::path run = dir / fmt::format("{}-seed{}", strategy, seed);
      write_text(run / "config.json",
                 Json{{"strategy", strategy}, {"seed", seed}, {"dataset", "fashion-mnist"}}.dump());
      const double start = strategy == "csal" ? 0.52 : 0.5;
      write_text(run / "rounds.jsonl", round_line(0, 20, start) + round_line(1, 30, 0.6));
    }
  ReportOptions options;
  options.in_dir = dir.path();
  options.figures = false;
  const Report report = build_report(options);
  std::vector<std::string> round_zero_notes;
  for (const std::string& note : report.notes)
    if (bdal::testing::HasSubstr(note, "at round 0")) round_zero_notes.push_back(note);
  ASSERT_EQ(round_zero_notes.size(), 1u);
  EXPECT_TRUE(bdal::testing::HasSubstr(round_zero_notes[0], "series csal minus random"));
  EXPECT_TRUE(bdal::testing::HasSubstr(round_zero_notes[0], "+0.0200"));
  // One paired seed has no sd (NaN): an equal round 0 is still no difference.
  for (const std::string strategy : {"random", "bald", "csal"})
    std::filesystem::remove_all(dir / fmt::format("{}-seed2", strategy));
  int notes_of_one_seed = 0;
  for (const std::string& note : build_report(options).notes)
    notes_of_one_seed += bdal::testing::HasSubstr(note, "at round 0") ? 1 : 0;
  EXPECT_EQ(notes_of_one_seed, 1) << "only csal's round 0 differs";
}

TEST(ReportRuns, ReadsARunAndIgnoresATornLastLine) {
  TempDir dir;
  write_text(dir / "a" / "config.json",
             R"({"strategy":"bald","seed":3,"split":{"test_size":100}})");
  write_text(dir / "a" / "rounds.jsonl",
             round_line(0, 20, 0.5) + round_line(1, 30, 0.6) + R"({"round":2,"n_lab)");
  const std::string before =
      round_line(0, 20, 0.5) + round_line(1, 30, 0.6) + R"({"round":2,"n_lab)";
  const LoopRun run = read_run(dir / "a");
  EXPECT_EQ(run.strategy, "bald");
  EXPECT_EQ(run.seed, 3u);
  EXPECT_EQ(run.config.at("split.test_size"), 100);
  ASSERT_EQ(run.rounds.size(), 2u);
  EXPECT_TRUE(run.torn_line_ignored);
  EXPECT_EQ(run.initial_labelled(), 20);
  EXPECT_DOUBLE_EQ(run.rounds[1].accuracy, 0.6);
  EXPECT_DOUBLE_EQ(run.rounds[1].train_ms, 10.0);
  // The report only reads: the torn line is still in the file.
  std::ifstream in(dir / "a" / "rounds.jsonl");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), before);
}

TEST(ReportRuns, TrainAccuracyIsReadWhereTheRecordsKeepIt) {
  TempDir dir;
  write_text(dir / "a" / "config.json", R"({"strategy":"bald","seed":3})");
  Json kept = Json::parse(round_line(1, 30, 0.6));
  kept["train"] = {{"accuracy", 0.97}};
  write_text(dir / "a" / "rounds.jsonl", round_line(0, 20, 0.5) + kept.dump() + "\n");
  const LoopRun run = read_run(dir / "a");
  ASSERT_EQ(run.rounds.size(), 2u);
  EXPECT_TRUE(std::isnan(run.rounds[0].train_accuracy));  // an older record: not kept
  EXPECT_DOUBLE_EQ(run.rounds[1].train_accuracy, 0.97);
  kept["train"] = {{"accuracy", "high"}};
  write_text(dir / "a" / "rounds.jsonl", kept.dump() + "\n");
  const std::string message = bdal::testing::runtime_error_message([&] { read_run(dir / "a"); });
  EXPECT_TRUE(bdal::testing::HasSubstr(message, "/train/accuracy")) << message;
}

TEST(ReportRuns, ReadsConfigYamlWhenThereIsNoJson) {
  TempDir dir;
  write_text(dir / "r" / "config.yaml", "# comment\nstrategy: random\nseed: 2\n");
  write_text(dir / "r" / "rounds.jsonl", round_line(0, 20, 0.5));
  const LoopRun run = read_run(dir / "r");
  EXPECT_EQ(run.strategy, "random");
  EXPECT_EQ(run.seed, 2u);
}

TEST(ReportRuns, MissingFieldsAreNamed) {
  TempDir dir;
  write_text(dir / "r" / "config.json", R"({"strategy":"bald","seed":1})");
  write_text(dir / "r" / "rounds.jsonl", R"({"round":0,"n_labelled":20,"test":{"nll":1}})"
                                         "\n");
  const std::string m = bdal::testing::runtime_error_message([&] { read_run(dir / "r"); });
  EXPECT_TRUE(bdal::testing::HasSubstr(m, "line 1: field '/test/accuracy'"));
  write_text(dir / "s" / "rounds.jsonl", round_line(0, 20, 0.5));
  const std::string no_config = bdal::testing::runtime_error_message([&] { read_run(dir / "s"); });
  EXPECT_TRUE(bdal::testing::HasSubstr(no_config, "neither config.json nor config.yaml"));
}

TEST(ReportRuns, FindsRunDirectoriesRecursively) {
  TempDir dir;
  write_text(dir / "sweep" / "b" / "rounds.jsonl", "");
  write_text(dir / "sweep" / "a" / "deeper" / "rounds.jsonl", "");
  write_text(dir / "other" / "epochs.jsonl", "");
  const auto found = find_dirs_with(dir.path(), "rounds.jsonl");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], dir / "sweep" / "a" / "deeper");
  EXPECT_EQ(found[1], dir / "sweep" / "b");
}

TEST(ReportRuns, ReadsTrainingCurves) {
  TempDir dir;
  write_text(dir / "t" / "config.json", R"({"model":"lenet5","dataset":"mnist"})");
  write_text(
      dir / "t" / "epochs.jsonl",
      R"({"epoch":1,"train":{"loss":0.3,"accuracy":0.9},"test":{"accuracy":0.97,"nll":0.08}})"
      "\n"
      R"({"epoch":2,"train":{"loss":0.1,"accuracy":0.96}})"
      "\n");
  const TrainingRun t = read_training_run(dir / "t");
  EXPECT_EQ(t.label, "lenet5 on mnist");
  ASSERT_EQ(t.epochs.size(), 2u);
  EXPECT_DOUBLE_EQ(t.epochs[0].train_nll, 0.3);
  EXPECT_TRUE(t.epochs[0].has_test);
  EXPECT_DOUBLE_EQ(t.epochs[0].test_nll, 0.08);
  EXPECT_FALSE(t.epochs[1].has_test);
}

TEST(ReportRuns, EmptyDirectoryIsAUsageErrorNamingIt) {
  TempDir dir;
  ReportOptions o;
  o.in_dir = dir.path();
  const std::string m = bdal::testing::usage_error_message([&] { build_report(o); });
  EXPECT_TRUE(bdal::testing::HasSubstr(m, dir.path().string()));
  EXPECT_TRUE(bdal::testing::HasSubstr(m, "rounds.jsonl"));
}

TEST(ReportRuns, OptionsAreValidated) {
  TempDir dir;
  ReportOptions o;
  o.in_dir = dir.path();
  o.errors = {0.1, 1.5};
  EXPECT_TRUE(
      bdal::testing::HasSubstr(bdal::testing::usage_error_message([&] { o.validate(); }), "1.5"));
  o.errors = {0.1};
  o.metric = "f1";
  EXPECT_THROW(o.validate(), UsageError);
  o.metric = "nll";
  EXPECT_NO_THROW(o.validate());
  EXPECT_EQ(o.resolved_out_dir(), dir / "report");
}

TEST(ReportPublished, ProtocolsAndCounts) {
  const PublishedTable* gal = find_published("mnist", "gal-cnn");
  ASSERT_NE(gal, nullptr);
  EXPECT_EQ(gal->id, "gal2017");
  const PublishedTable* pilz = find_published("mnist", "lenet5");
  ASSERT_NE(pilz, nullptr);
  EXPECT_EQ(pilz->method, "Average-Step");
  EXPECT_EQ(find_published("fashion-mnist", "lenet5"), nullptr);
  for (const PublishedRow& row : pilz->rows)
    if (row.strategy == "random") {
      EXPECT_EQ(published_count(row, 0.10), 200);
      EXPECT_EQ(published_count(row, 0.05), 610);
      EXPECT_EQ(published_count(row, 0.02), -1);
    }
}

}  // namespace
}  // namespace bdal::report

namespace bdal::report {
namespace {

void write_run_dir(const std::filesystem::path& dir, const std::string& strategy, int seed,
                   int64_t acquisition_size, const std::vector<double>& accuracy) {
  write_text(dir / "config.json", Json{{"strategy", strategy},
                                       {"seed", seed},
                                       {"acquisition_size", acquisition_size},
                                       {"dataset", "two-moons"},
                                       {"model", "moons-mlp"}}
                                      .dump());
  std::string lines;
  for (size_t r = 0; r < accuracy.size(); ++r)
    lines += round_line(static_cast<int64_t>(r), 10 + acquisition_size * static_cast<int64_t>(r),
                        accuracy[r]);
  write_text(dir / "rounds.jsonl", lines);
}

TEST(ReportBuild, RaggedSeedsAreNotedAndRandomIsMatchedBySeriesKeys) {
  TempDir dir;
  write_run_dir(dir / "b1", "bald", 1, 5, {0.5, 0.8, 0.95});
  write_run_dir(dir / "b2", "bald", 2, 5, {0.5, 0.9});  // still running: one round fewer
  write_run_dir(dir / "r1", "random", 1, 5, {0.5, 0.7, 0.9});
  write_run_dir(dir / "r2", "random", 2, 5, {0.5, 0.7, 0.8});
  write_run_dir(dir / "c1", "bald", 1, 10, {0.5, 0.9});
  ReportOptions o;
  o.in_dir = dir.path();
  o.errors = {0.10};
  const Report report = build_report(o);
  ASSERT_EQ(report.series.size(), 3u);
  const SeriesReport& bald5 = report.series[1];
  EXPECT_EQ(bald5.series.name, "bald acquisition_size=5");
  // n_labelled 20 is averaged; 15 is only in seed 1 and is left out (and noted).
  ASSERT_EQ(bald5.curves.points.size(), 2u);
  EXPECT_EQ(bald5.curves.n_labelled_not_in_all_seeds, (std::vector<int64_t>{20}));
  bool noted = false;
  for (const std::string& n : report.notes)
    noted = noted || n.find("bald acquisition_size=5: n_labelled 20 are not in every seed") !=
                         std::string::npos;
  EXPECT_TRUE(noted) << fmt::format("{}", fmt::join(report.notes, "\n"));
  // Step-Average uses each seed's whole curve: seed 1 reaches 10% at 20, seed 2 at 15.
  EXPECT_EQ(bald5.to_error[0].step_labelled.per_seed[0], 20);
  EXPECT_EQ(bald5.to_error[0].step_labelled.per_seed[1], 15);
  EXPECT_EQ(bald5.to_error[0].step_acquired.per_seed[1], 5);
  // The averaged curve (0.5, 0.85) never gets there.
  EXPECT_FALSE(bald5.to_error[0].average_labelled.has_value());
  const SeriesReport* random = report.random_for(bald5);
  ASSERT_NE(random, nullptr);
  EXPECT_EQ(random->series.name, "random acquisition_size=5");
  EXPECT_EQ(report.random_for(report.series[0]), nullptr);  // no random with size 10
  // Paired with random by seed: sizes 10 and 15 (20 is missing from bald seed 2,
  // so it is left out and noted). At 15: .8 - .7 and .9 - .7. Areas over
  // 10..15: .65 - .6 and .7 - .6.
  ASSERT_TRUE(bald5.vs_random.has_value());
  EXPECT_EQ(bald5.vs_random->seeds, (std::vector<uint64_t>{1, 2}));
  ASSERT_EQ(bald5.vs_random->points.size(), 2u);
  EXPECT_NEAR(bald5.vs_random->points[1].difference.mean, 0.15, 1e-12);
  EXPECT_NEAR(bald5.vs_random->area_difference.mean, 0.075, 1e-12);
  EXPECT_EQ(bald5.vs_random->sizes_left_out, (std::vector<int64_t>{20}));
  bool left_out_noted = false;
  for (const std::string& n : report.notes)
    left_out_noted =
        left_out_noted || n.find(
                              "bald acquisition_size=5 minus random: n_labelled 20 are not in "
                              "every paired seed's records") != std::string::npos;
  EXPECT_TRUE(left_out_noted) << fmt::format("{}", fmt::join(report.notes, "\n"));
  EXPECT_FALSE(random->vs_random.has_value());           // random is not paired with itself
  EXPECT_FALSE(report.series[0].vs_random.has_value());  // no random to pair with
  // AUC of random's mean curve (0.5, 0.7, 0.85 at 10, 15, 20): (3 + 3.875) / 10.
  EXPECT_NEAR(random->auc, 0.6875, 1e-12);
  // These records keep no train metrics: no series has values, so no figure.
  EXPECT_TRUE(report.has_values(Metric::kAccuracy));
  EXPECT_FALSE(report.has_values(Metric::kTrainAccuracy));
}

}  // namespace
}  // namespace bdal::report

namespace bdal::report {
namespace {

// Dirty-MNIST records: the ambiguous test accuracy and the ambiguous
// fraction of the picks become curves of their own.
TEST(ReportRuns, AmbiguousMetricsOfDirtyMnistRecords) {
  bdal::testing::TempDir dir;
  auto line = [](int64_t round, int64_t n, double ambiguous_accuracy,
                 std::optional<double> fraction) {
    Json j{{"round", round},
           {"n_labelled", n},
           {"test", {{"accuracy", 0.9}, {"nll", 0.3}}},
           {"extra_tests", {{"ambiguous", {{"accuracy", ambiguous_accuracy}, {"nll", 1.2}}}}},
           {"acquired", fraction ? Json::array({1, 2}) : Json::array()},
           {"timings_ms", {{"train", 1.0}, {"score", 0.0}, {"select", 0.0}, {"eval", 0.0}}}};
    if (fraction) j["acquired_ambiguous_fraction"] = *fraction;
    return j.dump() + "\n";
  };
  for (uint64_t seed : {1, 2}) {
    const auto run = dir / fmt::format("bald-seed{}", seed);
    write_text(run / "config.json", Json{{"strategy", "bald"}, {"seed", seed}}.dump());
    write_text(run / "rounds.jsonl",
               line(0, 20, 0.3, seed == 1 ? 0.5 : 1.0) +
                   line(1, 30, 0.4 + 0.1 * static_cast<double>(seed), std::nullopt));
  }
  ReportOptions options;
  options.in_dir = dir.path();
  options.figures = false;
  const Report report = build_report(options);
  ASSERT_EQ(report.series.size(), 1u);
  const auto& points = report.series[0].curves.points;
  ASSERT_EQ(points.size(), 2u);
  EXPECT_NEAR(points[0].acquired_ambiguous_fraction.mean, 0.75, 1e-12);
  EXPECT_FALSE(std::isfinite(
      points[1].acquired_ambiguous_fraction.mean));  // the last round acquires nothing
  EXPECT_NEAR(points[1].ambiguous_accuracy.mean, 0.55, 1e-12);
  EXPECT_TRUE(report.has_values(Metric::kAcquiredAmbiguousFraction));
  EXPECT_TRUE(report.has_values(Metric::kAmbiguousAccuracy));
  EXPECT_EQ(parse_metric("acquired_ambiguous_fraction"), Metric::kAcquiredAmbiguousFraction);
}

}  // namespace
}  // namespace bdal::report
