// run_sweep: cells as child processes, at most `jobs` at a time. A finished
// cell is skipped without starting a process; an interrupted one resumes
// (bdal run does that itself); a failed one is reported and the others go on.
#include "bdal/core/dir_lock.h"
#include "bdal/core/error.h"
#include "bdal/experiment/sweep.h"
#include "bdal/experiment/sweep_eta.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <thread>

extern char** environ;

namespace bdal::experiment {
namespace {

using Clock = std::chrono::steady_clock;

// Starts argv with stdout and stderr appended to `log` and stdin from /dev/null.
pid_t spawn_cell(const std::vector<std::string>& argv_strings, const std::filesystem::path& log) {
  std::vector<std::string> words = argv_strings;
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  BDAL_CHECK(rc == 0, "cannot start '{}': {}", argv_strings[0], std::strerror(rc));
  return pid;
}

// Exit status as a number: the code, or 128 + signal for a killed child.
int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

SweepOutcome run_sweep(const SweepPlan& plan, const std::filesystem::path& sweep_dir,
                       const CellLaunch& launch, const SweepRunOptions& options) {
  BDAL_CHECK_USAGE(options.jobs >= 1, "--jobs must be >= 1, got {}", options.jobs);
  // A second sweep here would rewrite experiment.yaml under the first one's
  // cells and start cells that are running; each cell also locks its own run.
  const core::DirLock lock(sweep_dir);
  prepare_sweep_dir(plan, sweep_dir);
  const auto start = Clock::now();
  const auto stop_requested = [&] { return options.stop && options.stop->load(); };

  SweepOutcome outcome;
  outcome.cells.resize(plan.cells.size());
  std::deque<size_t> waiting;
  // The records of a cell that is skipped or has ended no longer change: read
  // once, not every second (30 finished cells of 100 rounds are ~5 MB of JSON).
  std::vector<std::optional<CellStatus>> final_status(plan.cells.size());
  for (size_t i = 0; i < plan.cells.size(); ++i) {
    const SweepCell& cell = plan.cells[i];
    outcome.cells[i].name = cell.name;
    outcome.cells[i].log = cell_log_path(sweep_dir, cell);
    const CellStatus status = cell_status(sweep_dir / cell.name);
    // Complete with fewer rounds than planned (more were asked for since, or
    // the pool ran out): started anyway; bdal run extends it or says it is done.
    if (status.complete && status.rounds_done >= cell.planned_rounds) {
      outcome.cells[i].result = CellResult::kSkipped;
      final_status[i] = status;
      if (options.on_cell_done) options.on_cell_done(outcome.cells[i]);
    } else {
      waiting.push_back(i);
    }
  }

  std::map<pid_t, size_t> running;  // pid -> cell index
  auto last_progress = Clock::time_point{};
  const auto report_progress = [&](bool force) {
    if (!options.on_progress) return;
    const auto now = Clock::now();
    if (!force && now - last_progress < std::chrono::seconds(1)) return;
    last_progress = now;
    SweepProgress p;
    p.cells_total = static_cast<int64_t>(plan.cells.size());
    p.cells_running = static_cast<int64_t>(running.size());
    std::vector<CellTimes> times(plan.cells.size());
    for (const auto& [pid, index] : running) times[index].running = true;
    for (size_t i = 0; i < plan.cells.size(); ++i) {
      const CellStatus status =
          final_status[i] ? *final_status[i] : cell_status(sweep_dir / plan.cells[i].name);
      times[i].group =
          fmt::format("{} {}", plan.cells[i].strategy, fmt::join(plan.cells[i].sets, " "));
      times[i].round_seconds = status.round_seconds;
      times[i].planned_rounds = std::max(status.rounds_done, plan.cells[i].planned_rounds);
      times[i].finished = final_status[i].has_value();
      p.rounds_done += status.rounds_done;
      // A finished cell counts its actual rounds; others their plan.
      p.rounds_planned += status.complete
                              ? status.rounds_done
                              : std::max(status.rounds_done, plan.cells[i].planned_rounds);
      if (status.complete) ++p.cells_finished;
      if (outcome.cells[i].result == CellResult::kFailed) ++p.cells_failed;
    }
    p.elapsed_seconds = std::chrono::duration<double>(now - start).count();
    p.eta_seconds = estimate_remaining_seconds(times, options.jobs);
    options.on_progress(p);
  };

  bool terminating = false;
  while (!waiting.empty() || !running.empty()) {
    if (stop_requested() && !terminating) {
      // Cells stop cleanly on SIGTERM after their last complete step.
      for (const auto& [pid, index] : running) kill(pid, SIGTERM);
      waiting.clear();
      terminating = true;
      outcome.interrupted = true;
    }
    while (!terminating && static_cast<int>(running.size()) < options.jobs && !waiting.empty()) {
      const size_t index = waiting.front();
      waiting.pop_front();
      const SweepCell& cell = plan.cells[index];
      const pid_t pid = spawn_cell(cell_command(cell, sweep_dir, launch), outcome.cells[index].log);
      running[pid] = index;
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid > 0 && running.count(pid)) {
      const size_t index = running[pid];
      running.erase(pid);
      CellOutcome& cell = outcome.cells[index];
      cell.exit_code = exit_code_of(status);
      if (cell.exit_code == 0)
        cell.result = CellResult::kCompleted;
      else if (terminating || cell.exit_code == 130)
        cell.result = CellResult::kInterrupted;
      else
        cell.result = CellResult::kFailed;
      final_status[index] = cell_status(sweep_dir / plan.cells[index].name);
      if (options.on_cell_done) options.on_cell_done(cell);
      report_progress(/*force=*/true);
      continue;
    }
    report_progress(/*force=*/false);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // Cells never started because of a stop stay "interrupted" (not run).
  for (CellOutcome& cell : outcome.cells)
    if (outcome.interrupted && cell.result == CellResult::kSkipped &&
        !cell_status(sweep_dir / cell.name).complete)
      cell.result = CellResult::kInterrupted;
  return outcome;
}

}  // namespace bdal::experiment
