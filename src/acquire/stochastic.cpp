#include "bdal/acquire/stochastic.h"

#include <ATen/ATen.h>

#include <cmath>

#include "bdal/core/error.h"
#include "bdal/core/random.h"

namespace bdal::acquire {

const std::vector<std::pair<std::string, SamplingRule>>& sampling_rules() {
  static const std::vector<std::pair<std::string, SamplingRule>> rules = {
      {"power", SamplingRule::kPower},
      {"softmax", SamplingRule::kSoftmax},
      {"softrank", SamplingRule::kSoftrank}};
  return rules;
}

at::Tensor log_sampling_weights_N(const at::Tensor& scores_N, SamplingRule rule, double beta) {
  BDAL_CHECK(beta >= 0.0 && std::isfinite(beta),
             "the sampling temperature β must be finite and ≥ 0, not {}", beta);
  const at::Tensor s = scores_N.to(at::kDouble);
  BDAL_CHECK(!s.isnan().any().item<bool>(), "acquisition scores contain NaN");
  switch (rule) {
    case SamplingRule::kPower:
      BDAL_CHECK(s.min().item<double>() >= -1e-12,
                 "power sampling needs scores ≥ 0; the smallest is {}", s.min().item<double>());
      // A zero score is never drawn before a positive one, but still can be
      // (log of the smallest normal number instead of −inf keeps ties random).
      return beta * s.clamp_min(std::numeric_limits<double>::min()).log();
    case SamplingRule::kSoftmax:
      return beta * s;
    case SamplingRule::kSoftrank: {
      // Rank 1 = best; equal scores share the best of their ranks (1, 1, 3, ...).
      const int64_t n = s.size(0);
      const at::Tensor order = std::get<1>(s.sort(/*stable=*/true, 0, /*descending=*/true));
      at::Tensor rank = at::empty({n}, at::kDouble);
      const auto ord = order.accessor<int64_t, 1>();
      const auto sc = s.accessor<double, 1>();
      auto r = rank.accessor<double, 1>();
      for (int64_t i = 0; i < n; ++i)
        r[ord[i]] = (i > 0 && sc[ord[i]] == sc[ord[i - 1]]) ? r[ord[i - 1]] : double(i + 1);
      return -beta * rank.log();
    }
  }
  return s;
}

Selection stochastic_top_b(const at::Tensor& scores_N, int64_t batch_size, SamplingRule rule,
                           double beta, uint64_t seed) {
  const int64_t n = scores_N.size(0);
  BDAL_CHECK(batch_size >= 1 && batch_size <= n, "cannot select {} points from a pool of {}",
             batch_size, n);
  const at::Tensor log_w = log_sampling_weights_N(scores_N, rule, beta);
  at::Generator gen = core::make_generator(seed);
  // Gumbel(0, 1) = −log(−log U); U in (0, 1) away from both ends.
  const at::Tensor u = at::empty({n}, at::kDouble).uniform_(1e-300, 1.0, gen);
  const at::Tensor keys = log_w - (-u.log()).log();
  const at::Tensor picked = std::get<1>(keys.topk(batch_size));
  Selection out;
  const at::Tensor s = scores_N.to(at::kDouble);
  for (int64_t i = 0; i < batch_size; ++i) {
    const int64_t position = picked[i].item<int64_t>();
    out.positions.push_back(position);
    out.scores.push_back(s[position].item<double>());
  }
  return out;
}

}  // namespace bdal::acquire
