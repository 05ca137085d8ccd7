// A series' learning curve against a baseline's (random's), paired by seed.
//
// Cells of one study that share a seed share the initial labelled set, the
// validation and test subsets and the round-0 model, so seed s of a strategy
// and seed s of random differ only by what the strategy chose. The paired
// difference d_s(n) = y_s(n) − baseline_s(n) removes each seed's own luck
// (an easy initial set lifts both curves), and its 95% interval over seeds is
// the right one for "is this strategy above random at n labels?": tighter
// than reading two overlapping bands.
#pragma once

#include <cstdint>
#include <vector>

#include "bdal/report/curves.h"
#include "bdal/report/runs.h"
#include "bdal/report/statistics.h"

namespace bdal::report {

struct PairedPoint {
  int64_t n_labelled = 0;
  Summary difference;  // of y_s(series) − y_s(baseline) over the paired seeds
};

struct PairedDifference {
  std::vector<uint64_t> seeds;      // the seeds both have, ascending
  std::vector<PairedPoint> points;  // the sizes every paired seed has in both
  // Per seed: area_under_curve of the series minus that of the baseline, both
  // over `points`' sizes (the same range), so it reads as the mean gap.
  Summary area_difference;
  // The same over the first, middle and last third of the compared range:
  // where along the curve a series gains or loses on the baseline (the
  // published "BALD is weak early and strong late" is a claim about this).
  // The gaps between consecutive compared sizes are dealt, in order, into
  // three runs of as equal a count as possible (100 gaps: 33, 33, 34), so the
  // thirds share their boundary sizes. Empty with fewer than three gaps.
  struct Third {
    int64_t from = 0, to = 0;  // n_labelled at its first and last size
    Summary area_difference;
  };
  std::vector<Third> thirds;
  // Sizes whose 95% interval lies wholly above / below zero (none with one
  // seed). Each size has its own interval and neighbouring sizes are strongly
  // correlated, so these counts describe the curve; they are not a test. The
  // area difference is the single overall comparison.
  int64_t sizes_above = 0, sizes_below = 0;
  // Sizes some paired run has but not every one (an unfinished seed, say):
  // not compared.
  std::vector<int64_t> sizes_left_out;
};

// Empty `seeds` when no seed is in both; empty `points` (and a NaN area
// difference) when the paired runs have no size in common.
PairedDifference paired_difference(const std::vector<const LoopRun*>& runs,
                                   const std::vector<const LoopRun*>& baseline, Metric metric);

}  // namespace bdal::report
