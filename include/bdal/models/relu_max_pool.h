// relu(max_pool2d(x, 2)), fused, with its exact gradient.
//
// Why: LibTorch 1.13's CPU max_pool2d (as Debian builds it) spends ~25 ns per
// output on LeNet-5's first pooling, and with the ReLU in front of it that was
// half of a training step and two thirds of every validation pass. ReLU and
// max commute, so the fused op computes max over each 2x2 window first and
// clamps once; a plain loop over contiguous planes does that ~10x faster.
//
// Semantics match `at::max_pool2d(at::relu(x), 2)` exactly (floor mode: a
// trailing odd row or column is dropped; NaN propagates): forward values are
// bit-identical, and the gradient goes to the first maximal element of each
// window in row-major order when that maximum is > 0, as LibTorch's does.
#pragma once

#include <ATen/ATen.h>

namespace bdal::models {

// x_N_C_H_W: float or double, H and W >= 2. Differentiable with respect to x.
at::Tensor relu_max_pool2x2(const at::Tensor& x_N_C_H_W);

}  // namespace bdal::models
