#include "bdal/train/evaluator.h"

#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/infer/mc_sampler.h"

namespace bdal::train {

Metrics evaluate(models::McClassifier& model, const data::Dataset& dataset,
                 const EvalOptions& options) {
  BDAL_CHECK_USAGE(options.samples >= 0, "evaluation samples must be >= 0, got {}",
                   options.samples);
  if (options.samples == 0)
    return compute_metrics(infer::deterministic_log_probs(model, dataset.inputs, options.chunk_size),
                           dataset.labels);
  at::Generator gen = core::make_generator(options.seed);
  return compute_metrics(
      infer::mc_log_probs(model, dataset.inputs, {options.samples, options.chunk_size}, gen),
      dataset.labels);
}

}  // namespace bdal::train
