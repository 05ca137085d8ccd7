// Stochastic batch acquisition (Kirsch, Farquhar, Atighehchian, Jesson,
// Branchaud-Charron & Gal 2023, "Stochastic Batch Acquisition: A Simple
// Baseline for Deep Active Learning", TMLR): instead of the top b of a
// pointwise score, draw b points without replacement with probability
//   power     ∝ s_i^β          (scores must be ≥ 0)
//   softmax   ∝ exp(β s_i)
//   softrank  ∝ r_i^(−β)       (r_i = 1 for the best score; ties share the
//                               best of their ranks: 1, 1, 3, ...)
// by Gumbel-top-b: add Gumbel noise to the log-weights and take the top b.
// β → ∞ gives top-b, β = 0 uniform random. Batch diversity comes for free
// because near-duplicates rarely all get drawn, at the cost of one sort.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bdal/acquire/strategy.h"

namespace bdal::acquire {

enum class SamplingRule { kPower, kSoftmax, kSoftrank };

// "power" | "softmax" | "softrank"; every rule, in that order.
const std::vector<std::pair<std::string, SamplingRule>>& sampling_rules();

// The log of each point's (unnormalised) sampling weight, [N] float64.
at::Tensor log_sampling_weights_N(const at::Tensor& scores_N, SamplingRule rule, double beta);

// b distinct pool positions drawn by Gumbel-top-b from `seed`; Selection's
// scores are the original scores of the picks (not the noisy keys).
Selection stochastic_top_b(const at::Tensor& scores_N, int64_t batch_size, SamplingRule rule,
                           double beta, uint64_t seed);

}  // namespace bdal::acquire
