// file_bytes: whole-file reads and gunzip. The contract under test is that a
// damaged gzip stream always becomes a bdal::Error naming the file — never a
// short buffer handed on to the IDX parser, never a crash.
#include "bdal/core/error.h"
#include "bdal/data/file_bytes.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

namespace bdal::data {
namespace {

using bdal::testing::gzip_bytes;
using bdal::testing::HasSubstr;
using bdal::testing::runtime_error_message;
using bdal::testing::TempDir;
using bdal::testing::write_bytes;

// Compressible but not trivial content, so the deflate body uses dynamic
// Huffman blocks with back-references — the interesting case to corrupt.
Bytes sample_content(size_t n = 64 * 1024) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>((i * i + i / 7) % 61);
  return b;
}

TEST(ReadFile, ReturnsExactBytes) {
  TempDir dir;
  const Bytes content{0x00, 0x1f, 0x8b, 0xff, 0x10, 0x00};
  write_bytes(dir / "f.bin", content);
  EXPECT_EQ(read_file(dir / "f.bin"), content);
}

TEST(ReadFile, EmptyFileIsEmpty) {
  TempDir dir;
  write_bytes(dir / "empty", {});
  EXPECT_TRUE(read_file(dir / "empty").empty());
}

TEST(ReadFile, MissingFileNamesIt) {
  TempDir dir;
  const auto path = dir / "nope.gz";
  const std::string msg = runtime_error_message([&] { read_file(path); });
  EXPECT_TRUE(HasSubstr(msg, path.string()));
  EXPECT_TRUE(HasSubstr(msg, "cannot open"));
}

TEST(ReadFile, DirectoryIsAnErrorNotACrash) {
  TempDir dir;
  // Opening a directory as a stream "succeeds" on Linux; the size check
  // must still turn it into an error naming the path.
  const std::string msg = runtime_error_message([&] { read_file(dir.path()); });
  EXPECT_TRUE(HasSubstr(msg, dir.path().string()));
  EXPECT_TRUE(HasSubstr(msg, "not a regular file"));
}

TEST(Gunzip, RoundTripsADeflateInit2Stream) {
  const Bytes raw = sample_content();
  EXPECT_EQ(gunzip(gzip_bytes(raw), "mem"), raw);
}

TEST(Gunzip, RoundTripsStoredAndBestCompression) {
  const Bytes raw = sample_content(10000);
  EXPECT_EQ(gunzip(gzip_bytes(raw, 0), "stored"), raw);
  EXPECT_EQ(gunzip(gzip_bytes(raw, 9), "best"), raw);
}

TEST(Gunzip, OutputLargerThanOneChunk) {
  // More than the 1 MiB output chunk and a ratio far above the 4x reserve:
  // exercises the grow-and-continue path.
  const Bytes raw(3 * 1024 * 1024 + 17, 0x42);
  EXPECT_EQ(gunzip(gzip_bytes(raw), "big"), raw);
}

TEST(Gunzip, EmptyPayload) { EXPECT_TRUE(gunzip(gzip_bytes({}), "empty").empty()); }

TEST(Gunzip, ConcatenatedMembersAreAllDecompressed) {
  // `cat a.gz b.gz` is a valid gzip file holding a then b; stopping after the
  // first member would silently drop data.
  const Bytes a{1, 2, 3}, b{4, 5, 6, 7};
  Bytes both = gzip_bytes(a);
  const Bytes gb = gzip_bytes(b);
  both.insert(both.end(), gb.begin(), gb.end());
  EXPECT_EQ(gunzip(both, "two members"), (Bytes{1, 2, 3, 4, 5, 6, 7}));
}

TEST(Gunzip, EmptyInputIsTruncated) {
  const std::string msg = runtime_error_message([] { gunzip({}, "nothing.gz"); });
  EXPECT_TRUE(HasSubstr(msg, "nothing.gz"));
  EXPECT_TRUE(HasSubstr(msg, "truncated"));
}

TEST(Gunzip, EveryTruncationPointIsAnError) {
  // Cut a valid stream at every length: each prefix must be reported, whether
  // the cut falls in the header, the deflate body or the CRC/size trailer.
  const Bytes gz = gzip_bytes(sample_content(4096));
  for (size_t cut = 0; cut < gz.size(); ++cut) {
    const Bytes prefix(gz.begin(), gz.begin() + static_cast<std::ptrdiff_t>(cut));
    const std::string msg = runtime_error_message([&] { gunzip(prefix, "cut.gz"); });
    EXPECT_TRUE(HasSubstr(msg, "cut.gz")) << "cut at " << cut;
    EXPECT_TRUE(HasSubstr(msg, "truncated")) << "cut at " << cut;
  }
}

TEST(Gunzip, CorruptCrcIsAnError) {
  Bytes gz = gzip_bytes(sample_content());
  gz[gz.size() - 8] ^= 0x01;  // first byte of the CRC-32 trailer
  const std::string msg = runtime_error_message([&] { gunzip(gz, "crc.gz"); });
  EXPECT_TRUE(HasSubstr(msg, "crc.gz"));
  EXPECT_TRUE(HasSubstr(msg, "corrupt gzip"));
  EXPECT_TRUE(HasSubstr(msg, "incorrect data check"));  // zlib's own words, passed on
}

TEST(Gunzip, CorruptLengthTrailerIsAnError) {
  Bytes gz = gzip_bytes(sample_content());
  gz[gz.size() - 1] ^= 0x80;  // ISIZE (uncompressed length mod 2^32)
  const std::string msg = runtime_error_message([&] { gunzip(gz, "isize.gz"); });
  EXPECT_TRUE(HasSubstr(msg, "isize.gz"));
  EXPECT_TRUE(HasSubstr(msg, "corrupt gzip"));
}

TEST(Gunzip, FlippedBytesInTheDeflateBodyAreAnError) {
  const Bytes good = gzip_bytes(sample_content());
  // Several places in the body, so the test does not hinge on one lucky
  // offset; each damaged stream must be refused (bad code, bad distance or
  // a CRC mismatch — zlib decides which).
  for (size_t at : {size_t{12}, good.size() / 4, good.size() / 2, good.size() - 20}) {
    Bytes gz = good;
    for (size_t i = 0; i < 4; ++i) gz[at + i] ^= 0xff;
    const std::string msg = runtime_error_message([&] { gunzip(gz, "flipped.gz"); });
    EXPECT_TRUE(HasSubstr(msg, "flipped.gz")) << "flipped at " << at;
    EXPECT_TRUE(HasSubstr(msg, "gzip")) << "flipped at " << at;
  }
}

TEST(Gunzip, ZlibWrapperIsNotAcceptedAsGzip) {
  // windowBits 15 alone = zlib wrapper: gunzip accepts gzip only.
  const Bytes raw = sample_content(1000);
  uLongf len = compressBound(raw.size());
  Bytes z(len);
  ASSERT_EQ(compress(z.data(), &len, raw.data(), raw.size()), Z_OK);
  z.resize(len);
  const std::string msg = runtime_error_message([&] { gunzip(z, "zlib.z"); });
  EXPECT_TRUE(HasSubstr(msg, "zlib.z"));
  EXPECT_TRUE(HasSubstr(msg, "corrupt gzip"));
}

TEST(Gunzip, TrailingGarbageAfterAMemberIsAnError) {
  // Bytes after the last member are not silently ignored: they are either a
  // broken second member or damage.
  Bytes gz = gzip_bytes({9, 9, 9});
  for (uint8_t b : {'j', 'u', 'n', 'k'}) gz.push_back(b);
  const std::string msg = runtime_error_message([&] { gunzip(gz, "garbage.gz"); });
  EXPECT_TRUE(HasSubstr(msg, "garbage.gz"));
}

TEST(ReadMaybeGzip, DecompressesAGzopenFile) {
  TempDir dir;
  const auto path = dir / "data.gz";
  const Bytes raw = sample_content(20000);
  gzFile gz = gzopen(path.c_str(), "wb9");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, raw.data(), static_cast<unsigned>(raw.size())),
            static_cast<int>(raw.size()));
  ASSERT_EQ(gzclose(gz), Z_OK);
  EXPECT_EQ(read_maybe_gzip(path), raw);
}

