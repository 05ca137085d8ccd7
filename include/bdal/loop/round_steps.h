// The steps of one active-learning round that are needed outside the loop
// too: the decision-boundary study (experiment/decision_boundary.h) makes
// exactly the model and the picks of a run's round 0 with them.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

#include "bdal/acquire/strategy.h"
#include "bdal/core/seed_tree.h"
#include "bdal/data/dataset.h"
#include "bdal/data/split.h"
#include "bdal/loop/loop_config.h"
#include "bdal/models/mc_classifier.h"
#include "bdal/models/registry.h"
#include "bdal/train/trainer.h"

namespace bdal::loop {

// What a run draws once from its data and master seed: the split, and the
// validation and test sets it names.
struct RunSets {
  data::Split split;
  data::Dataset validation;
  data::Dataset test;
};
RunSets run_sets(const LoopConfig& config, const data::TrainTest& data,
                 const core::SeedTree& seeds);

// The config's model options, shaped for `data` (input shape, classes).
models::ModelOptions run_model_options(const LoopConfig& config, const data::TrainTest& data);

// The trainer settings of a round with `labelled_size` labelled points: a
// labelled set smaller than the minibatch trains full batch.
train::TrainerOptions round_trainer_options(const LoopConfig& config, int64_t labelled_size);

// The pool rows scored in round `round`: all of `pool`, or a random subset
// of config.pool_subset rows (ascending), drawn from the run's seeds.
at::Tensor round_candidates(const at::Tensor& pool, const LoopConfig& config,
                            const core::SeedTree& seeds, int64_t round);

// Dropout-off log-probabilities of `copies` augmented versions of each
// input: [N, A, C], for CSAL's inconsistency score.
at::Tensor augmented_log_probs_N_A_C(models::McClassifier& model, const at::Tensor& inputs,
                                     int64_t copies, int64_t chunk_size, at::Generator& gen);

// What the strategy `needs` of the candidate inputs (and, for Core-Set, of
// the labelled inputs), computed with `model` and the round's seeds.
acquire::AcquisitionInput acquisition_input(models::McClassifier& model, const LoopConfig& config,
                                            const acquire::Needs& needs,
                                            const at::Tensor& candidate_inputs,
                                            const at::Tensor& labelled_inputs,
                                            const core::SeedTree& seeds, int64_t round);

}  // namespace bdal::loop
