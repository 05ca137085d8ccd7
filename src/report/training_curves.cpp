#include "bdal/report/training_curves.h"

#include <nlohmann/json.hpp>

#include "bdal/core/error.h"
#include "bdal/data/file_bytes.h"
#include "bdal/loop/rounds_file.h"

namespace bdal::report {

TrainingRun read_training_run(const std::filesystem::path& dir) {
  using Json = nlohmann::json;
  TrainingRun run;
  run.dir = dir;
  run.label = dir.filename().string();
  if (std::filesystem::exists(dir / "config.json")) {
    const auto bytes = data::read_file(dir / "config.json");
    const Json c = Json::parse(std::string(bytes.begin(), bytes.end()), nullptr, false);
    if (c.is_object() && c.value("model", Json()).is_string() &&
        c.value("dataset", Json()).is_string())
      run.label =
          fmt::format("{} on {}", c["model"].get<std::string>(), c["dataset"].get<std::string>());
  }
  // Same line format rules as rounds.jsonl: a torn last line is dropped.
  const std::filesystem::path path = dir / "epochs.jsonl";
  const loop::RoundsFile file = loop::read_rounds_file(path, /*repair=*/false);
  size_t line = 0;
  for (const Json& r : file.records) {
    ++line;
    auto number = [&](const char* pointer) {
      const Json::json_pointer p(pointer);
      BDAL_CHECK(r.contains(p) && r.at(p).is_number(),
                 "'{}' line {}: field '{}' is missing or not a number", path.string(), line,
                 pointer);
      return r.at(p).get<double>();
    };
    EpochPoint e;
    e.epoch = static_cast<int64_t>(number("/epoch"));
    e.train_nll = number("/train/loss");
    e.train_accuracy = number("/train/accuracy");
    if (r.contains("test")) {
      e.has_test = true;
      e.test_nll = number("/test/nll");
      e.test_accuracy = number("/test/accuracy");
    }
    run.epochs.push_back(e);
  }
  return run;
}

}  // namespace bdal::report
