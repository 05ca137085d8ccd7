#include "bdal/report/labels_to_error.h"

#include "bdal/core/error.h"

namespace bdal::report {

std::optional<int64_t> first_reaching(const Curve& accuracy, double error) {
  BDAL_CHECK(error > 0.0 && error < 1.0, "a target test error must be in (0, 1), got {}", error);
  for (size_t i = 0; i < accuracy.value.size(); ++i)
    if (1.0 - accuracy.value[i] <= error + kErrorTolerance) return accuracy.n_labelled[i];
  return std::nullopt;
}

StepAverage step_average(const std::vector<Curve>& seed_accuracy, double error,
                         const std::vector<int64_t>& offsets) {
  BDAL_CHECK(offsets.empty() || offsets.size() == seed_accuracy.size(),
             "step_average: {} offsets for {} curves", offsets.size(), seed_accuracy.size());
  StepAverage out;
  std::vector<double> reached;
  for (size_t s = 0; s < seed_accuracy.size(); ++s) {
    std::optional<int64_t> n = first_reaching(seed_accuracy[s], error);
    if (n && !offsets.empty()) *n -= offsets[s];
    out.per_seed.push_back(n);
    if (n)
      reached.push_back(static_cast<double>(*n));
    else
      ++out.never_reached;
  }
  out.reached = summarize(reached);
  return out;
}

std::optional<int64_t> average_step(const Curve& mean_accuracy, double error, int64_t offset) {
  std::optional<int64_t> n = first_reaching(mean_accuracy, error);
  if (n) *n -= offset;
  return n;
}

std::optional<double> ratio(std::optional<double> ours, std::optional<double> random) {
  if (!ours || !random || *random <= 0.0) return std::nullopt;
  return *ours / *random;
}

}  // namespace bdal::report
