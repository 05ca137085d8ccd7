// Small pieces of the report's output: gnuplot string quoting, CSV number
// cells, and the markdown of a hand-built report.
#include "bdal/report/figures.h"
#include "bdal/report/markdown.h"
#include "bdal/report/tables.h"

#include "test_support.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

namespace bdal::report {
namespace {

using bdal::testing::HasSubstr;

TEST(ReportOutput, GnuplotQuoteDoublesSingleQuotes) {
  EXPECT_EQ(gnuplot_quote("bald"), "'bald'");
  EXPECT_EQ(gnuplot_quote("it's"), "'it''s'");
  EXPECT_EQ(gnuplot_quote("a\"b"), "'a\"b'");  // double quotes need nothing in single quotes
}

TEST(ReportOutput, NumberCells) {
  EXPECT_EQ(number_cell(0.1), "0.1");
  EXPECT_EQ(number_cell(15.0), "15");
  EXPECT_EQ(number_cell(std::nan("")), "");  // no value: an empty cell
}

// One series, one seed: no interval, and Step-Average without an sd.
Report one_seed_report(LoopRun& run) {
  run.strategy = "margin";
  run.seed = 7;
  run.config = {{"strategy", "margin"}, {"seed", 7}, {"dataset", "mnist"}, {"model", "lenet5"}};
  for (int r = 0; r < 3; ++r) {
    RoundPoint p;
    p.round = r;
    p.n_labelled = 20 + 10 * r;
    p.accuracy = 0.85 + 0.05 * r;
    run.rounds.push_back(p);
  }
  Report report;
  report.options.in_dir = "/records";
  report.options.errors = {0.10};
  report.options.figures = false;
  SeriesReport s;
  s.series = group_series({run}).front();
  s.series.runs = {&run};
  s.dataset = "mnist";
  s.model = "lenet5";
  s.initial_labelled = 20;
  s.curves = aggregate_curves(s.series.runs);
  LabelsToError t;
  t.error = 0.10;
  t.step_labelled = step_average({seed_curve(run, Metric::kAccuracy)}, 0.10);
  t.step_acquired = step_average({seed_curve(run, Metric::kAccuracy)}, 0.10, {20});
  t.average_labelled = 30;
  t.average_acquired = 10;
  s.to_error = {t};
  s.auc = area_under_curve(s.curves.mean(Metric::kAccuracy));
  report.series.push_back(s);
  return report;
}

TEST(ReportOutput, MarkdownOfOneSeed) {
  LoopRun run;
  const Report report = one_seed_report(run);
  const std::string md = render_markdown(report);
  // Step-Average of one seed has no sd; no random series, so no ratio.
  EXPECT_TRUE(HasSubstr(md, "| margin | 10.0 | – | 10 | – | 30.0 | 30 | 0 of 1 | s7: 10 |"));
  EXPECT_TRUE(HasSubstr(md, "| 20 | 0.8500 ± n/a |"));  // one seed: no interval
  EXPECT_TRUE(HasSubstr(md, "Figures were not drawn"));
  // The reproduction report publishes no margin numbers: no comparison section.
  EXPECT_FALSE(HasSubstr(md, "Published numbers side by side"));
  const auto json = report_json(report);
  EXPECT_TRUE(json["learning_curves"][0]["accuracy_ci95_half_width"].is_null());
  EXPECT_EQ(json["labels_to_error"][1]["per_seed"][0], 10);
}

TEST(ReportOutput, UnreachedTargetSaysWhereTheCurvesGot) {
  LoopRun run;
  Report report = one_seed_report(run);  // accuracy .85, .90, .95 at 20, 30, 40 labelled
  report.options.errors = {0.01};
  LabelsToError& t = report.series[0].to_error[0];
  t.error = 0.01;
  t.step_labelled = step_average({seed_curve(run, Metric::kAccuracy)}, 0.01);
  t.step_acquired = step_average({seed_curve(run, Metric::kAccuracy)}, 0.01, {20});
  t.average_labelled.reset();
  t.average_acquired.reset();
  const std::string md = render_markdown(report);
  EXPECT_TRUE(HasSubstr(md,
                        "No run reached 1% test error. The lowest error of any seed-averaged "
                        "curve is 5.00% (margin, 40 labelled)"));
  // A reached target gets no hint.
  LoopRun reached_run;
  EXPECT_FALSE(HasSubstr(render_markdown(one_seed_report(reached_run)), "No run reached"));
}

TEST(ReportOutput, MarkdownListsThePairedDifferenceToRandom) {
  LoopRun run;
  Report report = one_seed_report(run);
  EXPECT_FALSE(HasSubstr(render_markdown(report), "minus random's"));  // nothing to pair with
  PairedDifference d;
  d.seeds = {1, 2, 3};
  for (int64_t n = 20; n <= 40; n += 10)
    d.points.push_back({n, summarize({0.01 * n / 10, 0.02 * n / 10, 0.03 * n / 10})});
  d.area_difference = summarize({0.01, 0.02, 0.03});  // mean .02, sd .01, t(.975,2)·.01/√3
  d.sizes_above = 2;
  report.series[0].vs_random = d;
  std::string md = render_markdown(report);
  EXPECT_TRUE(HasSubstr(md, "## Test accuracy minus random's, paired by seed"));
  // Three sizes are two gaps: too few for thirds, which get dashes.
  EXPECT_TRUE(HasSubstr(md, "| margin | 1, 2, 3 | +0.0200 ± 0.0248 | – | – | – | 2 | 0 | 3 | – |"));
  for (int64_t k = 0; k < 3; ++k)
    d.thirds.push_back({20 + 10 * k, 30 + 10 * k, summarize({-0.01 * double(k + 1)})});
  report.series[0].vs_random = d;
  md = render_markdown(report);
  // Hand-made thirds of one value each: no interval, and the cell says why.
  EXPECT_TRUE(HasSubstr(md,
                        "| margin | 1, 2, 3 | +0.0200 ± 0.0248 | -0.0100 (one seed) | "
                        "-0.0200 (one seed) | -0.0300 (one seed) |"));
  EXPECT_TRUE(HasSubstr(md, "| 2 | 0 | 3 | 30, 40 |"));
  const auto json = report_json(report);
  const auto& rows = json["difference_to_random"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1]["series"], "margin");
  EXPECT_EQ(rows[1]["n_labelled"], 30);
  EXPECT_EQ(rows[1]["n_seeds"], 3);
  EXPECT_NEAR(rows[1]["accuracy_difference_mean"].get<double>(), 0.06, 1e-12);
  EXPECT_NEAR(rows[1]["accuracy_difference_ci95_half_width"].get<double>(), 3 * 0.0248414, 1e-6);
  EXPECT_EQ(json["series"][0]["sizes_above_random"], 2);
  EXPECT_EQ(json["series"][0]["seeds_paired_with_random"].dump(), "[1,2,3]");
  EXPECT_NEAR(json["series"][0]["accuracy_area_difference_to_random_mean"].get<double>(), 0.02,
              1e-12);
  EXPECT_NEAR(json["series"][0]["accuracy_area_difference_to_random_last_third_mean"].get<double>(),
              -0.03, 1e-12);
  EXPECT_EQ(json["series"][0]["accuracy_area_difference_to_random_middle_third_from"], 30);
}

// Ten series: the ninth and tenth get colours of their own (not gnuplot's
// first two again), and the nine differences to random one panel each, on a
// y range they share; with four or fewer the differences share one plot.
TEST(ReportOutput, ManySeriesGetTheirOwnColoursAndOneDifferencePanelEach) {
  bdal::testing::TempDir dir;
  std::vector<LoopRun> runs(10);
  Report report;
  for (size_t i = 0; i < runs.size(); ++i) {
    SeriesReport s = one_seed_report(runs[i]).series.front();
    s.series.name = i + 1 == runs.size() ? "random" : fmt::format("strategy-{}", i);
    if (i + 1 < runs.size()) {
      PairedDifference d;
      d.seeds = {1, 2};
      for (int64_t n = 20; n <= 40; n += 10)
        d.points.push_back({n, summarize({0.01 * double(i), 0.01 * double(i) + 0.02})});
      s.vs_random = d;
    }
    report.series.push_back(s);
  }
  report.options.figures = true;
  write_figures(report, dir.path(), find_gnuplot());
  const std::string curves = bdal::testing::read_text(dir / "learning-curve-accuracy.gp");
  EXPECT_TRUE(HasSubstr(curves, "lc rgb '#8c564b'"));  // the ninth series
  EXPECT_TRUE(HasSubstr(curves, "lc rgb '#ff69b4'"));  // the tenth
  const std::string panels =
      bdal::testing::read_text(dir / (std::string(kMinusRandomStem) + ".gp"));
  EXPECT_TRUE(HasSubstr(panels, "set multiplot layout 3,3"));
  EXPECT_TRUE(HasSubstr(panels, "set title 'strategy-8 (n=2)'"));
  // One range for all: from the lowest band edge (0 − t·sd/√2 of series 0)
  // to the highest, padded by 5%.
  EXPECT_TRUE(HasSubstr(panels, "set yrange [-"));
  EXPECT_TRUE(std::filesystem::file_size(dir / (std::string(kMinusRandomStem) + ".png")) > 0);

  report.series.erase(report.series.begin() + 3, report.series.begin() + 9);  // 3 + random
  write_figures(report, dir.path(), find_gnuplot());
  const std::string one = bdal::testing::read_text(dir / (std::string(kMinusRandomStem) + ".gp"));
  EXPECT_FALSE(HasSubstr(one, "multiplot"));
  EXPECT_TRUE(HasSubstr(one, "set key outside right top"));
}

// A series whose records lack a metric (train accuracy, here) gets no curve
// and no key entry in that metric's figures, not an empty curve.
TEST(ReportOutput, SeriesWithoutAMetricAreLeftOutOfItsFigures) {
  bdal::testing::TempDir dir;
  LoopRun with_train, without_train;
  Report report = one_seed_report(with_train);
  for (RoundPoint& p : with_train.rounds) p.train_accuracy = 1.0;
  report.series[0].curves = aggregate_curves(report.series[0].series.runs);
  SeriesReport other = one_seed_report(without_train).series.front();
  other.series.name = "bald";
  report.series.push_back(other);
  write_figures(report, dir.path(), find_gnuplot());
  for (const char* stem :
       {"learning-curve-train_accuracy", "learning-curve-train-and-test-accuracy"}) {
    const std::string script = bdal::testing::read_text(dir / (std::string(stem) + ".gp"));
    EXPECT_TRUE(HasSubstr(script, "margin")) << stem;
  }
  EXPECT_FALSE(
      HasSubstr(bdal::testing::read_text(dir / "learning-curve-train_accuracy.gp"), "bald"));
  // Test accuracy, which both have: both curves.
  EXPECT_TRUE(
      HasSubstr(bdal::testing::read_text(dir / "learning-curve-accuracy.gp"), "'bald (n=1)'"));
}

}  // namespace
}  // namespace bdal::report
