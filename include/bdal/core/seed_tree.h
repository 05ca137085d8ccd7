// Deterministic, independent random streams derived from one master seed.
// Every consumer (split, weight init, MC masks, shuffling, data generation)
// asks for its own stream by purpose and index, so nothing depends on the
// order in which other parts drew numbers — the basis of exact resume.
#pragma once

#include <cstdint>
#include <string_view>

namespace bdal::core {

// SplitMix64 finaliser: a bijective, well-mixed 64-bit hash.
uint64_t mix64(uint64_t x);

class SeedTree {
 public:
  explicit SeedTree(uint64_t master_seed) : master_(master_seed) {}

  uint64_t master() const { return master_; }

  // The seed of stream (purpose, index), e.g. derive("init", round).
  uint64_t derive(std::string_view purpose, uint64_t index = 0) const;

  // A child tree, for handing a whole subtree to a component.
  SeedTree child(std::string_view purpose, uint64_t index = 0) const {
    return SeedTree(derive(purpose, index));
  }

 private:
  uint64_t master_;
};

}  // namespace bdal::core
