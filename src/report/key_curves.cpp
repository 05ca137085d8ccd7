#include "bdal/report/key_curves.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "bdal/report/report.h"

namespace bdal::report {

std::vector<KeyCurve> key_curves(const std::vector<SeriesReport>& series) {
  std::map<std::pair<std::string, std::string>, KeyCurve> by_key_and_rest;
  for (const SeriesReport& s : series) {
    const bool single_round =
        std::all_of(s.series.runs.begin(), s.series.runs.end(), [](const LoopRun* r) {
          // One round that acquired nothing: a training-only run, not an
          // active-learning run cut short after its first round.
          return r->rounds.size() == 1 && !r->rounds.front().acquired;
        });
    if (!single_round || s.curves.points.size() != 1) continue;
    for (const auto& [key, value] : s.series.distinguishing) {
      if (!value.is_number()) continue;
      // The rest: strategy and every other distinguishing key with its value.
      std::string rest = s.series.strategy;
      for (const auto& [other, other_value] : s.series.distinguishing)
        if (other != key)
          rest += fmt::format(
              " {}={}", other,
              other_value.is_string() ? other_value.get<std::string>() : other_value.dump());
      KeyCurve& curve = by_key_and_rest[{key, rest}];
      curve.key = key;
      curve.name = rest;
      KeyPoint p;
      p.value = value.get<double>();
      p.point = s.curves.points.front();
      p.n_seeds = s.curves.n_seeds;
      p.train_seconds = s.timings.per_run_ms.train / 1000.0;
      curve.points.push_back(p);
    }
  }
  std::vector<KeyCurve> out;
  for (auto& [id, curve] : by_key_and_rest) {
    if (curve.points.size() < 2) continue;
    std::sort(curve.points.begin(), curve.points.end(),
              [](const KeyPoint& a, const KeyPoint& b) { return a.value < b.value; });
    out.push_back(std::move(curve));
  }
  return out;
}

std::vector<std::string> swept_keys(const Report& report) {
  std::vector<std::string> keys;
  for (const KeyCurve& c : report.key_curves)
    if (keys.empty() || keys.back() != c.key) keys.push_back(c.key);
  return keys;
}

std::string key_figure_stem(const std::string& key) { return "metric-vs-" + key; }

}  // namespace bdal::report
