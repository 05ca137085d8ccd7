#include "bdal/acquire/badge.h"

#include <ATen/ATen.h>

#include "bdal/core/error.h"
#include "bdal/core/random.h"

namespace bdal::acquire {

at::Tensor badge_residual_N_C(const at::Tensor& probs_N_C) {
  at::Tensor a_N_C = probs_N_C.to(at::kDouble).clone();
  const at::Tensor predicted_N = a_N_C.argmax(1);
  a_N_C.scatter_add_(1, predicted_N.unsqueeze(1), at::full({a_N_C.size(0), 1}, -1.0, at::kDouble));
  return a_N_C;
}

Selection badge_select(const at::Tensor& probs_N_C, const at::Tensor& embeddings_N_D,
                       int64_t batch_size, uint64_t seed) {
  BDAL_CHECK(probs_N_C.dim() == 2 && embeddings_N_D.dim() == 2 &&
                 probs_N_C.size(0) == embeddings_N_D.size(0),
             "BADGE needs probabilities [N, C] and embeddings [N, D] of the same N; got {} and {}",
             probs_N_C.sizes(), embeddings_N_D.sizes());
  const int64_t n = probs_N_C.size(0);
  BDAL_CHECK(batch_size >= 1 && batch_size <= n, "cannot select {} points from a pool of {}",
             batch_size, n);
  const at::Tensor a_N_C = badge_residual_N_C(probs_N_C).contiguous();
  const at::Tensor z_N_D = embeddings_N_D.to(at::kDouble).contiguous();
  const at::Tensor norm_sq_N = a_N_C.square().sum(1) * z_N_D.square().sum(1);
  at::Generator gen = core::make_generator(seed);

  Selection out;
  at::Tensor d_sq_N;  // squared distance to the nearest centre
  for (int64_t i = 0; i < batch_size; ++i) {
    int64_t pick = 0;
    if (i == 0) {
      pick = argmax_ties_at_random(norm_sq_N, gen);
    } else {
      at::Tensor weights_N = d_sq_N.clamp_min(0.0);
      for (int64_t p : out.positions) weights_N[p] = 0.0;
      // All remaining points coincide with centres: any untaken one will do.
      if (weights_N.sum().item<double>() <= 0.0) {
        weights_N = at::ones({n}, at::kDouble);
        for (int64_t p : out.positions) weights_N[p] = 0.0;
      }
      pick = at::multinomial(weights_N, 1, /*replacement=*/false, gen).item<int64_t>();
    }
    out.positions.push_back(pick);
    out.scores.push_back(i == 0 ? norm_sq_N[pick].item<double>() : d_sq_N[pick].item<double>());
    // ‖g_i − g_c‖² = ‖g_i‖² + ‖g_c‖² − 2 ⟨a_i, a_c⟩⟨z_i, z_c⟩.
    const at::Tensor cross_N = a_N_C.mv(a_N_C[pick]) * z_N_D.mv(z_N_D[pick]);
    const at::Tensor to_new_N = (norm_sq_N + norm_sq_N[pick] - 2.0 * cross_N).clamp_min(0.0);
    d_sq_N = i == 0 ? to_new_N : at::minimum(d_sq_N, to_new_N);
  }
  return out;
}

}  // namespace bdal::acquire
