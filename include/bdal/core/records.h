// Files a run leaves behind: whole JSON documents written atomically
// (temporary file + rename) and JSON-lines logs appended a line at a time
// and flushed, so a crash loses at most the line being written.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace bdal::core {

inline constexpr int kSchemaVersion = 1;

void write_json_atomic(const std::filesystem::path& path, const nlohmann::json& value);
void write_text_atomic(const std::filesystem::path& path, const std::string& text);

class JsonlWriter {
 public:
  // Appends to `path` (created if missing).
  explicit JsonlWriter(const std::filesystem::path& path);
  ~JsonlWriter();
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;

  // One compact line, flushed; `durable` also fsyncs (end of a round).
  void append(const nlohmann::json& value, bool durable = false);

 private:
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
};

// `meta.json` content: command line, bdal and LibTorch versions, threads,
// BLAS, host, UTC time.
nlohmann::json run_meta(const std::vector<std::string>& command_line);

// Current UTC time as ISO 8601, e.g. 2026-11-22T01:02:03Z.
std::string utc_now_iso8601();

}  // namespace bdal::core
