// `bdal run EXPERIMENT`: one active-learning run per seed, resumable.
#include "commands.h"
#include "long_command.h"

#include "bdal/core/error.h"
#include "bdal/core/runtime.h"
#include "bdal/data/registry.h"
#include "bdal/experiment/config.h"
#include "bdal/loop/active_learning.h"

#include <fmt/core.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

namespace bdal::cli {
namespace {

struct RunArgs {
  std::string experiment;
  std::vector<std::string> sets;
  std::string strategy, out;
  int64_t rounds = -1;
  std::vector<uint64_t> seeds;
  bool print_config = false;
};

// One progress line per round: a redrawn line on a terminal, plain lines in a log.
class RoundPrinter {
 public:
  explicit RoundPrinter(std::string label)
      : label_(std::move(label)), tty_(isatty(STDERR_FILENO) != 0) {}

  void operator()(const loop::RoundProgress& p) {
    if (!started_) {
      start_ = std::chrono::steady_clock::now();
      first_round_ = p.round;
      started_ = true;
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const int64_t done = p.round - first_round_ + 1;
    const double eta = elapsed / done * static_cast<double>(p.last_round - p.round);
    const std::string line =
        fmt::format("{} round {}/{}  labelled {}  test acc {:.4f}  nll {:.4f}  elapsed {}  eta {}",
                    label_, p.round, p.last_round, p.record->n_labelled, p.record->test.accuracy,
                    p.record->test.nll, hms(elapsed), hms(eta));
    if (tty_)
      fmt::print(stderr, "\r\033[K{}{}", line, p.round == p.last_round ? "\n" : "");
    else
      fmt::print(stderr, "{}\n", line);
    std::fflush(stderr);
  }

 private:
  std::string label_;
  bool tty_;
  bool started_ = false;
  int64_t first_round_ = 0;
  std::chrono::steady_clock::time_point start_;
};

void run_experiment(const RunArgs& args, const GlobalOptions& global) {
  std::vector<std::string> sets = args.sets;
  if (!args.strategy.empty()) sets.push_back("strategy=" + args.strategy);
  if (args.rounds >= 0) sets.push_back(fmt::format("rounds={}", args.rounds));
  experiment::Experiment e = experiment::load_experiment(args.experiment, sets);
  if (!args.seeds.empty()) e.seeds = args.seeds;
  if (args.print_config) {
    fmt::print("{}", experiment::json_to_yaml(experiment::to_json(e)));
    return;
  }
  core::configure_threads(global.threads);
  const std::atomic<bool>& stop = stop_cleanly_on_signals();

  data::DatasetOptions data_options;
  data_options.data_dir = global.data_dir;
  data_options.two_moons = e.config.two_moons;
  // data.json then names the exact bytes a run learnt from (SHA-256 of every
  // source file; ~0.1 s for Fashion-MNIST), and a resume on changed data is refused.
  data_options.with_checksums = true;
  const std::filesystem::path base =
      args.out.empty() ? std::filesystem::path("runs") / e.name : std::filesystem::path(args.out);

  // Loaded once for all seeds, except generated data that depends on the seed.
  const bool data_depends_on_seed =
      data::dataset_registry().find(e.config.dataset).generated_from_seed;
  std::optional<data::TrainTest> loaded;
  for (uint64_t seed : e.seeds) {
    loop::LoopConfig config = e.config;
    config.seed = seed;
    if (!loaded || data_depends_on_seed) {
      data_options.two_moons.seed = seed;
      loaded = data::load_dataset(config.dataset, data_options);
    }
    const data::TrainTest& data = *loaded;
    loop::RunOptions options;
    options.run_dir = e.seeds.size() == 1 && !args.out.empty()
                          ? base
                          : base / fmt::format("{}-seed{}", config.strategy, seed);
    options.command_line = global.command_line;
    options.stop = &stop;
    RoundPrinter printer(fmt::format("[{} seed {}]", config.strategy, seed));
    options.on_round = [&printer](const loop::RoundProgress& p) { printer(p); };
    options.log = [](const std::string& s) { fmt::print(stderr, "{}\n", s); };
    fmt::print(stderr, "{}: {} on {} with {}, seed {}; records in {}\n", e.name, config.strategy,
               config.dataset, config.model, seed, options.run_dir.string());
    options.extra_files["config.yaml"] =
        "# resolved config of this run (every default written out)\n" +
        experiment::json_to_yaml(loop::to_json(config));
    const loop::RunOutcome outcome = loop::run_active_learning(config, data, options);
    if (outcome.interrupted) {
      fmt::print(stderr,
                 "interrupted: {} complete rounds are in {}; run the same command again to "
                 "resume\n",
                 outcome.rounds_done, options.run_dir.string());
      std::exit(130);
    }
  }
}

}  // namespace

void add_run_command(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand(
      "run",
      "Run an active-learning experiment (YAML file or preset name), one run per seed; re-running "
      "the same command resumes after the last complete round");
  cmd->add_option("experiment", args->experiment,
                  "Experiment YAML file, or the name of a preset in configs/ (e.g. pilz2025-mnist)")
      ->required();
  cmd->add_option("--set", args->sets,
                  "Override a config key, e.g. --set trainer.epochs=50 (repeatable)");
  cmd->add_option("--strategy", args->strategy,
                  "Acquisition strategy (see `bdal list strategies`)");
  cmd->add_option("--rounds", args->rounds, "Acquisition rounds");
  cmd->add_option("--seeds", args->seeds, "Seeds to run (default: the experiment's)")
      ->delimiter(',');
  cmd->add_option("--out", args->out,
                  "Run directory (one seed) or parent of <strategy>-seed<N>/ directories "
                  "(default runs/<experiment>/)");
  cmd->add_flag("--print-config", args->print_config,
                "Print the resolved experiment (every default written out) and exit");
  cmd->callback([args, &global] { run_experiment(*args, global); });
}

}  // namespace bdal::cli
