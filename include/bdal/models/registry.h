// Models by name: `--model NAME`. The list lives in builtin.cpp.
#pragma once

#include "bdal/core/registry.h"
#include "bdal/models/mc_classifier.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bdal::models {

struct ModelOptions {
  std::vector<int64_t> input_shape{1, 28, 28};  // one input, without the batch axis
  int64_t num_classes = 10;
  int64_t hidden = 0;      // hidden width for the MLPs; 0 = the model's default
  double dropout = -1.0;   // every dropout rate; < 0 = the model's published rates

  void validate() const;
};

struct ModelEntry {
  std::string name;
  std::string help;
  ModelOptions example;  // the inputs it is meant for, for `bdal list models`
  std::function<std::shared_ptr<McClassifier>(const ModelOptions&)> make;
};

const core::Registry<ModelEntry>& model_registry();

// Builds model `name` with weights drawn from `init_seed`.
std::shared_ptr<McClassifier> make_model(const std::string& name, const ModelOptions& options,
                                         uint64_t init_seed);

}  // namespace bdal::models
