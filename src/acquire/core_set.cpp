#include "bdal/acquire/core_set.h"

#include <ATen/ATen.h>

#include <limits>

#include "bdal/core/error.h"
#include "bdal/core/random.h"

namespace bdal::acquire {

at::Tensor nearest_squared_distance_N(const at::Tensor& points_N_D, const at::Tensor& centres_M_D,
                                      int64_t chunk_size) {
  BDAL_CHECK(
      points_N_D.dim() == 2 && centres_M_D.dim() == 2 && points_N_D.size(1) == centres_M_D.size(1),
      "embeddings must be [N, D] and [M, D] with the same D; got {} and {}", points_N_D.sizes(),
      centres_M_D.sizes());
  BDAL_CHECK(chunk_size >= 1, "chunk_size must be ≥ 1, not {}", chunk_size);
  const at::Tensor x = points_N_D.to(at::kDouble);
  const at::Tensor c = centres_M_D.to(at::kDouble);
  at::Tensor best_N = at::full({x.size(0)}, std::numeric_limits<double>::infinity(), at::kDouble);
  const at::Tensor x_sq_N = x.square().sum(1);
  // ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖², a block of centres at a time (one GEMM).
  for (int64_t start = 0; start < c.size(0); start += chunk_size) {
    const at::Tensor block_B_D = c.slice(0, start, std::min(start + chunk_size, c.size(0)));
    const at::Tensor d_N_B =
        (x_sq_N.unsqueeze(1) - 2.0 * x.mm(block_B_D.t()) + block_B_D.square().sum(1).unsqueeze(0))
            .clamp_min(0.0);
    best_N = at::minimum(best_N, std::get<0>(d_N_B.min(1)));
  }
  return best_N;
}

Selection k_center_greedy(const at::Tensor& pool_N_D, const at::Tensor& labelled_M_D,
                          int64_t batch_size, uint64_t seed, int64_t chunk_size) {
  const int64_t n = pool_N_D.size(0);
  BDAL_CHECK(batch_size >= 1 && batch_size <= n, "cannot select {} points from a pool of {}",
             batch_size, n);
  const at::Tensor x = pool_N_D.to(at::kDouble).contiguous();
  at::Tensor d_N = nearest_squared_distance_N(x, labelled_M_D, chunk_size);
  const at::Tensor x_sq_N = x.square().sum(1);
  Selection out;
  for (int64_t i = 0; i < batch_size; ++i) {
    int64_t pick = 0;
    if (labelled_M_D.size(0) == 0 && i == 0) {
      at::Generator gen = core::make_generator(seed);
      pick = at::randint(n, {1}, gen, at::kLong).item<int64_t>();
    } else {
      pick = d_N.argmax().item<int64_t>();
    }
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
