#include "bdal/train/trainer.h"

#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/core/seed_tree.h"
#include "bdal/data/augment.h"

#include <ATen/ATen.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

namespace bdal::train {
namespace {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(models::McClassifier& model,
                                                        const TrainerOptions& o) {
  auto params = model.parameters();
  if (o.optimizer == "adam")
    return std::make_unique<torch::optim::Adam>(
        params, torch::optim::AdamOptions(o.learning_rate).weight_decay(o.weight_decay));
  if (o.optimizer == "adamw")
    return std::make_unique<torch::optim::AdamW>(
        params, torch::optim::AdamWOptions(o.learning_rate).weight_decay(o.weight_decay));
  return std::make_unique<torch::optim::SGD>(
      params,
      torch::optim::SGDOptions(o.learning_rate).momentum(o.momentum).weight_decay(o.weight_decay));
}

// Is `candidate` better than `best` under the monitored metric?
bool improves(const Metrics& candidate, const std::optional<Metrics>& best,
              const std::string& monitor) {
  if (!best) return true;
  return monitor == "nll" ? candidate.nll < best->nll : candidate.accuracy > best->accuracy;
}

std::vector<at::Tensor> snapshot(const models::McClassifier& model) {
  std::vector<at::Tensor> out;
  for (const auto& p : model.parameters()) out.push_back(p.detach().clone());
  return out;
}

void restore(models::McClassifier& model, const std::vector<at::Tensor>& saved) {
  at::NoGradGuard no_grad;
  auto params = model.parameters();
  for (size_t i = 0; i < params.size(); ++i) params[i].copy_(saved[i]);
}

}  // namespace

void TrainerOptions::validate() const {
  BDAL_CHECK_USAGE(optimizer == "adam" || optimizer == "adamw" || optimizer == "sgd",
                   "unknown optimizer '{}'; known optimizers: adam, adamw, sgd", optimizer);
  BDAL_CHECK_USAGE(learning_rate > 0 && std::isfinite(learning_rate),
                   "learning rate must be > 0, got {}", learning_rate);
  BDAL_CHECK_USAGE(weight_decay >= 0 && std::isfinite(weight_decay),
                   "weight decay must be >= 0, got {}", weight_decay);
  BDAL_CHECK_USAGE(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got {}", momentum);
  BDAL_CHECK_USAGE(epochs >= 1, "epochs must be >= 1, got {}", epochs);
  BDAL_CHECK_USAGE(epochs_schedule == "fixed" || epochs_schedule == "constant-steps",
                   "unknown epochs schedule '{}'; known: fixed, constant-steps", epochs_schedule);
  BDAL_CHECK_USAGE(target_steps >= 1, "target steps must be >= 1, got {}", target_steps);
  BDAL_CHECK_USAGE(batch_size >= 0, "batch size must be >= 0 (0 = full batch), got {}", batch_size);
  BDAL_CHECK_USAGE(patience >= 0, "patience must be >= 0 (0 = off), got {}", patience);
  BDAL_CHECK_USAGE(monitor == "accuracy" || monitor == "nll",
                   "unknown monitor '{}'; known: accuracy, nll", monitor);
  BDAL_CHECK_USAGE(eval.samples >= 0, "evaluation samples must be >= 0, got {}", eval.samples);
  BDAL_CHECK_USAGE(eval.chunk_size >= 1, "evaluation chunk size must be >= 1, got {}",
                   eval.chunk_size);
  BDAL_CHECK_USAGE(consistency_weight >= 0 && std::isfinite(consistency_weight),
                   "consistency weight must be >= 0, got {}", consistency_weight);
}

int64_t TrainerOptions::epochs_for(int64_t train_size) const {
  if (epochs_schedule == "fixed" || train_size <= 0) return epochs;
  const int64_t batch = batch_size == 0 ? train_size : std::min(batch_size, train_size);
  const int64_t batches_per_epoch = (train_size + batch - 1) / batch;
  return std::max<int64_t>(1, (target_steps + batches_per_epoch - 1) / batches_per_epoch);
}

void validate_fit(const FitData& data, const TrainerOptions& options) {
  options.validate();
  BDAL_CHECK(data.train != nullptr && data.train->size() > 0, "training set is empty");
  BDAL_CHECK(options.consistency_weight == 0 || (data.unlabelled && data.unlabelled->size() > 0),
             "consistency training needs unlabelled data");
  BDAL_CHECK_USAGE(options.batch_size <= data.train->size(),
                   "batch size {} is larger than the {} training examples (use 0 for full batch)",
                   options.batch_size, data.train->size());
}

FitResult fit(models::McClassifier& model, const FitData& data, const TrainerOptions& options,
              uint64_t seed, const EpochCallback& on_epoch, const StepCallback& on_step) {
  validate_fit(data, options);
  const int64_t n = data.train->size();
  const int64_t batch = options.batch_size == 0 ? n : options.batch_size;
  const int64_t steps_per_epoch = (n + batch - 1) / batch;

  const core::SeedTree seeds(seed);
  at::Generator dropout_gen = core::make_generator(seeds.derive("train/dropout"));
  const bool consistency = options.consistency_weight > 0;
  at::Generator unlabelled_gen = core::make_generator(seeds.derive("train/unlabelled"));
  auto optimizer = make_optimizer(model, options);

  FitResult result;
  std::optional<Metrics> best;
  std::vector<at::Tensor> best_weights;
  int64_t since_best = 0;
  const int64_t epochs = options.epochs_for(n);
  for (int64_t epoch = 1; epoch <= epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    at::Generator shuffle_gen = core::make_generator(seeds.derive("train/shuffle", epoch));
    const at::Tensor order = at::randperm(n, shuffle_gen, at::kLong);
    double loss_sum = 0, correct = 0;
    for (int64_t b0 = 0; b0 < n; b0 += batch) {
      const at::Tensor rows = order.slice(0, b0, std::min(n, b0 + batch));
      const at::Tensor x = data.train->inputs.index_select(0, rows);
      const at::Tensor y = data.train->labels.index_select(0, rows);
      optimizer->zero_grad();
      const at::Tensor logits = model.forward_train(x, dropout_gen);
      at::Tensor loss = at::cross_entropy_loss(logits, y);
      if (consistency) {
        const int64_t m = std::min(rows.size(0), data.unlabelled->size());
        const at::Tensor pick =
            at::randint(data.unlabelled->size(), {m}, unlabelled_gen, at::kLong);
        const at::Tensor u = data.unlabelled->inputs.index_select(0, pick);
        const at::Tensor p1 =
            model.forward_train(data::augment(u, unlabelled_gen), dropout_gen).softmax(1);
        const at::Tensor p2 =
            model.forward_train(data::augment(u, unlabelled_gen), dropout_gen).softmax(1);
        loss = loss + options.consistency_weight * (p1 - p2).square().sum(1).mean();
      }
      loss.backward();
      optimizer->step();
      loss_sum += loss.item<double>() * rows.size(0);
      correct += logits.detach().argmax(1).eq(y).sum().item<double>();
      if (on_step) on_step(epoch, b0 / batch + 1, steps_per_epoch);
    }

    EpochRecord record;
    record.epoch = epoch;
    record.train_loss = loss_sum / n;
    record.train_accuracy = correct / n;
    EvalOptions eval = options.eval;
    eval.seed = seeds.derive("train/eval", epoch);
    if (data.validation) record.validation = evaluate(model, *data.validation, eval);
    if (data.test) record.test = evaluate(model, *data.test, eval);
    if (record.validation) {
      if (improves(*record.validation, best, options.monitor)) {
        best = record.validation;
        record.best = true;
        result.best_epoch = epoch;
        since_best = 0;
        if (options.keep_best) best_weights = snapshot(model);
      } else {
        ++since_best;
      }
    } else {
      result.best_epoch = epoch;
    }
    record.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.history.push_back(record);
    if (on_epoch) on_epoch(record);
    if (options.patience > 0 && since_best >= options.patience) {
      result.stopped_early = true;
      break;
    }
  }
  // The model ends holding the best-validation weights, or its last ones.
  if (options.keep_best && !best_weights.empty())
    restore(model, best_weights);
  else
    result.best_epoch = static_cast<int64_t>(result.history.size());
  return result;
}

}  // namespace bdal::train
