// Where datasets are looked for: --data-dir beats BDAL_DATA_DIR beats
// $XDG_DATA_HOME/bdal beats ~/.local/share/bdal, and a dataset that is not
// found is reported with every place looked in and how to get it.
#include "bdal/core/error.h"
#include "bdal/data/data_dir.h"
#include "bdal/data/idx_images.h"
#include "bdal/data/registry.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iterator>
#include <optional>
#include <string>

namespace bdal::data {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::TempDir;
using bdal::testing::write_bytes;

// Saves the variables resolve_data_dir reads and restores them afterwards,
// so these tests cannot leak settings into others in the same process
// (test_data_dir() itself reads BDAL_DATA_DIR).
class DataDirEnv : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : kNames) {
      const char* v = std::getenv(name);
      saved_.push_back(v ? std::optional<std::string>(v) : std::nullopt);
    }
  }
  void TearDown() override {
    for (size_t i = 0; i < std::size(kNames); ++i) {
      if (saved_[i])
        setenv(kNames[i], saved_[i]->c_str(), 1);
      else
        unsetenv(kNames[i]);
    }
  }
  static void set(const char* name, const std::string& value) { setenv(name, value.c_str(), 1); }
  static void unset(const char* name) { unsetenv(name); }

 private:
  static constexpr const char* kNames[] = {kDataDirEnv, "XDG_DATA_HOME", "HOME"};
  std::vector<std::optional<std::string>> saved_;
};

TEST_F(DataDirEnv, OptionBeatsEnvironment) {
  set(kDataDirEnv, "/from/env");
  set("XDG_DATA_HOME", "/from/xdg");
  EXPECT_EQ(resolve_data_dir("/from/option"), std::filesystem::path("/from/option"));
  EXPECT_EQ(data_dir_origin("/from/option"), "--data-dir");
}

TEST_F(DataDirEnv, EnvironmentBeatsXdg) {
  set(kDataDirEnv, "/from/env");
  set("XDG_DATA_HOME", "/from/xdg");
  EXPECT_EQ(resolve_data_dir(""), std::filesystem::path("/from/env"));
  EXPECT_EQ(data_dir_origin(""), kDataDirEnv);
}

TEST_F(DataDirEnv, XdgDataHomeGetsABdalSubfolder) {
  unset(kDataDirEnv);
  set("XDG_DATA_HOME", "/from/xdg");
  set("HOME", "/home/someone");
  EXPECT_EQ(resolve_data_dir(""), std::filesystem::path("/from/xdg/bdal"));
  EXPECT_EQ(data_dir_origin(""), "default");
}

TEST_F(DataDirEnv, HomeIsTheLastResort) {
  unset(kDataDirEnv);
  unset("XDG_DATA_HOME");
  set("HOME", "/home/someone");
  EXPECT_EQ(resolve_data_dir(""), std::filesystem::path("/home/someone/.local/share/bdal"));
}

TEST_F(DataDirEnv, EmptyVariablesCountAsUnset) {
  // `BDAL_DATA_DIR= bdal ...` must not resolve to "" (the current directory).
  set(kDataDirEnv, "");
  set("XDG_DATA_HOME", "");
  set("HOME", "/home/someone");
  EXPECT_EQ(resolve_data_dir(""), std::filesystem::path("/home/someone/.local/share/bdal"));
  EXPECT_EQ(data_dir_origin(""), "default");
}

TEST_F(DataDirEnv, NothingSetStillGivesADirectory) {
  unset(kDataDirEnv);
  unset("XDG_DATA_HOME");
  unset("HOME");
  EXPECT_FALSE(resolve_data_dir("").empty());
}

TEST_F(DataDirEnv, DatasetRegistryUsesTheEnvironmentWhenNoOption) {
  // The loaders behind `--dataset` go through resolve_data_dir: with no
  // option the environment decides, and the error shows where it looked.
  TempDir empty;
  set(kDataDirEnv, empty.path().string());
  try {
    load_dataset("mnist", DatasetOptions{});
    FAIL() << "loading MNIST from an empty data dir succeeded";
  } catch (const UsageError& e) {
    FAIL() << "a missing dataset is a runtime error, got UsageError: " << e.what();
  } catch (const Error& e) {
    EXPECT_TRUE(HasSubstr(e.what(), (empty.path() / "mnist").string()));
  }
}

