#include "bdal/experiment/decision_boundary.h"

#include <ATen/ATen.h>

#include <cmath>

#include "bdal/acquire/registry.h"
#include "bdal/acquire/scores.h"
#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/core/seed_tree.h"
#include "bdal/infer/mc_sampler.h"
#include "bdal/loop/pool_state.h"
#include "bdal/loop/round_steps.h"
#include "bdal/models/registry.h"
#include "bdal/train/evaluator.h"
#include "bdal/train/metrics.h"

namespace bdal::experiment {
namespace {

// The G x G grid points as inputs [G*G, 2], row-major over (y, x).
at::Tensor grid_inputs(const at::Tensor& x_G, const at::Tensor& y_G) {
  const auto mesh = at::meshgrid({y_G, x_G}, "ij");
  return at::stack({mesh[1].reshape(-1), mesh[0].reshape(-1)}, 1).to(at::kFloat);
}

// What a strategy's heat map shows, for the panel title.
std::string map_name(const std::string& strategy) {
  if (strategy == "max-entropy") return "predictive entropy";
  if (strategy == "bald") return "BALD (mutual information)";
  return strategy + " score";
}

at::Tensor as_map(const at::Tensor& values, int64_t g) {
  return values.to(at::kDouble).reshape({g, g}).contiguous();
}

}  // namespace

void BoundaryOptions::validate() const {
  BDAL_CHECK_USAGE(!strategies.empty(), "the decision-boundary study needs at least one strategy");
  BDAL_CHECK_USAGE(grid_size >= 2 && grid_size <= 2000, "grid size must be in [2, 2000], got {}",
                   grid_size);
  BDAL_CHECK_USAGE(padding >= 0 && std::isfinite(padding), "padding must be >= 0, got {}", padding);
}

BoundaryMaps compute_decision_boundary(const loop::LoopConfig& config, const data::TrainTest& data,
                                       const BoundaryOptions& options) {
  config.validate();
  options.validate();
  const at::Tensor& inputs = data.train.inputs;
  BDAL_CHECK_USAGE(inputs.dim() == 2 && inputs.size(1) == 2,
                   "the decision-boundary study needs 2-D inputs (e.g. two-moons); '{}' has inputs "
                   "of shape {}",
                   config.dataset, inputs.sizes());
  BDAL_CHECK_USAGE(data.train.num_classes == 2,
                   "the decision-boundary study draws the boundary of two classes; '{}' has {}",
                   config.dataset, data.train.num_classes);
  std::vector<std::unique_ptr<acquire::Strategy>> strategies;
  for (const std::string& name : options.strategies) {
    strategies.push_back(acquire::make_strategy(name, config.strategy_options));
    const acquire::Needs needs = strategies.back()->needs();
    BDAL_CHECK_USAGE(!needs.augmented_predictions && !needs.consistency_training,
                     "strategy '{}' needs image augmentations, which the decision-boundary study "
                     "on 2-D points does not have",
                     name);
  }

  // Round 0 of the loop, step by step (active_learning.cpp).
  const core::SeedTree seeds(config.seed);
  const loop::RunSets sets = loop::run_sets(config, data, seeds);
  const data::Dataset& validation = sets.validation;
  const data::Dataset& test = sets.test;
  const loop::PoolState state(data.train.size(), sets.split.initial, sets.split.pool);
  const data::Dataset labelled = data.train.subset(state.labelled());
  auto model = models::make_model(config.model, loop::run_model_options(config, data),
                                  seeds.derive("init", 0));
  train::fit(*model, {&labelled, validation.size() > 0 ? &validation : nullptr, nullptr, nullptr},
             loop::round_trainer_options(config, labelled.size()), seeds.derive("train", 0));

  BoundaryMaps out;
  const train::Metrics metrics = train::evaluate(
      *model, test, {config.eval_samples, config.chunk_size, seeds.derive("eval", 0)});
  out.test_accuracy = metrics.accuracy;
  out.test_nll = metrics.nll;
  out.labelled_M_2 = labelled.inputs.to(at::kDouble);
  out.labels_M = labelled.labels;
  const at::Tensor candidates = loop::round_candidates(state.pool(), config, seeds, 0);
  const at::Tensor candidate_inputs = inputs.index_select(0, candidates);
  out.pool_N_2 = candidate_inputs.to(at::kDouble);
  {
    acquire::Needs log_probs_only;
    const acquire::AcquisitionInput pool_input = loop::acquisition_input(
        *model, config, log_probs_only, candidate_inputs, labelled.inputs, seeds, 0);
    out.pool_entropy_N = acquire::max_entropy_N(pool_input.log_probs_N_K_C).to(at::kDouble);
    out.pool_bald_N = acquire::bald_N(pool_input.log_probs_N_K_C).to(at::kDouble);
  }

  // The grid covers every point of the train and test sets.
  const at::Tensor all = at::cat({inputs, data.test.inputs}).to(at::kDouble);
  const at::Tensor low = std::get<0>(all.min(0)) - options.padding;
  const at::Tensor high = std::get<0>(all.max(0)) + options.padding;
  const int64_t g = options.grid_size;
  out.x_G = at::linspace(low[0].item<double>(), high[0].item<double>(), g, at::kDouble);
  out.y_G = at::linspace(low[1].item<double>(), high[1].item<double>(), g, at::kDouble);
  // Its own seed: the maps change no number of the round.
  at::Generator grid_gen = core::make_generator(seeds.derive("boundary-grid", 0));
  const at::Tensor grid_log_probs_N_K_C = infer::mc_log_probs(
      *model, grid_inputs(out.x_G, out.y_G), {config.score_samples, config.chunk_size}, grid_gen);
  out.entropy_G_G = as_map(acquire::max_entropy_N(grid_log_probs_N_K_C), g);
  out.bald_G_G = as_map(acquire::bald_N(grid_log_probs_N_K_C), g);
  out.class1_probability_G_G =
      as_map(train::mean_log_probs_N_C(grid_log_probs_N_K_C).exp().select(1, 1), g);

  for (size_t i = 0; i < strategies.size(); ++i) {
    const acquire::Strategy& strategy = *strategies[i];
    const acquire::AcquisitionInput input = loop::acquisition_input(
        *model, config, strategy.needs(), candidate_inputs, labelled.inputs, seeds, 0);
    const acquire::Selection selection = strategy.select(input, config.acquisition_size);
    StrategyPicks picks;
    picks.strategy = options.strategies[i];
    const at::Tensor positions = at::tensor(selection.positions, at::kLong);
    picks.picks_B_2 = out.pool_N_2.index_select(0, positions);
    const at::Tensor rows = candidates.index_select(0, positions);
    picks.rows.assign(rows.data_ptr<int64_t>(), rows.data_ptr<int64_t>() + rows.numel());
    picks.positions = selection.positions;
    picks.scores = selection.scores;
    // A pointwise score of the predictions alone can be drawn over the plane.
    const auto* pointwise = dynamic_cast<const acquire::PointwiseStrategy*>(&strategy);
    const acquire::Needs needs = strategy.needs();
    if (pointwise && needs.log_probs && !needs.embeddings && !needs.labelled_embeddings) {
      acquire::AcquisitionInput grid_input;
      grid_input.log_probs_N_K_C = grid_log_probs_N_K_C;
      picks.map_name = map_name(picks.strategy);
      picks.map_G_G = as_map(pointwise->score_N(grid_input), g);
    } else {
      picks.map_name = "predictive entropy";
      picks.map_G_G = out.entropy_G_G;
    }
    out.picks.push_back(std::move(picks));
  }
  return out;
}

}  // namespace bdal::experiment
