// `bdal sweep EXPERIMENT`: strategies x seeds (x swept keys), each cell one
// `bdal run` process; side by side here (--jobs) or as a Slurm job array
// (--emit-slurm).
#include "commands.h"
#include "long_command.h"

#include "bdal/core/error.h"
#include "bdal/core/records.h"
#include "bdal/experiment/sweep.h"

#include <fmt/core.h>

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <thread>

namespace bdal::cli {
namespace {

struct SweepArgs {
  std::string experiment, out, emit_slurm;
  std::vector<std::string> sets, strategies, vary;
  std::vector<uint64_t> seeds;
  int64_t rounds = -1;
  int jobs = 0;
  int cell_threads = 1;
  bool dry_run = false;
  experiment::SlurmOptions slurm;
};

std::filesystem::path own_executable() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  BDAL_CHECK(!ec, "cannot find the bdal executable (/proc/self/exe): {}", ec.message());
  return path;
}

const char* result_word(experiment::CellResult r) {
  switch (r) {
    case experiment::CellResult::kSkipped: return "already complete";
    case experiment::CellResult::kCompleted: return "complete";
    case experiment::CellResult::kFailed: return "FAILED";
    case experiment::CellResult::kInterrupted: return "interrupted";
  }
  return "?";
}

// The last lines of a cell's log, to show why it failed.
std::string log_tail(const std::filesystem::path& log, size_t lines) {
  std::ifstream in(log);
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);) all.push_back(line);
  std::string out;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
    out += "      " + all[i] + "\n";
  return out;
}

void run_sweep_command(const SweepArgs& args, const GlobalOptions& global) {
  experiment::SweepSpec spec;
  spec.experiment = args.experiment;
  spec.sets = args.sets;
  if (args.rounds >= 0) spec.sets.push_back(fmt::format("rounds={}", args.rounds));
  spec.strategies = args.strategies;
  spec.seeds = args.seeds;
  for (const auto& v : args.vary) spec.vary.push_back(experiment::parse_vary(v));
  const experiment::SweepPlan plan = experiment::plan_sweep(spec);
  const std::filesystem::path dir =
      args.out.empty() ? std::filesystem::path("runs") / plan.experiment.name
                      : std::filesystem::path(args.out);

  experiment::CellLaunch launch;
  launch.bdal = own_executable();
  launch.data_dir = global.data_dir;
  launch.threads = args.cell_threads;
  BDAL_CHECK_USAGE(launch.threads >= 1, "--cell-threads must be >= 1, got {}", launch.threads);

  if (args.dry_run) {
    for (const auto& cell : plan.cells) {
      const auto status = experiment::cell_status(dir / cell.name);
      fmt::print("{:<40} {}\n", cell.name,
                 status.complete ? "complete"
                                 : fmt::format("{} of ~{} rounds", status.rounds_done,
                                               cell.planned_rounds));
    }
    return;
  }
  if (!args.emit_slurm.empty()) {
    experiment::prepare_sweep_dir(plan, dir);
    core::write_text_atomic(args.emit_slurm,
                            experiment::slurm_script(plan, dir, launch, args.slurm));
    std::filesystem::permissions(args.emit_slurm, std::filesystem::perms::owner_exec,
                                 std::filesystem::perm_options::add);
    fmt::print(stderr,
               "wrote {} ({} cells as one job array); submit it with `sbatch {}`, then "
               "`bdal report {}` merges what has finished\n",
               args.emit_slurm, plan.cells.size(), args.emit_slurm, dir.string());
    return;
  }

  int jobs = args.jobs;
  if (jobs == 0) jobs = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) /
                                        launch.threads);
  experiment::prepare_sweep_dir(plan, dir);  // refuses a directory of another experiment
  const std::atomic<bool>& stop = stop_cleanly_on_signals();
  fmt::print(stderr, "{}: {} cells in {}, {} at a time, {} thread(s) each; logs in {}\n",
             plan.experiment.name, plan.cells.size(), dir.string(), jobs, launch.threads,
             (dir / "logs").string());

  const bool tty = isatty(STDERR_FILENO) != 0;
  auto last_plain = std::chrono::steady_clock::time_point{};
  experiment::SweepRunOptions options;
  options.jobs = jobs;
  options.stop = &stop;
  options.on_progress = [&](const experiment::SweepProgress& p) {
    const std::string eta = p.eta_seconds ? hms(*p.eta_seconds) : "--:--:--";
    const std::string line = fmt::format(
        "cells {}/{} done ({} running, {} failed)  rounds {}/{}  elapsed {}  eta {}",
        p.cells_finished, p.cells_total, p.cells_running, p.cells_failed, p.rounds_done,
        p.rounds_planned, hms(p.elapsed_seconds), eta);
    const auto now = std::chrono::steady_clock::now();
    if (tty) {
      fmt::print(stderr, "\r\033[K{}", line);
    } else if (now - last_plain >= std::chrono::seconds(30)) {
      fmt::print(stderr, "{}\n", line);
      last_plain = now;
    }
    std::fflush(stderr);
  };
  options.on_cell_done = [&](const experiment::CellOutcome& c) {
    if (c.result == experiment::CellResult::kSkipped) return;
    fmt::print(stderr, "{}{}: {}{}\n", tty ? "\r\033[K" : "", c.name, result_word(c.result),
               c.result == experiment::CellResult::kFailed
                   ? fmt::format(" (exit status {}; log {})", c.exit_code, c.log.string())
                   : "");
  };
  const experiment::SweepOutcome outcome = experiment::run_sweep(plan, dir, launch, options);
  if (tty) fmt::print(stderr, "\n");

  int counts[4] = {0, 0, 0, 0};
  for (const auto& c : outcome.cells) ++counts[static_cast<int>(c.result)];
  fmt::print(stderr, "sweep {}: {} complete now, {} were already complete, {} failed, {} interrupted\n",
             dir.string(), counts[1], counts[0], counts[2], counts[3]);
  for (const auto& c : outcome.cells)
    if (c.result == experiment::CellResult::kFailed)
      fmt::print(stderr, "  FAILED {} (exit status {}), end of {}:\n{}", c.name, c.exit_code,
                 c.log.string(), log_tail(c.log, 5));
  if (outcome.interrupted) {
    fmt::print(stderr, "interrupted: run the same command again to resume\n");
    std::exit(130);
  }
  if (counts[2] > 0) std::exit(1);
  fmt::print(stderr, "every cell is complete; `bdal report {}` summarises them\n", dir.string());
}

}  // namespace

