#include "bdal/loop/rounds_file.h"

#include "bdal/core/error.h"
#include "bdal/data/file_bytes.h"

namespace bdal::loop {

RoundsFile read_rounds_file(const std::filesystem::path& path, bool repair) {
  RoundsFile out;
  if (!std::filesystem::exists(path)) return out;
  const auto bytes = data::read_file(path);
  const std::string text(bytes.begin(), bytes.end());
  size_t start = 0;
  size_t good_end = 0;  // byte offset just past the last complete line
  int64_t line_number = 0;
  while (start < text.size()) {
    ++line_number;
    const size_t newline = text.find('\n', start);
    const bool complete = newline != std::string::npos;
    const std::string line = text.substr(start, (complete ? newline : text.size()) - start);
    nlohmann::json value = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    const bool valid = complete && !value.is_discarded() && value.is_object();
    if (!valid) {
      const bool last = !complete || newline + 1 == text.size();
      BDAL_CHECK(last, "'{}' line {} is damaged (not a JSON record) and is not the last line",
                 path.string(), line_number);
      out.torn_line_removed = true;
      break;
    }
    out.records.push_back(std::move(value));
    good_end = newline + 1;
    start = newline + 1;
  }
  if (out.torn_line_removed && repair) std::filesystem::resize_file(path, good_end);
  return out;
}

}  // namespace bdal::loop
