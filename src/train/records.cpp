#include "bdal/train/records.h"

#include "bdal/core/records.h"

namespace bdal::train {

nlohmann::json to_json(const Metrics& m) {
  return {{"accuracy", m.accuracy},
          {"nll", m.nll},
          {"ece", m.ece},
          {"mean_entropy", m.mean_entropy},
          {"mean_mutual_information", m.mean_mutual_information}};
}

Metrics metrics_from_json(const nlohmann::json& j) {
  return {j.at("accuracy").get<double>(), j.at("nll").get<double>(), j.at("ece").get<double>(),
          j.at("mean_entropy").get<double>(), j.at("mean_mutual_information").get<double>()};
}

nlohmann::json to_json(const EpochRecord& r) {
  nlohmann::json j = {{"schema_version", core::kSchemaVersion},
                      {"epoch", r.epoch},
                      {"train", {{"loss", r.train_loss}, {"accuracy", r.train_accuracy}}},
                      {"seconds", r.seconds},
                      {"best", r.best}};
  if (r.validation) j["validation"] = to_json(*r.validation);
  if (r.test) j["test"] = to_json(*r.test);
  return j;
}

nlohmann::json to_json(const TrainerOptions& o) {
  return {{"optimizer", o.optimizer},
          {"learning_rate", o.learning_rate},
          {"weight_decay", o.weight_decay},
          {"momentum", o.momentum},
          {"epochs", o.epochs},
          {"batch_size", o.batch_size},
          {"patience", o.patience},
          {"monitor", o.monitor},
          {"keep_best", o.keep_best},
          {"eval_samples", o.eval.samples},
          {"eval_chunk_size", o.eval.chunk_size}};
}

}  // namespace bdal::train
