// `bdal boundary EXPERIMENT`: the decision-boundary study on a 2-D dataset
// (two-moons): the round-0 model's entropy and BALD over the plane and the
// points each strategy would acquire next, as a figure and JSON.
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <optional>

#include "bdal/core/runtime.h"
#include "bdal/data/registry.h"
#include "bdal/experiment/config.h"
#include "bdal/experiment/decision_boundary.h"
#include "bdal/report/boundary_figure.h"
#include "bdal/report/figures.h"
#include "commands.h"

namespace bdal::cli {
namespace {

struct BoundaryArgs {
  std::string experiment, out;
  std::vector<std::string> sets;
  experiment::BoundaryOptions options;
  std::optional<uint64_t> seed;  // default: the experiment's first seed
  bool no_figures = false;
};

void run_boundary(const BoundaryArgs& args, const GlobalOptions& global) {
  const auto start = std::chrono::steady_clock::now();
  const experiment::Experiment e = experiment::load_experiment(args.experiment, args.sets);
  args.options.validate();
  // Find gnuplot before any work: a missing one fails in milliseconds.
  const std::string gnuplot = args.no_figures ? std::string() : report::find_gnuplot();
  core::configure_threads(global.threads);
  loop::LoopConfig config = e.config;
  config.seed = args.seed.value_or(e.seeds.front());
  data::DatasetOptions data_options;
  data_options.data_dir = global.data_dir;
  data_options.two_moons = config.two_moons;
  data_options.two_moons.seed = config.seed;  // as `bdal run` generates it
  const data::TrainTest data = data::load_dataset(config.dataset, data_options);
  fmt::print(stderr, "{}: training round 0 of seed {} on {} and scoring a {}x{} grid\n", e.name,
             config.seed, config.dataset, args.options.grid_size, args.options.grid_size);
  const experiment::BoundaryMaps maps =
      experiment::compute_decision_boundary(config, data, args.options);
  const std::filesystem::path out = args.out.empty()
                                        ? std::filesystem::path("runs") / e.name / "boundary"
                                        : std::filesystem::path(args.out);
  const nlohmann::json about = {{"experiment", e.name},
                                {"seed", config.seed},
                                {"command", fmt::format("{}", fmt::join(global.command_line, " "))},
                                {"config", loop::to_json(config)}};
  for (const std::string& file : report::write_decision_boundary(maps, about, out, gnuplot))
    fmt::print(stderr, "wrote {}\n", (out / file).string());
  fmt::print(stderr, "test accuracy of the round-0 model {:.4f}; {:.1f} s\n", maps.test_accuracy,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  fmt::print("{}\n", (out / (std::string(report::kBoundaryStem) + ".json")).string());
}

}  // namespace

void add_boundary_command(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<BoundaryArgs>();
  auto* cmd = app.add_subcommand(
      "boundary",
      "Decision-boundary study on a 2-D dataset (two-moons): the round-0 model's predictive "
      "entropy and BALD over the plane, its decision boundary and the points each strategy "
      "would acquire next (the same as round 0 of `bdal run`), as PNG/SVG and JSON");
  cmd->add_option("experiment", args->experiment,
                  "Experiment YAML file or preset name (e.g. two-moons-boundary)")
      ->required();
  cmd->add_option("--strategies", args->options.strategies,
                  "Strategies, one panel each (default margin,max-entropy,bald,random)")
      ->delimiter(',');
  cmd->add_option("--seed", args->seed, "Seed (default: the experiment's first)");
  cmd->add_option("--grid", args->options.grid_size, "Grid points per axis (default 150)");
  cmd->add_option("--set", args->sets, "Override a config key (repeatable)");
  cmd->add_option("--out", args->out, "Output directory (default runs/<experiment>/boundary)");
  cmd->add_flag("--no-figures", args->no_figures, "Write data and JSON only (no gnuplot needed)");
  cmd->callback([args, &global] { run_boundary(*args, global); });
}

}  // namespace bdal::cli
