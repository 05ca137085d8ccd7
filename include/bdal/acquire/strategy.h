// The acquisition-strategy interface. A strategy picks `batch_size` pool
// positions from what the loop computed for it. Pointwise strategies only
// score each point (score_N) and inherit top-b selection with seeded,
// random tie-breaking; batch-aware ones (BatchBALD, BADGE, Core-Set, ...)
// override select(). needs() tells the loop what to compute.
#pragma once

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bdal::acquire {

// What a strategy needs the loop (or `bdal select`) to compute for it.
struct Needs {
  bool log_probs = true;               // log_probs_N_K_C of the pool
  bool embeddings = false;             // embeddings_N_D of the pool
  bool labelled_embeddings = false;    // embeddings_M_D of the labelled set
  bool augmented_predictions = false;  // augmented_log_probs_N_A_C of the pool
  bool consistency_training = false;   // train with a consistency loss on the pool
};

// The settings of the strategies that have any (`strategy_options.*` in a
// run config); each strategy reads only its own.
struct StrategyOptions {
  static constexpr int64_t kMaxConfigsLimit = 1'000'000;

  double temperature = 1.0;     // β of power / softmax / softrank sampling: an inverse
                                // temperature (0 = uniformly random, ∞ = top-b)
  int64_t max_configs = 10000;  // BatchBALD: exact joint entropy while C^|A| ≤ this, else this
                                // many sampled label configurations
  int64_t prefilter = 0;        // BatchBALD: only the top-P points by BALD are candidates (0 = all)
  int64_t augmentations = 10;   // CSAL: augmented copies A of each pool point
  double consistency_weight = 1.0;  // CSAL: λ of the consistency loss on unlabelled data

  // UsageError naming the key and value of an impossible setting.
  void validate() const;
};

struct AcquisitionInput {
  at::Tensor log_probs_N_K_C;  // defined when needs().log_probs
  at::Tensor embeddings_N_D;   // the model's penultimate features (dropout off)
  at::Tensor labelled_embeddings_M_D;
  at::Tensor augmented_log_probs_N_A_C;  // dropout off, A augmented copies of each point
  uint64_t seed = 0;                     // tie-breaking and any sampling
  int64_t pool_size() const;
};

struct Selection {
  std::vector<int64_t> positions;  // pool positions (rows of the input), best first
  std::vector<double> scores;      // the score each was picked with
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  virtual Needs needs() const { return {}; }
  virtual Selection select(const AcquisitionInput& input, int64_t batch_size) const = 0;
};

class PointwiseStrategy : public Strategy {
 public:
  // One score per pool point, [N], float64; larger = acquire first.
  virtual at::Tensor score_N(const AcquisitionInput& input) const = 0;
  Selection select(const AcquisitionInput& input, int64_t batch_size) const override;
};

// The top `batch_size` of scores_N, ties broken by a random order drawn from
// `seed`, so equal scores never favour low indices.
Selection top_b(const at::Tensor& scores_N, int64_t batch_size, uint64_t seed);

// The position of the largest of values_N; among exact ties, one drawn
// uniformly from `gen`. A unique maximum draws nothing, so the stream (and
// every later draw from it) is what it would be without the tie-breaking.
int64_t argmax_ties_at_random(const at::Tensor& values_N, at::Generator& gen);

}  // namespace bdal::acquire
