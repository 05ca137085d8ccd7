// Explicit random generators: every stochastic step takes one, seeded from
// the SeedTree, so nothing hides behind LibTorch's global generator.
#pragma once

#include <ATen/core/Generator.h>

#include <cstdint>

namespace bdal::core {

at::Generator make_generator(uint64_t seed);

}  // namespace bdal::core
