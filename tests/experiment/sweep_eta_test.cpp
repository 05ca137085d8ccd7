// The sweep's time-left estimate on hand-made round times, worked out by hand.
#include "bdal/experiment/sweep_eta.h"

#include <gtest/gtest.h>

namespace bdal::experiment {
namespace {

CellTimes cell(const std::string& group, std::vector<double> seconds, int64_t planned,
               bool running = false) {
  CellTimes c;
  c.group = group;
  c.round_seconds = std::move(seconds);
  c.planned_rounds = planned;
  c.running = running;
  c.finished = !running && static_cast<int64_t>(c.round_seconds.size()) >= planned;
  return c;
}

TEST(SweepEta, NothingTimedYetHasNoEstimate) {
  EXPECT_FALSE(estimate_remaining_seconds({cell("a", {}, 3), cell("b", {}, 3)}, 2).has_value());
}

TEST(SweepEta, RemainingRoundsArePricedByRoundIndexAndDealtToLanes) {
  // Round r of group a took r + 1 s. The running a cell has rounds 1 and 2
  // left (2 + 3 s); the waiting b cell, with no records of its own, is
  // priced at all cells' means (1, 2, 3 s).
  const std::vector<CellTimes> cells{cell("a", {1, 2, 3}, 3), cell("a", {1}, 3, true),
                                     cell("b", {}, 3)};
  EXPECT_DOUBLE_EQ(*estimate_remaining_seconds(cells, 1), 5.0 + 6.0);
  EXPECT_DOUBLE_EQ(*estimate_remaining_seconds(cells, 2), 6.0);  // side by side: the longer
}

TEST(SweepEta, BeyondTheRecordedRoundsTheLineIsExtended) {
  // Means 1 and 2 s at rounds 0 and 1: rounds 2 and 3 cost 3 and 4 s.
  const std::vector<CellTimes> cells{cell("a", {1, 2}, 4, true), cell("a", {}, 4)};
  EXPECT_DOUBLE_EQ(*estimate_remaining_seconds(cells, 1), (3.0 + 4.0) + (1.0 + 2 + 3 + 4));
}

TEST(SweepEta, ADearerGroupIsScaledWhereItHasNoRecords) {
  // Group b took twice group a's time on its recorded rounds: all cells' mean
  // is 1.5 and 3 s there, b's own 2 and 4 s, so b is 6 / 4.5 = 4/3 times
  // dearer. Its round 2 is priced at 4/3 of the extended line (4.5 s) = 6 s.
  const std::vector<CellTimes> cells{cell("a", {1, 2}, 2), cell("b", {2, 4}, 2), cell("b", {}, 3)};
  EXPECT_DOUBLE_EQ(*estimate_remaining_seconds(cells, 1), 2.0 + 4.0 + 6.0);
}

TEST(SweepEta, FinishedCellsCostNothing) {
  const std::vector<CellTimes> cells{cell("a", {5, 5}, 2), cell("a", {5, 5}, 2)};
  EXPECT_DOUBLE_EQ(*estimate_remaining_seconds(cells, 2), 0.0);
}

}  // namespace
}  // namespace bdal::experiment
