#include "bdal/report/curves.h"

#include <gtest/gtest.h>

#include <cmath>

#include "bdal/core/error.h"

namespace bdal::report {
namespace {

LoopRun make_run(uint64_t seed, const std::vector<std::pair<int64_t, double>>& acc) {
  LoopRun r;
  r.strategy = "bald";
  r.seed = seed;
  int64_t round = 0;
  for (const auto& [n, a] : acc) {
    RoundPoint p;
    p.round = round++;
    p.n_labelled = n;
    p.accuracy = a;
    p.nll = 1.0 - a;
    p.mean_mutual_information = 0.1 * static_cast<double>(seed);
    p.train_ms = 100.0;
    p.score_ms = 10.0;
    p.select_ms = 1.0;
    p.eval_ms = 5.0;
    r.rounds.push_back(p);
  }
  return r;
}

TEST(ReportCurves, AreaUnderCurveByHand) {
  // Trapezoids: 10 * (0.5 + 0.7) / 2 = 6, 20 * (0.7 + 0.9) / 2 = 16; (6 + 16) / 30 = 0.7333.
  EXPECT_NEAR(area_under_curve({{0, 10, 30}, {0.5, 0.7, 0.9}}), 22.0 / 30.0, 1e-12);
  // A flat curve's AUC is its height whatever the spacing.
  EXPECT_NEAR(area_under_curve({{20, 25, 100}, {0.8, 0.8, 0.8}}), 0.8, 1e-12);
  EXPECT_DOUBLE_EQ(area_under_curve({{20}, {0.6}}), 0.6);
  EXPECT_TRUE(std::isnan(area_under_curve({})));
}

TEST(ReportCurves, MeanAndIntervalPerLabelledSize) {
  const LoopRun a = make_run(1, {{20, 0.6}, {30, 0.8}});
  const LoopRun b = make_run(2, {{20, 0.7}, {30, 0.9}});
  const LoopRun c = make_run(3, {{20, 0.8}, {30, 0.7}});
  const SeriesCurves curves = aggregate_curves({&a, &b, &c});
  EXPECT_EQ(curves.n_seeds, 3);
  ASSERT_EQ(curves.points.size(), 2u);
  EXPECT_EQ(curves.points[0].n_labelled, 20);
  EXPECT_NEAR(curves.points[0].accuracy.mean, 0.7, 1e-12);
  EXPECT_NEAR(curves.points[0].accuracy.sd, 0.1, 1e-12);
  EXPECT_NEAR(curves.points[0].accuracy.half_width, 4.302653 * 0.1 / std::sqrt(3.0), 1e-6);
  EXPECT_NEAR(curves.points[1].accuracy.mean, 0.8, 1e-12);
  EXPECT_NEAR(curves.points[1].nll.mean, 0.2, 1e-12);
  EXPECT_NEAR(curves.points[0].mean_mutual_information.mean, 0.2, 1e-12);
  const Curve m = curves.mean(Metric::kAccuracy);
  EXPECT_EQ(m.n_labelled, (std::vector<int64_t>{20, 30}));
  EXPECT_TRUE(curves.n_labelled_not_in_all_seeds.empty());
}

TEST(ReportCurves, RaggedSeedsAverageOnlyCommonSizes) {
  const LoopRun a = make_run(1, {{20, 0.6}, {30, 0.8}, {40, 0.9}});
  const LoopRun b = make_run(2, {{20, 0.7}, {30, 0.9}});  // interrupted after round 1
  const SeriesCurves curves = aggregate_curves({&a, &b});
  ASSERT_EQ(curves.points.size(), 2u);
  EXPECT_EQ(curves.points.back().n_labelled, 30);
  EXPECT_EQ(curves.n_labelled_not_in_all_seeds, (std::vector<int64_t>{40}));
}

TEST(ReportCurves, TimingsPerRunAndPerRound) {
  const LoopRun a = make_run(1, {{20, 0.6}, {30, 0.8}, {40, 0.9}});
  const LoopRun b = make_run(2, {{20, 0.7}});
  const TimingSummary t = summarize_timings({&a, &b});
  EXPECT_EQ(t.rounds, 4);
  EXPECT_DOUBLE_EQ(t.per_run_ms.train, 200.0);  // (300 + 100) / 2 seeds
  EXPECT_DOUBLE_EQ(t.per_round_ms.train, 100.0);
  EXPECT_DOUBLE_EQ(t.per_round_ms.total(), 116.0);
}

TEST(ReportCurves, MetricNames) {
  EXPECT_EQ(parse_metric("nll"), Metric::kNll);
  EXPECT_EQ(metric_name(parse_metric("mean_mutual_information")), "mean_mutual_information");
  EXPECT_THROW(parse_metric("f1"), UsageError);
}

TEST(ReportCurves, AcquisitionCostLeavesOutTheLastRound) {
  LoopRun r = make_run(1, {{20, 0.6}, {30, 0.7}, {40, 0.8}});
  r.rounds[0].score_ms = 30.0;
  r.rounds[1].score_ms = 50.0;
  r.rounds[2].score_ms = 0.0;  // the last round scores nothing
  r.rounds[2].select_ms = 0.0;
  r.rounds[2].acquired = false;
  const TimingSummary t = summarize_timings({&r});
  EXPECT_EQ(t.rounds, 3);
  EXPECT_EQ(t.acquiring_rounds, 2);
  EXPECT_DOUBLE_EQ(t.per_acquisition_ms.score, 40.0);
  EXPECT_DOUBLE_EQ(t.per_acquisition_ms.select, 1.0);
  EXPECT_NEAR(t.per_round_ms.score, 80.0 / 3.0, 1e-12);
}

}  // namespace
}  // namespace bdal::report
