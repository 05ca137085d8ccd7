#include "bdal/report/statistics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "bdal/core/error.h"

namespace bdal::report {
namespace {

TEST(ReportStatistics, MeanAndSampleStd) {
  EXPECT_DOUBLE_EQ(mean({1.0, 2.0, 3.0}), 2.0);
  EXPECT_DOUBLE_EQ(sample_std({1.0, 2.0, 3.0}), 1.0);  // divisor n - 1: (1 + 0 + 1) / 2
  EXPECT_NEAR(sample_std({2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}), std::sqrt(32.0 / 7.0), 1e-12);
  EXPECT_TRUE(std::isnan(mean({})));
  EXPECT_TRUE(std::isnan(sample_std({5.0})));  // one seed: no spread
}

TEST(ReportStatistics, StudentTQuantilesMatchTables) {
  // Two-sided 95% critical values from standard t tables.
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.3027, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.7764, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 9), 2.2622, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 29), 2.0452, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.95, 10), 1.8125, 1e-4);
  // Many degrees of freedom: the normal quantile 1.959964.
  EXPECT_NEAR(student_t_quantile(0.975, 1e6), 1.959966, 1e-5);
  // Symmetry, and the median.
  EXPECT_NEAR(student_t_quantile(0.025, 4), -2.7764, 1e-4);
  EXPECT_EQ(student_t_quantile(0.5, 3), 0.0);
}

TEST(ReportStatistics, StudentTCdfKnownValues) {
  // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/pi.
  for (double t : {-3.0, -0.5, 0.0, 1.0, 7.0})
    EXPECT_NEAR(student_t_cdf(t, 1), 0.5 + std::atan(t) / M_PI, 1e-12) << t;
  // df = 2 has a closed form too: F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
  for (double t : {-2.0, 0.3, 4.0})
    EXPECT_NEAR(student_t_cdf(t, 2), 0.5 + t / (2.0 * std::sqrt(2.0 + t * t)), 1e-12) << t;
}

TEST(ReportStatistics, IncompleteBetaKnownValues) {
  // I_x(1, 1) = x; I_x(2, 1) = x^2; I_x(a, b) = 1 - I_{1-x}(b, a).
  EXPECT_NEAR(regularized_incomplete_beta(0.3, 1.0, 1.0), 0.3, 1e-14);
  EXPECT_NEAR(regularized_incomplete_beta(0.3, 2.0, 1.0), 0.09, 1e-14);
  EXPECT_NEAR(regularized_incomplete_beta(0.8, 2.5, 0.5),
              1.0 - regularized_incomplete_beta(0.2, 0.5, 2.5), 1e-13);
  EXPECT_EQ(regularized_incomplete_beta(0.0, 2.0, 3.0), 0.0);
  EXPECT_EQ(regularized_incomplete_beta(1.0, 2.0, 3.0), 1.0);
}

TEST(ReportStatistics, ConfidenceIntervalHalfWidth) {
  // {1, 2, 3}: mean 2, sd 1, half-width t(0.975, 2) * 1 / sqrt(3) = 4.3027 / 1.7321 = 2.4841.
  const Summary s = summarize({1.0, 2.0, 3.0});
  EXPECT_EQ(s.n, 3);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.sd, 1.0);
  EXPECT_NEAR(s.half_width, 4.302653 / std::sqrt(3.0), 1e-5);
  // {0.8, 0.9}: sd = 0.0707107, half-width = 12.7062 * 0.0707107 / sqrt(2) = 0.635310.
  EXPECT_NEAR(summarize({0.8, 0.9}).half_width, 0.635310, 1e-5);
  const Summary one = summarize({0.7});
  EXPECT_DOUBLE_EQ(one.mean, 0.7);
  EXPECT_TRUE(std::isnan(one.half_width));
}

TEST(ReportStatistics, RejectsNonsenseArguments) {
  EXPECT_THROW(student_t_quantile(1.0, 3), Error);
  EXPECT_THROW(student_t_quantile(0.9, 0), Error);
  EXPECT_THROW(regularized_incomplete_beta(1.5, 1, 1), Error);
}

}  // namespace
}  // namespace bdal::report
