#include "bdal/acquire/stochastic.h"

#include <ATen/ATen.h>

#include <cmath>
#include <limits>

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
      // β = 0 is uniform, zero scores included (0⁰ = 1); otherwise a zero
      // score has weight 0, log −inf: stochastic_top_b draws such points only
      // after every positive one, in random order.
      if (beta == 0.0) return at::zeros_like(s);
      return beta * s.clamp_min(0.0).log();
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
  const at::Tensor gumbel_N = -(-u.log()).log();
  const at::Tensor keys = log_w + gumbel_N;
  // Weight-0 points (log −inf, power sampling's zero scores) fill the batch
  // only when the positive-weight ones run out, in the order of their noise.
  const at::Tensor drawable_N = log_w.ne(-std::numeric_limits<double>::infinity());
  const int64_t n_drawable = drawable_N.sum().item<int64_t>();
  at::Tensor picked;
  if (n_drawable >= batch_size) {
    picked = std::get<1>(keys.topk(batch_size));
  } else {
    const at::Tensor rest = (~drawable_N).nonzero().squeeze(1);
    picked = at::cat({std::get<1>(keys.topk(n_drawable)),
                      rest.index_select(0, std::get<1>(gumbel_N.index_select(0, rest).topk(
                                               batch_size - n_drawable)))});
  }
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
