// The pool-based active-learning loop (Gal, Islam & Ghahramani 2017):
// each round trains a fresh model on the labelled set (early stopping on the
// validation set), evaluates it on the test set, scores the pool with K
// consistent MC-dropout samples, lets the strategy pick b points, and moves
// them to the labelled set. One record per round goes to rounds.jsonl.
//
// Every random choice of round r is seeded from (master seed, purpose, r),
// so a run resumed after its last complete round writes exactly the records
// an uninterrupted run would have written.
#pragma once

#include "bdal/data/dataset.h"
#include "bdal/loop/loop_config.h"
#include "bdal/loop/round_record.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace bdal::loop {

struct RoundProgress {
  int64_t round = 0;        // just completed
  int64_t last_round = 0;   // the round that ends the run (no acquisition)
  const RoundRecord* record = nullptr;
};

struct RunOutcome {
  int64_t rounds_done = 0;     // records in rounds.jsonl at the end
  int64_t resumed_at = 0;      // first round this call ran
  bool interrupted = false;    // stopped by the stop flag before finishing
  bool already_complete = false;
};

struct RunOptions {
  std::filesystem::path run_dir;
  std::vector<std::string> command_line;  // for meta.json
  const std::atomic<bool>* stop = nullptr;  // checked between epochs and rounds
  std::function<void(const RoundProgress&)> on_round;
  std::function<void(const std::string&)> log;  // notes such as "resuming at round 7"
  // More files to write into run_dir (name -> text) with config.json, i.e.
  // only once the config has been checked against the data and any earlier
  // records; `bdal run` puts the resolved config.yaml here.
  std::map<std::string, std::string> extra_files;
};

// Runs (or resumes) the experiment `config` on `data` in options.run_dir.
RunOutcome run_active_learning(const LoopConfig& config, const data::TrainTest& data,
                               const RunOptions& options);

}  // namespace bdal::loop
