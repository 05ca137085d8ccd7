#include "bdal/loop/pool_state.h"

#include "bdal/core/error.h"

#include <ATen/ATen.h>

namespace bdal::loop {

PoolState::PoolState(int64_t n, const at::Tensor& initial, const at::Tensor& pool)
    : in_pool_(static_cast<size_t>(n), 0) {
  const at::Tensor initial_c = initial.contiguous();
  const int64_t* init = initial_c.data_ptr<int64_t>();
  labelled_.assign(init, init + initial_c.numel());
  const at::Tensor pool_c = pool.contiguous();
  const int64_t* p = pool_c.data_ptr<int64_t>();
  for (int64_t i = 0; i < pool_c.numel(); ++i) in_pool_[p[i]] = 1;
  pool_count_ = pool_c.numel();
}

at::Tensor PoolState::labelled() const {
  return at::tensor(labelled_, at::kLong);
}

at::Tensor PoolState::pool() const {
  std::vector<int64_t> rows;
  rows.reserve(pool_count_);
  for (size_t i = 0; i < in_pool_.size(); ++i)
    if (in_pool_[i]) rows.push_back(static_cast<int64_t>(i));
  return at::tensor(rows, at::kLong);
}

void PoolState::acquire_rows(const std::vector<int64_t>& rows) {
  // Check everything first so a bad selection leaves the state untouched.
  std::vector<uint8_t> seen(in_pool_.size(), 0);
  for (int64_t row : rows) {
    BDAL_CHECK(row >= 0 && row < static_cast<int64_t>(in_pool_.size()) && in_pool_[row] && !seen[row],
               "dataset row {} is not in the pool (acquired twice?)", row);
    seen[row] = 1;
  }
  for (int64_t row : rows) {
    in_pool_[row] = 0;
    labelled_.push_back(row);
  }
  pool_count_ -= static_cast<int64_t>(rows.size());
}

std::vector<int64_t> PoolState::acquire(const at::Tensor& candidates,
                                        const acquire::Selection& selection) {
  std::vector<int64_t> rows;
  for (int64_t position : selection.positions) {
    BDAL_CHECK(position >= 0 && position < candidates.size(0),
               "strategy selected position {} of {} candidates", position, candidates.size(0));
    rows.push_back(candidates[position].item<int64_t>());
  }
  acquire_rows(rows);
  return rows;
}

}  // namespace bdal::loop
