// Pointwise acquisition scores from MC-dropout samples log_probs_N_K_C.
// Pure functions; float64 accumulation; 0·log 0 = 0; larger = more wanted.
//  - max entropy          H[ȳ]                              (Shannon 1948)
//  - BALD                 H[ȳ] − 1/K Σ_k H[y|ω_k]           (Houlsby et al. 2011)
//  - variation ratios     1 − (mode count)/K of the sampled argmaxes (Freeman 1965;
//                         as computed in the 2025 reproduction report), or
//                         1 − max_c p̄_c (the definition in Gal et al. 2017)
//  - mean std             1/C Σ_c std_k p(y=c|ω_k)          (Kampffmeyer et al. 2016)
//  - margin               1 − (p̄_(1) − p̄_(2)), top-two gap of p̄ (Scheffer et al. 2001)
//  - least confidence     1 − max_c p̄_c                      (Lewis & Gale 1994)
//  - inconsistency        Σ_c Var_a p(y=c | x̃_a) over A augmented copies x̃_a of
//                         x, log_probs_N_A_C (CSAL: Gao et al. 2020)
#pragma once

#include <ATen/core/Tensor.h>

namespace bdal::acquire {

at::Tensor max_entropy_N(const at::Tensor& log_probs_N_K_C);
at::Tensor bald_N(const at::Tensor& log_probs_N_K_C);
at::Tensor variation_ratios_mode_N(const at::Tensor& log_probs_N_K_C);
at::Tensor variation_ratios_mean_N(const at::Tensor& log_probs_N_K_C);
at::Tensor mean_std_N(const at::Tensor& log_probs_N_K_C);
at::Tensor margin_N(const at::Tensor& log_probs_N_K_C);
at::Tensor least_confidence_N(const at::Tensor& log_probs_N_K_C);
at::Tensor inconsistency_N(const at::Tensor& log_probs_N_A_C);

// fn applied to blocks of `block` rows (pool points) of x, concatenated: the
// same result, but the float64 temporaries of a block stay in cache (a
// 60,000 × 100 × 10 pool scored in one piece spent most of its time faulting
// in fresh pages: BALD took 6.0 s, in blocks 0.32 s).
at::Tensor in_row_blocks(at::Tensor (*fn)(const at::Tensor&), const at::Tensor& x,
                         int64_t block = 1024);

}  // namespace bdal::acquire
