#include "bdal/core/seed_tree.h"

#include <gtest/gtest.h>

#include <set>

namespace bdal::core {
namespace {

TEST(SeedTree, SameInputsGiveSameSeed) {
  EXPECT_EQ(SeedTree(7).derive("init", 3), SeedTree(7).derive("init", 3));
  EXPECT_EQ(SeedTree(7).child("loop").derive("masks", 2),
            SeedTree(7).child("loop").derive("masks", 2));
}

TEST(SeedTree, PurposeIndexAndMasterEachChangeTheSeed) {
  std::set<uint64_t> seeds;
  for (uint64_t master : {0, 1, 2})
    for (const char* purpose : {"init", "masks", "split"})
      for (uint64_t index = 0; index < 20; ++index)
        seeds.insert(SeedTree(master).derive(purpose, index));
  EXPECT_EQ(seeds.size(), 3u * 3u * 20u);
}

TEST(SeedTree, ValuesAreStableAcrossBuilds) {
  // Records from older runs must be reproducible: the derivation is fixed.
  EXPECT_EQ(mix64(0), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(SeedTree(1).derive("init", 0), SeedTree(1).derive("init", 0));
}

}  // namespace
}  // namespace bdal::core
