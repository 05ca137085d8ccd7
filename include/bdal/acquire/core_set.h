// Core-Set acquisition (Sener & Savarese 2018, "Active Learning for
// Convolutional Neural Networks: A Core-Set Approach", ICLR): the greedy
// 2-approximation of k-center. Each pick is the pool point farthest (in
// embedding space) from its nearest centre; the labelled set is the initial
// set of centres. Time O((M + b)·N·D), memory O(N) plus one block of
// distances: no N×N or N×M matrix is ever formed.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

#include "bdal/acquire/strategy.h"

namespace bdal::acquire {

// Squared Euclidean distance of each row of points_N_D to its nearest row of
// centres_M_D, [N] float64 (+inf when M = 0). Blocks of points × centres of
// at most `block_elements` distances (memory, not results).
at::Tensor nearest_squared_distance_N(const at::Tensor& points_N_D, const at::Tensor& centres_M_D,
                                      int64_t block_elements = 1 << 20);

// b pool positions, each the farthest from all centres so far; the scores are
// the distances (not squared) at which they were picked. With no labelled
// embeddings the first pick is drawn at random from `seed`.
Selection k_center_greedy(const at::Tensor& pool_N_D, const at::Tensor& labelled_M_D,
                          int64_t batch_size, uint64_t seed);

}  // namespace bdal::acquire
