// Reading predictions written by other programs: .npy (both dtypes, both
// orders, 1-D shapes) and torch.save files, and clear errors otherwise.
#include "bdal/data/tensor_file.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/serialize.h>

#include <fstream>

#include "test_support.h"

namespace bdal::data {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::TempDir;

void write_raw(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

// A version-1 .npy file from its header dict and raw data, as numpy writes it.
std::string npy(const std::string& dict, const std::string& data) {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += char(header.size() & 0xff);
  out += char(header.size() >> 8);
  return out + header + data;
}

TEST(TensorFile, NpyRoundTripsBothDtypesAndShapes) {
  TempDir dir;
  const at::Tensor a = at::arange(24, at::kFloat).view({2, 3, 4}) / 7.0;
  write_npy(dir / "a.npy", a);
  EXPECT_TRUE(at::equal(read_tensor_file(dir / "a.npy"), a.to(at::kDouble)));
  const at::Tensor b = at::linspace(0, 1, 5, at::kDouble);
  write_npy(dir / "b.npy", b);
  const at::Tensor back = read_tensor_file(dir / "b.npy");
  EXPECT_EQ(back.sizes(), b.sizes());
  EXPECT_TRUE(at::equal(back, b));
}

TEST(TensorFile, FortranOrderIsTransposedBack) {
  // The 2x3 matrix [[0, 1, 2], [3, 4, 5]] in column-major order: 0 3 1 4 2 5.
  const double column_major[] = {0, 3, 1, 4, 2, 5};
  TempDir dir;
  write_raw(dir / "f.npy", npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                               std::string(reinterpret_cast<const char*>(column_major), 48)));
  EXPECT_TRUE(at::equal(read_tensor_file(dir / "f.npy"), at::arange(6, at::kDouble).view({2, 3})));
}

TEST(TensorFile, TorchSaveFilesAreRead) {
  TempDir dir;
  const at::Tensor t = at::randn({4, 2, 3});
  const std::vector<char> bytes = torch::pickle_save(t);
  write_raw(dir / "t.pt", std::string(bytes.begin(), bytes.end()));
  EXPECT_TRUE(at::equal(read_tensor_file(dir / "t.pt"), t.to(at::kDouble)));
  const std::vector<char> not_a_tensor = torch::pickle_save(c10::IValue(int64_t(3)));
  write_raw(dir / "i.pt", std::string(not_a_tensor.begin(), not_a_tensor.end()));
  EXPECT_TRUE(
      HasSubstr(bdal::testing::runtime_error_message([&] { read_tensor_file(dir / "i.pt"); }),
                "not a tensor"));
}

TEST(TensorFile, BadFilesAreUsageErrorsNamingTheFile) {
  TempDir dir;
  auto message = [&](const std::string& name) {
    return bdal::testing::runtime_error_message([&] { read_tensor_file(dir / name); });
  };
  EXPECT_TRUE(HasSubstr(message("missing.npy"), "missing.npy' does not exist"));
  write_raw(dir / "i.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
                               std::string(16, '\0')));
  EXPECT_TRUE(HasSubstr(message("i.npy"), "dtype '<i8'"));
  write_raw(dir / "short.npy",
            npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", std::string(8, '\0')));
  EXPECT_TRUE(HasSubstr(message("short.npy"), "needs 12 bytes of data, the file has 8"));
  write_raw(dir / "text.csv", "0.1,0.9\n");
  EXPECT_TRUE(HasSubstr(message("text.csv"), "neither a NumPy .npy file nor a torch.save file"));
}

}  // namespace
}  // namespace bdal::data
