// Reading rounds.jsonl back for resume. A crash can leave a torn last line
// (no newline, or not valid JSON); it is detected, reported and cut off. A
// bad line anywhere else means the file was damaged and is an error.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bdal::loop {

struct RoundsFile {
  std::vector<nlohmann::json> records;  // complete, in order
  bool torn_line_removed = false;
};

// Reads `path` (missing = no records); with `repair`, truncates a torn last
// line from the file itself.
RoundsFile read_rounds_file(const std::filesystem::path& path, bool repair);

}  // namespace bdal::loop
