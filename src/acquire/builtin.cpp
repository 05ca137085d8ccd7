// The strategy list: one entry per strategy.
#include <ATen/ATen.h>

#include "bdal/acquire/badge.h"
#include "bdal/acquire/batch_bald.h"
#include "bdal/acquire/core_set.h"
#include "bdal/acquire/registry.h"
#include "bdal/acquire/scores.h"
#include "bdal/acquire/stochastic.h"
#include "bdal/train/metrics.h"

namespace bdal::acquire {
namespace {

using ScoreFn = at::Tensor (*)(const at::Tensor&);

// A pointwise strategy from a pure scoring function of log_probs_N_K_C.
class ScoreStrategy : public PointwiseStrategy {
 public:
  explicit ScoreStrategy(ScoreFn fn) : fn_(fn) {}
  at::Tensor score_N(const AcquisitionInput& input) const override {
    return in_row_blocks(fn_, input.log_probs_N_K_C);
  }

 private:
  ScoreFn fn_;
};

// Uniform random acquisition: needs nothing but the pool size.
class RandomStrategy : public Strategy {
 public:
  Needs needs() const override { return {false, false, false}; }
  Selection select(const AcquisitionInput& input, int64_t batch_size) const override {
    // Every score equal: top_b's random tie-breaking is a uniform draw.
    return top_b(at::zeros({input.pool_size()}, at::kDouble), batch_size, input.seed);
  }
};

// A pointwise score, sampled from instead of taking its top b.
class StochasticStrategy : public Strategy {
 public:
  StochasticStrategy(ScoreFn fn, SamplingRule rule, double beta)
      : fn_(fn), rule_(rule), beta_(beta) {}
  Selection select(const AcquisitionInput& input, int64_t batch_size) const override {
    return stochastic_top_b(in_row_blocks(fn_, input.log_probs_N_K_C), batch_size, rule_, beta_,
                            input.seed);
  }

 private:
  ScoreFn fn_;
  SamplingRule rule_;
  double beta_;
};

class BatchBaldStrategy : public Strategy {
 public:
  explicit BatchBaldStrategy(const StrategyOptions& o) {
    options_.max_configs = o.max_configs;
    options_.prefilter = o.prefilter;
  }
  Selection select(const AcquisitionInput& input, int64_t batch_size) const override {
    return batch_bald(input.log_probs_N_K_C, batch_size, options_, input.seed);
  }

 private:
  BatchBaldOptions options_;
};

// BADGE's class probabilities are the MC-averaged predictive p̄.
class BadgeStrategy : public Strategy {
 public:
  Needs needs() const override { return {true, true, false}; }
  Selection select(const AcquisitionInput& input, int64_t batch_size) const override {
    const at::Tensor probs_N_C =
        in_row_blocks(train::mean_log_probs_N_C, input.log_probs_N_K_C).exp();
    return badge_select(probs_N_C, input.embeddings_N_D, batch_size, input.seed);
  }
};

class CoreSetStrategy : public Strategy {
 public:
  Needs needs() const override { return {false, true, true}; }
  Selection select(const AcquisitionInput& input, int64_t batch_size) const override {
    return k_center_greedy(input.embeddings_N_D, input.labelled_embeddings_M_D, batch_size,
                           input.seed);
  }
};

// CSAL: the points whose predictions change most under augmentation, from
// a model trained with a consistency loss on the unlabelled pool.
class CsalStrategy : public PointwiseStrategy {
 public:
  Needs needs() const override {
    Needs n{false, false, false};
    n.augmented_predictions = true;
    n.consistency_training = true;
    return n;
  }
  at::Tensor score_N(const AcquisitionInput& input) const override {
    return inconsistency_N(input.augmented_log_probs_N_A_C);
  }
};

StrategyEntry scored(std::string name, std::string help, ScoreFn fn) {
  return {std::move(name), std::move(help),
          [fn](const StrategyOptions&) { return std::make_unique<ScoreStrategy>(fn); }};
}

template <typename S>
StrategyEntry entry(std::string name, std::string help) {
  return {std::move(name), std::move(help),
          [](const StrategyOptions& o) -> std::unique_ptr<Strategy> {
            if constexpr (std::is_constructible_v<S, const StrategyOptions&>)
              return std::make_unique<S>(o);
            else
              return std::make_unique<S>();
          }};
}

// The pointwise scores that stochastic sampling is offered for.
struct NamedScore {
  const char* name;
  ScoreFn fn;
};
constexpr NamedScore kSampledScores[] = {{"bald", bald_N},
                                         {"max-entropy", max_entropy_N},
                                         {"margin", margin_N},
                                         {"least-confidence", least_confidence_N}};

std::vector<StrategyEntry> all_entries() {
  std::vector<StrategyEntry> list = {
      entry<RandomStrategy>("random", "uniformly random points"),
      scored("max-entropy", "predictive entropy H[ȳ]", max_entropy_N),
      scored("bald", "mutual information between label and weights (Houlsby et al. 2011)", bald_N),
      scored("variation-ratios",
             "1 − mode count / K of the sampled argmaxes (2025 reproduction report)",
             variation_ratios_mode_N),
      scored("variation-ratios-mean", "1 − max_c p̄_c (the definition of Gal et al. 2017)",
             variation_ratios_mean_N),
      scored("mean-std", "mean over classes of the std over MC samples", mean_std_N),
      scored("margin", "1 − gap between the two most probable classes of p̄", margin_N),
      scored("least-confidence", "1 − max_c p̄_c", least_confidence_N),
      entry<BatchBaldStrategy>("batch-bald",
                               "greedy joint mutual information of the batch (Kirsch et al. 2019); "
                               "strategy_options.max_configs, .prefilter"),
      entry<BadgeStrategy>("badge",
                           "k-means++ on last-layer gradient embeddings (Ash et al. 2020)"),
      entry<CoreSetStrategy>("core-set",
                             "k-center greedy on penultimate embeddings (Sener & Savarese 2018)"),
      entry<CsalStrategy>("csal",
                          "inconsistency under augmentation, consistency-trained model (Gao et "
                          "al. 2020); strategy_options.augmentations, .consistency_weight"),
  };
  for (const auto& [rule_name, rule] : sampling_rules())
    for (const NamedScore& score : kSampledScores) {
      const SamplingRule r = rule;
      const ScoreFn fn = score.fn;
      list.push_back({fmt::format("{}-{}", rule_name, score.name),
                      fmt::format("{} sampling of {} with temperature strategy_options.temperature "
                                  "(Kirsch et al. 2023)",
                                  rule_name, score.name),
                      [fn, r](const StrategyOptions& o) -> std::unique_ptr<Strategy> {
                        return std::make_unique<StochasticStrategy>(fn, r, o.temperature);
                      }});
    }
  return list;
}

}  // namespace

const core::Registry<StrategyEntry>& strategy_registry() {
  static const core::Registry<StrategyEntry> registry("strategy", "strategies", all_entries());
  return registry;
}

}  // namespace bdal::acquire
