// Generating Ambiguous-MNIST with the recipe of Mukhoti et al. 2021 (DDU),
// whose files cannot be downloaded here:
//  1. a VAE (models/vae.h) trained on MNIST train;
//  2. an ensemble of LeNet-5 judges trained on MNIST train;
//  3. candidates: a clique of 2-4 distinct classes, one training digit of
//     each, their latent means mixed with weights drawn uniformly from the
//     simplex, decoded, contrast sharpened and clamped to [0, 1], stored as
//     uint8;
//  4. kept when the judges agree that it is ambiguous — ensemble mutual
//     information <= max_mutual_information (aleatoric, not epistemic) and
//     predictive entropy in [min_entropy, max_entropy) (nats);
//  5. subsampled to train + test images with a flattened entropy histogram;
//  6. each image gets labels_per_image labels drawn from the judges' mean
//     softmax.
// Every random choice comes from the seed: the same seed and settings give
// the same bytes.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "bdal/data/dataset.h"

namespace bdal::experiment {

struct AmbiguousMnistOptions {
  uint64_t seed = 1;
  int64_t vae_epochs = 20;
  int64_t judges = 5;
  int64_t judge_epochs = 3;
  // Generated before filtering. A million: mixes that every judge finds
  // ambiguous alike are rare (~19% pass, mostly at low entropy), and the
  // flattened histogram needs enough in the upper bins; 100,000 left 73% of
  // the kept images in the lowest bin (docs/results/dirty-mnist-generation).
  int64_t candidates = 1000000;
  int64_t train_images = 6000;
  int64_t test_images = 6000;
  int64_t labels_per_image = 10;
  double max_mutual_information = 0.05;
  double min_entropy = 0.05, max_entropy = 3.0;
  int64_t entropy_bins = 10;  // of the flattened histogram
  double contrast = 2.0;      // x -> clamp(contrast * (x - 0.5) + 0.5, 0, 1)
  int64_t source_limit = 0;   // use only the first N MNIST train images (tests); 0 = all

  void validate() const;  // UsageError naming the option and value
};

struct AmbiguousSplit {
  at::Tensor images_M_H_W;          // uint8
  at::Tensor labels_M_L;            // uint8, labels_per_image per image
  at::Tensor entropy_M;             // float64: the judges' predictive entropy (nats)
  at::Tensor mutual_information_M;  // float64
  at::Tensor mean_probs_M_C;        // float64: the judges' mean softmax
};

struct AmbiguousMnist {
  AmbiguousSplit train, test;
  nlohmann::json stats;  // counts at every stage, judge accuracies, VAE loss, timings
};

// Runs the whole recipe on MNIST train images [N, H, W] uint8 with labels
// [N]. `log` receives progress lines.
AmbiguousMnist generate_ambiguous_mnist(const at::Tensor& mnist_images_u8,
                                        const at::Tensor& mnist_labels,
                                        const AmbiguousMnistOptions& options,
                                        const std::function<void(const std::string&)>& log = {});

// Writes the four IDX files and manifest.json (seed, options, sizes,
// SHA-256 of each file, stats, generation time) into `dir`.
void write_ambiguous_mnist(const AmbiguousMnist& data, const AmbiguousMnistOptions& options,
                           const std::filesystem::path& dir, double generation_seconds);

}  // namespace bdal::experiment
