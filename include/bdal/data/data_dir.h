// Where datasets live on disk. The data directory is, in order:
//   1. the --data-dir option,
//   2. the BDAL_DATA_DIR environment variable,
//   3. $XDG_DATA_HOME/bdal, else ~/.local/share/bdal.
// A dataset NAME is looked for in <data dir>/NAME/. Fashion-MNIST is also
// found where Debian's dataset-fashion-mnist package puts it.
#pragma once

#include <filesystem>
#include <string>

namespace bdal::data {

inline constexpr const char* kDataDirEnv = "BDAL_DATA_DIR";
inline constexpr const char* kDebianFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// The data directory chosen by the rules above; `option` is --data-dir ("" = unset).
std::filesystem::path resolve_data_dir(const std::string& option);

// Where the chosen data directory came from, for messages ("--data-dir", ...).
std::string data_dir_origin(const std::string& option);

}  // namespace bdal::data
