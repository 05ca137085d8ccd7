// JSON forms of training results (the `epochs.jsonl` lines of `bdal train`).
#pragma once

#include "bdal/train/metrics.h"
#include "bdal/train/trainer.h"

#include <nlohmann/json.hpp>

namespace bdal::train {

nlohmann::json to_json(const Metrics& metrics);
nlohmann::json to_json(const EpochRecord& record);
nlohmann::json to_json(const TrainerOptions& options);

}  // namespace bdal::train
