// Kernel interface for the fused first layer of LeNet-5 style models:
// conv (one input channel, k x k, zero padding) -> ReLU -> 2x2 max-pool, for
// inference. The AVX-512 implementation lives in its own translation unit,
// compiled with AVX-512 flags; this header and that file include nothing
// else, so no inline function from a shared header is ever emitted with
// AVX-512 instructions (the linker could pick that copy for the whole
// program and crash CPUs without AVX-512).
#pragma once

#include <cstdint>

namespace bdal::models::kernels {

// Output channels computed together (their accumulators stay in registers).
constexpr int64_t kChannelBlock = 6;
// Width of one scratch row; conv output rows are computed 32 wide.
constexpr int64_t kScratchWidth = 48;
constexpr int64_t kMaxConvWidth = 32;

struct SingleChannelConvPool {
  int64_t kernel = 0;         // k
  int64_t channels = 0;       // C, the real output channels
  int64_t out_height = 0;     // pooled: conv height / 2
  int64_t out_width = 0;      // pooled: conv width / 2
  const float* weight = nullptr;  // [ceil(C / kChannelBlock) * kChannelBlock][k][k], zero-padded
  const float* bias = nullptr;    // [same padded C]
  // One image, already placed into rows of kScratchWidth floats with its zero
  // padding around it (rows >= conv height + k - 1; zero wherever it is not image).
  const float* scratch = nullptr;
  float* out = nullptr;       // [C][out_height][out_width]
};

// Shapes the kernel handles: conv output at most kMaxConvWidth wide, padded
// input within a scratch row including the vector over-read.
inline bool single_channel_conv_pool_fits(int64_t width, int64_t padding, int64_t kernel) {
  const int64_t padded_width = width + 2 * padding;
  const int64_t conv_width = padded_width - kernel + 1;
  return kernel >= 1 && conv_width >= 2 && conv_width <= kMaxConvWidth &&
         padded_width <= kScratchWidth && kernel - 1 + kMaxConvWidth <= kScratchWidth;
}

// Requires a CPU with AVX-512 F/BW/DQ/VL (check before calling).
void single_channel_conv_relu_pool_avx512(const SingleChannelConvPool& job);

}  // namespace bdal::models::kernels
