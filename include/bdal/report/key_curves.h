// Metrics against a swept config key — the epochs-versus-labels study. When
// every run of a series recorded a single round (a training-only sweep,
// `rounds: 0`, e.g. `bdal sweep ... --vary trainer.epochs=1,2,4`), the
// series that differ in one numeric key only form a curve over that key:
// test accuracy, NLL and train accuracy, mean and 95% CI over seeds, and the
// training time, at each value.
#pragma once

#include <string>
#include <vector>

#include "bdal/report/curves.h"

namespace bdal::report {

struct SeriesReport;

struct KeyPoint {
  double value = 0.0;  // of the swept key
  CurvePoint point;    // the series' single round, summarised over seeds
  int64_t n_seeds = 0;
  double train_seconds = 0.0;  // mean over seeds of the round's training time
};

struct KeyCurve {
  std::string key;               // e.g. "trainer.epochs"
  std::string name;              // what its series share: strategy and the other keys
  std::vector<KeyPoint> points;  // ascending value, at least two
};

// Every key curve among `series` (sorted by key, then name).
std::vector<KeyCurve> key_curves(const std::vector<SeriesReport>& series);

struct Report;
// The keys of report.key_curves, each once, in order.
std::vector<std::string> swept_keys(const Report& report);
// The figure of one key: metric-vs-<key> (dots kept, e.g. metric-vs-trainer.epochs).
std::string key_figure_stem(const std::string& key);

}  // namespace bdal::report
