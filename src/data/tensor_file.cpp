#include "bdal/data/tensor_file.h"

#include <ATen/ATen.h>
#include <torch/serialize.h>

#include <cstring>
#include <fstream>
#include <regex>

#include "bdal/core/error.h"
#include "bdal/data/file_bytes.h"

namespace bdal::data {
namespace {

constexpr char kNpyMagic[] = "\x93NUMPY";
constexpr size_t kNpyMagicSize = 6;

bool starts_with(const Bytes& bytes, const char* prefix, size_t n) {
  return bytes.size() >= n && std::memcmp(bytes.data(), prefix, n) == 0;
}

// Parses the header dict {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }.
at::Tensor parse_npy(const Bytes& bytes, const std::string& name) {
  BDAL_CHECK(bytes.size() >= 10, "'{}' is too short to be a .npy file", name);
  const int major = bytes[6];
  BDAL_CHECK(major >= 1 && major <= 3, "'{}': .npy format version {} is not supported", name,
             major);
  size_t header_len = 0, offset = 0;
  if (major == 1) {
    header_len = bytes[8] | (size_t(bytes[9]) << 8);
    offset = 10;
  } else {
    BDAL_CHECK(bytes.size() >= 12, "'{}' is too short to be a .npy file", name);
    header_len =
        bytes[8] | (size_t(bytes[9]) << 8) | (size_t(bytes[10]) << 16) | (size_t(bytes[11]) << 24);
    offset = 12;
  }
  BDAL_CHECK(offset + header_len <= bytes.size(), "'{}': the .npy header is cut off", name);
  const std::string header(bytes.begin() + offset, bytes.begin() + offset + header_len);
  std::smatch m;
  BDAL_CHECK(std::regex_search(header, m, std::regex(R"('descr'\s*:\s*'([^']*)')")),
             "'{}': the .npy header has no 'descr'", name);
  const std::string descr = m[1];
  at::ScalarType dtype;
  size_t item = 0;
  if (descr == "<f4" || descr == "=f4") {
    dtype = at::kFloat, item = 4;
  } else if (descr == "<f8" || descr == "=f8") {
    dtype = at::kDouble, item = 8;
  } else {
    throw Error(
        fmt::format("'{}' holds dtype '{}'; bdal reads float32 ('<f4') or float64 ('<f8') arrays",
                    name, descr));
  }
  BDAL_CHECK(std::regex_search(header, m, std::regex(R"('fortran_order'\s*:\s*(True|False))")),
             "'{}': the .npy header has no 'fortran_order'", name);
  const bool fortran = m[1] == "True";
  BDAL_CHECK(std::regex_search(header, m, std::regex(R"('shape'\s*:\s*\(([^)]*)\))")),
             "'{}': the .npy header has no 'shape'", name);
  std::vector<int64_t> shape;
  const std::string dims = m[1];
  const std::regex number(R"(\d+)");
  for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it)
    shape.push_back(std::stoll(it->str()));
  int64_t count = 1;
  for (int64_t d : shape) count *= d;
  const size_t data_offset = offset + header_len;
  BDAL_CHECK(bytes.size() - data_offset == size_t(count) * item,
             "'{}': shape {} needs {} bytes of data, the file has {}", name, fmt::join(shape, "x"),
             size_t(count) * item, bytes.size() - data_offset);
  if (fortran) std::reverse(shape.begin(), shape.end());
  at::Tensor t = at::empty(shape, dtype);
  std::memcpy(t.data_ptr(), bytes.data() + data_offset, size_t(count) * item);
  if (fortran) {
    std::vector<int64_t> reversed(shape.size());
    for (size_t i = 0; i < shape.size(); ++i) reversed[i] = int64_t(shape.size() - 1 - i);
    t = t.permute(reversed);
  }
  return t.to(at::kDouble).contiguous();
}

}  // namespace

at::Tensor read_tensor_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  BDAL_CHECK(std::filesystem::is_regular_file(path), "'{}' does not exist or is not a file", name);
  const Bytes bytes = read_file(path);
  if (starts_with(bytes, kNpyMagic, kNpyMagicSize)) return parse_npy(bytes, name);
  // torch.save writes a zip archive (PK\x03\x04).
  if (starts_with(bytes, "PK\x03\x04", 4)) {
    c10::IValue value;
    try {
      value = torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
    } catch (const std::exception& e) {
      throw Error(fmt::format("'{}' is a zip archive but not a readable torch.save file: {}", name,
                              std::string(e.what()).substr(0, 200)));
    }
    BDAL_CHECK(value.isTensor(), "'{}' holds a {}, not a tensor: torch.save the tensor itself",
               name, value.tagKind());
    const at::Tensor t = value.toTensor();
    BDAL_CHECK(t.is_floating_point(), "'{}' holds a {} tensor; bdal reads floating point", name,
               c10::toString(t.scalar_type()));
    return t.to(at::kDouble).contiguous();
  }
  throw Error(fmt::format(
      "'{}' is neither a NumPy .npy file nor a torch.save file (save with numpy.save or "
      "torch.save)",
      name));
}

void write_npy(const std::filesystem::path& path, const at::Tensor& tensor) {
  const at::Tensor t = tensor.contiguous();
  BDAL_CHECK(t.scalar_type() == at::kFloat || t.scalar_type() == at::kDouble,
             "write_npy writes float32 or float64, not {}", c10::toString(t.scalar_type()));
  // Python tuple syntax: "(3, 4)", "(3,)", "()".
  std::string shape = fmt::format("{}", fmt::join(t.sizes(), ", "));
  if (t.dim() == 1) shape += ",";
  std::string header = fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': ({}), }}",
                                   t.scalar_type() == at::kFloat ? "<f4" : "<f8", shape);
  // Magic (6) + version (2) + length (2) + header + '\n', padded to 64 bytes.
  const size_t unpadded = 10 + header.size() + 1;
  header += std::string((64 - unpadded % 64) % 64, ' ') + "\n";
  std::ofstream out(path, std::ios::binary);
  BDAL_CHECK(out.good(), "cannot write '{}'", path.string());
  out.write(kNpyMagic, kNpyMagicSize);
  const char version[2] = {1, 0};
  out.write(version, 2);
  const uint16_t len = static_cast<uint16_t>(header.size());
  const char len_bytes[2] = {char(len & 0xff), char(len >> 8)};
  out.write(len_bytes, 2);
  out << header;
  out.write(static_cast<const char*>(t.data_ptr()), t.numel() * t.element_size());
  BDAL_CHECK(out.good(), "cannot write '{}'", path.string());
}

}  // namespace bdal::data
