// Whole-file reading with transparent gzip decompression. A truncated or
// corrupt gzip stream is an error naming the file, never a short buffer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bdal::data {

using Bytes = std::vector<uint8_t>;

// The file's raw bytes.
Bytes read_file(const std::filesystem::path& path);

// The file's content: decompressed when it starts with the gzip magic
// (whatever its name), as-is otherwise.
Bytes read_maybe_gzip(const std::filesystem::path& path);

// Decompresses a complete gzip stream (all members); `what` names it in errors.
Bytes gunzip(const Bytes& compressed, const std::string& what);

// One gzip member holding `raw` (level 6; no file name or time in the header,
// so the same bytes always compress to the same file).
Bytes gzip(const Bytes& raw);

// Writes `bytes` to `path` atomically: a .tmp file renamed into place.
void write_file_atomic(const std::filesystem::path& path, const Bytes& bytes);

}  // namespace bdal::data
