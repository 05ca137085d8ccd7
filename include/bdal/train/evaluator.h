// Evaluation of a model on a dataset: MC-dropout (K consistent samples) or
// deterministic (dropout off), both reduced to the same Metrics.
#pragma once

#include "bdal/data/dataset.h"
#include "bdal/infer/mc_sampler.h"
#include "bdal/models/mc_classifier.h"
#include "bdal/train/metrics.h"

#include <cstdint>

namespace bdal::train {

struct EvalOptions {
  int64_t samples = 0;        // MC samples K; 0 = deterministic (dropout off)
  int64_t chunk_size = infer::kDefaultChunkSize;
  uint64_t seed = 0;          // seeds the MC masks
};

Metrics evaluate(models::McClassifier& model, const data::Dataset& dataset,
                 const EvalOptions& options);

}  // namespace bdal::train
