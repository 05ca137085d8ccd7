#include "bdal/train/metrics.h"

#include "bdal/core/error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace bdal::train {
namespace {

void check_log_probs(const at::Tensor& log_probs_N_K_C) {
  BDAL_CHECK(log_probs_N_K_C.dim() == 3, "log_probs must be [N, K, C], got rank {}",
             log_probs_N_K_C.dim());
  BDAL_CHECK(log_probs_N_K_C.size(1) >= 1 && log_probs_N_K_C.size(2) >= 1,
             "log_probs must have K >= 1 and C >= 1");
}

// -Σ_c p log p over the last axis, with 0·log 0 = 0 (p = 0 gives log p = -inf).
at::Tensor entropy_last_axis(const at::Tensor& log_p) {
  const at::Tensor p = log_p.exp();
  return -(p * log_p.masked_fill(p == 0, 0.0)).sum(-1);
}

}  // namespace

at::Tensor mean_log_probs_N_C(const at::Tensor& log_probs_N_K_C) {
  check_log_probs(log_probs_N_K_C);
  const int64_t k = log_probs_N_K_C.size(1);
  return at::logsumexp(log_probs_N_K_C.to(at::kDouble), 1) - std::log(static_cast<double>(k));
}

at::Tensor predictive_entropy_N(const at::Tensor& log_probs_N_K_C) {
  return entropy_last_axis(mean_log_probs_N_C(log_probs_N_K_C));
}

at::Tensor expected_entropy_N(const at::Tensor& log_probs_N_K_C) {
  check_log_probs(log_probs_N_K_C);
  return entropy_last_axis(log_probs_N_K_C.to(at::kDouble)).mean(1);
}

at::Tensor mutual_information_N(const at::Tensor& log_probs_N_K_C) {
  return (predictive_entropy_N(log_probs_N_K_C) - expected_entropy_N(log_probs_N_K_C))
      .clamp_min(0.0);
}

double expected_calibration_error(const at::Tensor& confidence_N, const at::Tensor& correct_N,
                                  int64_t bins) {
  BDAL_CHECK(bins >= 1, "ECE needs at least one bin, got {}", bins);
  const int64_t n = confidence_N.size(0);
  if (n == 0) return 0.0;
  const at::Tensor conf = confidence_N.to(at::kDouble);
  // Bin b holds confidences in (b/B, (b+1)/B]; ceil(c·B) - 1 does that exactly.
  const at::Tensor bin_N = (conf * bins).ceil().sub(1).clamp(0, bins - 1).to(at::kLong);
  const at::Tensor count_B = at::zeros({bins}, at::kDouble).index_add_(0, bin_N, at::ones_like(conf));
  const at::Tensor conf_B = at::zeros({bins}, at::kDouble).index_add_(0, bin_N, conf);
  const at::Tensor acc_B =
      at::zeros({bins}, at::kDouble).index_add_(0, bin_N, correct_N.to(at::kDouble));
  // Σ_b |B_b|/N · |acc_b - conf_b| = Σ_b |Σ correct - Σ conf| / N.
  return (acc_B - conf_B).abs().sum().item<double>() / static_cast<double>(n);
}

Metrics compute_metrics(const at::Tensor& log_probs_N_K_C, const at::Tensor& labels_N) {
  check_log_probs(log_probs_N_K_C);
  BDAL_CHECK(labels_N.dim() == 1 && labels_N.size(0) == log_probs_N_K_C.size(0),
             "labels must be [N] with N = {}, got {}", log_probs_N_K_C.size(0),
             labels_N.sizes());
  Metrics m;
  if (labels_N.size(0) == 0) return m;
  const at::Tensor mean_lp_N_C = mean_log_probs_N_C(log_probs_N_K_C);
  const auto [max_lp_N, pred_N] = mean_lp_N_C.max(1);
  const at::Tensor correct_N = pred_N.eq(labels_N);
  m.accuracy = correct_N.to(at::kDouble).mean().item<double>();
  m.nll = -mean_lp_N_C.gather(1, labels_N.view({-1, 1})).mean().item<double>();
  m.ece = expected_calibration_error(max_lp_N.exp(), correct_N);
  const at::Tensor entropy_N = entropy_last_axis(mean_lp_N_C);
  m.mean_entropy = entropy_N.mean().item<double>();
  m.mean_mutual_information =
      (entropy_N - expected_entropy_N(log_probs_N_K_C)).clamp_min(0.0).mean().item<double>();
  return m;
}

}  // namespace bdal::train
