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
