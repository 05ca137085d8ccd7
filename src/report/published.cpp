#include "bdal/report/published.h"

#include <cmath>

namespace bdal::report {

const std::vector<PublishedTable>& published_tables() {
  static const std::vector<PublishedTable> tables{
      {"gal2017",
       "Gal, Islam & Ghahramani, \"Deep Bayesian Active Learning with Image Data\", ICML 2017, "
       "Table 1",
       "mnist",
       "gal-cnn",
       "test error of the curve averaged over 3 repetitions",
       // Gal's Var Ratios is 1 - max_c mean probability: bdal's variation-ratios-mean.
       {{"bald", "BALD", 145, 335},
        {"variation-ratios-mean", "Var Ratios", 120, 295},
        {"max-entropy", "Max Entropy", 165, 355},
        {"mean-std", "Mean STD", 230, 695},
        {"random", "Random", 255, 835}}},
      {"pilz2025",
       "2025 reproduction report of Gal, Islam & Ghahramani (ICML 2017), MNIST with LeNet-5",
       "mnist",
       "lenet5",
       "Average-Step",
       // The report's Var Ratios is 1 - mode count / K: bdal's variation-ratios.
       {{"max-entropy", "Max Entropy", 130, 270},
        {"bald", "BALD", 130, 270},
        {"variation-ratios", "Var Ratios", 110, 240},
        {"mean-std", "Mean STD", 120, 250},
        {"random", "Random", 200, 610}}},
  };
  return tables;
}

const PublishedTable* find_published(const std::string& dataset, const std::string& model) {
  for (const PublishedTable& t : published_tables())
    if (t.dataset == dataset && t.model == model) return &t;
  return nullptr;
}

int64_t published_count(const PublishedRow& row, double error) {
  if (std::fabs(error - 0.10) < 1e-9) return row.acquired_to_10;
  if (std::fabs(error - 0.05) < 1e-9) return row.acquired_to_5;
  return -1;
}

}  // namespace bdal::report
