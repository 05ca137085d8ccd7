#include "bdal/models/mc_classifier.h"

#include "bdal/core/random.h"

#include "bdal/core/error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace bdal::models {

int64_t McClassifier::num_classes() const { return head_.back().linear->options.out_features(); }

int64_t McClassifier::feature_dim() const { return head_.front().linear->options.in_features(); }

void McClassifier::add_head_layer(const std::string& name, double dropout, int64_t in, int64_t out,
                                  bool relu) {
  BDAL_CHECK_USAGE(dropout >= 0.0 && dropout < 1.0, "dropout must be in [0, 1), got {} (layer {})",
                   dropout, name);
  HeadLayer layer;
  layer.dropout = dropout;
  layer.linear = register_module(name, torch::nn::Linear(in, out));
  layer.relu = relu;
  head_.push_back(layer);
}

at::Tensor McClassifier::forward_train(const at::Tensor& inputs, at::Generator& gen) {
  at::Tensor h = trunk(inputs);
  for (const auto& layer : head_) {
    if (layer.dropout > 0.0) {
      const double keep = 1.0 - layer.dropout;
      const at::Tensor mask = core::dropout_mask(h.size(0), h.size(1), keep, gen);
      h = h * mask;
    }
    h = at::linear(h, layer.linear->weight, layer.linear->bias);
    if (layer.relu) h = at::relu(h);
  }
  return h;
}

at::Tensor McClassifier::head_deterministic(const at::Tensor& features_N_F) {
  at::Tensor h = features_N_F;
  for (const auto& layer : head_) {
    h = at::linear(h, layer.linear->weight, layer.linear->bias);
    if (layer.relu) h = at::relu(h);
  }
  return h;
}

at::Tensor McClassifier::penultimate_features(const at::Tensor& inputs, int64_t chunk_size) {
  at::NoGradGuard no_grad;
  std::vector<at::Tensor> blocks;
  for (int64_t start = 0; start < inputs.size(0); start += chunk_size) {
    at::Tensor h = trunk(inputs.slice(0, start, std::min(start + chunk_size, inputs.size(0))));
    for (size_t i = 0; i + 1 < head_.size(); ++i) {
      h = at::linear(h, head_[i].linear->weight, head_[i].linear->bias);
      if (head_[i].relu) h = at::relu(h);
    }
    blocks.push_back(h);
  }
  if (blocks.empty()) return at::empty({0, head_.back().linear->weight.size(1)});
  return at::cat(blocks);
}

at::Tensor McClassifier::forward_deterministic(const at::Tensor& inputs) {
  return head_deterministic(trunk(inputs));
}

void McClassifier::reset_parameters(at::Generator& gen) {
  at::NoGradGuard no_grad;
  for (auto& module : modules(/*include_self=*/false)) {
    auto params = module->named_parameters(/*recurse=*/false);
    if (!params.contains("weight")) continue;
    at::Tensor weight = params["weight"];
    const int64_t fan_in = weight.numel() / weight.size(0);
    const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
    weight.uniform_(-bound, bound, gen);
    if (params.contains("bias")) params["bias"].uniform_(-bound, bound, gen);
  }
}

int64_t count_parameters(const torch::nn::Module& module) {
  int64_t n = 0;
  for (const auto& p : module.parameters()) n += p.numel();
  return n;
}

}  // namespace bdal::models
