// relu(max_pool2d(conv2d(x, weight, bias, padding), 2)) for one input
// channel: the first block of LeNet-5, and on the inference path (no
// gradient needed) the most expensive part of every validation pass,
// acquisition scoring and test evaluation.
//
// Why: LibTorch's oneDNN convolution with a single input channel runs at
// ~17 GFLOP/s here and writes the whole [N, C, H, W] conv output before the
// pooling reads it back. On CPUs with AVX-512 a fused kernel keeps both conv
// rows of a pooled row in registers and writes only the pooled result: 4-5x
// less time for LeNet-5's conv1 + pool (see docs/performance.md). Elsewhere,
// and whenever a gradient is needed, the same function runs at::conv2d
// followed by relu_max_pool2x2. The two paths agree to float rounding
// (the sums run in a different order), not bit for bit.
#pragma once

#include <ATen/ATen.h>

namespace bdal::models {

// x_N_1_H_W float; weight_C_1_k_k; bias_C. Returns [N, C, Ho/2, Wo/2].
at::Tensor conv_relu_max_pool2x2(const at::Tensor& x_N_1_H_W, const at::Tensor& weight_C_1_k_k,
                                 const at::Tensor& bias_C, int64_t padding);

// Whether the fused kernel runs on this CPU (AVX-512 F/BW/DQ/VL) and is enabled.
bool fused_conv_kernel_active();
// Turns the fused kernel off or back on (tests and benchmarks compare both).
void set_fused_conv_kernel_enabled(bool enabled);

}  // namespace bdal::models
