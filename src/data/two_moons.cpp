#include "bdal/data/two_moons.h"

#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/core/seed_tree.h"

#include <ATen/ATen.h>

#include <cmath>

namespace bdal::data {

void TwoMoonsOptions::validate() const {
  BDAL_CHECK_USAGE(train_size >= 2, "two-moons train size must be at least 2, got {}", train_size);
  BDAL_CHECK_USAGE(test_size >= 2, "two-moons test size must be at least 2, got {}", test_size);
  BDAL_CHECK_USAGE(noise >= 0 && std::isfinite(noise), "two-moons noise must be >= 0, got {}",
                   noise);
}

Dataset make_two_moons(int64_t n, double noise, uint64_t seed) {
  at::Generator gen = core::make_generator(seed);
  const int64_t n_upper = n / 2;
  const int64_t n_lower = n - n_upper;
  const at::Tensor t_upper = at::linspace(0, M_PI, n_upper, at::kDouble);
  const at::Tensor t_lower = at::linspace(0, M_PI, n_lower, at::kDouble);
  const at::Tensor upper_2 = at::stack({at::cos(t_upper), at::sin(t_upper)}, 1);
  const at::Tensor lower_2 = at::stack({1 - at::cos(t_lower), 0.5 - at::sin(t_lower)}, 1);
  at::Tensor points_N_2 = at::cat({upper_2, lower_2}, 0);
  points_N_2 += at::normal(0.0, noise, {n, 2}, gen, at::kDouble);
  at::Tensor labels_N = at::cat({at::zeros({n_upper}, at::kLong), at::ones({n_lower}, at::kLong)});
  const at::Tensor order = at::randperm(n, gen, at::kLong);
  Dataset out;
  out.inputs = points_N_2.index_select(0, order).to(at::kFloat);
  out.labels = labels_N.index_select(0, order);
  out.num_classes = 2;
  return out;
}

TrainTest load_two_moons(const TwoMoonsOptions& options) {
  options.validate();
  const core::SeedTree seeds(options.seed);
  TrainTest out;
  out.name = "two-moons";
  out.train = make_two_moons(options.train_size, options.noise, seeds.derive("two-moons/train"));
  out.test = make_two_moons(options.test_size, options.noise, seeds.derive("two-moons/test"));
  out.description = fmt::format("two-moons generated: {} train, {} test, noise {}, seed {}",
                                options.train_size, options.test_size, options.noise,
                                options.seed);
  return out;
}

}  // namespace bdal::data
