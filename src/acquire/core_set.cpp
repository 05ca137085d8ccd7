#include "bdal/acquire/core_set.h"

#include <ATen/ATen.h>

#include <limits>

#include "bdal/core/error.h"
#include "bdal/core/random.h"

namespace bdal::acquire {

at::Tensor nearest_squared_distance_N(const at::Tensor& points_N_D, const at::Tensor& centres_M_D,
                                      int64_t block_elements) {
  BDAL_CHECK(
      points_N_D.dim() == 2 && centres_M_D.dim() == 2 && points_N_D.size(1) == centres_M_D.size(1),
      "embeddings must be [N, D] and [M, D] with the same D; got {} and {}", points_N_D.sizes(),
      centres_M_D.sizes());
  BDAL_CHECK(block_elements >= 1, "block_elements must be ≥ 1, not {}", block_elements);
  const at::Tensor x = points_N_D.to(at::kDouble);
  const at::Tensor c = centres_M_D.to(at::kDouble);
  const int64_t n = x.size(0), m = c.size(0);
  at::Tensor best_N = at::full({n}, std::numeric_limits<double>::infinity(), at::kDouble);
  if (m == 0 || n == 0) return best_N;
  const at::Tensor x_sq_N = x.square().sum(1), c_sq_M = c.square().sum(1);
  // ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖², one GEMM per block of points × centres.
  const int64_t centres_per_block = std::min<int64_t>(m, std::max<int64_t>(1, block_elements / 64));
  const int64_t points_per_block = std::max<int64_t>(1, block_elements / centres_per_block);
  for (int64_t p0 = 0; p0 < n; p0 += points_per_block) {
    const int64_t p1 = std::min(n, p0 + points_per_block);
    at::Tensor best_B = best_N.slice(0, p0, p1);
    for (int64_t c0 = 0; c0 < m; c0 += centres_per_block) {
      const int64_t c1 = std::min(m, c0 + centres_per_block);
      const at::Tensor d_B_C = (x_sq_N.slice(0, p0, p1).unsqueeze(1) -
                                2.0 * x.slice(0, p0, p1).mm(c.slice(0, c0, c1).t()) +
                                c_sq_M.slice(0, c0, c1).unsqueeze(0))
                                   .clamp_min(0.0);
      best_B.copy_(at::minimum(best_B, std::get<0>(d_B_C.min(1))));
    }
  }
  return best_N;
}

Selection k_center_greedy(const at::Tensor& pool_N_D, const at::Tensor& labelled_M_D,
                          int64_t batch_size, uint64_t seed) {
  const int64_t n = pool_N_D.size(0);
  BDAL_CHECK(batch_size >= 1 && batch_size <= n, "cannot select {} points from a pool of {}",
             batch_size, n);
  const at::Tensor x = pool_N_D.to(at::kDouble).contiguous();
  at::Tensor d_N = nearest_squared_distance_N(x, labelled_M_D);
  const at::Tensor x_sq_N = x.square().sum(1);
  at::Generator gen = core::make_generator(seed);
  Selection out;
  for (int64_t i = 0; i < batch_size; ++i) {
    // With nothing labelled every distance is +inf: the first centre is a
    // uniform draw, and its recorded score +inf (null in JSON).
    const int64_t pick = argmax_ties_at_random(d_N, gen);
    const double d = d_N[pick].item<double>();
    out.positions.push_back(pick);
    out.scores.push_back(std::isfinite(d) ? std::sqrt(d) : d);
    // The new centre's squared distances, as a matrix-vector product: O(N) memory.
    const at::Tensor centre_D = x[pick];
    d_N = at::minimum(d_N, (x_sq_N - 2.0 * x.mv(centre_D) + centre_D.dot(centre_D)).clamp_min(0.0));
    d_N[pick] = -1.0;  // never again, even among exact duplicates (distance 0)
  }
  return out;
}

}  // namespace bdal::acquire
