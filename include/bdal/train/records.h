// JSON forms of training results (the `epochs.jsonl` lines of `bdal train`).
#pragma once

#include "bdal/train/metrics.h"
#include "bdal/train/trainer.h"

#include <nlohmann/json.hpp>

namespace bdal::train {

nlohmann::json to_json(const Metrics& metrics);
Metrics metrics_from_json(const nlohmann::json& j);  // the inverse; missing fields throw
nlohmann::json to_json(const EpochRecord& record);
nlohmann::json to_json(const TrainerOptions& options);

}  // namespace bdal::train
