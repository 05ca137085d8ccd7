// Paired-by-seed differences to a baseline, on hand-made curves whose
// means, intervals and areas are worked out below.
#include "bdal/report/paired_difference.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bdal::report {
namespace {

LoopRun run(uint64_t seed, const std::vector<std::pair<int64_t, double>>& accuracy) {
  LoopRun r;
  r.seed = seed;
  for (const auto& [n, a] : accuracy) {
    RoundPoint p;
    p.n_labelled = n;
    p.accuracy = a;
    r.rounds.push_back(p);
  }
  return r;
}

// A run with sizes from, from + 10, …, to and accuracy f(n) at each.
template <typename F>
LoopRun run_over(uint64_t seed, int64_t from, int64_t to, F f) {
  std::vector<std::pair<int64_t, double>> points;
  for (int64_t n = from; n <= to; n += 10) points.push_back({n, f(n)});
  return run(seed, points);
}

std::vector<const LoopRun*> pointers(const std::vector<LoopRun>& runs) {
  std::vector<const LoopRun*> out;
  for (const LoopRun& r : runs) out.push_back(&r);
  return out;
}

TEST(PairedDifference, PairsBySeedOnTheSizesAllPairsHave) {
  // Seed 3 of the strategy stops before 30 labels, so only 10 and 20 are
  // common; baseline seed 4 has no partner and is left out. Listed out of
  // seed order on purpose.
  const std::vector<LoopRun> strategy{run(2, {{10, .6}, {20, .8}, {30, .9}}),
                                      run(1, {{10, .5}, {20, .7}, {30, .8}}),
                                      run(3, {{10, .4}, {20, .6}})};
  const std::vector<LoopRun> random{
      run(1, {{10, .5}, {20, .6}, {30, .7}}), run(2, {{10, .5}, {20, .7}, {30, .8}}),
      run(3, {{10, .4}, {20, .5}, {30, .6}}), run(4, {{10, .9}, {20, .9}, {30, .9}})};
  const PairedDifference d =
      paired_difference(pointers(strategy), pointers(random), Metric::kAccuracy);
  EXPECT_EQ(d.seeds, (std::vector<uint64_t>{1, 2, 3}));
  ASSERT_EQ(d.points.size(), 2u);
  // At 10: differences 0, .1, 0 -> mean 1/30, sd sqrt(1/300) = .057735,
  // half-width t(.975, 2) * sd / sqrt(3) = 4.3027 * .057735 / 1.7321 = .14342.
  EXPECT_EQ(d.points[0].n_labelled, 10);
  EXPECT_EQ(d.points[0].difference.n, 3);
  EXPECT_NEAR(d.points[0].difference.mean, 1.0 / 30, 1e-12);
  EXPECT_NEAR(d.points[0].difference.sd, 0.057735, 1e-6);
  EXPECT_NEAR(d.points[0].difference.half_width, 0.14342, 1e-4);
  // At 20: .1 for every seed -> no spread, an interval of width 0 above zero.
  EXPECT_NEAR(d.points[1].difference.mean, 0.1, 1e-12);
  EXPECT_NEAR(d.points[1].difference.half_width, 0.0, 1e-12);
  EXPECT_EQ(d.sizes_above, 1);
  EXPECT_EQ(d.sizes_below, 0);
  EXPECT_EQ(d.sizes_left_out, (std::vector<int64_t>{30}));
  // Areas over 10..20 (the mean of the two ends): .6 - .55, .7 - .6, .5 - .45.
  EXPECT_EQ(d.area_difference.n, 3);
  EXPECT_NEAR(d.area_difference.mean, (0.05 + 0.1 + 0.05) / 3, 1e-12);
}

TEST(PairedDifference, ThirdsLocateWhereTheGapOpens) {
  // Random is flat at .5; the strategy's gap grows linearly, c·(n − 10)/60,
  // with c = .06 for seed 1 and .12 for seed 2. Six gaps between 10 and 70
  // make thirds 10–30, 30–50 and 50–70, and the trapezoid mean of a linear
  // gap is its value at the middle (20, 40, 60): c/6, c/2 and 5c/6.
  auto growing = [](uint64_t seed, double c) {
    return run_over(seed, 10, 70, [c](int64_t n) { return .5 + c * double(n - 10) / 60; });
  };
  auto flat = [](uint64_t seed) { return run_over(seed, 10, 70, [](int64_t) { return .5; }); };
  const std::vector<LoopRun> strategy{growing(1, .06), growing(2, .12)};
  const std::vector<LoopRun> random{flat(1), flat(2)};
  const PairedDifference d =
      paired_difference(pointers(strategy), pointers(random), Metric::kAccuracy);
  ASSERT_EQ(d.thirds.size(), 3u);
  const int64_t from[3] = {10, 30, 50}, to[3] = {30, 50, 70};
  const double seed1[3] = {.01, .03, .05}, seed2[3] = {.02, .06, .10};
  for (size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(d.thirds[k].from, from[k]);
    EXPECT_EQ(d.thirds[k].to, to[k]);
    EXPECT_EQ(d.thirds[k].area_difference.n, 2);
    EXPECT_NEAR(d.thirds[k].area_difference.mean, (seed1[k] + seed2[k]) / 2, 1e-12);
    // Two seeds: sd = |a − b| / √2, half-width t(.975, 1) · sd / √2 = 12.706 · |a − b| / 2.
    EXPECT_NEAR(d.thirds[k].area_difference.half_width, 12.7062 * (seed2[k] - seed1[k]) / 2, 1e-4);
  }
  // The whole range: the gap at its middle (40), c/2.
  EXPECT_NEAR(d.area_difference.mean, (.03 + .06) / 2, 1e-12);
}

TEST(PairedDifference, UnevenGapsGoToTheLastThirdAndTooFewGiveNone) {
  // Four gaps (10..50): one, one and two.
  const std::vector<LoopRun> strategy{run_over(1, 10, 50, [](int64_t) { return .6; })};
  const std::vector<LoopRun> random{run_over(1, 10, 50, [](int64_t) { return .5; })};
  const PairedDifference d =
      paired_difference(pointers(strategy), pointers(random), Metric::kAccuracy);
  ASSERT_EQ(d.thirds.size(), 3u);
  EXPECT_EQ(d.thirds[0].from, 10);
  EXPECT_EQ(d.thirds[0].to, 20);
  EXPECT_EQ(d.thirds[1].to, 30);
  EXPECT_EQ(d.thirds[2].from, 30);
  EXPECT_EQ(d.thirds[2].to, 50);
  EXPECT_NEAR(d.thirds[2].area_difference.mean, .1, 1e-12);
  EXPECT_TRUE(std::isnan(d.thirds[2].area_difference.half_width));  // one seed
  // Two gaps cannot make three thirds.
  const std::vector<LoopRun> short_strategy{run(1, {{10, .6}, {20, .6}, {30, .6}})};
  const std::vector<LoopRun> short_random{run(1, {{10, .5}, {20, .5}, {30, .5}})};
  EXPECT_TRUE(paired_difference(pointers(short_strategy), pointers(short_random), Metric::kAccuracy)
                  .thirds.empty());
}

TEST(PairedDifference, BelowTheBaselineCountsAsBelow) {
  const std::vector<LoopRun> strategy{run(1, {{10, .50}, {20, .60}}),
                                      run(2, {{10, .40}, {20, .70}})};
  const std::vector<LoopRun> random{run(1, {{10, .50}, {20, .70}}), run(2, {{10, .40}, {20, .80}})};
  const PairedDifference d =
      paired_difference(pointers(strategy), pointers(random), Metric::kAccuracy);
  // At 10 the difference is 0 (not below); at 20 it is -.1 for both seeds.
  EXPECT_EQ(d.sizes_above, 0);
  EXPECT_EQ(d.sizes_below, 1);
  EXPECT_NEAR(d.area_difference.mean, -0.05, 1e-12);
}

TEST(PairedDifference, OneSeedHasNoIntervalAndNoVerdict) {
  const std::vector<LoopRun> strategy{run(1, {{10, .9}, {20, .95}})};
  const std::vector<LoopRun> random{run(1, {{10, .5}, {20, .6}})};
  const PairedDifference d =
      paired_difference(pointers(strategy), pointers(random), Metric::kAccuracy);
  ASSERT_EQ(d.points.size(), 2u);
  EXPECT_NEAR(d.points[1].difference.mean, 0.35, 1e-12);
  EXPECT_TRUE(std::isnan(d.points[1].difference.half_width));
  EXPECT_EQ(d.sizes_above, 0);  // one seed: no interval, so no claim
  EXPECT_NEAR(d.area_difference.mean, (0.4 + 0.35) / 2, 1e-12);
  EXPECT_TRUE(std::isnan(d.area_difference.half_width));
}

TEST(PairedDifference, NoCommonSizeGivesNoPointsAndNoArea) {
  // Seeds pair, but seed 2 starts where seed 1 ended: no size every pair has.
  const std::vector<LoopRun> strategy{run(1, {{10, .9}, {20, .9}}), run(2, {{30, .9}})};
  const std::vector<LoopRun> random{run(1, {{10, .5}, {20, .5}}), run(2, {{30, .5}})};
  const PairedDifference d =
      paired_difference(pointers(strategy), pointers(random), Metric::kAccuracy);
  EXPECT_EQ(d.seeds.size(), 2u);
  EXPECT_TRUE(d.points.empty());
  EXPECT_TRUE(std::isnan(d.area_difference.mean));  // not a difference of zero
  EXPECT_EQ(d.sizes_left_out, (std::vector<int64_t>{10, 20, 30}));
}

TEST(PairedDifference, MissingValuesAreNotCompared) {
  // A metric a round did not record (NaN) leaves that size out of the pairing.
  const std::vector<LoopRun> strategy{run(1, {{10, .9}, {20, std::nan("")}})};
  const std::vector<LoopRun> random{run(1, {{10, .5}, {20, .6}})};
  const PairedDifference d =
      paired_difference(pointers(strategy), pointers(random), Metric::kAccuracy);
  ASSERT_EQ(d.points.size(), 1u);
  EXPECT_EQ(d.points[0].n_labelled, 10);
  EXPECT_EQ(d.sizes_left_out, (std::vector<int64_t>{20}));
}

TEST(PairedDifference, NoCommonSeedGivesNothing) {
  const std::vector<LoopRun> strategy{run(1, {{10, .9}})};
  const std::vector<LoopRun> random{run(2, {{10, .5}})};
  const PairedDifference d =
      paired_difference(pointers(strategy), pointers(random), Metric::kAccuracy);
  EXPECT_TRUE(d.seeds.empty());
  EXPECT_TRUE(d.points.empty());
}

}  // namespace
}  // namespace bdal::report
