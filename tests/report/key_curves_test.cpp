// Metrics against a swept key, from hand-made one-round runs: which series
// form curves, the means and CI widths worked out by hand, and the report's
// table, CSV and figure.
#include "bdal/report/key_curves.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "bdal/report/report.h"
#include "test_support.h"

namespace bdal::report {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::TempDir;
using Json = nlohmann::json;

// One run directory with a config and the given rounds (n_labelled, accuracy).
void write_run(const std::filesystem::path& dir, const Json& config,
               const std::vector<std::pair<int64_t, double>>& rounds, double train_ms = 1000.0) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "config.json") << config.dump();
  std::ofstream out(dir / "rounds.jsonl");
  for (size_t r = 0; r < rounds.size(); ++r)
    out << Json{{"round", r},
                {"n_labelled", rounds[r].first},
                {"acquired", r + 1 < rounds.size() ? Json::array({1}) : Json::array()},
                {"test",
                 {{"accuracy", rounds[r].second},
                  {"nll", 2.0 * (1.0 - rounds[r].second)},
                  {"mean_mutual_information", 0.1}}},
                {"train", {{"accuracy", 1.0}}},
                {"timings_ms",
                 {{"train", train_ms}, {"score", 0.0}, {"select", 0.0}, {"eval", 5.0}}}}
               .dump()
        << "\n";
}

Json config(uint64_t seed, int64_t epochs, int64_t per_class = 5) {
  return {{"strategy", "random"},
          {"seed", seed},
          {"dataset", "mnist"},
          {"model", "lenet5"},
          {"rounds", 0},
          {"trainer", {{"epochs", epochs}}},
          {"split", {{"initial_per_class", per_class}}}};
}

TEST(KeyCurves, OneRoundSeriesDifferingInOneKeyMakeACurve) {
  TempDir dir;
  // epochs 1, 4, 16 over seeds 1 and 2: accuracy 0.5/0.7, 0.8/0.8, 0.9/0.95.
  const std::map<int64_t, std::pair<double, double>> accuracy{
      {1, {0.5, 0.7}}, {4, {0.8, 0.8}}, {16, {0.9, 0.95}}};
  for (const auto& [epochs, acc] : accuracy) {
    write_run(dir / fmt::format("e{}-s1", epochs), config(1, epochs), {{50, acc.first}}, 1000.0);
    write_run(dir / fmt::format("e{}-s2", epochs), config(2, epochs), {{50, acc.second}}, 3000.0);
  }
  ReportOptions options;
  options.in_dir = dir.path();
  options.figures = false;
  const Report report = build_report(options);
  ASSERT_EQ(report.key_curves.size(), 1u);
  const KeyCurve& c = report.key_curves[0];
  EXPECT_EQ(c.key, "trainer.epochs");
  EXPECT_EQ(c.name, "random");
  ASSERT_EQ(c.points.size(), 3u);
  EXPECT_EQ(c.points[0].value, 1.0);
  EXPECT_EQ(c.points[2].value, 16.0);
  EXPECT_EQ(c.points[0].point.n_labelled, 50);
  EXPECT_EQ(c.points[0].n_seeds, 2);
  EXPECT_NEAR(c.points[0].point.accuracy.mean, 0.6, 1e-12);
  // Two seeds 0.5 and 0.7: sd = 0.1414, half-width = t(0.975, 1) · sd / √2 = 12.706 · 0.1.
  EXPECT_NEAR(c.points[0].point.accuracy.half_width, 12.7062047 * 0.1, 1e-6);
  EXPECT_NEAR(c.points[1].point.accuracy.half_width, 0.0, 1e-12);
  EXPECT_NEAR(c.points[2].point.nll.mean, 2.0 * (1.0 - 0.925), 1e-12);
  EXPECT_NEAR(c.points[0].train_seconds, 2.0, 1e-12);  // mean of 1 s and 3 s
}

TEST(KeyCurves, MultiRoundRunsAndSinglePointsMakeNoCurve) {
  TempDir dir;
  // Active-learning runs (several rounds) differing in epochs: learning
  // curves, not a key curve.
  write_run(dir / "a", config(1, 1), {{20, 0.5}, {30, 0.6}});
  write_run(dir / "b", config(1, 4), {{20, 0.6}, {30, 0.7}});
  ReportOptions options;
  options.in_dir = dir.path();
  options.figures = false;
  EXPECT_TRUE(build_report(options).key_curves.empty());
  // An AL sweep stopped after its first round: one record each, but it acquired.
  TempDir cut;
  for (int64_t epochs : {1, 4}) {
    write_run(cut / fmt::format("e{}", epochs), config(1, epochs), {{20, 0.5}});
    std::ofstream(cut / fmt::format("e{}", epochs) / "rounds.jsonl")
        << Json{{"round", 0},
                {"n_labelled", 20},
                {"acquired", {3, 4}},
                {"test", {{"accuracy", 0.5}, {"nll", 1.0}}},
                {"timings_ms", {{"train", 1.0}, {"score", 0.0}, {"select", 0.0}, {"eval", 0.0}}}}
               .dump()
        << "\n";
  }
  options.in_dir = cut.path();
  EXPECT_TRUE(build_report(options).key_curves.empty());
  // One-round runs, but two keys differ together: each (key, rest) has one point.
  TempDir other;
  write_run(other / "a", config(1, 1, 5), {{50, 0.5}});
  write_run(other / "b", config(1, 4, 10), {{100, 0.6}});
  options.in_dir = other.path();
  EXPECT_TRUE(build_report(options).key_curves.empty());
}

