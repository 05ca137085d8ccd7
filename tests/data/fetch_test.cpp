// `bdal data fetch` without the internet: file:// mirrors stand in for the
// download sites, and 127.0.0.1:9 (nothing listens there) for a dead one.
// What matters is that only verified files ever appear under their final
// names, and that failures say which mirror failed why.
#include "bdal/core/error.h"
#include "bdal/data/checksum.h"
#include "bdal/data/fetch.h"
#include "bdal/data/file_bytes.h"
#include "bdal/data/idx_images.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bdal::data {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::TempDir;
using bdal::testing::test_data_dir;
using bdal::testing::write_bytes;

std::string file_url(const std::filesystem::path& dir) { return "file://" + dir.string() + "/"; }

// Collects log lines; `count` how many contain a phrase.
struct Log {
  std::vector<std::string> lines;
  FetchLog sink() {
    return [this](const std::string& line) { lines.push_back(line); };
  }
  int count(const std::string& phrase) const {
    int n = 0;
    for (const auto& l : lines) n += l.find(phrase) != std::string::npos;
    return n;
  }
  std::string all() const {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
  }
};

// A four-file dataset of a few bytes each, with its true checksums, served
// from a "mirror" directory.
struct TinyDataset {
  TempDir root;
  IdxImageSpec spec;
  std::array<Bytes, 4> contents{Bytes{1, 2, 3}, Bytes{4, 5}, Bytes{6, 7, 8, 9}, Bytes{10}};

  TinyDataset() {
    spec.name = "tiny";
    spec.title = "Tiny";
    const char* names[] = {"a.gz", "b.gz", "c.gz", "d.gz"};
    for (size_t i = 0; i < 4; ++i) spec.files[i] = {names[i], sha256_hex(contents[i])};
    std::filesystem::create_directories(mirror());
    for (size_t i = 0; i < 4; ++i) write_bytes(mirror() / names[i], contents[i]);
  }
  std::filesystem::path mirror() const { return root.path() / "mirror"; }
  std::filesystem::path data_dir() const { return root.path() / "data"; }
  std::filesystem::path target(size_t i) const {
    return data_dir() / spec.name / spec.files[i].name;
  }
  FetchOptions options() const {
    FetchOptions o;
    o.mirrors = {file_url(mirror())};
    o.connect_timeout_seconds = 5;
    return o;
  }
};

bool has_part_files(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir)) return false;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".part") return true;
  return false;
}

TEST(Fetch, DownloadsAndVerifiesEveryFile) {
  TinyDataset t;
  Log log;
  const auto dir = fetch_dataset(t.spec, t.data_dir(), t.options(), log.sink());
  EXPECT_EQ(dir, t.data_dir() / "tiny");
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(read_file(t.target(i)), t.contents[i]) << i;
  EXPECT_FALSE(has_part_files(dir));
  EXPECT_EQ(log.count(": SHA-256 verified"), 4) << log.all();
  EXPECT_EQ(log.count("downloading " + file_url(t.mirror()) + "a.gz"), 1) << log.all();
}

TEST(Fetch, SecondFetchFindsVerifiedFiles) {
  TinyDataset t;
  Log first, second;
  fetch_dataset(t.spec, t.data_dir(), t.options(), first.sink());
  // Remove the mirror: a second fetch must not need it.
  std::filesystem::remove_all(t.mirror());
  fetch_dataset(t.spec, t.data_dir(), t.options(), second.sink());
  EXPECT_EQ(second.count("present, SHA-256 verified"), 4) << second.all();
  EXPECT_EQ(second.count("downloading"), 0) << second.all();
}

TEST(Fetch, ForceDownloadsAgain) {
  TinyDataset t;
  Log first, second;
  fetch_dataset(t.spec, t.data_dir(), t.options(), first.sink());
  FetchOptions o = t.options();
  o.force = true;
  fetch_dataset(t.spec, t.data_dir(), o, second.sink());
  EXPECT_EQ(second.count("downloading"), 4) << second.all();
  EXPECT_EQ(second.count("present"), 0) << second.all();
}

TEST(Fetch, ReplacesALocalCopyThatDoesNotMatch) {
  TinyDataset t;
  std::filesystem::create_directories(t.data_dir() / "tiny");
  write_bytes(t.target(1), {0xde, 0xad});
  Log log;
  fetch_dataset(t.spec, t.data_dir(), t.options(), log.sink());
  EXPECT_EQ(log.count("present but its SHA-256 does not match; downloading again"), 1) << log.all();
  EXPECT_EQ(read_file(t.target(1)), t.contents[1]);
}

TEST(Fetch, FallsBackToTheNextMirror) {
  TinyDataset t;
  FetchOptions o = t.options();
  const auto empty_mirror = t.root.path() / "empty-mirror";
  std::filesystem::create_directories(empty_mirror);
  o.mirrors.insert(o.mirrors.begin(), file_url(empty_mirror));
  Log log;
  fetch_dataset(t.spec, t.data_dir(), o, log.sink());
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(read_file(t.target(i)), t.contents[i]);
  EXPECT_EQ(log.count("downloading " + file_url(empty_mirror)), 4) << log.all();
}

