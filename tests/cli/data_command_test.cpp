// `bdal data info`, `bdal data fetch` and `bdal list` on their happy paths:
// what a user reads to check that a dataset is complete and genuine.
#include "bdal/core/blas_core.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

namespace bdal::cli {
namespace {

using bdal::testing::CommandResult;
using bdal::testing::HasSubstr;
using bdal::testing::run_bdal;
using bdal::testing::shell_quote;
using bdal::testing::TempDir;
using bdal::testing::test_data_dir;

int occurrences(const std::string& text, const std::string& part) {
  int n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(CliData, InfoMnistPrintsCountsAndVerifiedChecksums) {
  BDAL_REQUIRE_MNIST();
  const CommandResult r = run_bdal("--data-dir " + shell_quote(test_data_dir()) + " data info mnist");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "60000 examples, inputs [1x28x28]"));
  EXPECT_TRUE(HasSubstr(r.output, "10000 examples, inputs [1x28x28]"));
  EXPECT_TRUE(
      HasSubstr(r.output, "per class: 5923 6742 5958 6131 5842 5421 5918 6265 5851 5949"));
  EXPECT_TRUE(HasSubstr(r.output, "per class: 980 1135 1032 1010 982 892 958 1028 974 1009"));
  // One verdict per file, all four matching the published checksums.
  EXPECT_EQ(occurrences(r.output, "[matches the original MNIST distribution"), 4) << r.output;
  EXPECT_EQ(occurrences(r.output, "DIFFERS"), 0) << r.output;
  EXPECT_TRUE(HasSubstr(
      r.output, "sha256 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"));
}

TEST(CliData, InfoFashionMnistFromDebian) {
  TempDir empty;  // nothing in the data dir: Debian's copy is used
  const CommandResult r =
      run_bdal("--data-dir " + shell_quote(empty.path()) + " data info fashion-mnist");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "/usr/share/datasets/fashion-mnist"));
  EXPECT_TRUE(HasSubstr(r.output, "per class: 6000 6000 6000 6000 6000 6000 6000 6000 6000 6000"));
  EXPECT_TRUE(HasSubstr(r.output, "per class: 1000 1000 1000 1000 1000 1000 1000 1000 1000 1000"));
  EXPECT_EQ(occurrences(r.output, "[matches Debian package dataset-fashion-mnist"), 4) << r.output;
}

TEST(CliData, InfoTwoMoons) {
  const CommandResult r = run_bdal("data info two-moons --moons-train 10 --moons-test 7");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "10 examples, inputs [2], per class: 5 5"));
  EXPECT_TRUE(HasSubstr(r.output, "7 examples, inputs [2], per class: 3 4"));
  EXPECT_EQ(occurrences(r.output, "sha256"), 0) << r.output;  // generated: no files
}

TEST(CliData, FetchMnistFromAFileMirrorThenFindItPresent) {
  BDAL_REQUIRE_MNIST();
  TempDir data;
  // The mirror is given without its trailing slash, as people type it.
  const std::string cmd = "--data-dir " + shell_quote(data.path()) + " data fetch mnist --mirror " +
                          shell_quote("file://" + (test_data_dir() / "mnist").string());
  CommandResult r = run_bdal(cmd);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "data directory: " + data.path().string() + " (from --data-dir)"));
  EXPECT_TRUE(HasSubstr(r.output, "MNIST is ready in " + (data.path() / "mnist").string()));
  EXPECT_EQ(occurrences(r.output, ": SHA-256 verified"), 4) << r.output;

  r = run_bdal(cmd);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(occurrences(r.output, "present, SHA-256 verified"), 4) << r.output;
  EXPECT_EQ(occurrences(r.output, "downloading"), 0) << r.output;

  // And the fetched copy is a dataset `data info` accepts as genuine.
  r = run_bdal("--data-dir " + shell_quote(data.path()) + " data info mnist");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(occurrences(r.output, "[matches the original MNIST distribution"), 4) << r.output;
}

TEST(CliList, ModelsWithParameterCounts) {
  const CommandResult r = run_bdal("list models");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Rows are "<name> <parameters> <help>"; collect name -> count.
  std::map<std::string, long> counts;
  std::istringstream lines(r.output);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream row(line);
    std::string name;
    long params = -1;
    if (row >> name >> params) counts[name] = params;
  }
  // Published architectures: LeNet-5 (padded conv1), Gal et al.'s CNN, a
  // 784-256-10 MLP, and the 2-50-50-2 two-moons MLP.
  EXPECT_EQ(counts["lenet5"], 61706) << r.output;
  EXPECT_EQ(counts["gal-cnn"], 513994) << r.output;
  EXPECT_EQ(counts["mlp"], 784 * 256 + 256 + 256 * 10 + 10) << r.output;  // 203530
  EXPECT_EQ(counts["moons-mlp"], 2 * 50 + 50 + 50 * 50 + 50 + 50 * 2 + 2) << r.output;
  EXPECT_EQ(counts.size(), 4u) << r.output;
}

TEST(CliList, Datasets) {
  const CommandResult r = run_bdal("list datasets");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* name : {"mnist", "fashion-mnist", "two-moons"})
    EXPECT_TRUE(HasSubstr(r.output, std::string(name) + " ")) << name;
}

TEST(CliVersion, PrintsRuntime) {
  const CommandResult r = run_bdal("--threads 1 version");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "bdal "));
  EXPECT_TRUE(HasSubstr(r.output, "LibTorch 1.13"));
  EXPECT_TRUE(HasSubstr(r.output, "intra-op threads: 1 of"));
}

// bdal re-executes itself with OPENBLAS_CORETYPE when OpenBLAS fell back to
// weaker kernels than the CPU has (see core/blas_core.h); the core it then
// reports is the better one. This test process did not re-execute, so it
// sees what OpenBLAS chose by itself.
TEST(CliVersion, RunsWithTheBestBlasKernelsForThisCpu) {
  const std::optional<std::string> own_core = core::blas_core_name();
  ASSERT_TRUE(own_core.has_value()) << "LibTorch did not load OpenBLAS";
  const std::string expected = core::better_blas_core().value_or(*own_core);
  const CommandResult r = run_bdal("--threads 1 version");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, " " + expected + " ")) << "expected core " << expected << "\n"
                                                         << r.output;
}

}  // namespace
}  // namespace bdal::cli
