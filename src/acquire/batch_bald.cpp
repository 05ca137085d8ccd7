#include "bdal/acquire/batch_bald.h"

#include <ATen/ATen.h>

#include <limits>

#include "bdal/acquire/scores.h"
#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/core/seed_tree.h"
#include "bdal/train/metrics.h"
#include "kernels/entropy_terms.h"

namespace bdal::acquire {
namespace {

constexpr int64_t kBlockBytes = 64 << 20;

// Rows rescaled to a maximum of 1, the factors added to log_scale_F.
void rescale_rows(at::Tensor& configs_F_K, at::Tensor& log_scale_F) {
  const at::Tensor max_F = std::get<0>(configs_F_K.max(1)).clamp_min(1e-300);
  configs_F_K.div_(max_F.unsqueeze(1));
  log_scale_F.add_(max_F.log());
}

}  // namespace

JointLabelDistribution::JointLabelDistribution(int64_t num_samples, int64_t max_configs,
                                               at::ScalarType compute)
    : num_samples_(num_samples),
      max_configs_(max_configs),
      compute_(compute),
      configs_F_K_(at::ones({1, num_samples}, at::kDouble)),
      log_scale_F_(at::zeros({1}, at::kDouble)) {
  BDAL_CHECK(num_samples >= 1, "need at least one MC sample, not {}", num_samples);
  BDAL_CHECK(max_configs >= 1, "BatchBALD needs max_configs ≥ 1, not {}", max_configs);
}

void JointLabelDistribution::add(const at::Tensor& probs_K_C, at::Generator& gen) {
  BDAL_CHECK(probs_K_C.dim() == 2 && probs_K_C.size(0) == num_samples_,
             "a point's probabilities must be [K = {}, C]; got {}", num_samples_,
             probs_K_C.sizes());
  const at::Tensor p_K_C = probs_K_C.to(at::kDouble);
  const int64_t f = configs_F_K_.size(0), k = num_samples_, c = p_K_C.size(1);
  if (exact_ && f * c <= max_configs_) {
    // Every configuration (y_A, y_x): P[(f, c), k] = P[f, k] · p(c | ω_k).
    configs_F_K_ = (configs_F_K_.unsqueeze(1) * p_K_C.t().unsqueeze(0)).reshape({f * c, k});
    log_scale_F_ = log_scale_F_.repeat_interleave(c);
    return;
  }
  if (exact_) {
    BDAL_CHECK(f * c <= (int64_t{1} << 24),
               "BatchBALD: {} configurations × {} classes exceed the 2^24 categories a "
               "multinomial draw supports; lower max_configs",
               f, c);
    // Too many configurations: draw max_configs of the f·c from the exact joint
    // p(y_A, y_x) = 1/K Σ_k P[f, k] p(c | ω_k), and keep sampling from now on.
    const at::Tensor joint_F_C =
        configs_F_K_.mm(p_K_C) / double(k) * log_scale_F_.exp().unsqueeze(1);
    const at::Tensor drawn_M =
        at::multinomial(joint_F_C.reshape({f * c}), max_configs_, /*replacement=*/true, gen);
    const at::Tensor row_M = drawn_M.div(c, "floor"), label_M = drawn_M.remainder(c);
    configs_F_K_ = configs_F_K_.index_select(0, row_M) * p_K_C.t().index_select(0, label_M);
    log_scale_F_ = log_scale_F_.index_select(0, row_M);
    exact_ = false;
  } else {
    // Each sampled configuration gets y_x drawn from p(y_x | y_A^f) ∝ Σ_k P[f, k] p(y_x | ω_k).
    const at::Tensor conditional_F_C = configs_F_K_.mm(p_K_C).clamp_min(0.0);
    const at::Tensor label_F = at::multinomial(conditional_F_C, 1, false, gen).squeeze(1);
    configs_F_K_ = configs_F_K_ * p_K_C.t().index_select(0, label_F);
  }
  rescale_rows(configs_F_K_, log_scale_F_);
}

at::Tensor JointLabelDistribution::joint_entropy_with_N(const at::Tensor& probs_N_K_C) const {
  BDAL_CHECK(probs_N_K_C.dim() == 3 && probs_N_K_C.size(1) == num_samples_,
             "candidate probabilities must be [N, K = {}, C]; got {}", num_samples_,
             probs_N_K_C.sizes());
  const int64_t f = configs_F_K_.size(0), k = num_samples_;
  const int64_t n = probs_N_K_C.size(0), c = probs_N_K_C.size(2);
  // With J'[f, x, c] = 1/K Σ_k P'[f, k] p(c | x, ω_k) (the scaled joint),
  //   exact:   H = −Σ_f Σ_c s_f J' log(s_f J')
  //   sampled: H ≈ −1/M Σ_f Σ_c (J'/p'_f) log(s_f J')   (p'_f = Σ_c J', the
  //            importance weight of a configuration drawn from p(y_A)),
  // i.e. H = −Σ_f u_f (log s_f Σ_c J' + Σ_c J' log J') with u_f = s_f or 1/(M p'_f).
  at::Tensor u_F;
  if (exact_) {
    u_F = log_scale_F_.exp();
  } else {
    u_F = 1.0 / (double(f) * configs_F_K_.mean(1));
  }
  // Σ_c J'[f, x, c] = 1/K Σ_k P'[f, k] = p'_f for every candidate x (each
  // p(· | x, ω_k) sums to one), so the first term is one number, summed here
  // in float64 once rather than per candidate from float32 sums.
  const double mass_term = -(u_F * log_scale_F_ * configs_F_K_.mean(1)).sum().item<double>();
  at::Tensor out_N = at::empty({n}, at::kDouble);
  if (compute_ == at::kFloat) {
    // The bulk of the work: per block of candidates one GEMM,
    // J[(b, c), f] = Σ_k p(c | x_b, ω_k)/K · P'[f, k], and one pass of
    // J log J (kernels/entropy_terms). Blocks of 64 candidates, laid out
    // [b·C + c, f], ran fastest here (sgemm ~58 GFLOP/s at K = 20).
    const at::Tensor configs_K_F = configs_F_K_.t().to(at::kFloat).contiguous();
    const at::Tensor u_contiguous_F = u_F.contiguous();
    constexpr int64_t kBlock = 64;
    at::Tensor joint_BC_F = at::empty({kBlock * c, f}, at::kFloat);
    for (int64_t start = 0; start < n; start += kBlock) {
      const int64_t end = std::min(n, start + kBlock);
      const at::Tensor p_BC_K = (probs_N_K_C.slice(0, start, end).to(at::kFloat) / double(k))
                                    .permute({0, 2, 1})
                                    .reshape({-1, k});
      at::Tensor out = joint_BC_F.slice(0, 0, (end - start) * c);
      at::mm_out(out, p_BC_K, configs_K_F);
      kernels::joint_entropy_terms(out.data_ptr<float>(), end - start, c, f,
                                   u_contiguous_F.data_ptr<double>(), mass_term,
                                   out_N.data_ptr<double>() + start);
    }
    return out_N;
  }
  // float64: the same sums with ATen, in blocks of about 64 MB.
  const int64_t block = std::max<int64_t>(1, kBlockBytes / (8 * f * c));
  for (int64_t start = 0; start < n; start += block) {
    const int64_t end = std::min(n, start + block);
    const at::Tensor p_K_BC =
        probs_N_K_C.slice(0, start, end).to(at::kDouble).permute({1, 0, 2}).reshape({k, -1});
    const at::Tensor joint_F_B_C = (configs_F_K_.mm(p_K_BC) / double(k)).view({f, end - start, c});
    const at::Tensor xlogx_F_B = at::xlogy(joint_F_B_C, joint_F_B_C).sum(2);
    out_N.slice(0, start, end) = mass_term - u_F.matmul(xlogx_F_B);
  }
  return out_N;
}

double JointLabelDistribution::joint_entropy() const {
  // A point with one certain label leaves the joint entropy unchanged.
  return joint_entropy_with_N(at::ones({1, num_samples_, 1}, at::kDouble))[0].item<double>();
}

Selection batch_bald(const at::Tensor& log_probs_N_K_C, int64_t batch_size,
                     const BatchBaldOptions& options, uint64_t seed) {
  BDAL_CHECK(log_probs_N_K_C.dim() == 3, "BatchBALD needs log_probs [N, K, C]; got {}",
             log_probs_N_K_C.sizes());
  BDAL_CHECK(options.prefilter >= 0, "BatchBALD's prefilter must be ≥ 0, not {}",
             options.prefilter);
  const int64_t n = log_probs_N_K_C.size(0), k = log_probs_N_K_C.size(1);
  // Candidates: every point, or the top-P by BALD; in a seeded random order so
  // that ties go to a random one of the tied points.
  at::Tensor candidates = at::arange(n, at::kLong);
  if (options.prefilter > 0 && options.prefilter < n) {
    // top_b, not topk: BALD ties at the P-th place (points clamped to 0) are
    // decided by the seed, not by the position in the pool.
    const Selection top = top_b(in_row_blocks(bald_N, log_probs_N_K_C), options.prefilter,
                                core::SeedTree(seed).derive("batch-bald/prefilter"));
    candidates = at::tensor(top.positions, at::kLong);
  }
  const int64_t m = candidates.size(0);
  BDAL_CHECK(batch_size >= 1 && batch_size <= m,
             "cannot select {} points from {} candidates (pool {}, prefilter {})", batch_size, m, n,
             options.prefilter);
  at::Generator gen = core::make_generator(seed);
  candidates = candidates.index_select(0, at::randperm(m, gen, at::kLong));
  const at::Tensor log_probs_M_K_C = log_probs_N_K_C.index_select(0, candidates);
  const at::Tensor conditional_M = in_row_blocks(train::expected_entropy_N, log_probs_M_K_C);

  JointLabelDistribution joint(k, options.max_configs,
                               options.double_precision ? at::kDouble : at::kFloat);
  std::vector<bool> taken(static_cast<size_t>(m), false);
  double conditional_of_batch = 0.0, mi_of_batch = 0.0;
  // Candidates per call: bounds the float temporaries (probabilities of a block).
  const int64_t block = options.chunk_size > 0 ? options.chunk_size : 4096;
  Selection out;
  for (int64_t i = 0; i < batch_size; ++i) {
    int64_t best = -1;
    double best_mi = -std::numeric_limits<double>::infinity();
    for (int64_t start = 0; start < m; start += block) {
      const int64_t end = std::min(m, start + block);
      const at::Tensor mi_B =
          joint.joint_entropy_with_N(log_probs_M_K_C.slice(0, start, end).exp()) -
          conditional_M.slice(0, start, end) - conditional_of_batch;
      const auto mi = mi_B.accessor<double, 1>();
      for (int64_t j = start; j < end; ++j)
        if (!taken[j] && mi[j - start] > best_mi) best_mi = mi[j - start], best = j;
    }
    BDAL_CHECK(best >= 0, "BatchBALD found no candidate (are the log-probabilities finite?)");
    taken[best] = true;
    out.positions.push_back(candidates[best].item<int64_t>());
    out.scores.push_back(best_mi - mi_of_batch);
    mi_of_batch = best_mi;
    conditional_of_batch += conditional_M[best].item<double>();
    joint.add(log_probs_M_K_C[best].exp(), gen);
  }
  return out;
}

}  // namespace bdal::acquire