TEST(ReadMaybeGzip, DetectsByMagicNotByName) {
  TempDir dir;
  const Bytes raw = sample_content(500);
  // gzip content under a plain name is decompressed ...
  write_bytes(dir / "plain-name", gzip_bytes(raw));
  EXPECT_EQ(read_maybe_gzip(dir / "plain-name"), raw);
  // ... and plain content under a .gz name is returned as it is.
  write_bytes(dir / "fake.gz", raw);
  EXPECT_EQ(read_maybe_gzip(dir / "fake.gz"), raw);
}

TEST(ReadMaybeGzip, ShortNonGzipFilesPassThrough) {
  TempDir dir;
  write_bytes(dir / "one", {0x1f});
  EXPECT_EQ(read_maybe_gzip(dir / "one"), (Bytes{0x1f}));
  write_bytes(dir / "zero", {});
  EXPECT_TRUE(read_maybe_gzip(dir / "zero").empty());
}

TEST(ReadMaybeGzip, TruncatedFileNamesThePath) {
  TempDir dir;
  const Bytes gz = gzip_bytes(sample_content());
  const auto path = dir / "half.gz";
  write_bytes(path, Bytes(gz.begin(), gz.begin() + static_cast<std::ptrdiff_t>(gz.size() / 2)));
  const std::string msg = runtime_error_message([&] { read_maybe_gzip(path); });
  EXPECT_TRUE(HasSubstr(msg, path.string()));
  EXPECT_TRUE(HasSubstr(msg, "truncated gzip"));
  EXPECT_TRUE(HasSubstr(msg, std::to_string(gz.size() / 2)));  // how much there was
}

TEST(ReadMaybeGzip, CorruptFileNamesThePath) {
  TempDir dir;
  Bytes gz = gzip_bytes(sample_content());
  gz[gz.size() - 6] ^= 0x5a;  // inside the CRC
  const auto path = dir / "corrupt.gz";
  write_bytes(path, gz);
  const std::string msg = runtime_error_message([&] { read_maybe_gzip(path); });
  EXPECT_TRUE(HasSubstr(msg, path.string()));
  EXPECT_TRUE(HasSubstr(msg, "corrupt gzip"));
}

TEST(ReadMaybeGzip, MissingFileNamesThePath) {
  TempDir dir;
  const auto path = dir / "missing.gz";
  EXPECT_TRUE(HasSubstr(runtime_error_message([&] { read_maybe_gzip(path); }), path.string()));
}

}  // namespace
}  // namespace bdal::data
