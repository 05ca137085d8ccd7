// `bdal report` as a user runs it: hand-made run directories (2 strategies x
// 2 seeds, MNIST + LeNet-5 so the 2025 reproduction numbers are set beside
// them), the report's labels-to-error numbers worked out by hand, tables that
// parse, figures that exist; and the errors for no records / no gnuplot.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"

namespace bdal::cli {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::read_text;
using bdal::testing::run_bdal;
using bdal::testing::shell_quote;
using bdal::testing::TempDir;
using Json = nlohmann::json;
namespace fs = std::filesystem;

// Test accuracy at n_labelled 20, 30, 40, 50, 60 (initial set: 20):
//   bald   seed 1: .80 .90 .93 .95 .96   10% error at 30, 5% at 50
//   bald   seed 2: .80 .85 .91 .94 .96   10% at 40, 5% at 60
//   bald   mean:   .80 .875 .92 .945 .96 10% at 40, 5% at 60
//   random seed 1: .70 .80 .88 .90 .93   10% at 50, 5% never
//   random seed 2: .70 .82 .91 .92 .94   10% at 40, 5% never
//   random mean:   .70 .81 .895 .91 .935 10% at 50, 5% never
// 10%, acquired points: bald Step-Average {10, 20} = 15.0 ± 7.1, Average-Step 20;
// random {30, 20} = 25.0 ± 7.1, Average-Step 30. Ratios 15/25 = 0.60, 20/30 = 0.67.
// 5%: bald {30, 40} = 35.0 ± 7.1, Average-Step 40; random never (2 of 2 seeds).
void write_run(const fs::path& dir, const std::string& strategy, int seed,
               const std::vector<double>& accuracy, bool torn_tail) {
  fs::create_directories(dir);
  const Json config{{"strategy", strategy},
                    {"seed", seed},
                    {"dataset", "mnist"},
                    {"model", "lenet5"},
                    {"acquisition_size", 10},
                    {"rounds", 4},
                    {"split", {{"initial_per_class", 2}, {"test_size", 3000}}}};
  std::ofstream(dir / "config.json") << config.dump(2);
  std::ofstream rounds(dir / "rounds.jsonl", std::ios::binary);
  for (size_t r = 0; r < accuracy.size(); ++r) {
    const Json line{
        {"schema_version", 1},
        {"round", r},
        {"n_labelled", 20 + 10 * static_cast<int>(r)},
        {"test",
         {{"accuracy", accuracy[r]},
          {"nll", 2.0 * (1.0 - accuracy[r])},
          {"ece", 0.01},
          {"mean_entropy", 0.3},
          {"mean_mutual_information", 0.05}}},
        // Every round but the last acquires (one point stands in for ten).
        {"acquired", r + 1 < accuracy.size() ? Json::array({int(r)}) : Json::array()},
        {"timings_ms", {{"train", 1000.0}, {"score", 200.0}, {"select", 10.0}, {"eval", 50.0}}}};
    Json with_train = line;
    // BALD's records keep metrics on the labelled set (train accuracy 1 - r/100);
    // random's are as written before bdal kept them.
    if (strategy == "bald")
      with_train["train"] = {{"accuracy", 1.0 - 0.01 * static_cast<double>(r)},
                             {"nll", 0.01},
                             {"ece", 0.01},
                             {"mean_entropy", 0.02},
                             {"mean_mutual_information", 0.01}};
    rounds << with_train.dump() << "\n";
  }
  if (torn_tail) rounds << R"({"schema_version":1,"round":5,"n_lab)";  // a run killed mid-write
}

void write_runs(const fs::path& root) {
  write_run(root / "bald-seed1", "bald", 1, {.80, .90, .93, .95, .96}, true);
  write_run(root / "bald-seed2", "bald", 2, {.80, .85, .91, .94, .96}, false);
  write_run(root / "random-seed1", "random", 1, {.70, .80, .88, .90, .93}, false);
  write_run(root / "random-seed2", "random", 2, {.70, .82, .91, .92, .94}, false);
}

bool gnuplot_on_path() {
  std::stringstream dirs(std::getenv("PATH") ? std::getenv("PATH") : "");
  for (std::string d; std::getline(dirs, d, ':');)
    if (!d.empty() && fs::exists(fs::path(d) / "gnuplot")) return true;
  return false;
}

