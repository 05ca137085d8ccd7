// The model list: one entry per architecture.
#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/models/architectures.h"
#include "bdal/models/registry.h"

namespace bdal::models {
namespace {

void require_mnist_images(const std::string& model, const ModelOptions& o) {
  const std::vector<int64_t> expected{1, 28, 28};
  BDAL_CHECK_USAGE(o.input_shape == expected,
                   "model '{}' needs 1x28x28 images but the dataset's inputs are [{}]", model,
                   fmt::join(o.input_shape, "x"));
}

int64_t flat_size(const ModelOptions& o) {
  int64_t n = 1;
  for (int64_t d : o.input_shape) n *= d;
  return n;
}

double rate_or(const ModelOptions& o, double published) {
  return o.dropout < 0 ? published : o.dropout;
}

int64_t width_or(const ModelOptions& o, int64_t published) {
  return o.hidden == 0 ? published : o.hidden;
}

}  // namespace

void ModelOptions::validate() const {
  BDAL_CHECK_USAGE(num_classes >= 2, "a classifier needs at least 2 classes, got {}", num_classes);
  BDAL_CHECK_USAGE(hidden >= 0, "hidden width must be >= 0 (0 = default), got {}", hidden);
  BDAL_CHECK_USAGE(dropout < 1.0, "dropout must be in [0, 1), got {}", dropout);
  for (int64_t d : input_shape) BDAL_CHECK_USAGE(d > 0, "input shape has a zero dimension");
}

const core::Registry<ModelEntry>& model_registry() {
  static const core::Registry<ModelEntry> registry(
      "model", "models",
      {
          {"lenet5", "LeNet-5 BCNN: 2 conv + 3 dense, dropout .5/.25 (Pilz 2025 reproduction)",
           ModelOptions{},
           [](const ModelOptions& o) -> std::shared_ptr<McClassifier> {
             require_mnist_images("lenet5", o);
             return std::make_shared<LeNet5>(o.num_classes, rate_or(o, 0.5), rate_or(o, 0.25));
           }},
          {"gal-cnn", "Gal et al. 2017 CNN: conv32-4x4 x2, pool, dropout .25, dense 128, dropout .5",
           ModelOptions{},
           [](const ModelOptions& o) -> std::shared_ptr<McClassifier> {
             require_mnist_images("gal-cnn", o);
             return std::make_shared<GalCnn>(o.num_classes, rate_or(o, 0.25), rate_or(o, 0.5));
           }},
          {"mlp", "MLP: in -> hidden (256) ReLU -> dropout .5 -> classes", ModelOptions{},
           [](const ModelOptions& o) -> std::shared_ptr<McClassifier> {
             return std::make_shared<Mlp>(flat_size(o), width_or(o, 256), o.num_classes,
                                          rate_or(o, 0.5));
           }},
          {"moons-mlp", "small MLP for two-moons: 2 -> 50 -> 50 -> 2, dropout .1",
           ModelOptions{{2}, 2, 0, -1.0},
           [](const ModelOptions& o) -> std::shared_ptr<McClassifier> {
             return std::make_shared<MoonsMlp>(flat_size(o), width_or(o, 50), o.num_classes,
                                               rate_or(o, 0.1));
           }},
      });
  return registry;
}

std::shared_ptr<McClassifier> make_model(const std::string& name, const ModelOptions& options,
                                         uint64_t init_seed) {
  const ModelEntry& entry = model_registry().find(name);
  options.validate();
  auto model = entry.make(options);
  at::Generator gen = core::make_generator(init_seed);
  model->reset_parameters(gen);
  return model;
}

}  // namespace bdal::models
