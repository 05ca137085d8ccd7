// Explicit random generators: every stochastic step takes one, seeded from
// the SeedTree, so nothing hides behind LibTorch's global generator.
#pragma once

#include <ATen/ATen.h>
#include <ATen/core/Generator.h>

#include <cstdint>

namespace bdal::core {

at::Generator make_generator(uint64_t seed);

// Inverted-dropout mask [rows, cols] (float): 1/keep with probability keep,
// else 0. Draws one 64-bit seed from `gen` and expands it with xoshiro256**
// (Blackman & Vigna 2018), two 32-bit draws per step. Why not
// Tensor::bernoulli_: LibTorch 1.13 spends ~20 ns per element there (one
// mt19937 call and a double compare each), which was 8 ms of every ~105 ms
// LeNet-5 training step on 1000 points; this takes well under 1 ms.
// keep must be in (0, 1].
at::Tensor dropout_mask(int64_t rows, int64_t cols, double keep, at::Generator& gen);

}  // namespace bdal::core
