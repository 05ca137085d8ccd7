// Every setting of a pool-based active-learning run. Defaults are the
// protocol most papers share (balanced 2-per-class start, b = 10, K = 20);
// presets under configs/ pin published protocols.
#pragma once

#include "bdal/acquire/strategy.h"
#include "bdal/data/split.h"
#include "bdal/data/two_moons.h"
#include "bdal/infer/mc_sampler.h"
#include "bdal/models/registry.h"
#include "bdal/train/trainer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace bdal::loop {

struct LoopConfig {
  std::string dataset = "mnist";
  std::string model = "lenet5";
  std::string strategy = "bald";
  acquire::StrategyOptions strategy_options;  // temperature, BatchBALD's M and prefilter, ...
  uint64_t seed = 1;

  data::SplitOptions split;            // initial set, validation size, test subset
  data::TwoMoonsOptions two_moons;     // two-moons only
  models::ModelOptions model_options;  // hidden, dropout (shape and classes come from the data)
  train::TrainerOptions trainer;

  int64_t acquisition_size = 10;  // b, points acquired per round
  int64_t rounds = 100;           // acquisition rounds; records are rounds 0..rounds
  int64_t budget = 0;             // stop once this many points are labelled; 0 = no cap
  int64_t pool_subset = 0;        // score a random pool subset of this size each round; 0 = all
  int64_t score_samples = 20;     // MC samples K for acquisition scores
  int64_t eval_samples = 20;      // MC samples for the test evaluation; 0 = dropout off
  int64_t chunk_size = infer::kDefaultChunkSize;  // inputs per inference pass (memory, not results)
  bool reinitialise = true;                       // fresh weights every round (else warm start)

  // Throws UsageError naming the key and value of anything impossible that
  // can be told without the data.
  void validate() const;
};

// The config as JSON, nested by the dots of its keys ("trainer.epochs" ->
// {"trainer": {"epochs": ...}}), every default written out.
nlohmann::json to_json(const LoopConfig& config);

// Applies every key of `tree` (nested as to_json makes it) onto `config`.
// Unknown keys and wrong types are UsageErrors naming `where`, key and value.
void apply_json(const nlohmann::json& tree, LoopConfig& config, const std::string& where);

// {"a.b": v} as nested JSON {"a": {"b": v}}.
nlohmann::json dotted_to_json(const std::string& key, const nlohmann::json& value);

// Every dotted key a config accepts, in a stable order.
std::vector<std::string> config_keys();

// Keys bdal gained after runs had been recorded without them. At their
// defaults they reproduce how those runs behaved, so a run without them
// resumes at the default and reads as having it.
const std::vector<std::string>& keys_added_after_first_records();

// `now` without the keys_added_after_first_records() that `saved` lacks and
// `now` holds at their defaults (and without groups left empty by that), so
// a config written before bdal had those keys compares equal to today's.
// Both are config trees as to_json makes them (an experiment's tree works too).
nlohmann::json without_keys_added_since(const nlohmann::json& saved, nlohmann::json now);

// "a.b" -> the JSON pointer "/a/b".
nlohmann::json::json_pointer config_pointer(const std::string& dotted_key);

[[noreturn]] void throw_wrong_type(const std::string& key, const char* expected,
                                   const nlohmann::json& value, const std::string& where);

// A config value of type T, or a UsageError saying what was expected.
template <typename T>
T read_config_value(const std::string& key, const nlohmann::json& v, const std::string& where) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_boolean()) throw_wrong_type(key, "true or false", v, where);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_string()) throw_wrong_type(key, "a string", v, where);
  } else if constexpr (std::is_same_v<T, double>) {
    if (!v.is_number()) throw_wrong_type(key, "a number", v, where);
  } else if constexpr (std::is_same_v<T, uint64_t>) {
    if (!v.is_number_unsigned()) throw_wrong_type(key, "a non-negative integer", v, where);
  } else {
    if (!v.is_number_integer()) throw_wrong_type(key, "an integer", v, where);
  }
  return v.get<T>();
}

}  // namespace bdal::loop
