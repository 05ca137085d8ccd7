// Full-dataset training curves from `bdal train` records (epochs.jsonl):
// train and test NLL and accuracy per epoch. train.loss is the mean
// minibatch cross-entropy, i.e. the training NLL (see docs/records.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bdal::report {

struct EpochPoint {
  int64_t epoch = 0;
  double train_nll = 0.0, train_accuracy = 0.0;
  bool has_test = false;
  double test_nll = 0.0, test_accuracy = 0.0;
};

struct TrainingRun {
  std::filesystem::path dir;
  std::string label;  // "<model> on <dataset>" from config.json when present
  std::vector<EpochPoint> epochs;
};

// Reads `dir`/epochs.jsonl (a torn last line is ignored) and, when present,
// `dir`/config.json for the label.
TrainingRun read_training_run(const std::filesystem::path& dir);

}  // namespace bdal::report
