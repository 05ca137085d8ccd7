#include "bdal/loop/loop_config.h"

#include "bdal/core/error.h"

#include <fmt/ranges.h>

#include <functional>

namespace bdal::loop {
namespace {

using Json = nlohmann::json;

// One config key: how to read it from a config and write it into one.
struct Field {
  std::string key;
  std::function<Json(const LoopConfig&)> get;
  std::function<void(LoopConfig&, const Json&, const std::string&)> set;
};

template <typename T>
Field field(std::string key, std::function<T&(LoopConfig&)> ref) {
  return {key, [ref](const LoopConfig& c) { return Json(ref(const_cast<LoopConfig&>(c))); },
          [ref, key](LoopConfig& c, const Json& v, const std::string& where) {
            ref(c) = read_config_value<T>(key, v, where);
          }};
}

#define BDAL_FIELD(T, key, member) field<T>(key, [](LoopConfig& c) -> T& { return c.member; })

const std::vector<Field>& fields() {
  static const std::vector<Field> list{
      BDAL_FIELD(std::string, "dataset", dataset),
      BDAL_FIELD(std::string, "model", model),
      BDAL_FIELD(std::string, "strategy", strategy),
      BDAL_FIELD(double, "strategy_options.temperature", strategy_options.temperature),
      BDAL_FIELD(int64_t, "strategy_options.max_configs", strategy_options.max_configs),
      BDAL_FIELD(int64_t, "strategy_options.prefilter", strategy_options.prefilter),
      BDAL_FIELD(int64_t, "strategy_options.augmentations", strategy_options.augmentations),
      BDAL_FIELD(double, "strategy_options.consistency_weight",
                 strategy_options.consistency_weight),
      BDAL_FIELD(uint64_t, "seed", seed),
      BDAL_FIELD(int64_t, "acquisition_size", acquisition_size),
      BDAL_FIELD(int64_t, "rounds", rounds),
      BDAL_FIELD(int64_t, "budget", budget),
      BDAL_FIELD(int64_t, "pool_subset", pool_subset),
      BDAL_FIELD(int64_t, "score_samples", score_samples),
      BDAL_FIELD(int64_t, "eval_samples", eval_samples),
      BDAL_FIELD(int64_t, "chunk_size", chunk_size),
      BDAL_FIELD(bool, "reinitialise", reinitialise),
      BDAL_FIELD(int64_t, "split.initial_per_class", split.initial_per_class),
      BDAL_FIELD(int64_t, "split.initial_random", split.initial_random),
      BDAL_FIELD(int64_t, "split.validation_size", split.validation_size),
      BDAL_FIELD(int64_t, "split.test_size", split.test_size),
      BDAL_FIELD(int64_t, "model_options.hidden", model_options.hidden),
      BDAL_FIELD(double, "model_options.dropout", model_options.dropout),
      BDAL_FIELD(std::string, "trainer.optimizer", trainer.optimizer),
      BDAL_FIELD(double, "trainer.learning_rate", trainer.learning_rate),
      BDAL_FIELD(double, "trainer.weight_decay", trainer.weight_decay),
      BDAL_FIELD(double, "trainer.momentum", trainer.momentum),
      BDAL_FIELD(int64_t, "trainer.epochs", trainer.epochs),
      BDAL_FIELD(std::string, "trainer.epochs_schedule", trainer.epochs_schedule),
      BDAL_FIELD(int64_t, "trainer.target_steps", trainer.target_steps),
      BDAL_FIELD(int64_t, "trainer.batch_size", trainer.batch_size),
      BDAL_FIELD(int64_t, "trainer.patience", trainer.patience),
      BDAL_FIELD(std::string, "trainer.monitor", trainer.monitor),
      BDAL_FIELD(bool, "trainer.keep_best", trainer.keep_best),
      BDAL_FIELD(int64_t, "trainer.eval_samples", trainer.eval.samples),
      BDAL_FIELD(int64_t, "two_moons.train_size", two_moons.train_size),
      BDAL_FIELD(int64_t, "two_moons.test_size", two_moons.test_size),
      BDAL_FIELD(double, "two_moons.noise", two_moons.noise),
  };
  return list;
}

#undef BDAL_FIELD

const Field* find_field(const std::string& key) {
  for (const auto& f : fields())
    if (f.key == key) return &f;
  return nullptr;
}

// {"a": {"b": 1}} -> {"a.b": 1}; lists and scalars are leaves.
void flatten(const Json& tree, const std::string& prefix,
             std::vector<std::pair<std::string, Json>>& out) {
  if (tree.is_object()) {
    for (const auto& [k, v] : tree.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
  } else {
    out.emplace_back(prefix, tree);
  }
}

Json::json_pointer pointer(const std::string& dotted) { return config_pointer(dotted); }

}  // namespace

Json::json_pointer config_pointer(const std::string& dotted) {
  std::string p = "/" + dotted;
  for (char& c : p)
    if (c == '.') c = '/';
  return Json::json_pointer(p);
}

const std::vector<std::string>& keys_added_after_first_records() {
  static const std::vector<std::string> keys = {"strategy_options.temperature",
                                                "strategy_options.max_configs",
                                                "strategy_options.prefilter",
                                                "strategy_options.augmentations",
                                                "strategy_options.consistency_weight",
                                                "trainer.epochs_schedule",
                                                "trainer.target_steps"};
  return keys;
}

Json without_keys_added_since(const Json& saved, Json now) {
  static const Json defaults = to_json(LoopConfig{});
  for (const std::string& key : keys_added_after_first_records()) {
    const auto pointer = config_pointer(key);
    if (saved.contains(pointer) || !now.contains(pointer)) continue;
    if (now.at(pointer) != defaults.at(pointer)) continue;
    Json& parent = now.at(pointer.parent_pointer());
    parent.erase(pointer.back());
    // A group the saved config never had, emptied here, goes too.
    const auto group = pointer.parent_pointer();
    if (parent.empty() && !group.empty() && !saved.contains(group))
      now.at(group.parent_pointer()).erase(group.back());
  }
  return now;
}

std::string describe_json_value(const Json& v) {
  if (v.is_string()) return fmt::format("the string \"{}\"", v.get<std::string>());
  if (v.is_number_float()) return fmt::format("the number {}", v.dump());
  return fmt::format("{} {}", v.type_name(), v.dump());
}

void throw_wrong_type(const std::string& key, const char* expected, const Json& v,
                      const std::string& where) {
  throw UsageError(
      fmt::format("{}: '{}' must be {}, got {}", where, key, expected, describe_json_value(v)));
}

std::vector<std::string> config_keys() {
  std::vector<std::string> keys;
  for (const auto& f : fields()) keys.push_back(f.key);
  return keys;
}

Json to_json(const LoopConfig& config) {
  Json out = Json::object();
  for (const auto& f : fields()) out[pointer(f.key)] = f.get(config);
  return out;
}

Json dotted_to_json(const std::string& key, const Json& value) {
  Json out = Json::object();
  out[pointer(key)] = value;
  return out;
}

void apply_json(const Json& tree, LoopConfig& config, const std::string& where) {
  std::vector<std::pair<std::string, Json>> items;
  flatten(tree, "", items);
  for (const auto& [key, value] : items) {
    const Field* f = find_field(key);
    if (!f)
      throw UsageError(fmt::format("{}: unknown key '{}'; known keys: name, source, seeds, {}",
                                   where, key, fmt::join(config_keys(), ", ")));
    f->set(config, value, where);
  }
}

}  // namespace bdal::loop

#include "bdal/acquire/registry.h"
#include "bdal/data/registry.h"

namespace bdal::loop {

void LoopConfig::validate() const {
  data::dataset_registry().find(dataset);
  models::model_registry().find(model);
  acquire::strategy_registry().find(strategy);
  strategy_options.validate();
  BDAL_CHECK_USAGE(acquisition_size >= 1, "acquisition_size must be >= 1, got {}",
                   acquisition_size);
  BDAL_CHECK_USAGE(rounds >= 0, "rounds must be >= 0, got {}", rounds);
  BDAL_CHECK_USAGE(budget >= 0, "budget must be >= 0 (0 = no cap), got {}", budget);
  BDAL_CHECK_USAGE(pool_subset == 0 || pool_subset >= acquisition_size,
                   "pool_subset = {} is smaller than acquisition_size = {} (0 = whole pool)",
                   pool_subset, acquisition_size);
  BDAL_CHECK_USAGE(pool_subset >= 0, "pool_subset must be >= 0, got {}", pool_subset);
  BDAL_CHECK_USAGE(score_samples >= 1, "score_samples (MC samples K) must be >= 1, got {}",
                   score_samples);
  BDAL_CHECK_USAGE(eval_samples >= 0, "eval_samples must be >= 0 (0 = dropout off), got {}",
                   eval_samples);
  BDAL_CHECK_USAGE(chunk_size >= 1, "chunk_size must be >= 1, got {}", chunk_size);
  BDAL_CHECK_USAGE(split.initial_per_class > 0 || split.initial_random > 0,
                   "the initial labelled set is empty: set split.initial_per_class or "
                   "split.initial_random");
  split.validate();
  trainer.validate();
  if (dataset == "two-moons") two_moons.validate();
  BDAL_CHECK_USAGE(model_options.hidden >= 0, "model_options.hidden must be >= 0, got {}",
                   model_options.hidden);
  BDAL_CHECK_USAGE(model_options.dropout < 1.0, "model_options.dropout must be < 1, got {}",
                   model_options.dropout);
}

}  // namespace bdal::loop