TEST(KeyCurves, ReportHasTheTableCsvAndFigure) {
  TempDir dir;
  for (int64_t per_class : {2, 8, 32})
    for (uint64_t seed : {1, 2})
      write_run(dir / "runs" / fmt::format("p{}-s{}", per_class, seed), config(seed, 10, per_class),
                {{10 * per_class, 0.5 + 0.01 * static_cast<double>(per_class + seed)}});
  ReportOptions options;
  options.in_dir = dir / "runs";
  options.out_dir = dir / "report";
  // What an older report left: a learning-curve figure this one does not
  // draw, and a file of the user's.
  std::filesystem::create_directories(dir / "report");
  for (const char* f : {"learning-curve-accuracy.png", "learning-curve-accuracy.dat", "notes.txt"})
    std::ofstream(dir / "report" / f) << "old";
  write_report(build_report(options), [](const std::string&) {});
  EXPECT_FALSE(std::filesystem::exists(dir / "report" / "learning-curve-accuracy.dat"));
  EXPECT_TRUE(std::filesystem::exists(dir / "report" / "notes.txt"));
  std::ifstream md_in(dir / "report" / "report.md");
  const std::string md((std::istreambuf_iterator<char>(md_in)), {});
  EXPECT_TRUE(HasSubstr(md, "## Metrics against a swept key"));
  EXPECT_TRUE(HasSubstr(md, "### split.initial_per_class (random)"));
  // per class 8: labelled 80, accuracy (0.59 + 0.60) / 2.
  EXPECT_TRUE(HasSubstr(md, "| 8 | 80 | 2 | 0.5950 ± "));
  EXPECT_TRUE(HasSubstr(md,
                        "![metrics against split.initial_per_class]"
                        "(metric-vs-split.initial_per_class.png)"));
  for (const char* f :
       {"key_curves.csv", "metric-vs-split.initial_per_class.png",
        "metric-vs-split.initial_per_class.svg", "metric-vs-split.initial_per_class.gp"})
    EXPECT_TRUE(std::filesystem::exists(dir / "report" / f)) << f;
  // One labelled-set size per series: no learning curves to draw, and the
  // stale one is gone.
  EXPECT_FALSE(std::filesystem::exists(dir / "report" / "learning-curve-accuracy.png"));
  EXPECT_FALSE(HasSubstr(md, "vs labelled points]"));
  std::ifstream csv(dir / "report" / "key_curves.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_TRUE(HasSubstr(header, "key,curve,value,n_labelled,n_seeds,accuracy_mean"));
  int rows = 0;
  for (std::string line; std::getline(csv, line);) rows += !line.empty();
  EXPECT_EQ(rows, 3);
  // A log2 axis: the values span a factor of 16.
  std::ifstream gp(dir / "report" / "metric-vs-split.initial_per_class.gp");
  const std::string script((std::istreambuf_iterator<char>(gp)), {});
  EXPECT_TRUE(HasSubstr(script, "set logscale x 2"));
}

TEST(KeyCurves, StaleOptionalTablesGoButFiguresStayWhenNoneAreDrawn) {
  TempDir dir;
  for (int64_t epochs : {1, 4})
    for (uint64_t seed : {1, 2}) {
      Json c = config(seed, epochs);
      c["dataset"] = "fashion-mnist";  // no published protocol: no published.csv
      write_run(dir / "runs" / fmt::format("e{}-s{}", epochs, seed), c, {{50, 0.5}});
    }
  std::filesystem::create_directories(dir / "report");
  for (const char* f : {"published.csv", "learning-curve-accuracy.png"})
    std::ofstream(dir / "report" / f) << "old";
  ReportOptions options;
  options.in_dir = dir / "runs";
  options.out_dir = dir / "report";
  options.figures = false;
  write_report(build_report(options), [](const std::string&) {});
  EXPECT_FALSE(std::filesystem::exists(dir / "report" / "published.csv"));
  EXPECT_TRUE(std::filesystem::exists(dir / "report" / "key_curves.csv"));
  // --no-figures redraws nothing, so it removes no figure either.
  EXPECT_TRUE(std::filesystem::exists(dir / "report" / "learning-curve-accuracy.png"));
}

}  // namespace
}  // namespace bdal::report
