#include "bdal/core/records.h"

#include "bdal/core/error.h"
#include "bdal/core/runtime.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>

namespace bdal::core {

void write_json_atomic(const std::filesystem::path& path, const nlohmann::json& value) {
  write_text_atomic(path, value.dump(2) + '\n');
}

void write_text_atomic(const std::filesystem::path& path, const std::string& text) {
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    BDAL_CHECK(out, "cannot write '{}': {}", tmp, std::strerror(errno));
    out << text;
    out.close();
    BDAL_CHECK(out, "write to '{}' failed", tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  BDAL_CHECK(!ec, "cannot rename '{}' to '{}': {}", tmp, path.string(), ec.message());
}

JsonlWriter::JsonlWriter(const std::filesystem::path& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "a");
  BDAL_CHECK(file_ != nullptr, "cannot open '{}' for appending: {}", path.string(),
             std::strerror(errno));
}

JsonlWriter::~JsonlWriter() {
  if (file_) std::fclose(file_);
}

void JsonlWriter::append(const nlohmann::json& value, bool durable) {
  const std::string line = value.dump() + "\n";
  const bool ok = std::fwrite(line.data(), 1, line.size(), file_) == line.size() &&
                  std::fflush(file_) == 0 && (!durable || fsync(fileno(file_)) == 0);
  BDAL_CHECK(ok, "write to '{}' failed: {}", path_.string(), std::strerror(errno));
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

nlohmann::json run_meta(const std::vector<std::string>& command_line) {
  const RuntimeInfo info = runtime_info();
  return {
      {"schema_version", kSchemaVersion},
      {"command_line", command_line},
      {"bdal_version", info.bdal_version},
      {"git_commit", info.git_commit},
      {"torch_version", info.torch_version},
      {"intra_op_threads", info.intra_op_threads},
      {"hardware_threads", info.hardware_threads},
      {"blas", info.blas},
      {"host", info.host},
      {"time_utc", utc_now_iso8601()},
  };
}

}  // namespace bdal::core
