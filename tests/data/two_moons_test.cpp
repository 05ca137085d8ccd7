// The generated two-moons problem: shapes, class balance, determinism from
// the seed, and geometry (with noise 0 every point lies exactly on its arc).
#include "bdal/data/two_moons.h"
#include "bdal/core/error.h"
#include "bdal/data/registry.h"
#include "test_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace bdal::data {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::usage_error_message;

// Distance of each point from its class's circle: upper moon centred at
// (0, 0), lower moon at (1, 0.5), both of radius 1.
at::Tensor radius_residual(const Dataset& d) {
  const at::Tensor x = d.inputs.to(at::kDouble);
  const at::Tensor lower = (d.labels == 1).to(at::kDouble);
  const at::Tensor cx = lower * 1.0;
  const at::Tensor cy = lower * 0.5;
  const at::Tensor dx = x.select(1, 0) - cx;
  const at::Tensor dy = x.select(1, 1) - cy;
  return at::sqrt(dx * dx + dy * dy) - 1.0;
}

TEST(TwoMoons, ShapesAndTypes) {
  const Dataset d = make_two_moons(200, 0.1, 1);
  EXPECT_EQ(d.inputs.sizes().vec(), (std::vector<int64_t>{200, 2}));
  EXPECT_EQ(d.inputs.scalar_type(), at::kFloat);
  EXPECT_EQ(d.labels.sizes().vec(), (std::vector<int64_t>{200}));
  EXPECT_EQ(d.labels.scalar_type(), at::kLong);
  EXPECT_EQ(d.num_classes, 2);
}

TEST(TwoMoons, BalancedLabels) {
  EXPECT_EQ(make_two_moons(200, 0.1, 1).class_counts(), (std::vector<int64_t>{100, 100}));
  // Odd sizes give the extra point to the lower moon.
  EXPECT_EQ(make_two_moons(7, 0.1, 1).class_counts(), (std::vector<int64_t>{3, 4}));
}

TEST(TwoMoons, ShuffledNotSortedByClass) {
  const Dataset d = make_two_moons(200, 0.1, 1);
  // If the classes were left in blocks, the first half would be all zeros.
  EXPECT_GT(d.labels.slice(0, 0, 100).sum().item<int64_t>(), 0);
  EXPECT_LT(d.labels.slice(0, 0, 100).sum().item<int64_t>(), 100);
}

TEST(TwoMoons, DeterministicFromSeed) {
  const Dataset a = make_two_moons(300, 0.2, 12345);
  const Dataset b = make_two_moons(300, 0.2, 12345);
  EXPECT_TRUE(at::equal(a.inputs, b.inputs));
  EXPECT_TRUE(at::equal(a.labels, b.labels));
  const Dataset c = make_two_moons(300, 0.2, 12346);
  EXPECT_FALSE(at::equal(a.inputs, c.inputs));
}

TEST(TwoMoons, NoiseZeroPutsPointsExactlyOnTheArcs) {
  const Dataset d = make_two_moons(101, 0.0, 3);
  // float32 storage of exact cos/sin values: within float rounding.
  EXPECT_LT(radius_residual(d).abs().max().item<double>(), 1e-6);
  const at::Tensor x = d.inputs;
  const at::Tensor upper = d.labels == 0;
  // Upper moon is the top half circle (y >= 0), lower the bottom (y <= 0.5).
  EXPECT_GE(x.select(1, 1).masked_select(upper).min().item<float>(), -1e-6f);
  EXPECT_LE(x.select(1, 1).masked_select(~upper).max().item<float>(), 0.5f + 1e-6f);
  // The arcs' endpoints are included: upper spans x in [-1, 1], lower [0, 2].
  EXPECT_NEAR(x.select(1, 0).masked_select(upper).min().item<float>(), -1.0, 1e-6);
  EXPECT_NEAR(x.select(1, 0).masked_select(upper).max().item<float>(), 1.0, 1e-6);
  EXPECT_NEAR(x.select(1, 0).masked_select(~upper).min().item<float>(), 0.0, 1e-6);
  EXPECT_NEAR(x.select(1, 0).masked_select(~upper).max().item<float>(), 2.0, 1e-6);
}

TEST(TwoMoons, NoiseSpreadsPointsAroundTheArcs) {
  // Gaussian noise of std 0.1 per coordinate moves points off the circle by
  // about 0.1 radially; a wrong scale (variance for std, or none) would not.
  const Dataset d = make_two_moons(4000, 0.1, 8);
  const at::Tensor r = radius_residual(d);
  EXPECT_NEAR(r.mean().item<double>(), 0.0, 0.02);
  EXPECT_NEAR(r.std().item<double>(), 0.1, 0.02);
}

TEST(TwoMoons, LoadTwoMoonsHasIndependentTrainAndTest) {
  TwoMoonsOptions o;
  o.train_size = 120;
  o.test_size = 80;
  o.noise = 0.05;
  o.seed = 4;
  const TrainTest tt = load_two_moons(o);
  EXPECT_EQ(tt.name, "two-moons");
  EXPECT_EQ(tt.train.size(), 120);
  EXPECT_EQ(tt.test.size(), 80);
  EXPECT_TRUE(tt.files.empty());
  EXPECT_TRUE(HasSubstr(tt.description, "120 train, 80 test"));
  // Different seed streams: the first 80 train points are not the test set.
  EXPECT_FALSE(at::equal(tt.train.inputs.slice(0, 0, 80), tt.test.inputs));
  // And the whole thing is reproducible.
  EXPECT_TRUE(at::equal(load_two_moons(o).train.inputs, tt.train.inputs));
}

TEST(TwoMoons, ThroughTheRegistry) {
  DatasetOptions o;
  o.two_moons.train_size = 10;
  o.two_moons.test_size = 6;
  const TrainTest tt = load_dataset("two-moons", o);
  EXPECT_EQ(tt.train.class_counts(), (std::vector<int64_t>{5, 5}));
  EXPECT_EQ(tt.test.class_counts(), (std::vector<int64_t>{3, 3}));
}

TEST(TwoMoonsErrors, OptionsAreValidated) {
  TwoMoonsOptions o;
  o.train_size = 1;
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { load_two_moons(o); }),
                        "train size must be at least 2, got 1"));
  o = TwoMoonsOptions{};
  o.test_size = 0;
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { load_two_moons(o); }), "test size"));
  o = TwoMoonsOptions{};
  o.noise = -0.5;
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { load_two_moons(o); }), "noise must be >= 0"));
  o.noise = std::nan("");
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { load_two_moons(o); }), "noise"));
  o.noise = INFINITY;
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { load_two_moons(o); }), "noise"));
}

TEST(DatasetRegistry, UnknownNameListsTheKnownOnes) {
  const std::string msg = usage_error_message([] { load_dataset("cifar-10", DatasetOptions{}); });
  EXPECT_TRUE(HasSubstr(msg, "unknown dataset 'cifar-10'"));
  EXPECT_TRUE(HasSubstr(msg, "mnist, fashion-mnist, dirty-mnist, two-moons"));
}

}  // namespace
}  // namespace bdal::data