TEST(ReportCommand, WritesReportTablesAndFigures) {
  ASSERT_TRUE(gnuplot_on_path())
      << "gnuplot is not on PATH: install the Debian package gnuplot-nox "
         "(scripts/install-deps.sh does); this test needs it and does not skip";
  TempDir dir;
  write_runs(dir / "runs");
  const fs::path out = dir / "out";
  const auto r = run_bdal("report " + shell_quote(dir / "runs") + " --out " + shell_quote(out));
  ASSERT_EQ(r.exit_code, 0) << r.output;

  const std::string md = read_text(out / "report.md");
  // Columns: series | Step-Avg acquired | ÷ random | Avg-Step acquired | ÷ random |
  //          Step-Avg labelled | Avg-Step labelled | never | per seed (acquired)
  EXPECT_TRUE(HasSubstr(md,
                        "| bald | 15.0 ± 7.1 | 0.60 | 20 | 0.67 | 35.0 ± 7.1 | 40 | 0 of 2 | "
                        "s1: 10, s2: 20 |"));
  EXPECT_TRUE(HasSubstr(md,
                        "| random | 25.0 ± 7.1 | 1.00 | 30 | 1.00 | 45.0 ± 7.1 | 50 | 0 of 2 | "
                        "s1: 30, s2: 20 |"));
  EXPECT_TRUE(HasSubstr(md,
                        "| bald | 35.0 ± 7.1 | – | 40 | – | 55.0 ± 7.1 | 60 | 0 of 2 | "
                        "s1: 30, s2: 40 |"));
  EXPECT_TRUE(HasSubstr(md,
                        "| random | not reached | – | not reached | – | not reached | "
                        "not reached | 2 of 2 | s1: never, s2: never |"));
  // The 2025 reproduction's BALD needs 130 acquired images to 10% error; ours 20.
  EXPECT_TRUE(HasSubstr(md, "2025 reproduction report"));
  EXPECT_TRUE(HasSubstr(md, "| BALD | bald | 10% | 130 | 20 | -110 | 15.0 |"));
  EXPECT_TRUE(HasSubstr(md, "last line of rounds.jsonl is incomplete"));
  EXPECT_TRUE(HasSubstr(md, "initial set included"));
  // Per round: score 200 ms + select 10 ms of a 1,260 ms round.
  EXPECT_TRUE(HasSubstr(md, "| bald | 200 ms | 10 ms | 210 ms | 16.7% |")) << md;

  // Tables: CSV with a header and one row per (series, n_labelled); JSON that parses.
  const std::string curves = read_text(out / "learning_curves.csv");
  EXPECT_EQ(std::count(curves.begin(), curves.end(), '\n'), 1 + 2 * 5) << curves;
  EXPECT_TRUE(HasSubstr(curves, "series,strategy,n_labelled,n_acquired,n_seeds,accuracy_mean"));
  const std::string labels = read_text(out / "labels_to_error.csv");
  EXPECT_TRUE(HasSubstr(labels, "bald,bald,0.1,acquired,15,")) << labels;
  EXPECT_TRUE(fs::exists(out / "series.csv"));
  EXPECT_TRUE(fs::exists(out / "published.csv"));
  const Json report = Json::parse(read_text(out / "report.json"));
  EXPECT_EQ(report["runs"].size(), 4u);
  EXPECT_EQ(report["series"].size(), 2u);
  bool found = false;
  for (const Json& row : report["labels_to_error"])
    if (row["series"] == "bald" && row["target_error"] == 0.1 && row["counts"] == "acquired") {
      found = true;
      EXPECT_EQ(row["average_step"], 20);
      EXPECT_DOUBLE_EQ(row["step_average_mean"].get<double>(), 15.0);
      EXPECT_NEAR(row["average_step_ratio_to_random"].get<double>(), 20.0 / 30.0, 1e-12);
      EXPECT_EQ(row["per_seed"], Json::parse("[10, 20]"));
    }
  EXPECT_TRUE(found) << report["labels_to_error"].dump();

  // Train accuracy: BALD's mean over its seeds, nothing (an empty cell) for random.
  EXPECT_TRUE(HasSubstr(curves, ",train_accuracy_mean,")) << curves;
  for (const Json& row : report["learning_curves"]) {
    if (row["series"] == "bald" && row["n_labelled"] == 40) {
      EXPECT_NEAR(row["train_accuracy_mean"].get<double>(), 0.98, 1e-12);
    }
    if (row["series"] == "random") {
      EXPECT_TRUE(row["train_accuracy_mean"].is_null()) << row;
    }
  }
  EXPECT_TRUE(HasSubstr(md, "learning-curve-train_accuracy.png"));
  EXPECT_TRUE(HasSubstr(md, "learning-curve-train-and-test-accuracy.png"));
  for (const char* stem :
       {"learning-curve-accuracy", "learning-curve-nll", "learning-curve-mean_mutual_information",
        "learning-curve-train_accuracy", "learning-curve-train-and-test-accuracy"})
    for (const char* ext : {".png", ".svg"}) {
      const fs::path f = out / (std::string(stem) + ext);
      ASSERT_TRUE(fs::exists(f)) << f;
      EXPECT_GT(fs::file_size(f), 1000u) << f;
    }
  EXPECT_EQ(read_text(out / "learning-curve-accuracy.png").substr(1, 3), "PNG");
  EXPECT_TRUE(HasSubstr(read_text(out / "learning-curve-accuracy.svg"), "<svg"));
}

