// One line of rounds.jsonl: what a round trained on, how the model did on
// the test set, what it acquired, and how long each step took.
#pragma once

#include "bdal/train/metrics.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bdal::loop {

struct RoundTimings {
  double train_ms = 0, eval_ms = 0, score_ms = 0, select_ms = 0;
};

struct RoundRecord {
  int64_t round = 0;
  int64_t n_labelled = 0;  // labelled points the model was trained on
  train::Metrics test;
  // The same metrics on the labelled set the model was trained on (absent
  // from records written before they were kept).
  std::optional<train::Metrics> train;
  // The data's further test sets by name (Dirty-MNIST: "ambiguous").
  std::map<std::string, train::Metrics> extra_tests;
  std::vector<int64_t> acquired;  // dataset indices, best first; empty in the last round
  std::vector<double> scores;     // their acquisition scores
  // Of `acquired`, the fraction that is ambiguous (datasets that mark
  // ambiguous rows, Dirty-MNIST; absent elsewhere and in the last round).
  std::optional<double> acquired_ambiguous_fraction;
  int64_t pool_scored = 0;  // candidates scored this round
  int64_t epochs = 0;       // epochs trained
  int64_t best_epoch = 0;   // epoch whose weights were kept
  RoundTimings timings;
};

nlohmann::json to_json(const RoundRecord& record);
RoundRecord round_record_from_json(const nlohmann::json& j);

// The same record without what legitimately varies between identical runs
// (timings): for resume and reproducibility comparisons.
nlohmann::json without_timings(nlohmann::json record);

}  // namespace bdal::loop
