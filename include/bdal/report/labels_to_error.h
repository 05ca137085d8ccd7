// How many labels a strategy needs to reach a test error e, two ways (the
// distinction matters with few seeds; see docs/report.md):
//   Step-Average: per seed, the first n_labelled with error <= e; then the
//                 mean ± sd of those over seeds (Gal et al. 2017 average
//                 their curves instead, which is the other one).
//   Average-Step: the first n_labelled where the seed-averaged accuracy
//                 curve has error <= e (the 2025 reproduction report's).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "bdal/report/curves.h"
#include "bdal/report/statistics.h"

namespace bdal::report {

// Accuracies within this of 1 - e count as reaching e: 1 - 0.95 is not
// exactly 0.05 in binary floating point.
inline constexpr double kErrorTolerance = 1e-9;

// The first n_labelled of an accuracy curve whose error 1 - accuracy is <= e.
std::optional<int64_t> first_reaching(const Curve& accuracy, double error);

struct StepAverage {
  std::vector<std::optional<int64_t>> per_seed;  // in the order of the curves given
  int64_t never_reached = 0;
  Summary reached;  // over the seeds that reached e only
};

// `offsets` (one per curve, or empty for none) are subtracted from each
// seed's result: pass the initial labelled counts to count acquired points.
StepAverage step_average(const std::vector<Curve>& seed_accuracy, double error,
                         const std::vector<int64_t>& offsets = {});

// The first n_labelled of the mean accuracy curve with error <= e, minus `offset`.
std::optional<int64_t> average_step(const Curve& mean_accuracy, double error, int64_t offset = 0);

// ours / random, when both exist and random > 0.
std::optional<double> ratio(std::optional<double> ours, std::optional<double> random);

}  // namespace bdal::report
