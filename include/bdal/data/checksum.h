// SHA-256 of files and buffers (OpenSSL), as lowercase hex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bdal::data {

std::string sha256_hex(const std::vector<uint8_t>& bytes);
std::string sha256_file(const std::filesystem::path& path);

}  // namespace bdal::data
