// Compiled with -O3 -ffast-math (src/CMakeLists.txt); nothing else may be
// inlined here. Inputs are finite and ≥ 0, which fast-math assumes anyway.
#include "entropy_terms.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bdal::acquire::kernels {
namespace {

// Below this x·log x is under 1e-35 in magnitude and counts as 0; the clamp
// also keeps log away from 0 and the subnormals.
constexpr float kTiny = 1e-37f;

}  // namespace

void joint_entropy_terms(const float* joint_B_C_F, int64_t b, int64_t c, int64_t f,
                         const double* u_F, double mass_term, double* entropy_B) {
  std::vector<float> xlogx(static_cast<size_t>(f));
  for (int64_t i = 0; i < b; ++i) {
    // Sums over the C labels in float (C terms), vectorised over f.
    std::fill(xlogx.begin(), xlogx.end(), 0.0f);
    for (int64_t k = 0; k < c; ++k) {
      const float* row = joint_B_C_F + (i * c + k) * f;
      for (int64_t j = 0; j < f; ++j) {
        const float x = row[j];
        xlogx[j] += x * logf(x > kTiny ? x : kTiny);
      }
    }
    double h = mass_term;
    for (int64_t j = 0; j < f; ++j) h -= u_F[j] * xlogx[j];
    entropy_B[i] = h;
  }
}

}  // namespace bdal::acquire::kernels
