#include "bdal/core/error.h"
#include "bdal/loop/pool_state.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace bdal::loop {
namespace {

at::Tensor rows(std::vector<int64_t> v) { return at::tensor(v, at::kLong); }

TEST(PoolState, AcquireTurnsPositionsIntoDatasetRowsAndLeavesThePool) {
  PoolState state(10, rows({0, 1}), rows({2, 3, 5, 7, 9}));
  const at::Tensor candidates = rows({3, 7, 9});  // a pool subset
  acquire::Selection selection{{2, 0}, {0.9, 0.5}};
  EXPECT_EQ(state.acquire(candidates, selection), (std::vector<int64_t>{9, 3}));
  EXPECT_TRUE(at::equal(state.labelled(), rows({0, 1, 9, 3})));
  EXPECT_TRUE(at::equal(state.pool(), rows({2, 5, 7})));
  EXPECT_EQ(state.pool_count(), 3);
  EXPECT_EQ(state.labelled_count(), 4);
}

TEST(PoolState, ABadSelectionIsAnErrorAndChangesNothing) {
  PoolState state(10, rows({0}), rows({2, 3, 4}));
  EXPECT_THROW(state.acquire(rows({2, 3}), {{0, 0}, {1, 1}}), Error);  // same point twice
  EXPECT_THROW(state.acquire(rows({2, 3}), {{5}, {1}}), Error);        // no such position
  EXPECT_THROW(state.acquire_rows({0}), Error);                        // already labelled
  EXPECT_EQ(state.pool_count(), 3);
  EXPECT_EQ(state.labelled_count(), 1);
}

}  // namespace
}  // namespace bdal::loop
