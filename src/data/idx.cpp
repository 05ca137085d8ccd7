#include "bdal/data/idx.h"

#include "bdal/core/error.h"
#include "bdal/data/file_bytes.h"

#include <ATen/ATen.h>

#include <cstring>

namespace bdal::data {
namespace {

struct TypeInfo {
  at::ScalarType dtype;
  int64_t size;
  const char* name;
};

bool type_info(uint8_t code, TypeInfo* out) {
  switch (code) {
    case 0x08:
      *out = {at::kByte, 1, "uint8"};
      return true;
    case 0x09:
      *out = {at::kChar, 1, "int8"};
      return true;
    case 0x0B:
      *out = {at::kShort, 2, "int16"};
      return true;
    case 0x0C:
      *out = {at::kInt, 4, "int32"};
      return true;
    case 0x0D:
      *out = {at::kFloat, 4, "float32"};
      return true;
    case 0x0E:
      *out = {at::kDouble, 8, "float64"};
      return true;
    default:
      return false;
  }
}

uint32_t big_endian_u32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

IdxArray parse_idx(const std::vector<uint8_t>& bytes, const std::string& what) {
  BDAL_CHECK(bytes.size() >= 4, "'{}' is too short for an IDX header ({} bytes)", what,
             bytes.size());
  BDAL_CHECK(bytes[0] == 0 && bytes[1] == 0,
             "'{}' is not an IDX file: magic {:02x}{:02x}{:02x}{:02x} does not start with 0000",
             what, bytes[0], bytes[1], bytes[2], bytes[3]);
  IdxArray out;
  out.type_code = bytes[2];
  TypeInfo info{};
  BDAL_CHECK(type_info(out.type_code, &info), "'{}' has unknown IDX type code 0x{:02x}", what,
             out.type_code);
  const int rank = bytes[3];
  BDAL_CHECK(rank >= 1, "'{}' has IDX rank 0", what);
  const size_t header = 4 + 4 * static_cast<size_t>(rank);
  BDAL_CHECK(bytes.size() >= header,
             "'{}' is truncated inside its IDX header (rank {} needs {} bytes, file has {})", what,
             rank, header, bytes.size());
  // Guard the product against overflow: no real file holds more than 2^40 elements.
  constexpr int64_t kMaxElements = int64_t{1} << 40;
  int64_t count = 1;
  for (int i = 0; i < rank; ++i) {
    const int64_t d = big_endian_u32(bytes.data() + 4 + 4 * i);
    out.dims.push_back(d);
    if (d > 0 && count > kMaxElements / d)
      throw Error(fmt::format("'{}' declares an absurd IDX size (dims {})", what,
                              fmt::join(out.dims, "x")));
    count *= d;
  }
  const size_t payload = static_cast<size_t>(count * info.size);
  const size_t have = bytes.size() - header;
  BDAL_CHECK(have >= payload,
             "'{}' is truncated: header declares {} {} ({} bytes of data) but only {} bytes follow",
             what, fmt::join(out.dims, "x"), info.name, payload, have);
  BDAL_CHECK(have == payload,
             "'{}' has {} unexpected trailing bytes after the {} {} its header declares", what,
             have - payload, fmt::join(out.dims, "x"), info.name);

  out.values = at::empty(out.dims, at::TensorOptions().dtype(info.dtype));
  auto* dst = static_cast<uint8_t*>(out.values.data_ptr());
  const uint8_t* src = bytes.data() + header;
  if (info.size == 1) {
    std::memcpy(dst, src, payload);
  } else {
    // IDX is big-endian; swap each element into host order.
    for (int64_t i = 0; i < count; ++i)
      for (int64_t b = 0; b < info.size; ++b)
        dst[i * info.size + b] = src[i * info.size + (info.size - 1 - b)];
  }
  return out;
}

IdxArray read_idx(const std::filesystem::path& path) {
  return parse_idx(read_maybe_gzip(path), path.string());
}

std::vector<uint8_t> encode_idx_u8(const at::Tensor& values_u8) {
  BDAL_CHECK(values_u8.scalar_type() == at::kByte, "IDX writing needs uint8 values, got {}",
             std::string(c10::toString(values_u8.scalar_type())));
  BDAL_CHECK(values_u8.dim() >= 1 && values_u8.dim() <= 255, "IDX rank must be 1..255, got {}",
             values_u8.dim());
  std::vector<uint8_t> out{0, 0, 0x08, static_cast<uint8_t>(values_u8.dim())};
  for (int64_t d : values_u8.sizes()) {
    BDAL_CHECK(d <= 0xFFFFFFFFLL, "IDX dimension {} does not fit 32 bits", d);
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(d >> shift));
  }
  const at::Tensor flat = values_u8.contiguous().reshape(-1);
  out.insert(out.end(), flat.data_ptr<uint8_t>(), flat.data_ptr<uint8_t>() + flat.numel());
  return out;
}

void write_idx_gz(const std::filesystem::path& path, const at::Tensor& values_u8) {
  write_file_atomic(path, gzip(encode_idx_u8(values_u8)));
}

}  // namespace bdal::data
