#include "bdal/experiment/sweep_eta.h"

#include <algorithm>
#include <functional>
#include <map>
#include <queue>

namespace bdal::experiment {
namespace {

// Mean seconds of round r over the cells that recorded it.
using RoundMeans = std::map<int64_t, double>;

RoundMeans round_means(const std::vector<const CellTimes*>& cells) {
  std::map<int64_t, std::pair<double, int64_t>> sums;
  for (const CellTimes* c : cells)
    for (size_t r = 0; r < c->round_seconds.size(); ++r) {
      sums[static_cast<int64_t>(r)].first += c->round_seconds[r];
      ++sums[static_cast<int64_t>(r)].second;
    }
  RoundMeans out;
  for (const auto& [r, s] : sums) out[r] = s.first / static_cast<double>(s.second);
  return out;
}

// The cost of round r over all cells: its mean where recorded, beyond that
// the least-squares line through the means (never below the cheapest mean).
class GlobalCost {
 public:
  explicit GlobalCost(RoundMeans means) : means_(std::move(means)) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    floor_ = means_.begin()->second;
    for (const auto& [r, m] : means_) {
      const double x = static_cast<double>(r);
      n += 1, sx += x, sy += m, sxx += x * x, sxy += x * m;
      floor_ = std::min(floor_, m);
    }
    const double denominator = n * sxx - sx * sx;
    slope_ = denominator > 0 ? (n * sxy - sx * sy) / denominator : 0.0;
    intercept_ = (sy - slope_ * sx) / n;
  }
  double operator()(int64_t r) const {
    const auto it = means_.find(r);
    if (it != means_.end()) return it->second;
    return std::max(floor_, intercept_ + slope_ * static_cast<double>(r));
  }

 private:
  RoundMeans means_;
  double slope_ = 0, intercept_ = 0, floor_ = 0;
};

}  // namespace

std::optional<double> estimate_remaining_seconds(const std::vector<CellTimes>& cells, int jobs) {
  std::vector<const CellTimes*> all;
  std::map<std::string, std::vector<const CellTimes*>> by_group;
  for (const CellTimes& c : cells) {
    all.push_back(&c);
    by_group[c.group].push_back(&c);
  }
  RoundMeans global_means = round_means(all);
  if (global_means.empty()) return std::nullopt;
  const GlobalCost global(std::move(global_means));

  // Per group: its own means, and how much dearer than all cells it has been
  // on the rounds it recorded (1 without records of its own).
  std::map<std::string, std::pair<RoundMeans, double>> group_cost;
  for (const auto& [group, members] : by_group) {
    RoundMeans own = round_means(members);
    double own_sum = 0, global_sum = 0;
    for (const auto& [r, m] : own) own_sum += m, global_sum += global(r);
    group_cost[group] = {std::move(own), global_sum > 0 ? own_sum / global_sum : 1.0};
  }
  auto remaining = [&](const CellTimes& c) {
    if (c.finished) return 0.0;
    const auto& [own, ratio] = group_cost.at(c.group);
    double seconds = 0;
    for (int64_t r = static_cast<int64_t>(c.round_seconds.size()); r < c.planned_rounds; ++r) {
      const auto it = own.find(r);
      seconds += it != own.end() ? it->second : ratio * global(r);
    }
    return seconds;
  };

  // Running cells hold their lanes first; the waiting ones follow in plan
  // order, each to the lane that frees first.
  std::priority_queue<double, std::vector<double>, std::greater<>> lanes;
  int lanes_used = 0;
  for (const CellTimes& c : cells)
    if (c.running && !c.finished) {
      lanes.push(remaining(c));
      ++lanes_used;
    }
  for (; lanes_used < std::max(jobs, 1); ++lanes_used) lanes.push(0.0);
  double end = 0;
  for (const CellTimes& c : cells) {
    if (c.running || c.finished) continue;
    const double start = lanes.top();
    lanes.pop();
    lanes.push(start + remaining(c));
  }
  while (!lanes.empty()) {
    end = std::max(end, lanes.top());
    lanes.pop();
  }
  return end;
}

}  // namespace bdal::experiment
