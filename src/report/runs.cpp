#include "bdal/report/runs.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "bdal/core/error.h"
#include "bdal/data/file_bytes.h"
#include "bdal/experiment/config.h"
#include "bdal/loop/loop_config.h"
#include "bdal/loop/rounds_file.h"

namespace bdal::report {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

void flatten(const Json& tree, const std::string& prefix, std::map<std::string, Json>& out) {
  if (tree.is_object()) {
    for (const auto& [k, v] : tree.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
  } else {
    out[prefix] = tree;
  }
}

std::string read_text(const fs::path& path) {
  const auto bytes = data::read_file(path);
  return std::string(bytes.begin(), bytes.end());
}

Json read_config(const fs::path& dir) {
  if (fs::exists(dir / "config.json")) {
    const Json j = Json::parse(read_text(dir / "config.json"), nullptr, false);
    BDAL_CHECK(!j.is_discarded() && j.is_object(), "'{}' is not a JSON object",
               (dir / "config.json").string());
    return j;
  }
  BDAL_CHECK(fs::exists(dir / "config.yaml"),
             "run directory '{}' has rounds.jsonl but neither config.json nor config.yaml",
             dir.string());
  return experiment::yaml_to_json(read_text(dir / "config.yaml"), (dir / "config.yaml").string());
}

// The value at `pointer` of a record, as a number; names file, line and field when absent.
double number_at(const Json& record, const char* pointer, const fs::path& file, size_t line) {
  const Json::json_pointer p(pointer);
  BDAL_CHECK(record.contains(p) && record.at(p).is_number(),
             "'{}' line {}: field '{}' is missing or not a number", file.string(), line, pointer);
  return record.at(p).get<double>();
}

double optional_number_at(const Json& record, const char* pointer) {
  const Json::json_pointer p(pointer);
  return record.contains(p) && record.at(p).is_number() ? record.at(p).get<double>() : 0.0;
}

}  // namespace

LoopRun read_run(const fs::path& dir) {
  LoopRun run;
  run.dir = dir;
  flatten(read_config(dir), "", run.config);
  // Settings bdal gained after a run was made read as their defaults: the
  // run behaved that way, and it stays in one series with newer runs.
  const Json defaults = loop::to_json(loop::LoopConfig{});
  for (const std::string& key : loop::keys_added_after_first_records())
    run.config.emplace(key, defaults.at(loop::config_pointer(key)));  // keeps the run's own value
  const fs::path config_file =
      fs::exists(dir / "config.json") ? dir / "config.json" : dir / "config.yaml";
  auto strategy = run.config.find("strategy");
  BDAL_CHECK(strategy != run.config.end() && strategy->second.is_string(),
             "'{}': field 'strategy' is missing or not a string", config_file.string());
  run.strategy = strategy->second.get<std::string>();
  auto seed = run.config.find("seed");
  BDAL_CHECK(seed != run.config.end() && seed->second.is_number_unsigned(),
             "'{}': field 'seed' is missing or not a non-negative integer", config_file.string());
  run.seed = seed->second.get<uint64_t>();

  const fs::path rounds_path = dir / "rounds.jsonl";
  const loop::RoundsFile file = loop::read_rounds_file(rounds_path, /*repair=*/false);
  run.torn_line_ignored = file.torn_line_removed;
  size_t line = 0;
  for (const Json& r : file.records) {
    ++line;
    RoundPoint p;
    p.round = static_cast<int64_t>(number_at(r, "/round", rounds_path, line));
    p.n_labelled = static_cast<int64_t>(number_at(r, "/n_labelled", rounds_path, line));
    p.accuracy = number_at(r, "/test/accuracy", rounds_path, line);
    p.nll = number_at(r, "/test/nll", rounds_path, line);
    p.mean_mutual_information = optional_number_at(r, "/test/mean_mutual_information");
    if (const Json::json_pointer train("/train/accuracy"); r.contains(train))
      p.train_accuracy = number_at(r, "/train/accuracy", rounds_path, line);
    if (const Json::json_pointer a("/extra_tests/ambiguous/accuracy"); r.contains(a))
      p.ambiguous_accuracy = number_at(r, "/extra_tests/ambiguous/accuracy", rounds_path, line);
    if (const Json::json_pointer f("/acquired_ambiguous_fraction"); r.contains(f))
      p.acquired_ambiguous_fraction =
          number_at(r, "/acquired_ambiguous_fraction", rounds_path, line);
    p.train_ms = optional_number_at(r, "/timings_ms/train");
    p.score_ms = optional_number_at(r, "/timings_ms/score");
    p.select_ms = optional_number_at(r, "/timings_ms/select");
    p.eval_ms = optional_number_at(r, "/timings_ms/eval");
    if (r.contains("acquired") && r.at("acquired").is_array())
      p.acquired = !r.at("acquired").empty();
    BDAL_CHECK(run.rounds.empty() || p.n_labelled > run.rounds.back().n_labelled,
               "'{}' line {}: n_labelled = {} does not grow (previous line had {})",
               rounds_path.string(), line, p.n_labelled, run.rounds.back().n_labelled);
    run.rounds.push_back(p);
  }
  return run;
}

std::vector<fs::path> find_dirs_with(const fs::path& root, const std::string& file_name) {
  std::vector<fs::path> out;
  if (fs::is_regular_file(root / file_name)) out.push_back(root);
  for (auto it =
           fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && fs::is_regular_file(it->path() / file_name))
      out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<std::string>& keys_ignored_for_series() {
  static const std::vector<std::string> keys{"seed", "rounds", "budget", "chunk_size"};
  return keys;
}

std::vector<Series> group_series(const std::vector<LoopRun>& runs) {
  const auto& ignored = keys_ignored_for_series();
  std::set<std::string> all_keys;
  for (const LoopRun& r : runs)
    for (const auto& [k, v] : r.config) all_keys.insert(k);
  // A key splits series when some run's value differs from another's (a key
  // missing from a run counts as the value null).
  std::vector<std::string> differing;
  for (const std::string& key : all_keys) {
    if (key == "strategy" || std::find(ignored.begin(), ignored.end(), key) != ignored.end())
      continue;
    std::set<std::string> values;
    for (const LoopRun& r : runs) {
      auto it = r.config.find(key);
      values.insert(it == r.config.end() ? "null" : it->second.dump());
    }
    if (values.size() > 1) differing.push_back(key);
  }
  std::map<std::string, Series> by_name;
  for (const LoopRun& r : runs) {
    std::map<std::string, Json> values;
    std::string name = r.strategy;
    for (const std::string& key : differing) {
      auto it = r.config.find(key);
      const Json v = it == r.config.end() ? Json() : it->second;
      values[key] = v;
      name += fmt::format(" {}={}", key, v.is_string() ? v.get<std::string>() : v.dump());
    }
    Series& s = by_name[name];
    s.name = name;
    s.strategy = r.strategy;
    s.distinguishing = values;
    s.runs.push_back(&r);
  }
  std::vector<Series> out;
  for (auto& [name, s] : by_name) {
    std::sort(s.runs.begin(), s.runs.end(),
              [](const LoopRun* a, const LoopRun* b) { return a->seed < b->seed; });
    for (size_t i = 1; i < s.runs.size(); ++i)
      BDAL_CHECK(s.runs[i]->seed != s.runs[i - 1]->seed,
                 "runs '{}' and '{}' are the same series ({}) with the same seed {}; a report "
                 "needs each seed once per series",
                 s.runs[i - 1]->dir.string(), s.runs[i]->dir.string(), name, s.runs[i]->seed);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace bdal::report
