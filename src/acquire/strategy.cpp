#include "bdal/acquire/strategy.h"

#include "bdal/core/error.h"
#include "bdal/core/random.h"

#include <ATen/ATen.h>

#include <cmath>

namespace bdal::acquire {

void StrategyOptions::validate() const {
  BDAL_CHECK_USAGE(temperature >= 0.0 && std::isfinite(temperature),
                   "strategy_options.temperature must be finite and >= 0, got {}", temperature);
  // Past a million, M×K joint-probability floats no longer fit a laptop, and
  // ATen's multinomial draws from at most 2^24 categories (M·C).
  BDAL_CHECK_USAGE(max_configs >= 1 && max_configs <= kMaxConfigsLimit,
                   "strategy_options.max_configs must be in [1, {}], got {}", kMaxConfigsLimit,
                   max_configs);
  BDAL_CHECK_USAGE(prefilter >= 0, "strategy_options.prefilter must be >= 0 (0 = off), got {}",
                   prefilter);
  BDAL_CHECK_USAGE(augmentations >= 2, "strategy_options.augmentations must be >= 2, got {}",
                   augmentations);
  BDAL_CHECK_USAGE(consistency_weight >= 0.0 && std::isfinite(consistency_weight),
                   "strategy_options.consistency_weight must be finite and >= 0, got {}",
                   consistency_weight);
}

int64_t AcquisitionInput::pool_size() const {
  if (log_probs_N_K_C.defined()) return log_probs_N_K_C.size(0);
  if (embeddings_N_D.defined()) return embeddings_N_D.size(0);
  if (augmented_log_probs_N_A_C.defined()) return augmented_log_probs_N_A_C.size(0);
  return 0;
}

Selection top_b(const at::Tensor& scores_N, int64_t batch_size, uint64_t seed) {
  const int64_t n = scores_N.size(0);
  BDAL_CHECK(batch_size >= 1 && batch_size <= n, "cannot select {} points from a pool of {}",
             batch_size, n);
  BDAL_CHECK(!scores_N.isnan().any().item<bool>(), "acquisition scores contain NaN");
  at::Generator gen = core::make_generator(seed);
  // Shuffle, then a stable descending sort: equal scores keep the random order.
  const at::Tensor order_N = at::randperm(n, gen, at::kLong);
  const at::Tensor shuffled = scores_N.to(at::kDouble).index_select(0, order_N);
  const at::Tensor sorted_positions =
      std::get<1>(shuffled.sort(/*stable=*/true, /*dim=*/0, /*descending=*/true));
  const at::Tensor picked = order_N.index_select(0, sorted_positions.slice(0, 0, batch_size));
  Selection out;
  for (int64_t i = 0; i < batch_size; ++i) {
    const int64_t position = picked[i].item<int64_t>();
    out.positions.push_back(position);
    out.scores.push_back(scores_N[position].item<double>());
  }
  return out;
}

int64_t argmax_ties_at_random(const at::Tensor& values_N, at::Generator& gen) {
  const at::Tensor tied = values_N.eq(values_N.max()).nonzero().squeeze(1);
  BDAL_CHECK(tied.size(0) > 0, "no largest value (NaN among {} values?)", values_N.size(0));
  if (tied.size(0) == 1) return tied[0].item<int64_t>();
  return tied[at::randint(tied.size(0), {1}, gen, at::kLong).item<int64_t>()].item<int64_t>();
}

Selection PointwiseStrategy::select(const AcquisitionInput& input, int64_t batch_size) const {
  return top_b(score_N(input), batch_size, input.seed);
}

}  // namespace bdal::acquire
