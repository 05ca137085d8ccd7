// IDX files (the MNIST family's format), raw or gzip-compressed.
// Header: two zero bytes, a type code, the rank, then `rank` big-endian
// uint32 dimensions. Everything is read from the header and checked: the
// payload must be exactly prod(dims) * element size bytes.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace bdal::data {

struct IdxArray {
  uint8_t type_code = 0;      // 0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64
  std::vector<int64_t> dims;  // from the header
  at::Tensor values;          // shape `dims`, dtype matching type_code
};

// Parses a buffer; `what` names the source in error messages.
IdxArray parse_idx(const std::vector<uint8_t>& bytes, const std::string& what);

IdxArray read_idx(const std::filesystem::path& path);

// The IDX bytes of a uint8 tensor (type code 0x08, its shape as the dims).
std::vector<uint8_t> encode_idx_u8(const at::Tensor& values_u8);

// Writes a uint8 tensor as a gzip-compressed IDX file, atomically.
void write_idx_gz(const std::filesystem::path& path, const at::Tensor& values_u8);

}  // namespace bdal::data
