#include "bdal/data/data_dir.h"

#include <cstdlib>

namespace bdal::data {
namespace {

const char* env_or_null(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}

}  // namespace

std::filesystem::path resolve_data_dir(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = env_or_null(kDataDirEnv)) return env;
  if (const char* xdg = env_or_null("XDG_DATA_HOME")) return std::filesystem::path(xdg) / "bdal";
  if (const char* home = env_or_null("HOME"))
    return std::filesystem::path(home) / ".local" / "share" / "bdal";
  return std::filesystem::path("bdal-data");
}

std::string data_dir_origin(const std::string& option) {
  if (!option.empty()) return "--data-dir";
  if (env_or_null(kDataDirEnv)) return kDataDirEnv;
  return "default";
}

}  // namespace bdal::data
