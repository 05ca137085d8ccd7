// Label-preserving random perturbations of inputs, for CSAL's consistency
// score and consistency training. Images [N, 1, H, W] get a small random
// rotation and shift (bilinear resampling; the border pixel, i.e. the
// background, fills what moves in) and Gaussian noise; other inputs [N, ...]
// get the noise only. Each input draws its own perturbation from `gen`.
#pragma once

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

namespace bdal::data {

struct AugmentOptions {
  double max_shift_px = 2.0;         // uniform in ±this, each axis (images)
  double max_rotation_degrees = 10;  // uniform in ±this (images)
  double noise_std = 0.1;            // in the inputs' (standardised) units
};

at::Tensor augment(const at::Tensor& inputs, at::Generator& gen,
                   const AugmentOptions& options = {});

}  // namespace bdal::data
