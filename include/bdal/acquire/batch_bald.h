// BatchBALD (Kirsch, van Amersfoort & Gal 2019, "BatchBALD: Efficient and
// Diverse Batch Acquisition for Deep Bayesian Active Learning", NeurIPS):
// greedily grow the batch A by the point x maximising the mutual
// information between the batch's labels and the weights,
//   I(y_A, y_x; ω) = H(y_A, y_x) − Σ_{i ∈ A ∪ {x}} E_ω H(y_i | ω),
// estimated from K MC-dropout samples that are consistent across points
// (the same K masks for every pool point, as the sampler draws them).
// The joint entropy is exact (every one of the C^|A| label configurations)
// while their number stays ≤ M, and beyond that an importance-sampled
// estimate over M configurations drawn from the joint (the paper's §3.3).
// b = 1 is BALD. Candidates are scored in blocks, so memory is
// O(M·K + M·block·C) beyond the inputs.
#pragma once

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>
#include <c10/core/ScalarType.h>

#include <cstdint>

#include "bdal/acquire/strategy.h"

namespace bdal::acquire {

struct BatchBaldOptions {
  int64_t max_configs = 10000;    // M: exact while C^|A| ≤ M, else M sampled configurations
  int64_t prefilter = 0;          // candidates: only the top-P points by BALD (0 = every point)
  int64_t chunk_size = 0;         // candidates per scoring call; 0 = 4096 (memory, not results)
  bool double_precision = false;  // joint probabilities in float64 (float32: ~4x faster)
};

// The joint predictive distribution of the labels of a growing set A under
// K MC samples, held as configurations y_A with P[f, k] = Π_{i∈A} p(y_i^f | ω_k)
// (each row scaled by its own factor, kept in log form, against underflow).
class JointLabelDistribution {
 public:
  // `compute`: the dtype of the joint probabilities of the candidates (the
  // configurations themselves and all sums are float64).
  JointLabelDistribution(int64_t num_samples, int64_t max_configs,
                         at::ScalarType compute = at::kDouble);

  // Adds one point, probs_K_C = p(y | ω_k). Exact while the configurations
  // fit in max_configs; the first time they would not, max_configs of them
  // are drawn from the exact joint, and each later point extends every
  // sampled configuration by a label drawn from p(y_x | y_A^f), so the rows
  // stay draws from the joint.
  void add(const at::Tensor& probs_K_C, at::Generator& gen);

  // H(y_A, y_x) for each candidate x, probs_N_K_C → [N] float64.
  at::Tensor joint_entropy_with_N(const at::Tensor& probs_N_K_C) const;

  // H(y_A); 0 for the empty set.
  double joint_entropy() const;

  bool exact() const { return exact_; }
  int64_t num_configs() const { return configs_F_K_.size(0); }

 private:
  int64_t num_samples_;
  int64_t max_configs_;
  at::ScalarType compute_;
  bool exact_ = true;
  at::Tensor configs_F_K_;  // P[f, k] / s_f
  at::Tensor log_scale_F_;  // log s_f
};

// The b points of a greedy BatchBALD batch and the score each was added with:
// the increase of I(y_A; ω) it brought (the first one's is its BALD score).
// `seed` breaks ties and draws the sampled configurations.
Selection batch_bald(const at::Tensor& log_probs_N_K_C, int64_t batch_size,
                     const BatchBaldOptions& options, uint64_t seed);

}  // namespace bdal::acquire
