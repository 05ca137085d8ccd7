#include "bdal/loop/round_record.h"

#include "bdal/core/records.h"
#include "bdal/train/records.h"

namespace bdal::loop {

nlohmann::json to_json(const RoundRecord& r) {
  nlohmann::json j = {{"schema_version", core::kSchemaVersion},
                      {"round", r.round},
                      {"n_labelled", r.n_labelled},
                      {"test", train::to_json(r.test)},
                      {"acquired", r.acquired},
                      {"scores", r.scores},
                      {"pool_scored", r.pool_scored},
                      {"epochs", r.epochs},
                      {"best_epoch", r.best_epoch},
                      {"timings_ms",
                       {{"train", r.timings.train_ms},
                        {"eval", r.timings.eval_ms},
                        {"score", r.timings.score_ms},
                        {"select", r.timings.select_ms}}}};
  if (r.train) j["train"] = train::to_json(*r.train);
  for (const auto& [name, metrics] : r.extra_tests)
    j["extra_tests"][name] = train::to_json(metrics);
  if (r.acquired_ambiguous_fraction)
    j["acquired_ambiguous_fraction"] = *r.acquired_ambiguous_fraction;
  return j;
}

RoundRecord round_record_from_json(const nlohmann::json& j) {
  RoundRecord r;
  r.round = j.at("round").get<int64_t>();
  r.n_labelled = j.at("n_labelled").get<int64_t>();
  r.test = train::metrics_from_json(j.at("test"));
  if (j.contains("train")) r.train = train::metrics_from_json(j.at("train"));
  if (j.contains("extra_tests"))
    for (const auto& [name, metrics] : j.at("extra_tests").items())
      r.extra_tests[name] = train::metrics_from_json(metrics);
  if (j.contains("acquired_ambiguous_fraction"))
    r.acquired_ambiguous_fraction = j.at("acquired_ambiguous_fraction").get<double>();
  r.acquired = j.at("acquired").get<std::vector<int64_t>>();
  r.scores = j.at("scores").get<std::vector<double>>();
  r.pool_scored = j.at("pool_scored").get<int64_t>();
  r.epochs = j.at("epochs").get<int64_t>();
  r.best_epoch = j.at("best_epoch").get<int64_t>();
  const auto& ms = j.at("timings_ms");
  r.timings = {ms.at("train").get<double>(), ms.at("eval").get<double>(),
               ms.at("score").get<double>(), ms.at("select").get<double>()};
  return r;
}

nlohmann::json without_timings(nlohmann::json record) {
  record.erase("timings_ms");
  return record;
}

}  // namespace bdal::loop