TEST(ReportCommand, DefaultOutputAndErrorsOption) {
  TempDir dir;
  write_runs(dir.path());
  const auto r = run_bdal("report " + shell_quote(dir.path()) + " --no-figures --errors 0.2");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string md = read_text(dir / "report" / "report.md");
  EXPECT_TRUE(HasSubstr(md, "Test error ≤ 20%"));
  EXPECT_FALSE(HasSubstr(md, "Test error ≤ 10%"));
  EXPECT_FALSE(fs::exists(dir / "report" / "learning-curve-accuracy.png"));
  // A second report of the same directory does not read its own output as records.
  EXPECT_EQ(run_bdal("report " + shell_quote(dir.path()) + " --no-figures").exit_code, 0);
}

TEST(ReportCommand, RelativePathsWork) {
  ASSERT_TRUE(gnuplot_on_path()) << "gnuplot is not on PATH: install gnuplot-nox";
  TempDir dir;
  write_runs(dir / "runs");
  const fs::path before = fs::current_path();
  fs::current_path(dir.path());  // bdal inherits it: "runs" and "out" are relative
  const auto r = run_bdal("report runs --out out/report");
  fs::current_path(before);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir / "out" / "report" / "report.md"));
  EXPECT_GT(fs::file_size(dir / "out" / "report" / "learning-curve-accuracy.png"), 0u);
}

TEST(ReportCommand, TrainingRunsGetTrainingCurves) {
  ASSERT_TRUE(gnuplot_on_path()) << "gnuplot is not on PATH: install gnuplot-nox";
  TempDir dir;
  fs::create_directories(dir / "train");
  std::ofstream(dir / "train" / "config.json") << R"({"model":"lenet5","dataset":"mnist"})";
  std::ofstream(dir / "train" / "epochs.jsonl")
      << R"({"epoch":1,"train":{"loss":0.3,"accuracy":0.9},"test":{"accuracy":0.97,"nll":0.08}})"
      << "\n"
      << R"({"epoch":2,"train":{"loss":0.1,"accuracy":0.96},"test":{"accuracy":0.98,"nll":0.06}})"
      << "\n";
  const auto r = run_bdal("report " + shell_quote(dir.path()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string md = read_text(dir / "report" / "report.md");
  EXPECT_TRUE(HasSubstr(md, "lenet5 on mnist"));
  EXPECT_TRUE(HasSubstr(md, "0.9800 (2)"));  // best test accuracy and its epoch
  EXPECT_GT(fs::file_size(dir / "report" / "training-curves.png"), 1000u);
  EXPECT_GT(fs::file_size(dir / "report" / "training-curves.svg"), 1000u);
}

TEST(ReportCommand, NoRecordsIsAUsageErrorNamingTheDirectory) {
  TempDir dir;
  const auto r = run_bdal("report " + shell_quote(dir.path()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "no records under '" + dir.path().string() + "'"));
  const auto missing = run_bdal("report " + shell_quote(dir / "nope"));
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_TRUE(HasSubstr(missing.output, "is not a directory"));
  const auto bad_error = run_bdal("report " + shell_quote(dir.path()) + " --errors 10");
  EXPECT_EQ(bad_error.exit_code, 2) << bad_error.output;
}

TEST(ReportCommand, MissingGnuplotNamesThePackage) {
  TempDir dir;
  write_runs(dir.path());
  // Hide gnuplot: an empty PATH (bdal and the shell are started by absolute path).
  const std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
  setenv("PATH", (dir / "empty-bin").c_str(), 1);
  const auto r = run_bdal("report " + shell_quote(dir.path()));
  setenv("PATH", saved.c_str(), 1);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "gnuplot-nox"));
  EXPECT_TRUE(HasSubstr(r.output, "--no-figures"));
  EXPECT_FALSE(fs::exists(dir / "report" / "report.md"));  // no half report
}

}  // namespace
}  // namespace bdal::cli
