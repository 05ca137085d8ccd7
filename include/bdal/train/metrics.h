// Classification metrics from MC samples log_probs_N_K_C (pure functions,
// float64 accumulation, 0·log 0 = 0). The predictive distribution is the MC
// average p̄(y|x) = 1/K Σ_k p(y|x, ω_k).
#pragma once

#include <ATen/core/Tensor.h>

namespace bdal::train {

inline constexpr int64_t kEceBins = 15;

struct Metrics {
  double accuracy = 0;                 // argmax p̄ == label
  double nll = 0;                      // -mean log p̄(label)
  double ece = 0;                      // expected calibration error, 15 equal-width bins
  double mean_entropy = 0;             // mean H[p̄]
  double mean_mutual_information = 0;  // mean H[p̄] - 1/K Σ_k H[p_k] (BALD's score)
};

// log p̄, [N, C], float64: logsumexp over K minus log K.
at::Tensor mean_log_probs_N_C(const at::Tensor& log_probs_N_K_C);

// H[p̄] per point, [N], float64.
at::Tensor predictive_entropy_N(const at::Tensor& log_probs_N_K_C);

// 1/K Σ_k H[p(y|x, ω_k)] per point, [N], float64.
at::Tensor expected_entropy_N(const at::Tensor& log_probs_N_K_C);

// Mutual information between y and ω, [N], float64; clamped at 0 against
// round-off.
at::Tensor mutual_information_N(const at::Tensor& log_probs_N_K_C);

// ECE with `bins` equal-width confidence bins over (0, 1].
double expected_calibration_error(const at::Tensor& confidence_N, const at::Tensor& correct_N,
                                  int64_t bins = kEceBins);

Metrics compute_metrics(const at::Tensor& log_probs_N_K_C, const at::Tensor& labels_N);

}  // namespace bdal::train
