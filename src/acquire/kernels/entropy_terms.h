// The inner loop of BatchBALD's joint entropy. For each candidate b, with
// J[b, c, f] the (scaled) joint probability of configuration f and label c,
//   entropy[b] = mass_term − Σ_f u[f] · Σ_c J log J,
// 0·log 0 = 0 (see JointLabelDistribution::joint_entropy_with_N for u and
// mass_term, the part that is the same for every candidate).
// Built with -ffast-math in its own translation unit so that glibc's vector
// logf (libmvec) is used: ATen's log ran at ~27 ns per element on this
// machine, this loop at ~1.6 ns.
#pragma once

#include <cstdint>

namespace bdal::acquire::kernels {

void joint_entropy_terms(const float* joint_B_C_F, int64_t b, int64_t c, int64_t f,
                         const double* u_F, double mass_term, double* entropy_B);

}  // namespace bdal::acquire::kernels
