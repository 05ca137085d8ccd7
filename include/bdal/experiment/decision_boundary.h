// The decision-boundary study (the fourth seed's figure): on a 2-D dataset
// such as two-moons, the model of an active-learning run's round 0 (trained
// on the initial labelled set), its predictive entropy, BALD and class
// probability over a grid covering the plane, and the points each strategy
// would acquire next. The model and picks are exactly round 0 of `bdal run`
// with the same config and seed: same split, weights, MC masks and seeds.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bdal/data/dataset.h"
#include "bdal/loop/loop_config.h"

namespace bdal::experiment {

struct BoundaryOptions {
  std::vector<std::string> strategies{"margin", "max-entropy", "bald", "random"};
  int64_t grid_size = 150;  // G: the grid has G x G points
  double padding = 0.5;     // added around the data's bounding box on every side

  // UsageError naming the option and value.
  void validate() const;
};

struct StrategyPicks {
  std::string strategy;
  // The heat map drawn under this strategy's picks: its own score where it
  // is a pointwise score of the MC predictions, else predictive entropy.
  std::string map_name;
  at::Tensor map_G_G;              // float64, [y, x] like entropy_G_G
  at::Tensor picks_B_2;            // float64 coordinates of the acquired points
  std::vector<int64_t> positions;  // their rows in pool_N_2
  std::vector<int64_t> rows;       // their rows in the training set
  std::vector<double> scores;      // the score each was picked with
};

struct BoundaryMaps {
  at::Tensor x_G, y_G;                         // float64 grid coordinates
  at::Tensor entropy_G_G, bald_G_G;            // float64, [y, x], from score_samples MC samples
  at::Tensor class1_probability_G_G;           // p̄ of class 1 (two classes: 0.5 is the boundary)
  at::Tensor labelled_M_2, labels_M;           // the initial labelled set
  at::Tensor pool_N_2;                         // the candidates the strategies chose from
  at::Tensor pool_entropy_N, pool_bald_N;      // float64, from the round's MC samples of the pool
  std::vector<StrategyPicks> picks;            // one per BoundaryOptions::strategies
  double test_accuracy = 0.0, test_nll = 0.0;  // of the round-0 model, on the test split
};

// Trains round 0 of `config` on `data` (2-D inputs) and computes the maps.
// UsageError for inputs that are not 2-D or for a strategy the study cannot
// feed (CSAL needs image augmentations).
BoundaryMaps compute_decision_boundary(const loop::LoopConfig& config, const data::TrainTest& data,
                                       const BoundaryOptions& options);

}  // namespace bdal::experiment
