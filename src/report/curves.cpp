#include "bdal/report/curves.h"

#include <algorithm>
#include <limits>
#include <map>

#include "bdal/core/error.h"

namespace bdal::report {

const std::vector<Metric>& curve_metrics() {
  static const std::vector<Metric> metrics = {Metric::kAccuracy,
                                              Metric::kNll,
                                              Metric::kMeanMutualInformation,
                                              Metric::kTrainAccuracy,
                                              Metric::kAmbiguousAccuracy,
                                              Metric::kAcquiredAmbiguousFraction};
  return metrics;
}

Metric parse_metric(const std::string& name) {
  std::vector<std::string> known;
  for (Metric m : curve_metrics()) {
    if (name == metric_name(m)) return m;
    known.push_back(metric_name(m));
  }
  if (name == "mi") return Metric::kMeanMutualInformation;
  throw UsageError(
      fmt::format("unknown metric '{}'; known metrics: {}", name, fmt::join(known, ", ")));
}

std::string metric_name(Metric metric) {
  switch (metric) {
    case Metric::kAccuracy:
      return "accuracy";
    case Metric::kNll:
      return "nll";
    case Metric::kMeanMutualInformation:
      return "mean_mutual_information";
    case Metric::kTrainAccuracy:
      return "train_accuracy";
    case Metric::kAmbiguousAccuracy:
      return "ambiguous_accuracy";
    case Metric::kAcquiredAmbiguousFraction:
      return "acquired_ambiguous_fraction";
  }
  return "?";
}

std::string metric_label(Metric metric) {
  switch (metric) {
    case Metric::kAccuracy:
      return "test accuracy";
    case Metric::kNll:
      return "test NLL (nats)";
    case Metric::kMeanMutualInformation:
      return "test mean mutual information (nats)";
    case Metric::kTrainAccuracy:
      return "train accuracy (labelled set)";
    case Metric::kAmbiguousAccuracy:
      return "accuracy on the ambiguous test split";
    case Metric::kAcquiredAmbiguousFraction:
      return "ambiguous fraction of the acquired points";
  }
  return "?";
}

double metric_value(const RoundPoint& point, Metric metric) {
  switch (metric) {
    case Metric::kAccuracy:
      return point.accuracy;
    case Metric::kNll:
      return point.nll;
    case Metric::kMeanMutualInformation:
      return point.mean_mutual_information;
    case Metric::kTrainAccuracy:
      return point.train_accuracy;
    case Metric::kAmbiguousAccuracy:
      return point.ambiguous_accuracy;
    case Metric::kAcquiredAmbiguousFraction:
      return point.acquired_ambiguous_fraction;
  }
  return 0.0;
}

Curve seed_curve(const LoopRun& run, Metric metric) {
  Curve c;
  for (const RoundPoint& p : run.rounds) {
    c.n_labelled.push_back(p.n_labelled);
    c.value.push_back(metric_value(p, metric));
  }
  return c;
}

const Summary& CurvePoint::of(Metric metric) const {
  switch (metric) {
    case Metric::kAccuracy:
      return accuracy;
    case Metric::kNll:
      return nll;
    case Metric::kMeanMutualInformation:
      return mean_mutual_information;
    case Metric::kTrainAccuracy:
      return train_accuracy;
    case Metric::kAmbiguousAccuracy:
      return ambiguous_accuracy;
    case Metric::kAcquiredAmbiguousFraction:
      return acquired_ambiguous_fraction;
  }
  return accuracy;
}

Curve SeriesCurves::mean(Metric metric) const {
  Curve c;
  for (const CurvePoint& p : points) {
    c.n_labelled.push_back(p.n_labelled);
    c.value.push_back(p.of(metric).mean);
  }
  return c;
}

SeriesCurves aggregate_curves(const std::vector<const LoopRun*>& runs) {
  SeriesCurves out;
  out.n_seeds = static_cast<int64_t>(runs.size());
  // n_labelled -> that round of every seed that has it.
  std::map<int64_t, std::vector<const RoundPoint*>> by_n;
  for (const LoopRun* run : runs)
    for (const RoundPoint& p : run->rounds) by_n[p.n_labelled].push_back(&p);
  for (const auto& [n, points] : by_n) {
    if (static_cast<int64_t>(points.size()) != out.n_seeds) {
      out.n_labelled_not_in_all_seeds.push_back(n);
      continue;
    }
    std::vector<double> acc, nll, mi, train_acc, ambiguous_acc, ambiguous_fraction;
    for (const RoundPoint* p : points) {
      acc.push_back(p->accuracy);
      nll.push_back(p->nll);
      mi.push_back(p->mean_mutual_information);
      train_acc.push_back(p->train_accuracy);
      ambiguous_acc.push_back(p->ambiguous_accuracy);
      ambiguous_fraction.push_back(p->acquired_ambiguous_fraction);
    }
    out.points.push_back({n, summarize(acc), summarize(nll), summarize(mi), summarize(train_acc),
                          summarize(ambiguous_acc), summarize(ambiguous_fraction)});
  }
  return out;
}

double area_under_curve(const Curve& curve) {
  BDAL_CHECK(curve.n_labelled.size() == curve.value.size(),
             "a curve needs as many values ({}) as n_labelled points ({})", curve.value.size(),
             curve.n_labelled.size());
  if (curve.value.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (curve.value.size() == 1) return curve.value.front();
  double area = 0.0;
  for (size_t i = 1; i < curve.value.size(); ++i)
    area += 0.5 * (curve.value[i] + curve.value[i - 1]) *
            static_cast<double>(curve.n_labelled[i] - curve.n_labelled[i - 1]);
  return area / static_cast<double>(curve.n_labelled.back() - curve.n_labelled.front());
}

TimingSummary summarize_timings(const std::vector<const LoopRun*>& runs) {
  TimingSummary out;
  PhaseTimes sum, acquiring;
  for (const LoopRun* run : runs) {
    for (const RoundPoint& p : run->rounds) {
      sum.train += p.train_ms;
      sum.score += p.score_ms;
      sum.select += p.select_ms;
      sum.eval += p.eval_ms;
      ++out.rounds;
      if (p.acquired) {
        acquiring.train += p.train_ms;
        acquiring.score += p.score_ms;
        acquiring.select += p.select_ms;
        acquiring.eval += p.eval_ms;
        ++out.acquiring_rounds;
      }
    }
  }
  auto divide = [](const PhaseTimes& t, double d) {
    return d > 0 ? PhaseTimes{t.train / d, t.score / d, t.select / d, t.eval / d} : PhaseTimes{};
  };
  out.per_run_ms = divide(sum, static_cast<double>(runs.size()));
  out.per_round_ms = divide(sum, static_cast<double>(out.rounds));
  out.per_acquisition_ms = divide(acquiring, static_cast<double>(out.acquiring_rounds));
  return out;
}

}  // namespace bdal::report
