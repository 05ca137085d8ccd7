#include "bdal/report/statistics.h"

#include <cmath>
#include <limits>

#include "bdal/core/error.h"

namespace bdal::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The continued fraction of I_x(a, b) by the modified Lentz method; converges
// fast for x < (a + 1) / (a + b + 2), which the caller arranges by symmetry.
double beta_continued_fraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEps) break;
  }
  return h;
}

}  // namespace

double mean(const std::vector<double>& values) {
  if (values.empty()) return kNaN;
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double sample_std(const std::vector<double>& values) {
  if (values.size() < 2) return kNaN;
  const double m = mean(values);
  double ss = 0.0;
  for (double v : values) ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(values.size() - 1));
}

double regularized_incomplete_beta(double x, double a, double b) {
  BDAL_CHECK(a > 0.0 && b > 0.0, "incomplete beta needs a, b > 0, got a = {}, b = {}", a, b);
  BDAL_CHECK(x >= 0.0 && x <= 1.0, "incomplete beta needs x in [0, 1], got {}", x);
  if (x == 0.0 || x == 1.0) return x;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(x, a, b) / a;
  return 1.0 - front * beta_continued_fraction(1.0 - x, b, a) / b;
}

double student_t_cdf(double t, double df) {
  BDAL_CHECK(df > 0.0, "Student t needs df > 0, got {}", df);
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2).
  const double tail = 0.5 * regularized_incomplete_beta(df / (df + t * t), 0.5 * df, 0.5);
  return t >= 0.0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double df) {
  BDAL_CHECK(p > 0.0 && p < 1.0, "a quantile needs p in (0, 1), got {}", p);
  BDAL_CHECK(df > 0.0, "Student t needs df > 0, got {}", df);
  if (p < 0.5) return -student_t_quantile(1.0 - p, df);
  if (p == 0.5) return 0.0;
  // The CDF is monotone, so bisection is safe; grow the bracket until it holds p.
  double lo = 0.0, hi = 1.0;
  while (student_t_cdf(hi, df) < p && hi < 1e300) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

Summary summarize(const std::vector<double>& values, double level) {
  BDAL_CHECK(level > 0.0 && level < 1.0, "confidence level must be in (0, 1), got {}", level);
  Summary s;
  s.n = static_cast<int64_t>(values.size());
  s.mean = mean(values);
  s.sd = sample_std(values);
  s.half_width = s.n >= 2 ? student_t_quantile(0.5 * (1.0 + level), static_cast<double>(s.n - 1)) *
                                s.sd / std::sqrt(static_cast<double>(s.n))
                          : kNaN;
  return s;
}

}  // namespace bdal::report
