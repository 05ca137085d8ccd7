#include "bdal/experiment/config.h"

#include "bdal/core/error.h"
#include "bdal/data/file_bytes.h"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <regex>

#ifndef BDAL_SOURCE_CONFIG_DIR
#define BDAL_SOURCE_CONFIG_DIR "configs"
#endif

namespace bdal::experiment {
namespace {

using Json = nlohmann::json;
using loop::read_config_value;

Json yaml_node_to_json(const YAML::Node& node, const std::string& where) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const auto& item : node) out.push_back(yaml_node_to_json(item, where));
      return out;
    }
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& item : node)
        out[item.first.as<std::string>()] = yaml_node_to_json(item.second, where);
      return out;
    }
    case YAML::NodeType::Scalar: {
      const std::string text = node.Scalar();
      if (node.Tag() == "!") return text;  // quoted: always a string
      // YAML 1.2 core schema: booleans, integers, floats, else string.
      static const std::regex int_re(R"(^[-+]?[0-9]+$)");
      static const std::regex float_re(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
      if (text == "true" || text == "True" || text == "TRUE") return true;
      if (text == "false" || text == "False" || text == "FALSE") return false;
      if (text == "null" || text == "~" || text.empty()) return nullptr;
      if (std::regex_match(text, int_re)) {
        try {
          if (text[0] == '-') return std::stoll(text);
          return static_cast<uint64_t>(std::stoull(text));
        } catch (const std::out_of_range&) {
          throw UsageError(fmt::format("{}: integer {} is out of range", where, text));
        }
      }
      if (std::regex_match(text, float_re)) return std::stod(text);
      return text;
    }
  }
  return nullptr;
}

void emit(YAML::Emitter& out, const Json& v) {
  if (v.is_object()) {
    out << YAML::BeginMap;
    for (const auto& [k, item] : v.items()) {
      out << YAML::Key << k << YAML::Value;
      emit(out, item);
    }
    out << YAML::EndMap;
  } else if (v.is_array()) {
    out << YAML::Flow << YAML::BeginSeq;
    for (const auto& item : v) emit(out, item);
    out << YAML::EndSeq;
  } else if (v.is_string()) {
    out << v.get<std::string>();
  } else if (v.is_null()) {
    out << YAML::Null;
  } else {
    out << v.dump();  // numbers and booleans exactly as JSON writes them
  }
}

bool looks_like_file(const std::string& s) {
  const auto ends_with = [&](const std::string& tail) {
    return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  return s.find('/') != std::string::npos || ends_with(".yaml") || ends_with(".yml");
}

// A scalar of `sweep.vary` as the text a --vary value would be.
std::string vary_value_text(const Json& v, const std::string& key, const std::string& where) {
  BDAL_CHECK_USAGE(v.is_number() || v.is_string() || v.is_boolean(),
                   "{}: sweep.vary.{} must list numbers, strings or booleans, got {}", where, key,
                   v.dump());
  return v.is_string() ? v.get<std::string>() : v.dump();
}

SweepDefaults read_sweep_defaults(const Json& tree, const std::string& where) {
  BDAL_CHECK_USAGE(tree.is_object(), "{}: 'sweep' must be a mapping with strategies and/or vary",
                   where);
  SweepDefaults out;
  for (const auto& [key, value] : tree.items()) {
    if (key == "strategies") {
      BDAL_CHECK_USAGE(value.is_array() && !value.empty(),
                       "{}: sweep.strategies must be a non-empty list of strategy names", where);
      for (const Json& s : value)
        out.strategies.push_back(read_config_value<std::string>("sweep.strategies", s, where));
    } else if (key == "vary") {
      BDAL_CHECK_USAGE(value.is_object(), "{}: sweep.vary must map config keys to lists of values",
                       where);
      for (const auto& [swept, values] : value.items()) {
        BDAL_CHECK_USAGE(swept != "strategy",
                         "{}: sweep.vary.strategy: list strategies under sweep.strategies", where);
        BDAL_CHECK_USAGE(swept != "seed",
                         "{}: sweep.vary.seed: list seeds in the file's top-level `seeds:`", where);
        BDAL_CHECK_USAGE(values.is_array() && !values.empty(),
                         "{}: sweep.vary.{} must be a non-empty list", where, swept);
        std::vector<std::string> texts;
        for (const Json& v : values) texts.push_back(vary_value_text(v, swept, where));
        out.vary.emplace_back(swept, std::move(texts));
      }
    } else {
      BDAL_CHECK_USAGE(false, "{}: unknown key sweep.{} (known: strategies, vary)", where, key);
    }
  }
  return out;
}

}  // namespace

