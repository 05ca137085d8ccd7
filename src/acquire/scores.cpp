#include "bdal/acquire/scores.h"

#include "bdal/core/error.h"
#include "bdal/train/metrics.h"

#include <ATen/ATen.h>

namespace bdal::acquire {

at::Tensor max_entropy_N(const at::Tensor& log_probs_N_K_C) {
  return train::predictive_entropy_N(log_probs_N_K_C);
}

at::Tensor bald_N(const at::Tensor& log_probs_N_K_C) {
  return train::mutual_information_N(log_probs_N_K_C);
}

at::Tensor variation_ratios_mode_N(const at::Tensor& log_probs_N_K_C) {
  BDAL_CHECK(log_probs_N_K_C.dim() == 3, "log_probs must be [N, K, C], got rank {}",
             log_probs_N_K_C.dim());
  const int64_t k = log_probs_N_K_C.size(1);
  const int64_t c = log_probs_N_K_C.size(2);
  const at::Tensor votes_N_K = log_probs_N_K_C.argmax(2);
  // Count the votes for each class: one-hot summed over samples.
  const at::Tensor counts_N_C =
      at::zeros({log_probs_N_K_C.size(0), c}, at::kDouble)
          .scatter_add_(1, votes_N_K, at::ones(votes_N_K.sizes(), at::kDouble));
  return 1.0 - std::get<0>(counts_N_C.max(1)) / static_cast<double>(k);
}

at::Tensor variation_ratios_mean_N(const at::Tensor& log_probs_N_K_C) {
  return 1.0 - std::get<0>(train::mean_log_probs_N_C(log_probs_N_K_C).max(1)).exp();
}

at::Tensor mean_std_N(const at::Tensor& log_probs_N_K_C) {
  BDAL_CHECK(log_probs_N_K_C.dim() == 3, "log_probs must be [N, K, C], got rank {}",
             log_probs_N_K_C.dim());
  // Population std over samples (divide by K), as in Kampffmeyer et al.
  const at::Tensor probs = log_probs_N_K_C.to(at::kDouble).exp();
  return probs.std(/*dim=*/{1}, /*unbiased=*/false).mean(1);
}

at::Tensor margin_N(const at::Tensor& log_probs_N_K_C) {
  const at::Tensor mean_probs_N_C = train::mean_log_probs_N_C(log_probs_N_K_C).exp();
  if (mean_probs_N_C.size(1) < 2) return at::zeros({mean_probs_N_C.size(0)}, at::kDouble);
  const at::Tensor top2 = std::get<0>(mean_probs_N_C.topk(2, 1));
  return 1.0 - (top2.select(1, 0) - top2.select(1, 1));
}

at::Tensor least_confidence_N(const at::Tensor& log_probs_N_K_C) {
  return variation_ratios_mean_N(log_probs_N_K_C);
}

at::Tensor in_row_blocks(at::Tensor (*fn)(const at::Tensor&), const at::Tensor& x, int64_t block) {
  const int64_t n = x.size(0);
  if (n <= block) return fn(x);
  std::vector<at::Tensor> parts;
  for (int64_t start = 0; start < n; start += block)
    parts.push_back(fn(x.slice(0, start, std::min(n, start + block))));
  return at::cat(parts);
}

at::Tensor inconsistency_N(const at::Tensor& log_probs_N_A_C) {
  const at::Tensor probs = log_probs_N_A_C.to(at::kDouble).exp();
  return probs.var(/*dim=*/{1}, /*unbiased=*/false).sum(1);
}

}  // namespace bdal::acquire
