#include "bdal/report/labels_to_error.h"

#include <gtest/gtest.h>

#include <cmath>

#include "bdal/core/error.h"

namespace bdal::report {
namespace {

// Three seeds where the two definitions differ. Accuracy at n_labelled 20..50:
//   n:        20    30    40    50
//   seed A:  0.80  0.91  0.92  0.95   error <= 10% first at 30
//   seed B:  0.80  0.85  0.88  0.93                     at 50
//   seed C:  0.70  0.80  0.89  0.94                     at 50
//   mean:   0.767 0.853 0.8967 0.94                     at 50
// Step-Average (10%): {30, 50, 50} -> mean 43.33, sd sqrt(((−13.33)² + 6.67² + 6.67²)/2) = 11.547.
// Average-Step (10%): 50.  In acquired points (initial set 20): {10, 30, 30}, 23.33; 30.
// At 5% (accuracy >= 0.95): only seed A, at 50 (0.95 exactly: 1 - 0.95 is not 0.05 in
// binary, the tolerance must accept it); B and C never; the mean curve never (0.94).
std::vector<Curve> three_seeds() {
  const std::vector<int64_t> n{20, 30, 40, 50};
  return {
      {n, {0.80, 0.91, 0.92, 0.95}}, {n, {0.80, 0.85, 0.88, 0.93}}, {n, {0.70, 0.80, 0.89, 0.94}}};
}

Curve mean_curve(const std::vector<Curve>& seeds) {
  Curve m{seeds.front().n_labelled, {}};
  for (size_t i = 0; i < m.n_labelled.size(); ++i) {
    double sum = 0.0;
    for (const Curve& c : seeds) sum += c.value[i];
    m.value.push_back(sum / static_cast<double>(seeds.size()));
  }
  return m;
}

TEST(LabelsToError, FirstReaching) {
  const Curve c{{20, 30, 40}, {0.5, 0.9, 0.8}};
  EXPECT_EQ(first_reaching(c, 0.10), 30);  // 1 - 0.9 counts as 10%
  EXPECT_EQ(first_reaching(c, 0.5), 20);
  EXPECT_FALSE(first_reaching(c, 0.05).has_value());
  EXPECT_THROW(first_reaching(c, 0.0), Error);
}

TEST(LabelsToError, StepAverageAndAverageStepDiffer) {
  const auto seeds = three_seeds();
  const StepAverage step = step_average(seeds, 0.10);
  ASSERT_EQ(step.per_seed.size(), 3u);
  EXPECT_EQ(step.per_seed[0], 30);
  EXPECT_EQ(step.per_seed[1], 50);
  EXPECT_EQ(step.per_seed[2], 50);
  EXPECT_EQ(step.never_reached, 0);
  EXPECT_EQ(step.reached.n, 3);
  EXPECT_NEAR(step.reached.mean, 130.0 / 3.0, 1e-12);
  EXPECT_NEAR(step.reached.sd, std::sqrt(400.0 / 3.0), 1e-12);  // 11.547
  EXPECT_EQ(average_step(mean_curve(seeds), 0.10), 50);
}

TEST(LabelsToError, AcquiredPointsSubtractTheInitialSet) {
  const auto seeds = three_seeds();
  const StepAverage step = step_average(seeds, 0.10, {20, 20, 20});
  EXPECT_EQ(step.per_seed[0], 10);
  EXPECT_EQ(step.per_seed[1], 30);
  EXPECT_NEAR(step.reached.mean, 70.0 / 3.0, 1e-12);
  EXPECT_EQ(average_step(mean_curve(seeds), 0.10, 20), 30);
}

TEST(LabelsToError, SeedsThatNeverReachAreCountedNotAveraged) {
  const auto seeds = three_seeds();
  const StepAverage step = step_average(seeds, 0.05);
  EXPECT_EQ(step.per_seed[0], 50);
  EXPECT_FALSE(step.per_seed[1].has_value());
  EXPECT_FALSE(step.per_seed[2].has_value());
  EXPECT_EQ(step.never_reached, 2);
  EXPECT_EQ(step.reached.n, 1);
  EXPECT_DOUBLE_EQ(step.reached.mean, 50.0);
  EXPECT_TRUE(std::isnan(step.reached.sd));
  EXPECT_FALSE(average_step(mean_curve(seeds), 0.05).has_value());
  const StepAverage none = step_average(seeds, 0.01);
  EXPECT_EQ(none.never_reached, 3);
  EXPECT_EQ(none.reached.n, 0);
}

TEST(LabelsToError, RatioToRandom) {
  EXPECT_DOUBLE_EQ(*ratio(45.0, 60.0), 0.75);
  EXPECT_DOUBLE_EQ(*ratio(130.0, 200.0), 0.65);
  EXPECT_FALSE(ratio(std::nullopt, 60.0).has_value());  // ours never reached
  EXPECT_FALSE(ratio(45.0, std::nullopt).has_value());  // random never reached
  EXPECT_FALSE(ratio(45.0, 0.0).has_value());           // random needed no acquisitions
}

}  // namespace
}  // namespace bdal::report
