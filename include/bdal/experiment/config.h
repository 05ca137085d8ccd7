// Experiment files: YAML with every LoopConfig setting under its dotted name
// (`trainer.epochs`, `split.initial_per_class`, ...), plus `seeds`, `name`
// and `source` (the protocol it follows). Loading is strict: an unknown key,
// a wrong type or an impossible value is a UsageError naming the key, the
// value and the file. `--set key=value` overrides use the same names.
#pragma once

#include "bdal/loop/loop_config.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace bdal::experiment {

// What `bdal sweep` runs when its command line names no --strategies or
// --vary: the file's `sweep: {strategies: [...], vary: {key: [values]}}`.
struct SweepDefaults {
  std::vector<std::string> strategies;
  std::vector<std::pair<std::string, std::vector<std::string>>> vary;  // key -> values as text
  bool empty() const { return strategies.empty() && vary.empty(); }
};

struct Experiment {
  std::string name;             // preset or file stem
  std::string source;           // citation of the protocol, free text
  std::vector<uint64_t> seeds;  // runs to make; default {config.seed}
  SweepDefaults sweep;
  loop::LoopConfig config;
};

// The resolved experiment: name, source, seeds, sweep (when set) and every config key.
nlohmann::json to_json(const Experiment& experiment);

// Parses a YAML document into JSON (scalars typed as YAML 1.2 core does).
nlohmann::json yaml_to_json(const std::string& yaml_text, const std::string& where);
std::string json_to_yaml(const nlohmann::json& value);

// Loads an experiment file (or, for a name without '/' or '.yaml', the
// shipped preset of that name), applies `overrides` ("key=value", value in
// YAML syntax) and validates the result.
Experiment load_experiment(const std::string& file_or_preset,
                           const std::vector<std::string>& overrides);

// Where shipped presets are looked for: $BDAL_CONFIG_DIR, else the
// configs/ folder of the source tree bdal was built from.
std::filesystem::path presets_dir();

}  // namespace bdal::experiment
