// Who is labelled and who is still in the pool. The one place where pool
// positions (rows of what a strategy saw) become dataset indices, and where
// the simulated oracle reveals labels by moving points into the labelled set.
#pragma once

#include "bdal/acquire/strategy.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace bdal::loop {

class PoolState {
 public:
  // `initial` labelled rows and the `pool` rows, both of a dataset of `n` rows.
  PoolState(int64_t n, const at::Tensor& initial, const at::Tensor& pool);

  at::Tensor labelled() const;  // int64 [L], in acquisition order
  at::Tensor pool() const;      // int64 [P], ascending
  int64_t labelled_count() const { return static_cast<int64_t>(labelled_.size()); }
  int64_t pool_count() const { return pool_count_; }

  // Moves the selected candidates (positions into `candidates`, which are
  // pool rows) to the labelled set; returns their dataset indices. Throws if
  // a candidate is not in the pool or is selected twice.
  std::vector<int64_t> acquire(const at::Tensor& candidates, const acquire::Selection& selection);

  // Moves dataset rows straight to the labelled set (replaying a record).
  void acquire_rows(const std::vector<int64_t>& rows);

 private:
  std::vector<int64_t> labelled_;
  std::vector<uint8_t> in_pool_;  // per dataset row
  int64_t pool_count_ = 0;
};

}  // namespace bdal::loop