void add_sweep_command(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<SweepArgs>();
  auto* cmd = app.add_subcommand(
      "sweep",
      "Run an experiment for several strategies and seeds (and swept keys), each cell a "
      "separate `bdal run` in <out>/<cell>/; finished cells are skipped, interrupted ones resume");
  cmd->add_option("experiment", args->experiment, "Experiment YAML file or preset name")->required();
  cmd->add_option("--strategies", args->strategies,
                  "Strategies to compare, e.g. random,bald (default: the experiment's)")
      ->delimiter(',');
  cmd->add_option("--seeds", args->seeds, "Seeds (default: the experiment's)")->delimiter(',');
  cmd->add_option("--vary", args->vary,
                  "Also sweep a config key, e.g. --vary acquisition_size=1,10 (repeatable)");
  cmd->add_option("--set", args->sets, "Override a config key in every cell (repeatable)");
  cmd->add_option("--rounds", args->rounds, "Acquisition rounds of every cell");
  cmd->add_option("--out", args->out, "Sweep directory (default runs/<experiment>/)");
  cmd->add_option("--jobs", args->jobs,
                  "Cells run side by side (default: cores / --cell-threads)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--cell-threads", args->cell_threads,
                  "Intra-op threads of each cell (default 1: on few cores, side-by-side cells "
                  "with one thread each beat one cell with many)");
  cmd->add_flag("--dry-run", args->dry_run, "List the cells and how far each is, run nothing");
  cmd->add_option("--emit-slurm", args->emit_slurm,
                  "Write a Slurm job-array script (one task per cell) to this file instead of "
                  "running here");
  cmd->add_option("--slurm-time", args->slurm.time, "Time limit per task (default 24:00:00)");
  cmd->add_option("--slurm-mem", args->slurm.memory, "Memory per task (default 4G)");
  cmd->add_option("--slurm-partition", args->slurm.partition, "Partition (default: the cluster's)");
  cmd->add_option("--slurm-max-parallel", args->slurm.max_parallel,
                  "At most this many tasks at once (default: no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([args, &global] { run_sweep_command(*args, global); });
}

}  // namespace bdal::cli
