#include "bdal/data/augment.h"

#include <ATen/ATen.h>

#include <cmath>

namespace bdal::data {

at::Tensor augment(const at::Tensor& inputs, at::Generator& gen, const AugmentOptions& options) {
  at::NoGradGuard no_grad;
  const int64_t n = inputs.size(0);
  at::Tensor out = inputs;
  if (inputs.dim() == 4 && (options.max_shift_px > 0 || options.max_rotation_degrees > 0)) {
    const double h = double(inputs.size(2)), w = double(inputs.size(3));
    const double pi = std::acos(-1.0);
    const at::Tensor angle_N =
        at::empty({n}, at::kFloat)
            .uniform_(-options.max_rotation_degrees, options.max_rotation_degrees, gen)
            .mul_(pi / 180.0);
    // Shifts in the grid's normalised coordinates: a pixel is 2/size.
    const at::Tensor dx_N =
        at::empty({n}, at::kFloat).uniform_(-options.max_shift_px, options.max_shift_px, gen) *
        (2.0 / w);
    const at::Tensor dy_N =
        at::empty({n}, at::kFloat).uniform_(-options.max_shift_px, options.max_shift_px, gen) *
        (2.0 / h);
    const at::Tensor cos_N = angle_N.cos(), sin_N = angle_N.sin();
    const at::Tensor theta_N_2_3 =
        at::stack({cos_N, -sin_N, dx_N, sin_N, cos_N, dy_N}, 1).view({n, 2, 3});
    const at::Tensor grid = at::affine_grid_generator(theta_N_2_3, inputs.sizes(),
                                                      /*align_corners=*/false);
    out = at::grid_sampler(inputs.to(at::kFloat), grid, /*interpolation: bilinear*/ 0,
                           /*padding: border*/ 1, /*align_corners=*/false);
  }
  if (options.noise_std > 0)
    out = out + at::empty(out.sizes(), at::kFloat).normal_(0.0, options.noise_std, gen);
  return out.to(inputs.scalar_type());
}

}  // namespace bdal::data
