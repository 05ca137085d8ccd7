// The built-in architectures. Each is trunk (deterministic) + head (dropout).
//  - LeNet5: the LeNet-5 style BCNN of the 2025 reproduction report, 61,706 parameters.
//  - GalCnn: Gal, Islam & Ghahramani 2017, "Deep Bayesian Active Learning with
//    Image Data", Keras MNIST CNN, 513,994 parameters.
//  - Mlp: one hidden layer (256 by default: 203,530 parameters), dropout before the output.
//  - MoonsMlp: 2 -> 50 -> 50 -> 2 for two-moons.
#pragma once

#include "bdal/models/mc_classifier.h"

#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

namespace bdal::models {

// conv 1->6 5x5 pad 2, ReLU, pool 2 | conv 6->16 5x5, ReLU, pool 2 | head:
// dropout .5, 400->120, ReLU, dropout .25, 120->84, ReLU, 84->C.
class LeNet5 : public McClassifier {
 public:
  LeNet5(int64_t num_classes, double dropout1 = 0.5, double dropout2 = 0.25);
  at::Tensor trunk(const at::Tensor& inputs) override;

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
};

// conv 1->32 4x4, ReLU | conv 32->32 4x4, ReLU, pool 2 | head: dropout .25,
// 3872->128, ReLU, dropout .5, 128->C.
class GalCnn : public McClassifier {
 public:
  GalCnn(int64_t num_classes, double dropout1 = 0.25, double dropout2 = 0.5);
  at::Tensor trunk(const at::Tensor& inputs) override;

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
};

// trunk: flatten, in->hidden, ReLU | head: dropout, hidden->C. The first
// layer has no dropout on its input, so it belongs to the trunk and runs once.
class Mlp : public McClassifier {
 public:
  Mlp(int64_t in_features, int64_t hidden, int64_t num_classes, double dropout = 0.5);
  at::Tensor trunk(const at::Tensor& inputs) override;

 private:
  torch::nn::Linear hidden_{nullptr};
};

// trunk: 2->50, ReLU | head: dropout, 50->50, ReLU, dropout, 50->C.
class MoonsMlp : public McClassifier {
 public:
  MoonsMlp(int64_t in_features, int64_t hidden, int64_t num_classes, double dropout = 0.1);
  at::Tensor trunk(const at::Tensor& inputs) override;

 private:
  torch::nn::Linear input_{nullptr};
};

}  // namespace bdal::models
