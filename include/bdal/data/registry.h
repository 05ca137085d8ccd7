// Datasets by name: `bdal ... --dataset NAME`. The list lives in builtin.cpp.
#pragma once

#include "bdal/core/registry.h"
#include "bdal/data/dataset.h"
#include "bdal/data/two_moons.h"

#include <filesystem>
#include <functional>
#include <string>

namespace bdal::data {

struct DatasetOptions {
  std::string data_dir;          // --data-dir; "" = BDAL_DATA_DIR or the default
  TwoMoonsOptions two_moons;     // used by generated two-moons only
  bool with_checksums = false;   // compute SHA-256 of source files (data info)
};

struct DatasetEntry {
  std::string name;
  std::string help;
  std::function<TrainTest(const DatasetOptions&)> load;
  bool generated_from_seed = false;  // differs per run seed (two-moons), so not shared
};

const core::Registry<DatasetEntry>& dataset_registry();

inline TrainTest load_dataset(const std::string& name, const DatasetOptions& options) {
  return dataset_registry().find(name).load(options);
}

}  // namespace bdal::data