Json to_json(const Experiment& e) {
  Json out = {{"name", e.name}, {"source", e.source}, {"seeds", e.seeds}};
  if (!e.sweep.empty()) {
    Json vary = Json::object();
    for (const auto& [key, values] : e.sweep.vary) {
      Json list = Json::array();
      // Numbers stay numbers in the YAML the sweep directory keeps.
      for (const std::string& v : values) list.push_back(yaml_to_json(v, "sweep.vary." + key));
      vary[key] = list;
    }
    // Only what the file set: an empty list would not read back.
    Json sweep = Json::object();
    if (!e.sweep.strategies.empty()) sweep["strategies"] = e.sweep.strategies;
    if (!vary.empty()) sweep["vary"] = vary;
    out["sweep"] = sweep;
  }
  out.update(loop::to_json(e.config));
  return out;
}

Json yaml_to_json(const std::string& yaml_text, const std::string& where) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw UsageError(fmt::format("{}: not valid YAML: {}", where, e.what()));
  }
  return yaml_node_to_json(root, where);
}

std::string json_to_yaml(const Json& value) {
  YAML::Emitter out;
  emit(out, value);
  return std::string(out.c_str()) + "\n";
}

std::filesystem::path presets_dir() {
  if (const char* env = std::getenv("BDAL_CONFIG_DIR"); env && *env) return env;
  return BDAL_SOURCE_CONFIG_DIR;
}

Experiment load_experiment(const std::string& file_or_preset,
                           const std::vector<std::string>& overrides) {
  std::filesystem::path path = file_or_preset;
  if (!looks_like_file(file_or_preset)) {
    path = presets_dir() / (file_or_preset + ".yaml");
    if (!std::filesystem::exists(path)) {
      std::vector<std::string> names;
      if (std::filesystem::is_directory(presets_dir()))
        for (const auto& entry : std::filesystem::directory_iterator(presets_dir()))
          if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
      std::sort(names.begin(), names.end());
      throw UsageError(fmt::format("no experiment file or preset '{}'; presets in {}: {}",
                                   file_or_preset, presets_dir().string(), fmt::join(names, ", ")));
    }
  }
  BDAL_CHECK_USAGE(std::filesystem::is_regular_file(path), "experiment file '{}' does not exist",
                   path.string());
  const auto bytes = data::read_file(path);
  Json tree = yaml_to_json(std::string(bytes.begin(), bytes.end()), path.string());
  if (tree.is_null()) tree = Json::object();
  BDAL_CHECK_USAGE(tree.is_object(), "{}: an experiment file must be a mapping of keys",
                   path.string());

  Experiment e;
  e.name = path.stem().string();
  // name / source / seeds are the experiment's; everything else is the run config.
  if (tree.contains("name"))
    e.name = read_config_value<std::string>("name", tree["name"], path.string());
  if (tree.contains("source"))
    e.source = read_config_value<std::string>("source", tree["source"], path.string());
  std::vector<uint64_t> seeds;
  if (tree.contains("seeds")) {
    BDAL_CHECK_USAGE(tree["seeds"].is_array() && !tree["seeds"].empty(),
                     "{}: 'seeds' must be a non-empty list of integers", path.string());
    for (const auto& s : tree["seeds"])
      seeds.push_back(read_config_value<uint64_t>("seeds", s, path.string()));
  }
  if (tree.contains("sweep")) e.sweep = read_sweep_defaults(tree["sweep"], path.string());
  for (const char* k : {"name", "source", "seeds", "sweep"}) tree.erase(k);
  loop::apply_json(tree, e.config, path.string());

  for (const auto& o : overrides) {
    const auto eq = o.find('=');
    BDAL_CHECK_USAGE(eq != std::string::npos && eq > 0, "--set expects key=value, got '{}'", o);
    const std::string key = o.substr(0, eq);
    Json value = yaml_to_json(o.substr(eq + 1), "--set " + key);
    if (key == "seeds") {
      seeds.clear();
      if (!value.is_array()) value = Json::array({value});
      for (const auto& s : value) seeds.push_back(read_config_value<uint64_t>("seeds", s, "--set"));
      continue;
    }
    loop::apply_json(loop::dotted_to_json(key, value), e.config, "--set");
    if (key == "seed") seeds = {e.config.seed};  // an explicit seed means that one run
  }
  e.seeds = seeds.empty() ? std::vector<uint64_t>{e.config.seed} : seeds;
  e.config.validate();
  return e;
}

}  // namespace bdal::experiment
