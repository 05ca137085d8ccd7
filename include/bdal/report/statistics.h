// Summary statistics over seeds (the replicates of an experiment): mean,
// sample standard deviation and the 95% Student-t confidence interval of the
// mean. The t quantile is computed here (no statistics library): the t CDF is
// written with the regularized incomplete beta function (continued fraction,
// Numerical Recipes 3rd ed. §6.4) and inverted by bisection.
#pragma once

#include <cstdint>
#include <vector>

namespace bdal::report {

// Arithmetic mean; NaN for no values.
double mean(const std::vector<double>& values);

// Sample standard deviation (divisor n - 1); NaN for fewer than 2 values.
double sample_std(const std::vector<double>& values);

// Regularized incomplete beta I_x(a, b), a, b > 0, x in [0, 1].
double regularized_incomplete_beta(double x, double a, double b);

// P(T <= t) for Student's t with `df` > 0 degrees of freedom.
double student_t_cdf(double t, double df);

// The p-quantile of Student's t with `df` degrees of freedom, p in (0, 1);
// e.g. student_t_quantile(0.975, 2) = 4.303.
double student_t_quantile(double p, double df);

// n, mean, sample std and the half-width of the two-sided `level` confidence
// interval of the mean: t_{(1+level)/2, n-1} · sd / sqrt(n). With one value
// the sd and half-width are NaN (no spread can be estimated from one seed).
struct Summary {
  int64_t n = 0;
  double mean = 0.0;
  double sd = 0.0;
  double half_width = 0.0;
};
Summary summarize(const std::vector<double>& values, double level = 0.95);

}  // namespace bdal::report
