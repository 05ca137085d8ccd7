// Learning curves of a series: at each labelled-set size, the mean and 95%
// confidence interval over seeds of test accuracy, NLL and mean mutual
// information; the area under the mean accuracy curve; wall time per phase.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bdal/report/runs.h"
#include "bdal/report/statistics.h"

namespace bdal::report {

// A curve y(n_labelled), n_labelled strictly increasing.
struct Curve {
  std::vector<int64_t> n_labelled;
  std::vector<double> value;
};

// Which metric a curve shows: three on the test set, one on the labelled
// (training) set, and two of datasets with ambiguous images (Dirty-MNIST):
// accuracy on the ambiguous test split and the ambiguous fraction of what
// each round acquired.
enum class Metric {
  kAccuracy,
  kNll,
  kMeanMutualInformation,
  kTrainAccuracy,
  kAmbiguousAccuracy,
  kAcquiredAmbiguousFraction
};
// Every metric, in the order tables and figures show them.
const std::vector<Metric>& curve_metrics();
Metric parse_metric(const std::string& name);  // a metric_name, or "mi"
std::string metric_name(Metric metric);        // the record field name
std::string metric_label(Metric metric);       // for tables and figure axes

double metric_value(const RoundPoint& point, Metric metric);

// One seed's curve of `metric`.
Curve seed_curve(const LoopRun& run, Metric metric);

struct CurvePoint {
  int64_t n_labelled = 0;
  Summary accuracy, nll, mean_mutual_information;
  Summary train_accuracy;  // mean NaN when a seed's records lack it
  Summary ambiguous_accuracy, acquired_ambiguous_fraction;  // likewise
  const Summary& of(Metric metric) const;
};

// Averaging over seeds is only done where every seed has a round: an
// n_labelled missing from some seed (a shorter or interrupted run) is left
// out of the mean curve and listed in `n_labelled_not_in_all_seeds`.
struct SeriesCurves {
  int64_t n_seeds = 0;
  std::vector<CurvePoint> points;
  std::vector<int64_t> n_labelled_not_in_all_seeds;
  Curve mean(Metric metric) const;
};
SeriesCurves aggregate_curves(const std::vector<const LoopRun*>& runs);

// Trapezoid area under `curve` divided by its n_labelled range, so that it
// reads as the curve's average height (in the metric's own units); a
// one-point curve gives its value, an empty one NaN.
double area_under_curve(const Curve& curve);

// Wall time per phase (timings_ms of every round), mean over seeds of each
// run's total, and the mean per round over all rounds of all seeds.
struct PhaseTimes {
  double train = 0.0, score = 0.0, select = 0.0, eval = 0.0;
  double total() const { return train + score + select + eval; }
};
struct TimingSummary {
  int64_t rounds = 0;             // rounds summed over seeds
  int64_t acquiring_rounds = 0;   // of which acquired points (all but each run's last)
  PhaseTimes per_run_ms;          // mean over seeds of the run total
  PhaseTimes per_round_ms;        // mean over all rounds
  PhaseTimes per_acquisition_ms;  // mean over the acquiring rounds
};
TimingSummary summarize_timings(const std::vector<const LoopRun*>& runs);

}  // namespace bdal::report
