// Augmentation: seeded, shape-preserving, the identity when every
// perturbation is off, a pure shift moves the image, and non-images get
// noise only.
#include "bdal/data/augment.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include "bdal/core/random.h"

namespace bdal::data {
namespace {

at::Tensor images() {
  at::Generator gen = core::make_generator(1);
  return at::rand({5, 1, 28, 28}, gen);
}

TEST(Augment, SeededAndShapePreserving) {
  at::Generator a = core::make_generator(7), b = core::make_generator(7),
                c = core::make_generator(8);
  const at::Tensor x = images();
  const at::Tensor ya = augment(x, a), yb = augment(x, b), yc = augment(x, c);
  EXPECT_EQ(ya.sizes(), x.sizes());
  EXPECT_TRUE(at::equal(ya, yb));
  EXPECT_FALSE(at::equal(ya, yc));
  EXPECT_FALSE(at::allclose(ya, x));
}

TEST(Augment, NoPerturbationIsTheIdentity) {
  at::Generator gen = core::make_generator(0);
  const at::Tensor x = images();
  EXPECT_TRUE(at::allclose(augment(x, gen, {0.0, 0.0, 0.0}), x, 1e-5, 1e-6));
}

TEST(Augment, RotationKeepsTheCentreAndShiftMovesTheImage) {
  // One bright pixel in the centre of a dark image: a rotation (about the
  // centre) leaves most of its mass there; only shifts move it away.
  at::Tensor x = at::zeros({200, 1, 28, 28});
  x.select(2, 13).select(2, 13).fill_(1.0);
  at::Generator gen = core::make_generator(3);
  const at::Tensor rotated = augment(x, gen, {0.0, 10.0, 0.0});
  const at::Tensor shifted = augment(x, gen, {2.0, 0.0, 0.0});
  const double centre_rotated = rotated.select(2, 13).select(2, 13).mean().item<double>();
  const double centre_shifted = shifted.select(2, 13).select(2, 13).mean().item<double>();
  EXPECT_GT(centre_rotated, 0.5);
  EXPECT_LT(centre_shifted, centre_rotated);
  // Mass is kept (bilinear interpolation of an interior pixel).
  EXPECT_NEAR(shifted.sum().item<double>() / 200.0, 1.0, 0.05);
}

TEST(Augment, NonImagesGetGaussianNoiseOnly) {
  const at::Tensor x = at::zeros({20000, 2});
  at::Generator gen = core::make_generator(2);
  const at::Tensor y = augment(x, gen, {2.0, 10.0, 0.1});
  EXPECT_NEAR(y.mean().item<double>(), 0.0, 0.005);
  EXPECT_NEAR(y.std().item<double>(), 0.1, 0.005);
}

}  // namespace
}  // namespace bdal::data
