// Sweeps: one experiment x strategies x seeds (x other swept keys), each cell
// an independent `bdal run` in its own directory under one sweep directory.
// Cells are separate processes, so they can run side by side on one machine
// (run_sweep) or as a Slurm job array on a cluster that shares the directory
// (slurm_script); `bdal report` merges whatever has finished.
#pragma once

#include "bdal/experiment/config.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bdal::experiment {

struct SweepSpec {
  std::string experiment;               // experiment file or preset name
  std::vector<std::string> sets;        // "key=value" overrides for every cell
  std::vector<std::string> strategies;  // empty: the experiment's strategy
  std::vector<uint64_t> seeds;          // empty: the experiment's seeds
  // Further swept keys: {"acquisition_size", {"1", "10"}} makes one cell per value.
  std::vector<std::pair<std::string, std::vector<std::string>>> vary;
};

struct SweepCell {
  std::string name;  // directory name: <strategy>[-<key>=<value>...]-seed<N>
  std::string strategy;
  uint64_t seed = 0;
  std::vector<std::string> sets;  // the cell's own overrides (the swept keys)
  int64_t planned_rounds = 0;     // rounds + 1, an upper bound (budget or pool may end it earlier)
};

struct SweepPlan {
  Experiment experiment;          // resolved with spec.sets; its YAML goes into the sweep directory
  std::vector<SweepCell> cells;   // seed-major: every strategy of seed 1, then seed 2, ...
};

// Resolves the experiment and validates every cell's config (a bad key or
// value is a UsageError before anything runs).
SweepPlan plan_sweep(const SweepSpec& spec);

// Parses "--vary key=v1,v2" into {key, {v1, v2}}.
std::pair<std::string, std::vector<std::string>> parse_vary(const std::string& text);

// How the cell processes are started.
struct CellLaunch {
  std::filesystem::path bdal;  // the bdal executable
  std::string data_dir;        // passed as --data-dir when not empty
  int threads = 1;             // --threads of each cell
};

// The files a sweep directory holds besides the cells.
std::filesystem::path sweep_experiment_path(const std::filesystem::path& sweep_dir);  // experiment.yaml
std::filesystem::path cell_log_path(const std::filesystem::path& sweep_dir, const SweepCell& cell);

// Writes experiment.yaml and sweep.json into sweep_dir. A sweep directory made
// for a different experiment is refused (only rounds, budget, chunk_size and
// seeds may differ, as for resuming a run).
void prepare_sweep_dir(const SweepPlan& plan, const std::filesystem::path& sweep_dir);

// The command line (argv, starting with the bdal executable) of one cell.
std::vector<std::string> cell_command(const SweepCell& cell, const std::filesystem::path& sweep_dir,
                                      const CellLaunch& launch);

struct CellStatus {
  int64_t rounds_done = 0;            // complete lines in rounds.jsonl
  bool complete = false;              // the final round (which acquires nothing) is recorded
  std::vector<double> round_seconds;  // each round's timings_ms summed, in seconds
};
CellStatus cell_status(const std::filesystem::path& cell_dir);

struct SlurmOptions {
  std::string time = "24:00:00";  // --time per task
  std::string memory = "4G";      // --mem per task
  std::string partition;          // --partition, "" = the cluster's default
  int max_parallel = 0;           // --array=...%N, 0 = no limit
};

// A bash script for `sbatch`: a job array with one task per cell (task i runs
// cell i's command, appending to its log). Resubmitting it resumes: finished
// cells exit at once, interrupted ones continue.
std::string slurm_script(const SweepPlan& plan, const std::filesystem::path& sweep_dir,
                         const CellLaunch& launch, const SlurmOptions& slurm);

// Running cells side by side on this machine.
enum class CellResult { kSkipped, kCompleted, kFailed, kInterrupted };

struct CellOutcome {
  std::string name;
  CellResult result = CellResult::kSkipped;
  int exit_code = 0;
  std::filesystem::path log;
};

struct SweepProgress {
  int64_t cells_total = 0, cells_finished = 0, cells_running = 0, cells_failed = 0;
  int64_t rounds_planned = 0, rounds_done = 0;
  double elapsed_seconds = 0;
  std::optional<double> eta_seconds;  // estimate_remaining_seconds (sweep_eta.h)
};

struct SweepRunOptions {
  int jobs = 1;  // cells at once
  const std::atomic<bool>* stop = nullptr;  // when raised: SIGTERM to running cells, wait, return
  std::function<void(const SweepProgress&)> on_progress;  // about once a second
  std::function<void(const CellOutcome&)> on_cell_done;
};

struct SweepOutcome {
  std::vector<CellOutcome> cells;  // in plan order
  bool interrupted = false;
};

SweepOutcome run_sweep(const SweepPlan& plan, const std::filesystem::path& sweep_dir,
                       const CellLaunch& launch, const SweepRunOptions& options);

}  // namespace bdal::experiment
