// Metric values on cases small enough to compute by hand.
#include "bdal/train/metrics.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>

namespace bdal::train {
namespace {

// probs [N, K, C] -> log_probs_N_K_C (log 0 = -inf stays -inf).
at::Tensor log_of(std::vector<double> values, std::vector<int64_t> shape) {
  return at::tensor(values, at::kDouble).view(shape).log().to(at::kFloat);
}

double h(std::vector<double> p) {
  double s = 0;
  for (double v : p)
    if (v > 0) s -= v * std::log(v);
  return s;
}

TEST(Metrics, EntropyAndMutualInformationByHand) {
  // One point, K = 2: p1 = (0.9, 0.1), p2 = (0.5, 0.5); p̄ = (0.7, 0.3).
  const at::Tensor lp = log_of({0.9, 0.1, 0.5, 0.5}, {1, 2, 2});
  const double entropy = h({0.7, 0.3});
  const double expected = (h({0.9, 0.1}) + h({0.5, 0.5})) / 2;
  EXPECT_NEAR(predictive_entropy_N(lp).item<double>(), entropy, 1e-6);
  EXPECT_NEAR(expected_entropy_N(lp).item<double>(), expected, 1e-6);
  EXPECT_NEAR(mutual_information_N(lp).item<double>(), entropy - expected, 1e-6);
  EXPECT_NEAR(entropy - expected, 0.1017, 1e-4);
  EXPECT_TRUE(at::allclose(mean_log_probs_N_C(lp).exp(), at::tensor({0.7, 0.3}, at::kDouble).view({1, 2})));
}

TEST(Metrics, ZeroProbabilityContributesNothingNotNaN) {
  const at::Tensor lp = log_of({1.0, 0.0, 0.0, 0.0, 1.0, 0.0}, {1, 2, 3});
  EXPECT_NEAR(expected_entropy_N(lp).item<double>(), 0.0, 1e-12);
  EXPECT_NEAR(predictive_entropy_N(lp).item<double>(), std::log(2.0), 1e-6);
  EXPECT_FALSE(std::isnan(mutual_information_N(lp).item<double>()));
}

TEST(Metrics, IdenticalSamplesHaveZeroMutualInformation) {
  const at::Tensor one = at::log_softmax(at::randn({4, 1, 5}), -1);
  const at::Tensor lp = one.expand({4, 6, 5}).contiguous();
  EXPECT_TRUE(at::allclose(mutual_information_N(lp), at::zeros({4}, at::kDouble), 0, 1e-6));
}

TEST(Metrics, AccuracyNllAndEceByHand) {
  // Three points, K = 1; confidences 0.9, 0.9, 0.6; the second is wrong.
  const at::Tensor lp = log_of({0.9, 0.1, 0.1, 0.9, 0.6, 0.4}, {3, 1, 2});
  const at::Tensor labels = at::tensor({0, 0, 0}, at::kLong);
  const Metrics m = compute_metrics(lp, labels);
  EXPECT_NEAR(m.accuracy, 2.0 / 3.0, 1e-9);
  EXPECT_NEAR(m.nll, -(std::log(0.9) + std::log(0.1) + std::log(0.6)) / 3, 1e-6);
  // Bin (0.867, 0.933]: 2 points, accuracy 0.5, confidence 0.9 -> |1 - 1.8| / 3.
  // Bin (0.533, 0.6]:   1 point,  accuracy 1,   confidence 0.6 -> |1 - 0.6| / 3.
  EXPECT_NEAR(m.ece, (0.8 + 0.4) / 3, 1e-6);
  EXPECT_NEAR(m.mean_entropy, (2 * h({0.9, 0.1}) + h({0.6, 0.4})) / 3, 1e-6);
  EXPECT_NEAR(m.mean_mutual_information, 0.0, 1e-6);
}

TEST(Metrics, EceBinEdgesAreRightClosed) {
  // Confidence exactly 0.6 = 9/15 belongs to bin 8 (0.533, 0.6], not bin 9.
  const at::Tensor conf = at::tensor({0.6, 0.6 + 1e-9}, at::kDouble);
  const at::Tensor correct = at::tensor({1, 1}, at::kLong).to(at::kBool);
  // Both correct, the binning cannot matter: ECE = 0.4.
  EXPECT_NEAR(expected_calibration_error(conf, correct), 0.4, 1e-8);
  const at::Tensor mixed = at::tensor({1, 0}, at::kLong).to(at::kBool);
  // Different bins: |1 - 0.6| + |0 - 0.6| = 1.0 -> 0.5. Same bin would give |1 - 1.2| / 2 = 0.1.
  EXPECT_NEAR(expected_calibration_error(conf, mixed), 0.5, 1e-8);
}

TEST(Metrics, PerfectConfidentPredictionsAreCalibrated) {
  const at::Tensor lp = log_of({1.0, 0.0, 0.0, 1.0}, {2, 1, 2});
  const Metrics m = compute_metrics(lp, at::tensor({0, 1}, at::kLong));
  EXPECT_DOUBLE_EQ(m.accuracy, 1.0);
  EXPECT_NEAR(m.nll, 0.0, 1e-12);
  EXPECT_NEAR(m.ece, 0.0, 1e-12);
}

TEST(Metrics, ShapeMismatchIsAnError) {
  EXPECT_ANY_THROW(compute_metrics(at::zeros({3, 2}), at::zeros({3}, at::kLong)));
  EXPECT_ANY_THROW(compute_metrics(at::zeros({3, 1, 2}), at::zeros({4}, at::kLong)));
}

}  // namespace
}  // namespace bdal::train
