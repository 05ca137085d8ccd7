// Supervised training of an McClassifier: Adam, AdamW or SGD with momentum,
// minibatches (or full batch), seeded shuffling and dropout, validation every
// epoch keeping the best-validation weights, optional early stopping.
#pragma once

#include "bdal/data/dataset.h"
#include "bdal/models/mc_classifier.h"
#include "bdal/train/evaluator.h"
#include "bdal/train/metrics.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bdal::train {

struct TrainerOptions {
  std::string optimizer = "adam";  // adam | adamw | sgd
  double learning_rate = 1e-3;
  double weight_decay = 0.0;  // L2 for adam/sgd, decoupled for adamw
  double momentum = 0.9;      // sgd only
  int64_t epochs = 10;        // of every fit under the "fixed" schedule
  // How many epochs a fit gets: "fixed" = `epochs`; "constant-steps" = the
  // fewest epochs that make `target_steps` optimizer steps, ceil(target_steps
  // / batches per epoch), whatever `epochs` says. A small labelled set gets
  // many epochs, a large one few: what a small set lacks is steps, not epochs.
  std::string epochs_schedule = "fixed";
  int64_t target_steps = 1000;
  int64_t batch_size = 64;           // 0 = full batch
  int64_t patience = 0;              // stop after this many epochs without improvement; 0 = never
  std::string monitor = "accuracy";  // validation metric that picks the best epoch: accuracy | nll
  bool keep_best = true;             // restore the best-validation weights at the end
  EvalOptions eval;                  // how validation and test sets are evaluated each epoch
  // Weight λ of a consistency loss on FitData::unlabelled (0 = off): each step
  // adds λ · mean_i Σ_c (p(c | x̃_i) − p(c | x̃'_i))² over an unlabelled batch
  // as large as the labelled one, x̃ and x̃' two augmentations with their own
  // dropout masks (the Π-model of Laine & Aila 2017, as CSAL trains).
  double consistency_weight = 0.0;

  void validate() const;
  // The epochs of a fit on `train_size` points under epochs_schedule.
  int64_t epochs_for(int64_t train_size) const;
};

struct EpochRecord {
  int64_t epoch = 0;          // 1-based
  double train_loss = 0;      // mean minibatch cross-entropy during the epoch (dropout on)
  double train_accuracy = 0;  // minibatch accuracy during the epoch (dropout on)
  std::optional<Metrics> validation;
  std::optional<Metrics> test;
  double seconds = 0;  // wall time of the epoch, evaluation included
  bool best = false;   // best validation so far
};

struct FitResult {
  std::vector<EpochRecord> history;
  int64_t best_epoch = 0;  // epoch whose weights the model holds at the end (0 = initial)
  bool stopped_early = false;
};

struct FitData {
  const data::Dataset* train = nullptr;       // required
  const data::Dataset* validation = nullptr;  // optional: best-epoch selection, early stopping
  const data::Dataset* test = nullptr;        // optional: per-epoch test curve
  const data::Dataset* unlabelled = nullptr;  // consistency training only (labels unused)
};

using EpochCallback = std::function<void(const EpochRecord&)>;
// (epoch, minibatches done, minibatches per epoch), after every step: for progress displays.
using StepCallback = std::function<void(int64_t, int64_t, int64_t)>;

// Throws UsageError when `options` cannot train on `data` (bad settings, a
// batch larger than the training set); fit() calls it first, callers may
// call it before they create anything.
void validate_fit(const FitData& data, const TrainerOptions& options);

// Trains `model` in place. `seed` drives shuffling and dropout.
FitResult fit(models::McClassifier& model, const FitData& data, const TrainerOptions& options,
              uint64_t seed, const EpochCallback& on_epoch = {}, const StepCallback& on_step = {});

}  // namespace bdal::train
