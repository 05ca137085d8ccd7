// The IDX parser against crafted files: every element type decoded from
// big-endian bytes to the right values, and every way a header or payload can
// be wrong reported with the file and the offending value.
#include "bdal/core/error.h"
#include "bdal/data/file_bytes.h"
#include "bdal/data/idx.h"
#include "test_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace bdal::data {
namespace {

using bdal::testing::gzip_bytes;
using bdal::testing::HasSubstr;
using bdal::testing::idx_bytes;
using bdal::testing::runtime_error_message;
using bdal::testing::TempDir;
using bdal::testing::write_bytes;

void put_be(Bytes& out, uint64_t value, int size) {
  for (int i = size - 1; i >= 0; --i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

uint32_t float_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

uint64_t double_bits(double d) {
  uint64_t u;
  std::memcpy(&u, &d, 8);
  return u;
}

// --- element types ----------------------------------------------------------

TEST(ParseIdx, Uint8Matrix) {
  const IdxArray a = parse_idx(idx_bytes(0x08, {2, 3}, {0, 1, 2, 127, 128, 255}), "u8");
  EXPECT_EQ(a.type_code, 0x08);
  EXPECT_EQ(a.dims, (std::vector<int64_t>{2, 3}));
  ASSERT_EQ(a.values.scalar_type(), at::kByte);
  EXPECT_EQ(a.values.sizes().vec(), (std::vector<int64_t>{2, 3}));
  // Row-major: element [1][0] is the fourth byte.
  EXPECT_EQ(a.values[0][0].item<int64_t>(), 0);
  EXPECT_EQ(a.values[0][2].item<int64_t>(), 2);
  EXPECT_EQ(a.values[1][0].item<int64_t>(), 127);
  EXPECT_EQ(a.values[1][1].item<int64_t>(), 128);  // unsigned: not -128
  EXPECT_EQ(a.values[1][2].item<int64_t>(), 255);
}

TEST(ParseIdx, Int8IsSigned) {
  const IdxArray a = parse_idx(idx_bytes(0x09, {4}, {0x00, 0x7f, 0x80, 0xff}), "i8");
  ASSERT_EQ(a.values.scalar_type(), at::kChar);
  EXPECT_EQ(a.values[0].item<int64_t>(), 0);
  EXPECT_EQ(a.values[1].item<int64_t>(), 127);
  EXPECT_EQ(a.values[2].item<int64_t>(), -128);
  EXPECT_EQ(a.values[3].item<int64_t>(), -1);
}

TEST(ParseIdx, Int16IsBigEndian) {
  // 0x0102 = 258 read big-endian (little-endian would give 513).
  const IdxArray a =
      parse_idx(idx_bytes(0x0B, {4}, {0x01, 0x02, 0xff, 0xfe, 0x80, 0x00, 0x7f, 0xff}), "i16");
  ASSERT_EQ(a.values.scalar_type(), at::kShort);
  EXPECT_EQ(a.values[0].item<int64_t>(), 258);
  EXPECT_EQ(a.values[1].item<int64_t>(), -2);
  EXPECT_EQ(a.values[2].item<int64_t>(), std::numeric_limits<int16_t>::min());
  EXPECT_EQ(a.values[3].item<int64_t>(), std::numeric_limits<int16_t>::max());
}

TEST(ParseIdx, Int32IsBigEndian) {
  Bytes payload;
  put_be(payload, 0x01020304u, 4);
  put_be(payload, 0xffffffffu, 4);
  put_be(payload, 0x80000000u, 4);
  put_be(payload, 60000u, 4);
  const IdxArray a = parse_idx(idx_bytes(0x0C, {2, 2}, payload), "i32");
  ASSERT_EQ(a.values.scalar_type(), at::kInt);
  EXPECT_EQ(a.values[0][0].item<int64_t>(), 0x01020304);
  EXPECT_EQ(a.values[0][1].item<int64_t>(), -1);
  EXPECT_EQ(a.values[1][0].item<int64_t>(), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(a.values[1][1].item<int64_t>(), 60000);
}

TEST(ParseIdx, Float32IsBigEndian) {
  // 1.5f = 0x3FC00000 spelled out, plus values whose bits are all different.
  const std::vector<float> expect{1.5f, -2.25f, 3.14159274f, 1e-30f, -0.0f,
                                  std::numeric_limits<float>::infinity()};
  Bytes payload{0x3f, 0xc0, 0x00, 0x00};
  for (size_t i = 1; i < expect.size(); ++i) put_be(payload, float_bits(expect[i]), 4);
  const IdxArray a = parse_idx(idx_bytes(0x0D, {2, 3}, payload), "f32");
  ASSERT_EQ(a.values.scalar_type(), at::kFloat);
  const at::Tensor flat = a.values.reshape({-1});
  for (size_t i = 0; i < expect.size(); ++i) {
    // Bit-exact: a swapped byte order never yields the same bits.
    EXPECT_EQ(float_bits(flat[static_cast<int64_t>(i)].item<float>()), float_bits(expect[i]))
        << "element " << i;
  }
}

TEST(ParseIdx, Float64IsBigEndian) {
  const std::vector<double> expect{1.5, -1234.5678e-200, 2.718281828459045};
  Bytes payload{0x3f, 0xf8, 0, 0, 0, 0, 0, 0};  // 1.5
  for (size_t i = 1; i < expect.size(); ++i) put_be(payload, double_bits(expect[i]), 8);
  const IdxArray a = parse_idx(idx_bytes(0x0E, {3}, payload), "f64");
  ASSERT_EQ(a.values.scalar_type(), at::kDouble);
  for (size_t i = 0; i < expect.size(); ++i)
    EXPECT_EQ(double_bits(a.values[static_cast<int64_t>(i)].item<double>()),
              double_bits(expect[i]))
        << "element " << i;
}

TEST(ParseIdx, HigherRankKeepsEveryDimension) {
  Bytes payload(2 * 3 * 4 * 5);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(i);
  const IdxArray a = parse_idx(idx_bytes(0x08, {2, 3, 4, 5}, payload), "rank4");
  EXPECT_EQ(a.dims, (std::vector<int64_t>{2, 3, 4, 5}));
  EXPECT_EQ(a.values.sizes().vec(), a.dims);
  EXPECT_EQ(a.values[1][2][3][4].item<int64_t>(), 119);  // the last element
  EXPECT_EQ(a.values[1][0][0][0].item<int64_t>(), 60);
}

TEST(ParseIdx, DimensionsAboveSixteenBitsAreDecoded) {
  // 70000 needs the third header byte: catches a parser that reads 16 bits.
  const Bytes payload(70000, 7);
  const IdxArray a = parse_idx(idx_bytes(0x08, {70000}, payload), "long");
  EXPECT_EQ(a.dims, (std::vector<int64_t>{70000}));
  EXPECT_EQ(a.values.sum().item<int64_t>(), 7 * 70000);
}

TEST(ParseIdx, ZeroSizedDimensionIsEmptyNotAnError) {
  const IdxArray a = parse_idx(idx_bytes(0x0C, {0, 5}, {}), "empty");
  EXPECT_EQ(a.dims, (std::vector<int64_t>{0, 5}));
  EXPECT_EQ(a.values.numel(), 0);
}

// --- bad headers -------------------------------------------------------------

TEST(ParseIdxErrors, WrongMagicNamesFileAndBytes) {
  Bytes b = idx_bytes(0x08, {1}, {0});
  b[0] = 0x1f;  // e.g. a gzip file passed to the raw parser
  b[1] = 0x8b;
  const std::string msg = runtime_error_message([&] { parse_idx(b, "some/file.idx"); });
  EXPECT_TRUE(HasSubstr(msg, "some/file.idx"));
  EXPECT_TRUE(HasSubstr(msg, "not an IDX file"));
  EXPECT_TRUE(HasSubstr(msg, "1f8b0801"));
}

TEST(ParseIdxErrors, NonzeroSecondMagicByte) {
  Bytes b = idx_bytes(0x08, {1}, {0});
  b[1] = 0x01;
  const std::string msg = runtime_error_message([&] { parse_idx(b, "second.idx"); });
  EXPECT_TRUE(HasSubstr(msg, "second.idx"));
  EXPECT_TRUE(HasSubstr(msg, "00010801"));
}

TEST(ParseIdxErrors, UnknownTypeCodes) {
  // 0x0A sits between the valid codes; 0x07/0x0F just outside; 0xFF far out.
  for (uint8_t code : {uint8_t{0x00}, uint8_t{0x07}, uint8_t{0x0A}, uint8_t{0x0F}, uint8_t{0xFF}}) {
    const std::string msg =
        runtime_error_message([&] { parse_idx(idx_bytes(code, {1}, {0}), "typed.idx"); });
    EXPECT_TRUE(HasSubstr(msg, "typed.idx"));
    EXPECT_TRUE(HasSubstr(msg, "unknown IDX type code"));
    EXPECT_TRUE(HasSubstr(msg, fmt::format("0x{:02x}", code)));
  }
}

TEST(ParseIdxErrors, RankZero) {
  const std::string msg = runtime_error_message([] { parse_idx({0, 0, 0x08, 0}, "r0.idx"); });
  EXPECT_TRUE(HasSubstr(msg, "r0.idx"));
  EXPECT_TRUE(HasSubstr(msg, "rank 0"));
}

TEST(ParseIdxErrors, ShorterThanTheMagic) {
  for (size_t n = 0; n < 4; ++n) {
    const Bytes b(n, 0);
    const std::string msg = runtime_error_message([&] { parse_idx(b, "tiny.idx"); });
    EXPECT_TRUE(HasSubstr(msg, "tiny.idx"));
    EXPECT_TRUE(HasSubstr(msg, fmt::format("({} bytes)", n)));
  }
}

TEST(ParseIdxErrors, HeaderTruncatedInsideTheDimensions) {
  // Rank 3 needs 4 + 12 header bytes; give two and a half dimensions.
  Bytes b = idx_bytes(0x08, {10, 28, 28}, {});
  b.resize(4 + 4 + 4 + 2);
  const std::string msg = runtime_error_message([&] { parse_idx(b, "hdr.idx"); });
  EXPECT_TRUE(HasSubstr(msg, "hdr.idx"));
  EXPECT_TRUE(HasSubstr(msg, "truncated inside its IDX header"));
  EXPECT_TRUE(HasSubstr(msg, "rank 3 needs 16 bytes, file has 14"));
}

TEST(ParseIdxErrors, PayloadTruncated) {
  const std::string msg = runtime_error_message(
      [] { parse_idx(idx_bytes(0x08, {2, 3}, {1, 2, 3, 4, 5}), "short.idx"); });
  EXPECT_TRUE(HasSubstr(msg, "short.idx"));
  EXPECT_TRUE(HasSubstr(msg, "truncated"));
  EXPECT_TRUE(HasSubstr(msg, "2x3 uint8"));
  EXPECT_TRUE(HasSubstr(msg, "(6 bytes of data)"));
  EXPECT_TRUE(HasSubstr(msg, "only 5 bytes follow"));
}

TEST(ParseIdxErrors, PayloadTruncatedCountsElementSize) {
  // 3 int32 = 12 bytes; 11 present. A parser that forgot the element size
  // would accept this.
  const std::string msg = runtime_error_message(
      [] { parse_idx(idx_bytes(0x0C, {3}, Bytes(11, 0)), "i32short.idx"); });
  EXPECT_TRUE(HasSubstr(msg, "i32short.idx"));
  EXPECT_TRUE(HasSubstr(msg, "3 int32 (12 bytes of data) but only 11"));
}

TEST(ParseIdxErrors, TrailingBytes) {
  const std::string msg = runtime_error_message(
      [] { parse_idx(idx_bytes(0x08, {2, 2}, {1, 2, 3, 4, 5, 6}), "long.idx"); });
  EXPECT_TRUE(HasSubstr(msg, "long.idx"));
  EXPECT_TRUE(HasSubstr(msg, "2 unexpected trailing bytes"));
  EXPECT_TRUE(HasSubstr(msg, "2x2 uint8"));
}

TEST(ParseIdxErrors, AbsurdDimensionsDoNotOverflowOrAllocate) {
  // 2^32-1 cubed overflows int64; must be refused before any allocation.
  const std::string msg = runtime_error_message([] {
    parse_idx(idx_bytes(0x0E, {0xffffffffu, 0xffffffffu, 0xffffffffu}, {}), "huge.idx");
  });
  EXPECT_TRUE(HasSubstr(msg, "huge.idx"));
  EXPECT_TRUE(HasSubstr(msg, "absurd"));
}

TEST(ParseIdxErrors, LargeButRepresentableSizeIsTruncatedNotAllocated) {
  // 2^32-1 doubles (32 GiB) fits the arithmetic; the missing payload must be
  // reported without trying to allocate it.
  const std::string msg = runtime_error_message(
      [] { parse_idx(idx_bytes(0x0E, {0xffffffffu}, {1, 2, 3}), "big.idx"); });
  EXPECT_TRUE(HasSubstr(msg, "big.idx"));
  EXPECT_TRUE(HasSubstr(msg, "4294967295 float64"));
  EXPECT_TRUE(HasSubstr(msg, "only 3 bytes follow"));
}

// --- files -------------------------------------------------------------------

TEST(ReadIdx, RawFile) {
  TempDir dir;
  write_bytes(dir / "a.idx", idx_bytes(0x0B, {2}, {0x12, 0x34, 0xab, 0xcd}));
  const IdxArray a = read_idx(dir / "a.idx");
  EXPECT_EQ(a.values[0].item<int64_t>(), 0x1234);
  EXPECT_EQ(a.values[1].item<int64_t>(), static_cast<int16_t>(0xabcd));
}

TEST(ReadIdx, GzipFileWrittenWithGzwrite) {
  TempDir dir;
  Bytes payload(3 * 4 * 4);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(i * 5);
  const Bytes raw = idx_bytes(0x08, {3, 4, 4}, payload);
  const auto path = dir / "images-idx3-ubyte.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, raw.data(), static_cast<unsigned>(raw.size())),
            static_cast<int>(raw.size()));
  ASSERT_EQ(gzclose(gz), Z_OK);

  const IdxArray a = read_idx(path);
  EXPECT_EQ(a.dims, (std::vector<int64_t>{3, 4, 4}));
  EXPECT_EQ(a.values[2][3][3].item<int64_t>(), static_cast<uint8_t>(47 * 5));
  // Same content as the raw file would give.
  write_bytes(dir / "images-idx3-ubyte", raw);
  EXPECT_TRUE(at::equal(a.values, read_idx(dir / "images-idx3-ubyte").values));
}

TEST(ReadIdx, GzipFloat32File) {
  TempDir dir;
  Bytes payload;
  put_be(payload, float_bits(-0.5f), 4);
  put_be(payload, float_bits(65504.0f), 4);
  write_bytes(dir / "f.gz", gzip_bytes(idx_bytes(0x0D, {2}, payload)));
  const IdxArray a = read_idx(dir / "f.gz");
  EXPECT_EQ(a.values[0].item<float>(), -0.5f);
  EXPECT_EQ(a.values[1].item<float>(), 65504.0f);
}

TEST(ReadIdxErrors, MessagesNameThePath) {
  // The file name, not a placeholder, reaches the user.
  TempDir dir;
  const auto path = dir / "bad-magic-idx1-ubyte";
  write_bytes(path, {0x01, 0x02, 0x08, 0x01, 0, 0, 0, 1, 0});
  const std::string msg = runtime_error_message([&] { read_idx(path); });
  EXPECT_TRUE(HasSubstr(msg, path.string()));
  EXPECT_TRUE(HasSubstr(msg, "01020801"));
}

TEST(ReadIdxErrors, TruncatedPayloadInsideAValidGzip) {
  // The gzip layer is fine; the IDX inside is short. The IDX check must still
  // name the .gz path.
  TempDir dir;
  const auto path = dir / "short-idx3-ubyte.gz";
  write_bytes(path, gzip_bytes(idx_bytes(0x08, {2, 2, 2}, Bytes(7, 1))));
  const std::string msg = runtime_error_message([&] { read_idx(path); });
  EXPECT_TRUE(HasSubstr(msg, path.string()));
  EXPECT_TRUE(HasSubstr(msg, "2x2x2 uint8 (8 bytes of data) but only 7"));
}

TEST(ReadIdxErrors, TruncatedGzip) {
  TempDir dir;
  Bytes payload(4000);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(i * 31 % 256);
  const Bytes gz = gzip_bytes(idx_bytes(0x08, {4000}, payload));
  const auto path = dir / "cut.gz";
  write_bytes(path, Bytes(gz.begin(), gz.begin() + static_cast<std::ptrdiff_t>(gz.size() / 2)));
  const std::string msg = runtime_error_message([&] { read_idx(path); });
  EXPECT_TRUE(HasSubstr(msg, path.string()));
  EXPECT_TRUE(HasSubstr(msg, "truncated gzip"));
}

TEST(ReadIdxErrors, CorruptGzip) {
  TempDir dir;
  Bytes payload(4000);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(i * i % 97);
  Bytes gz = gzip_bytes(idx_bytes(0x08, {4000}, payload));
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 4; ++i) gz[i] ^= 0xff;
  const auto path = dir / "flipped.gz";
  write_bytes(path, gz);
  const std::string msg = runtime_error_message([&] { read_idx(path); });
  EXPECT_TRUE(HasSubstr(msg, path.string()));
  EXPECT_TRUE(HasSubstr(msg, "gzip"));
}

TEST(ReadIdxErrors, MissingFile) {
  TempDir dir;
  const auto path = dir / "absent-idx1-ubyte.gz";
  const std::string msg = runtime_error_message([&] { read_idx(path); });
  EXPECT_TRUE(HasSubstr(msg, path.string()));
  EXPECT_TRUE(HasSubstr(msg, "No such file"));  // strerror(ENOENT)
}

}  // namespace
}  // namespace bdal::data
