#include "bdal/experiment/sweep.h"

#include "bdal/core/error.h"
#include "bdal/core/records.h"
#include "bdal/loop/loop_config.h"
#include "bdal/loop/rounds_file.h"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <fstream>
#include <sstream>

namespace bdal::experiment {
namespace {

using Json = nlohmann::json;

// Keys that may differ when a sweep directory is reused, as for a run
// resume: how long runs are, which seeds, and the file's default strategies
// and swept keys (the cells say what each runs).
constexpr const char* kMayChange[] = {"rounds", "budget", "chunk_size", "seeds", "sweep"};

// A directory-name-safe rendering of a swept value.
std::string path_safe(const std::string& text) {
  std::string out;
  for (char c : text) out += (c == '/' || c == ' ' || c == '\\') ? '_' : c;
  return out;
}

// Every combination of the swept values: [[k1=a, k2=x], [k1=a, k2=y], ...].
std::vector<std::vector<std::string>> combinations(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& vary) {
  std::vector<std::vector<std::string>> out{{}};
  for (const auto& [key, values] : vary) {
    std::vector<std::vector<std::string>> next;
    for (const auto& partial : out)
      for (const auto& value : values) {
        auto extended = partial;
        extended.push_back(key + "=" + value);
        next.push_back(std::move(extended));
      }
    out = std::move(next);
  }
  return out;
}

// Single-quotes a word for bash.
std::string shell_word(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Json without_changeable_keys(Json j) {
  for (const char* key : kMayChange) j.erase(key);
  return j;
}

}  // namespace

std::pair<std::string, std::vector<std::string>> parse_vary(const std::string& text) {
  const auto eq = text.find('=');
  BDAL_CHECK_USAGE(eq != std::string::npos && eq > 0 && eq + 1 < text.size(),
                   "--vary expects key=value1,value2,..., got '{}'", text);
  std::pair<std::string, std::vector<std::string>> out{text.substr(0, eq), {}};
  std::stringstream values(text.substr(eq + 1));
  for (std::string value; std::getline(values, value, ',');) {
    BDAL_CHECK_USAGE(!value.empty(), "--vary '{}' has an empty value", text);
    out.second.push_back(value);
  }
  for (const char* reserved : {"strategy", "seed"})
    BDAL_CHECK_USAGE(out.first != reserved, "--vary {0}=...: use --{0}s to sweep over {0}",
                     reserved);
  return out;
}

SweepPlan plan_sweep(const SweepSpec& spec) {
  SweepPlan plan;
  plan.experiment = load_experiment(spec.experiment, spec.sets);
  // The command line's strategies and swept keys, else the experiment file's.
  const SweepDefaults& defaults = plan.experiment.sweep;
  const std::vector<std::string> strategies =
      !spec.strategies.empty()       ? spec.strategies
      : !defaults.strategies.empty() ? defaults.strategies
                                     : std::vector<std::string>{plan.experiment.config.strategy};
  const auto& vary = spec.vary.empty() ? defaults.vary : spec.vary;
  if (!spec.seeds.empty()) plan.experiment.seeds = spec.seeds;
  BDAL_CHECK_USAGE(!plan.experiment.seeds.empty(), "the sweep has no seeds");
  const auto combos = combinations(vary);
  for (uint64_t seed : plan.experiment.seeds)
    for (const auto& combo : combos)
      for (const std::string& strategy : strategies) {
        SweepCell cell;
        cell.strategy = strategy;
        cell.seed = seed;
        cell.sets = combo;
        std::string name = strategy;
        for (const auto& set : combo) name += "-" + path_safe(set);
        cell.name = fmt::format("{}-seed{}", name, seed);
        // Validate the cell as `bdal run` will see it (unknown strategy, bad value, ...).
        std::vector<std::string> overrides = spec.sets;
        overrides.insert(overrides.end(), combo.begin(), combo.end());
        overrides.push_back("strategy=" + strategy);
        const Experiment resolved = load_experiment(spec.experiment, overrides);
        cell.planned_rounds = resolved.config.rounds + 1;
        plan.cells.push_back(std::move(cell));
      }
  return plan;
}

std::filesystem::path sweep_experiment_path(const std::filesystem::path& sweep_dir) {
  return sweep_dir / "experiment.yaml";
}

std::filesystem::path cell_log_path(const std::filesystem::path& sweep_dir, const SweepCell& cell) {
  return sweep_dir / "logs" / (cell.name + ".log");
}

void prepare_sweep_dir(const SweepPlan& plan, const std::filesystem::path& sweep_dir) {
  const Json experiment_json = to_json(plan.experiment);
  const auto yaml_path = sweep_experiment_path(sweep_dir);
  if (std::filesystem::exists(yaml_path)) {
    std::ifstream in(yaml_path);
    std::stringstream text;
    text << in.rdbuf();
    const Json previous = yaml_to_json(text.str(), yaml_path.string());
    // A sweep started before bdal gained a setting resumes at its default.
    const Json a = without_changeable_keys(previous),
               b = without_changeable_keys(
                   loop::without_keys_added_since(previous, experiment_json));
    if (a != b) {
      std::vector<std::string> differing;
      for (const auto& [key, value] : b.items())
        if (!a.contains(key) || a.at(key) != value) differing.push_back(key);
      for (const auto& [key, value] : a.items())
        if (!b.contains(key)) differing.push_back(key);
      BDAL_CHECK_USAGE(false,
                       "'{}' holds a sweep of a different experiment (differs in: {}); choose "
                       "another --out, or the same settings to resume it",
                       sweep_dir.string(), fmt::join(differing, ", "));
    }
  }
  std::filesystem::create_directories(sweep_dir / "logs");
  core::write_text_atomic(yaml_path,
                          "# the experiment every cell of this sweep runs (bdal sweep)\n" +
                              json_to_yaml(experiment_json));
  Json cells = Json::array();
  for (const SweepCell& cell : plan.cells)
    cells.push_back({{"name", cell.name},
                     {"strategy", cell.strategy},
                     {"seed", cell.seed},
                     {"sets", cell.sets}});
  core::write_json_atomic(sweep_dir / "sweep.json", {{"schema_version", core::kSchemaVersion},
                                                     {"experiment", plan.experiment.name},
                                                     {"cells", cells}});
}

std::vector<std::string> cell_command(const SweepCell& cell, const std::filesystem::path& sweep_dir,
                                      const CellLaunch& launch) {
  std::vector<std::string> argv{launch.bdal.string()};
  if (!launch.data_dir.empty()) {
    argv.push_back("--data-dir");
    argv.push_back(launch.data_dir);
  }
  argv.insert(argv.end(),
              {"--threads", std::to_string(launch.threads), "run",
               sweep_experiment_path(sweep_dir).string(), "--strategy", cell.strategy, "--seeds",
               std::to_string(cell.seed), "--out", (sweep_dir / cell.name).string()});
  for (const auto& set : cell.sets) {
    argv.push_back("--set");
    argv.push_back(set);
  }
  return argv;
}

CellStatus cell_status(const std::filesystem::path& cell_dir) {
  CellStatus status;
  const loop::RoundsFile file = loop::read_rounds_file(cell_dir / "rounds.jsonl", /*repair=*/false);
  status.rounds_done = static_cast<int64_t>(file.records.size());
  for (const Json& record : file.records) {
    double ms = 0;
    if (record.contains("timings_ms") && record.at("timings_ms").is_object())
      for (const auto& [phase, value] : record.at("timings_ms").items())
        if (value.is_number()) ms += value.get<double>();
    status.round_seconds.push_back(ms / 1000.0);
  }
  status.complete = !file.records.empty() && file.records.back().contains("acquired") &&
                    file.records.back().at("acquired").empty();
  return status;
}

std::string slurm_script(const SweepPlan& plan, const std::filesystem::path& sweep_dir,
                         const CellLaunch& launch, const SlurmOptions& slurm) {
  BDAL_CHECK_USAGE(!plan.cells.empty(), "the sweep has no cells");
  const std::filesystem::path dir = std::filesystem::absolute(sweep_dir);
  std::string array = fmt::format("0-{}", plan.cells.size() - 1);
  if (slurm.max_parallel > 0) array += fmt::format("%{}", slurm.max_parallel);
  std::string out = "#!/bin/bash\n";
  out += fmt::format("# bdal sweep of '{}': {} cells, one array task each. Submit with\n",
                     plan.experiment.name, plan.cells.size());
  out += "#   sbatch THIS_FILE\n# Resubmitting resumes: finished cells end at once.\n";
  out += fmt::format("#SBATCH --job-name=bdal-{}\n", path_safe(plan.experiment.name));
  out += fmt::format("#SBATCH --array={}\n", array);
  out += fmt::format("#SBATCH --cpus-per-task={}\n", launch.threads);
  out += fmt::format("#SBATCH --time={}\n", slurm.time);
  out += fmt::format("#SBATCH --mem={}\n", slurm.memory);
  if (!slurm.partition.empty()) out += fmt::format("#SBATCH --partition={}\n", slurm.partition);
  out +=
      fmt::format("#SBATCH --output={}\n", shell_word((dir / "logs" / "slurm-%A_%a.out").string()));
  out += "set -euo pipefail\n";
  out += "case \"${SLURM_ARRAY_TASK_ID:?not inside a Slurm array job}\" in\n";
  CellLaunch absolute = launch;
  absolute.bdal = std::filesystem::absolute(launch.bdal);
  for (size_t i = 0; i < plan.cells.size(); ++i) {
    std::string command;
    for (const auto& word : cell_command(plan.cells[i], dir, absolute))
      command += (command.empty() ? "" : " ") + shell_word(word);
    out += fmt::format("  {}) exec {} >> {} 2>&1 ;;\n", i, command,
                       shell_word(cell_log_path(dir, plan.cells[i]).string()));
  }
  out += "  *) echo \"no cell for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\nesac\n";
  return out;
}

}  // namespace bdal::experiment
