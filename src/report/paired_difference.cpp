#include "bdal/report/paired_difference.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <set>

namespace bdal::report {
namespace {

// n_labelled -> value of one seed's curve.
std::map<int64_t, double> by_size(const LoopRun& run, Metric metric) {
  std::map<int64_t, double> out;
  const Curve c = seed_curve(run, metric);
  for (size_t i = 0; i < c.n_labelled.size(); ++i)
    if (std::isfinite(c.value[i])) out[c.n_labelled[i]] = c.value[i];
  return out;
}

const LoopRun* run_of_seed(const std::vector<const LoopRun*>& runs, uint64_t seed) {
  for (const LoopRun* r : runs)
    if (r->seed == seed) return r;
  return nullptr;
}

Curve restricted(const std::map<int64_t, double>& values, const std::vector<int64_t>& sizes) {
  Curve c;
  for (int64_t n : sizes) {
    c.n_labelled.push_back(n);
    c.value.push_back(values.at(n));
  }
  return c;
}

}  // namespace

PairedDifference paired_difference(const std::vector<const LoopRun*>& runs,
                                   const std::vector<const LoopRun*>& baseline, Metric metric) {
  PairedDifference out;
  std::vector<std::map<int64_t, double>> ours, theirs;
  for (const LoopRun* r : runs) {
    const LoopRun* b = run_of_seed(baseline, r->seed);
    if (!b) continue;
    out.seeds.push_back(r->seed);
    ours.push_back(by_size(*r, metric));
    theirs.push_back(by_size(*b, metric));
  }
  if (out.seeds.empty()) return out;
  // Callers may pass runs in any order: pair in seed order so that the output
  // (and floating-point sums) does not depend on it.
  std::vector<size_t> order(out.seeds.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return out.seeds[a] < out.seeds[b]; });

  // The sizes every pair has on both sides; the others are reported as left out.
  std::set<int64_t> common, any;
  for (const auto& [n, v] : ours[0]) common.insert(n);
  for (size_t i = 0; i < ours.size(); ++i) {
    for (const auto& [n, v] : ours[i]) any.insert(n);
    for (const auto& [n, v] : theirs[i]) any.insert(n);
    for (auto it = common.begin(); it != common.end();)
      it = ours[i].count(*it) && theirs[i].count(*it) ? std::next(it) : common.erase(it);
  }
  const std::vector<int64_t> sizes(common.begin(), common.end());
  for (int64_t n : any)
    if (!common.count(n)) out.sizes_left_out.push_back(n);

  for (int64_t n : sizes) {
    std::vector<double> d;
    for (size_t i : order) d.push_back(ours[i].at(n) - theirs[i].at(n));
    PairedPoint p{n, summarize(d)};
    if (std::isfinite(p.difference.half_width)) {
      if (p.difference.mean - p.difference.half_width > 0) ++out.sizes_above;
      if (p.difference.mean + p.difference.half_width < 0) ++out.sizes_below;
    }
    out.points.push_back(p);
  }
  // Per seed, the series' AUC minus the baseline's, both over `range`.
  auto area_difference = [&](const std::vector<int64_t>& range) {
    std::vector<double> area;
    for (size_t i : order)
      area.push_back(area_under_curve(restricted(ours[i], range)) -
                     area_under_curve(restricted(theirs[i], range)));
    return summarize(area);
  };
  out.area_difference = sizes.empty() ? summarize({}) : area_difference(sizes);  // NaN: none
  const size_t gaps = sizes.empty() ? 0 : sizes.size() - 1;
  if (gaps >= 3) {
    for (size_t k = 0; k < 3; ++k) {
      const size_t first = gaps * k / 3, last = gaps * (k + 1) / 3;  // indices into sizes
      const std::vector<int64_t> range(sizes.begin() + first, sizes.begin() + last + 1);
      out.thirds.push_back({range.front(), range.back(), area_difference(range)});
    }
  }
  std::sort(out.seeds.begin(), out.seeds.end());
  return out;
}

}  // namespace bdal::report
