#include "bdal/models/architectures.h"

#include "bdal/models/conv_relu_pool.h"
#include "bdal/models/relu_max_pool.h"

#include <ATen/ATen.h>

namespace bdal::models {

LeNet5::LeNet5(int64_t num_classes, double dropout1, double dropout2) : McClassifier("LeNet5") {
  conv1_ = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 6, 5).padding(2)));
  conv2_ = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(6, 16, 5)));
  add_head_layer("fc1", dropout1, 16 * 5 * 5, 120, /*relu=*/true);
  add_head_layer("fc2", dropout2, 120, 84, /*relu=*/true);
  add_head_layer("fc3", 0.0, 84, num_classes, /*relu=*/false);
}

at::Tensor LeNet5::trunk(const at::Tensor& inputs) {
  at::Tensor h = conv_relu_max_pool2x2(inputs, conv1_->weight, conv1_->bias, /*padding=*/2);
  h = relu_max_pool2x2(conv2_->forward(h));
  return h.flatten(1);
}

GalCnn::GalCnn(int64_t num_classes, double dropout1, double dropout2) : McClassifier("GalCnn") {
  conv1_ = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 32, 4)));
  conv2_ = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 32, 4)));
  add_head_layer("fc1", dropout1, 32 * 11 * 11, 128, /*relu=*/true);
  add_head_layer("fc2", dropout2, 128, num_classes, /*relu=*/false);
}

at::Tensor GalCnn::trunk(const at::Tensor& inputs) {
  at::Tensor h = at::relu(conv1_->forward(inputs));
  h = relu_max_pool2x2(conv2_->forward(h));
  return h.flatten(1);
}

Mlp::Mlp(int64_t in_features, int64_t hidden, int64_t num_classes, double dropout)
    : McClassifier("Mlp") {
  hidden_ = register_module("hidden", torch::nn::Linear(in_features, hidden));
  add_head_layer("out", dropout, hidden, num_classes, /*relu=*/false);
}

at::Tensor Mlp::trunk(const at::Tensor& inputs) {
  return at::relu(hidden_->forward(inputs.flatten(1)));
}

MoonsMlp::MoonsMlp(int64_t in_features, int64_t hidden, int64_t num_classes, double dropout)
    : McClassifier("MoonsMlp") {
  input_ = register_module("input", torch::nn::Linear(in_features, hidden));
  add_head_layer("hidden", dropout, hidden, hidden, /*relu=*/true);
  add_head_layer("out", dropout, hidden, num_classes, /*relu=*/false);
}

at::Tensor MoonsMlp::trunk(const at::Tensor& inputs) {
  return at::relu(input_->forward(inputs.flatten(1)));
}

}  // namespace bdal::models
