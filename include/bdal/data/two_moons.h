// The two-moons toy problem (two interleaved half circles, as scikit-learn's
// make_moons), generated from a seed: for decision-boundary pictures and
// fast end-to-end tests.
#pragma once

#include "bdal/data/dataset.h"

#include <cstdint>

namespace bdal::data {

struct TwoMoonsOptions {
  int64_t train_size = 1000;  // points in the training set (split evenly by class)
  int64_t test_size = 1000;
  double noise = 0.1;         // std of Gaussian noise added to each coordinate
  uint64_t seed = 0;

  void validate() const;
};

// inputs float32 [N, 2], labels {0: upper moon, 1: lower moon}, shuffled.
Dataset make_two_moons(int64_t n, double noise, uint64_t seed);

TrainTest load_two_moons(const TwoMoonsOptions& options);

}  // namespace bdal::data