// --- locate ------------------------------------------------------------------

TEST(Locate, SearchDirsStartWithTheDataDir) {
  const auto dirs = search_dirs(fashion_mnist_spec(), "/data");
  ASSERT_EQ(dirs.size(), 2u);
  EXPECT_EQ(dirs[0], std::filesystem::path("/data/fashion-mnist"));
  EXPECT_EQ(dirs[1], std::filesystem::path(kDebianFashionMnistDir));
  EXPECT_EQ(search_dirs(mnist_spec(), "/data"),
            std::vector<std::filesystem::path>{"/data/mnist"});
}

TEST(Locate, MissingMnistSaysWhereItLookedAndHowToFetch) {
  TempDir dir;
  try {
    locate(mnist_spec(), dir.path());
    FAIL() << "locate succeeded in an empty directory";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_TRUE(HasSubstr(msg, "MNIST not found"));
    EXPECT_TRUE(HasSubstr(msg, (dir.path() / "mnist").string() + " (not there)"));
    EXPECT_TRUE(HasSubstr(msg, "bdal data fetch mnist --data-dir " + dir.path().string()));
  }
}

TEST(Locate, PartialCopyListsTheMissingFiles) {
  TempDir dir;
  std::filesystem::create_directories(dir / "mnist");
  write_bytes(dir.path() / "mnist" / "train-images-idx3-ubyte.gz", {1});
  // A decompressed copy counts as present too.
  write_bytes(dir.path() / "mnist" / "train-labels-idx1-ubyte", {1});
  try {
    locate(mnist_spec(), dir.path());
    FAIL() << "locate accepted two of four files";
  } catch (const Error& e) {
    EXPECT_TRUE(HasSubstr(e.what(), "(missing t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)"));
  }
}

TEST(Locate, AllFourFilesGzOrRawAreFound) {
  TempDir dir;
  const auto mnist = dir.path() / "mnist";
  std::filesystem::create_directories(mnist);
  write_bytes(mnist / "train-images-idx3-ubyte.gz", {1});
  write_bytes(mnist / "train-labels-idx1-ubyte", {1});
  write_bytes(mnist / "t10k-images-idx3-ubyte", {1});
  write_bytes(mnist / "t10k-labels-idx1-ubyte.gz", {1});
  EXPECT_EQ(locate(mnist_spec(), dir.path()), mnist);
}

TEST(Locate, FashionMnistHintsAtTheDebianPackage) {
  // The same spec, with a system directory that does not exist: both places
  // are listed and the fix is the apt package, not a download.
  TempDir dir;
  IdxImageSpec spec = fashion_mnist_spec();
  spec.system_dirs = {dir.path() / "usr-share-nothing"};
  try {
    locate(spec, dir.path());
    FAIL() << "locate succeeded with no files anywhere";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_TRUE(HasSubstr(msg, "Fashion-MNIST not found"));
    EXPECT_TRUE(HasSubstr(msg, (dir.path() / "fashion-mnist").string() + " (not there)"));
    EXPECT_TRUE(HasSubstr(msg, (dir.path() / "usr-share-nothing").string() + " (not there)"));
    EXPECT_TRUE(HasSubstr(msg, "apt-get install dataset-fashion-mnist"));
    EXPECT_FALSE(HasSubstr(msg, "bdal data fetch"));
  }
}

TEST(Locate, DataDirCopyBeatsTheSystemCopy) {
  TempDir dir;
  const auto mine = dir.path() / "fashion-mnist";
  std::filesystem::create_directories(mine);
  for (const auto& f : fashion_mnist_spec().files) write_bytes(mine / f.name, {1});
  EXPECT_EQ(locate(fashion_mnist_spec(), dir.path()), mine);
}

TEST(Locate, FashionMnistFoundInDebianLocation) {
  // dataset-fashion-mnist is a declared dependency: its absence is a broken
  // installation, reported as a failure rather than a skip.
  ASSERT_TRUE(std::filesystem::is_directory(kDebianFashionMnistDir))
      << "install Debian's dataset-fashion-mnist package";
  TempDir empty;
  EXPECT_EQ(locate(fashion_mnist_spec(), empty.path()),
            std::filesystem::path(kDebianFashionMnistDir));
}

}  // namespace
}  // namespace bdal::data
