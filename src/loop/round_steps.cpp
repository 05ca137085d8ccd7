#include "bdal/loop/round_steps.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <vector>

#include "bdal/core/random.h"
#include "bdal/data/augment.h"
#include "bdal/infer/mc_sampler.h"

namespace bdal::loop {

RunSets run_sets(const LoopConfig& config, const data::TrainTest& data,
                 const core::SeedTree& seeds) {
  RunSets sets;
  sets.split = data::make_split(data.train.labels, data.train.num_classes, data.test.size(),
                                config.split, seeds.derive("split"), data.train.ambiguous);
  sets.validation = data.train.subset(sets.split.validation);
  sets.test = data.test.subset(sets.split.test);
  return sets;
}

models::ModelOptions run_model_options(const LoopConfig& config, const data::TrainTest& data) {
  models::ModelOptions options = config.model_options;
  options.input_shape = data.train.inputs.sizes().slice(1).vec();
  options.num_classes = data.train.num_classes;
  return options;
}

train::TrainerOptions round_trainer_options(const LoopConfig& config, int64_t labelled_size) {
  train::TrainerOptions trainer = config.trainer;
  if (trainer.batch_size > labelled_size) trainer.batch_size = 0;
  return trainer;
}

at::Tensor round_candidates(const at::Tensor& pool, const LoopConfig& config,
                            const core::SeedTree& seeds, int64_t round) {
  if (config.pool_subset <= 0 || config.pool_subset >= pool.size(0)) return pool;
  at::Generator gen = core::make_generator(seeds.derive("pool-subset", round));
  const at::Tensor pick =
      at::randperm(pool.size(0), gen, at::kLong).slice(0, 0, config.pool_subset);
  return pool.index_select(0, std::get<0>(pick.sort()));
}

at::Tensor augmented_log_probs_N_A_C(models::McClassifier& model, const at::Tensor& inputs,
                                     int64_t copies, int64_t chunk_size, at::Generator& gen) {
  at::NoGradGuard no_grad;
  std::vector<at::Tensor> per_copy;
  for (int64_t a = 0; a < copies; ++a) {
    std::vector<at::Tensor> blocks;
    for (int64_t start = 0; start < inputs.size(0); start += chunk_size) {
      const at::Tensor x = inputs.slice(0, start, std::min(start + chunk_size, inputs.size(0)));
      blocks.push_back(model.forward_deterministic(data::augment(x, gen)).log_softmax(1));
    }
    per_copy.push_back(at::cat(blocks));
  }
  return at::stack(per_copy, 1);
}

acquire::AcquisitionInput acquisition_input(models::McClassifier& model, const LoopConfig& config,
                                            const acquire::Needs& needs,
                                            const at::Tensor& candidate_inputs,
                                            const at::Tensor& labelled_inputs,
                                            const core::SeedTree& seeds, int64_t round) {
  acquire::AcquisitionInput input;
  input.seed = seeds.derive("acquire", round);
  if (needs.log_probs) {
    at::Generator mc_gen = core::make_generator(seeds.derive("mc", round));
    input.log_probs_N_K_C = infer::mc_log_probs(model, candidate_inputs,
                                                {config.score_samples, config.chunk_size}, mc_gen);
  } else {
    input.log_probs_N_K_C = at::empty({candidate_inputs.size(0), 0, 0});
  }
  if (needs.embeddings)
    input.embeddings_N_D = model.penultimate_features(candidate_inputs, config.chunk_size);
  if (needs.labelled_embeddings)
    input.labelled_embeddings_M_D = model.penultimate_features(labelled_inputs, config.chunk_size);
  if (needs.augmented_predictions) {
    at::Generator augment_gen = core::make_generator(seeds.derive("augment", round));
    input.augmented_log_probs_N_A_C =
        augmented_log_probs_N_A_C(model, candidate_inputs, config.strategy_options.augmentations,
                                  config.chunk_size, augment_gen);
  }
  return input;
}

}  // namespace bdal::loop
