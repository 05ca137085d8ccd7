// Published labels-to-error numbers that a run can be set beside when it
// follows the same protocol (recognised from its dataset and model):
//   Gal, Islam & Ghahramani, "Deep Bayesian Active Learning with Image Data",
//     ICML 2017, Table 1 (MNIST, gal-cnn);
//   the 2025 reproduction report of that paper (MNIST, LeNet-5), Average-Step.
// Both count acquired images (the initial labelled set not included).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bdal::report {

struct PublishedRow {
  std::string strategy;        // the bdal strategy name of the paper's method
  std::string paper_name;      // as the paper calls it
  int64_t acquired_to_10 = 0;  // acquired images to reach 10% test error
  int64_t acquired_to_5 = 0;   // ... 5%
};

struct PublishedTable {
  std::string id;  // "gal2017", "pilz2025"
  std::string citation;
  std::string dataset, model;  // the protocol's, as bdal names them
  std::string method;          // how the paper turned curves into counts
  std::vector<PublishedRow> rows;
};

const std::vector<PublishedTable>& published_tables();

// The table whose protocol uses `dataset` and `model`, or nullptr.
const PublishedTable* find_published(const std::string& dataset, const std::string& model);

// The published count for `error` (0.10 or 0.05 only), or -1 when not published.
int64_t published_count(const PublishedRow& row, double error);

}  // namespace bdal::report
