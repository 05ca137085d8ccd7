// The MC-dropout classifier every model is: a deterministic trunk (all
// convolutions, no dropout) and a stochastic head of dense layers, each with
// dropout on its input (Gal & Ghahramani 2016, "Dropout as a Bayesian
// approximation"). Keeping all dropout in the head lets MC inference run the
// trunk once per input and only the head K times, with the K dropout masks
// folded into the head's weights (see infer/mc_sampler.h).
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

#include <string>
#include <vector>

namespace bdal::models {

// One head layer: y = act(W · (mask ⊙ x) + b), mask ~ Bernoulli(1 - p) / (1 - p).
struct HeadLayer {
  double dropout = 0.0;  // p, the probability of dropping an input unit
  torch::nn::Linear linear{nullptr};
  bool relu = false;  // the last layer emits logits (relu = false)
};

class McClassifier : public torch::nn::Module {
 public:
  explicit McClassifier(std::string name) : torch::nn::Module(std::move(name)) {}

  // Deterministic features [N, F] of inputs [N, ...].
  virtual at::Tensor trunk(const at::Tensor& inputs) = 0;

  const std::vector<HeadLayer>& head() const { return head_; }
  int64_t num_classes() const;
  int64_t feature_dim() const;

  // Training forward pass: dropout with a fresh mask per input drawn from
  // `gen`. Returns logits [N, C].
  at::Tensor forward_train(const at::Tensor& inputs, at::Generator& gen);

  // Dropout off (its expectation): logits [N, C].
  at::Tensor forward_deterministic(const at::Tensor& inputs);

  // Head only, dropout off, on trunk features [N, F]: logits [N, C].
  at::Tensor head_deterministic(const at::Tensor& features_N_F);

  // Dropout off, the input of the last layer [N, D]: the embedding that
  // BADGE and Core-Set work in. Inputs are taken in blocks of `chunk_size`,
  // without gradients.
  at::Tensor penultimate_features(const at::Tensor& inputs, int64_t chunk_size);

  // Re-draws every weight and bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
  // LibTorch's default initialisation, but from an explicit generator.
  void reset_parameters(at::Generator& gen);

 protected:
  // Subclasses call this in their constructors, in order.
  void add_head_layer(const std::string& name, double dropout, int64_t in, int64_t out, bool relu);

 private:
  std::vector<HeadLayer> head_;
};

int64_t count_parameters(const torch::nn::Module& module);

}  // namespace bdal::models
