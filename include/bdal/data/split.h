// Seeded partition of a dataset for active learning: a balanced (n per class)
// or random initial labelled set, a validation set, the pool (everything
// else), and an optional test subset. Indices are dataset row numbers.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace bdal::data {

struct SplitOptions {
  int64_t initial_per_class = 2;  // balanced initial set: this many of every class
  int64_t initial_random = 0;     // if > 0: this many uniformly at random instead
  int64_t validation_size = 100;  // drawn from what the initial set left
  int64_t test_size = 0;          // test subset; 0 = the whole test set

  void validate() const;
};

struct Split {
  at::Tensor initial;     // int64 [n_initial], train rows
  at::Tensor validation;  // int64 [n_val], train rows
  at::Tensor pool;        // int64 [n_pool], train rows, ascending
  at::Tensor test;        // int64 [n_test], test rows, ascending
};

// `train_labels_N` int64; throws UsageError naming the option when a request
// cannot be met (a class with fewer examples than initial_per_class, ...).
// `ambiguous_N` (bool, optional; Dirty-MNIST): rows that go to the pool
// only — the initial and validation sets are drawn from the clean rows, as a
// labelled start and a model-selection set with one true label each.
Split make_split(const at::Tensor& train_labels_N, int64_t num_classes, int64_t test_total,
                 const SplitOptions& options, uint64_t seed,
                 const at::Tensor& ambiguous_N = at::Tensor());

}  // namespace bdal::data
