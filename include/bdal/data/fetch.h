// `bdal data fetch`: downloads a dataset's files from its public mirrors into
// the data directory and verifies each against its published SHA-256. A file
// is written under a temporary name and renamed only once verified, so an
// interrupted or corrupt download never looks like a dataset.
#pragma once

#include "bdal/data/idx_images.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bdal::data {

struct FetchOptions {
  std::vector<std::string> mirrors;  // base URLs; empty = the spec's own
  long connect_timeout_seconds = 15;
  bool force = false;                // download even if a verified copy is present
};

using FetchLog = std::function<void(const std::string&)>;

// Returns the dataset's directory. Throws naming every mirror's failure.
std::filesystem::path fetch_dataset(const IdxImageSpec& spec, const std::filesystem::path& data_dir,
                                    const FetchOptions& options, const FetchLog& log);

}  // namespace bdal::data
