// How long a sweep has left, from the time its recorded rounds took.
//
// A round's cost grows with the labelled set (more to train on) and differs
// between strategies (BatchBALD's or CSAL's scoring), so "rounds left × mean
// round so far" under-estimates early in a sweep. Here each remaining round
// is priced at what the same round index cost in alike cells (same strategy
// and swept settings), else at what it cost in any cell scaled by how much
// dearer the group has been, else extrapolated along a straight line through
// the per-round means; then the cells are dealt to `jobs` lanes in plan
// order, as the sweep runs them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bdal::experiment {

struct CellTimes {
  std::string group;                  // cells alike in cost (strategy and swept settings)
  std::vector<double> round_seconds;  // of the rounds recorded so far, in order
  int64_t planned_rounds = 0;         // rounds the cell will have when done
  bool running = false;
  bool finished = false;  // complete, failed or skipped: nothing more to run
};

// Seconds until every cell has run its planned rounds with `jobs` at once;
// nullopt before any round has a time.
std::optional<double> estimate_remaining_seconds(const std::vector<CellTimes>& cells, int jobs);

}  // namespace bdal::experiment