TEST(FetchErrors, CorruptFileOnTheMirrorIsRefusedAndLeavesNothing) {
  TinyDataset t;
  write_bytes(t.mirror() / "b.gz", {4, 6});  // same size, one byte changed
  Log log;
  try {
    fetch_dataset(t.spec, t.data_dir(), t.options(), log.sink());
    FAIL() << "a file with the wrong SHA-256 was accepted";
  } catch (const UsageError& e) {
    FAIL() << "a bad download is a runtime error, got UsageError: " << e.what();
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_TRUE(HasSubstr(msg, "b.gz"));
    EXPECT_TRUE(HasSubstr(msg, "SHA-256 " + sha256_hex({4, 6})));
    EXPECT_TRUE(HasSubstr(msg, "does not match the published " + t.spec.files[1].sha256));
  }
  // The file before it was verified and kept; the corrupt one exists under
  // no name at all — neither its final name nor as a .part file.
  EXPECT_TRUE(std::filesystem::exists(t.target(0)));
  EXPECT_FALSE(std::filesystem::exists(t.target(1)));
  EXPECT_FALSE(has_part_files(t.data_dir() / "tiny"));
  EXPECT_FALSE(std::filesystem::exists(t.target(2)));
}

TEST(FetchErrors, FileMissingOnEveryMirror) {
  TinyDataset t;
  std::filesystem::remove(t.mirror() / "c.gz");
  try {
    fetch_dataset(t.spec, t.data_dir(), t.options(), Log().sink());
    FAIL() << "fetch succeeded without c.gz";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_TRUE(HasSubstr(msg, "could not get c.gz (Tiny)"));
    EXPECT_TRUE(HasSubstr(msg, file_url(t.mirror()) + "c.gz: "));  // the URL and why
  }
  EXPECT_FALSE(std::filesystem::exists(t.target(2)));
  EXPECT_FALSE(has_part_files(t.data_dir() / "tiny"));
}

TEST(FetchErrors, UnreachableMirrorSaysEveryMirrorFailedAndHowToCopyByHand) {
  // Port 9 (discard) on loopback: nothing listens, so the connection is
  // refused at once; no traffic leaves the machine.
  TinyDataset t;
  FetchOptions o;
  o.mirrors = {"http://127.0.0.1:9/"};
  o.connect_timeout_seconds = 5;
  try {
    fetch_dataset(t.spec, t.data_dir(), o, Log().sink());
    FAIL() << "fetch from a dead mirror succeeded";
  } catch (const UsageError& e) {
    FAIL() << "an unreachable mirror is a runtime error, got UsageError: " << e.what();
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_TRUE(HasSubstr(msg, "every mirror failed"));
    EXPECT_TRUE(HasSubstr(msg, "http://127.0.0.1:9/a.gz"));
    EXPECT_TRUE(HasSubstr(msg, "by hand"));
    EXPECT_TRUE(HasSubstr(msg, (t.data_dir() / "tiny").string()));
  }
  EXPECT_FALSE(std::filesystem::exists(t.target(0)));
  EXPECT_FALSE(has_part_files(t.data_dir() / "tiny"));
}

TEST(FetchErrors, EveryFailedMirrorIsListed) {
  TinyDataset t;
  FetchOptions o;
  o.mirrors = {"http://127.0.0.1:9/", file_url(t.root.path() / "nowhere")};
  o.connect_timeout_seconds = 5;
  try {
    fetch_dataset(t.spec, t.data_dir(), o, Log().sink());
    FAIL() << "fetch succeeded";
  } catch (const Error& e) {
    EXPECT_TRUE(HasSubstr(e.what(), "http://127.0.0.1:9/a.gz: "));
    EXPECT_TRUE(HasSubstr(e.what(), file_url(t.root.path() / "nowhere") + "a.gz: "));
  }
}

TEST(FetchErrors, NoMirrorsIsAUsageError) {
  TinyDataset t;
  t.spec.mirrors.clear();
  try {
    fetch_dataset(t.spec, t.data_dir(), FetchOptions{}, Log().sink());
    FAIL() << "fetch without mirrors succeeded";
  } catch (const UsageError& e) {
    EXPECT_TRUE(HasSubstr(e.what(), "Tiny has no download mirrors"));
  }
  try {
    fetch_dataset(fashion_mnist_spec(), t.data_dir(), FetchOptions{}, Log().sink());
    FAIL() << "fetching Fashion-MNIST succeeded";
  } catch (const UsageError& e) {
    EXPECT_TRUE(HasSubstr(e.what(), "dataset-fashion-mnist"));
  }
}

TEST(Fetch, RealMnistFromAFileMirror) {
  // The real spec and its published checksums, served from the test data
  // directory itself (read-only is fine: it is only read).
  BDAL_REQUIRE_MNIST();
  TempDir data;
  FetchOptions o;
  o.mirrors = {file_url(test_data_dir() / "mnist")};
  Log first;
  const auto dir = fetch_dataset(mnist_spec(), data.path(), o, first.sink());
  EXPECT_EQ(dir, data.path() / "mnist");
  for (const auto& f : mnist_spec().files) {
    ASSERT_TRUE(std::filesystem::is_regular_file(dir / f.name)) << f.name;
    EXPECT_EQ(sha256_file(dir / f.name), f.sha256) << f.name;
  }
  EXPECT_EQ(first.count(": SHA-256 verified"), 4) << first.all();
  EXPECT_FALSE(has_part_files(dir));

  Log second;
  fetch_dataset(mnist_spec(), data.path(), o, second.sink());
  EXPECT_EQ(second.count("present, SHA-256 verified"), 4) << second.all();
}

}  // namespace
}  // namespace bdal::data
