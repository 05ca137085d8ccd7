// Reading the records a report is made from: every active-learning run
// directory (rounds.jsonl + config.json, or config.yaml) and every training
// run (epochs.jsonl) under a directory, and grouping the runs into series —
// runs that differ only by seed are replicates of one series.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bdal::report {

// One rounds.jsonl line, the fields a report uses.
struct RoundPoint {
  int64_t round = 0;
  int64_t n_labelled = 0;
  double accuracy = 0.0;
  double nll = 0.0;
  double mean_mutual_information = 0.0;
  // MC accuracy on the labelled set; NaN in records that do not keep it.
  double train_accuracy = std::numeric_limits<double>::quiet_NaN();
  // Dirty-MNIST: accuracy on the ambiguous test split, and the ambiguous
  // fraction of the points this round acquired; NaN where not recorded.
  double ambiguous_accuracy = std::numeric_limits<double>::quiet_NaN();
  double acquired_ambiguous_fraction = std::numeric_limits<double>::quiet_NaN();
  double train_ms = 0.0, score_ms = 0.0, select_ms = 0.0, eval_ms = 0.0;
  bool acquired = true;  // false in a run's last round (its record acquires nothing)
};

struct LoopRun {
  std::filesystem::path dir;
  std::map<std::string, nlohmann::json> config;  // dotted keys, e.g. "trainer.epochs"
  std::string strategy;
  uint64_t seed = 0;
  std::vector<RoundPoint> rounds;  // in file order (round 0 first)
  bool torn_line_ignored = false;

  // n_labelled of round 0: the initial labelled set.
  int64_t initial_labelled() const { return rounds.empty() ? 0 : rounds.front().n_labelled; }
};

// Reads `dir`/rounds.jsonl (a torn last line is ignored, the file is not
// touched) and `dir`/config.json (else config.yaml). Missing config or a
// record without the needed fields is an Error naming the file and field.
LoopRun read_run(const std::filesystem::path& dir);

// Every directory under `root` (itself included, recursively, sorted) that
// holds a file called `file_name`.
std::vector<std::filesystem::path> find_dirs_with(const std::filesystem::path& root,
                                                  const std::string& file_name);

// Config keys that never split runs into different series: the seed (it
// makes the replicates) and keys that only change how long a run is or how
// it is computed, not what a round measures.
const std::vector<std::string>& keys_ignored_for_series();

// Runs with the same strategy and the same value of every config key that
// differs somewhere among `runs` (except the ignored keys) form a series.
struct Series {
  std::string name;  // "bald", or "bald acquisition_size=5" when a key differs
  std::string strategy;
  std::map<std::string, nlohmann::json> distinguishing;  // key -> value of this series
  std::vector<const LoopRun*> runs;                      // sorted by seed
};

// Series sorted by name; `runs` must outlive the result.
std::vector<Series> group_series(const std::vector<LoopRun>& runs);

}  // namespace bdal::report
