// BADGE (Ash, Zhang, Krishnamurthy, Langford & Agarwal 2020, "Deep Batch
// Active Learning by Diverse, Uncertain Gradient Lower Bounds", ICLR):
// k-means++ seeding on the gradient embeddings of the last layer's loss at
// the predicted label ŷ,
//   g_i = (p_i − e_ŷ) ⊗ z_i        (C·D numbers per point),
// where p_i are the class probabilities and z_i the last layer's input. The
// embedding is never formed: with a_i = p_i − e_ŷ,
//   ⟨g_i, g_j⟩ = ⟨a_i, a_j⟩ ⟨z_i, z_j⟩,   ‖g_i‖² = ‖a_i‖² ‖z_i‖²,
// so each k-means++ step costs O(N·(C + D)) instead of O(N·C·D), and memory
// stays O(N) beyond the inputs.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

#include "bdal/acquire/strategy.h"

namespace bdal::acquire {

// a_i = p_i − e_{argmax p_i}, [N, C] float64, from probabilities probs_N_C.
at::Tensor badge_residual_N_C(const at::Tensor& probs_N_C);

// k-means++ seeding in gradient-embedding space: the first centre is the
// point with the largest gradient norm (as in the authors' code), every next
// one is drawn with probability ∝ D², its squared distance to the nearest
// centre so far. Scores: the D² (squared distance) at which each was picked.
Selection badge_select(const at::Tensor& probs_N_C, const at::Tensor& embeddings_N_D,
                       int64_t batch_size, uint64_t seed);

}  // namespace bdal::acquire
