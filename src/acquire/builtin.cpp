// The strategy list: one entry per strategy.
#include "bdal/acquire/registry.h"
#include "bdal/acquire/scores.h"

#include <ATen/ATen.h>

namespace bdal::acquire {
namespace {

using ScoreFn = at::Tensor (*)(const at::Tensor&);

// A pointwise strategy from a pure scoring function of log_probs_N_K_C.
class ScoreStrategy : public PointwiseStrategy {
 public:
  explicit ScoreStrategy(ScoreFn fn) : fn_(fn) {}
  at::Tensor score_N(const AcquisitionInput& input) const override {
    return fn_(input.log_probs_N_K_C);
  }

 private:
  ScoreFn fn_;
};

// Uniform random acquisition: needs nothing but the pool size.
class RandomStrategy : public Strategy {
 public:
  Selection select(const AcquisitionInput& input, int64_t batch_size) const override {
    // Every score equal: top_b's random tie-breaking is a uniform draw.
    return top_b(at::zeros({input.pool_size()}, at::kDouble), batch_size, input.seed);
  }
};

StrategyEntry scored(std::string name, std::string help, ScoreFn fn) {
  return {std::move(name), std::move(help), [fn] { return std::make_unique<ScoreStrategy>(fn); }};
}

}  // namespace

const core::Registry<StrategyEntry>& strategy_registry() {
  static const core::Registry<StrategyEntry> registry(
      "strategy", "strategies",
      {
          {"random", "uniformly random points", [] { return std::make_unique<RandomStrategy>(); }},
          scored("max-entropy", "predictive entropy H[ȳ]", max_entropy_N),
          scored("bald", "mutual information between label and weights (Houlsby et al. 2011)",
                 bald_N),
          scored("variation-ratios",
                 "1 − mode count / K of the sampled argmaxes (2025 reproduction report)",
                 variation_ratios_mode_N),
          scored("variation-ratios-mean", "1 − max_c p̄_c (the definition of Gal et al. 2017)",
                 variation_ratios_mean_N),
          scored("mean-std", "mean over classes of the std over MC samples", mean_std_N),
          scored("margin", "1 − gap between the two most probable classes of p̄", margin_N),
          scored("least-confidence", "1 − max_c p̄_c", least_confidence_N),
      });
  return registry;
}

}  // namespace bdal::acquire
