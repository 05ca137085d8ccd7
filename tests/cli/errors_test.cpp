// The bdal program's error contract, tested on the real binary: bad options
// and unknown names exit 2 with a message that says what is wrong and what
// would be right; broken files exit 1 naming the file; nothing crashes.
#include "test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace bdal::cli {
namespace {

using bdal::testing::CommandResult;
using bdal::testing::gzip_bytes;
using bdal::testing::HasSubstr;
using bdal::testing::idx_bytes;
using bdal::testing::run_bdal;
using bdal::testing::shell_quote;
using bdal::testing::TempDir;
using bdal::testing::write_bytes;

// A quick two-moons training command, for checks that happen after the data
// is loaded; --out keeps any run directory inside `out`. (CLI11 refuses a
// repeated option, so tests add only options not given here.)
std::string moons_train(const TempDir& out, const std::string& model = "moons-mlp") {
  return "train --dataset two-moons --model " + model +
         " --moons-train 100 --moons-test 50 --out " + shell_quote(out / "run") + " ";
}

// Usage errors: exit 2, "bdal: error: ..." (or CLI11's own message).
#define EXPECT_USAGE_ERROR(result, phrase)     \
  do {                                         \
    const CommandResult& r_ = (result);        \
    EXPECT_EQ(r_.exit_code, 2) << r_.output;   \
    EXPECT_TRUE(HasSubstr(r_.output, phrase)); \
  } while (false)

TEST(CliErrors, UnknownDatasetListsKnownOnes) {
  TempDir out;
  const CommandResult r = run_bdal("train --dataset cifar-10 --out " + shell_quote(out / "run"));
  EXPECT_USAGE_ERROR(r, "bdal: error: unknown dataset 'cifar-10'");
  EXPECT_TRUE(HasSubstr(r.output, "known datasets: mnist, fashion-mnist, dirty-mnist, two-moons"));
  EXPECT_FALSE(std::filesystem::exists(out / "run"));
}

TEST(CliErrors, UnknownDatasetInDataInfo) {
  EXPECT_USAGE_ERROR(run_bdal("data info svhn"), "unknown dataset 'svhn'");
}

TEST(CliErrors, UnknownModelListsKnownOnes) {
  TempDir out;
  const CommandResult r = run_bdal(moons_train(out, "resnet50"));
  EXPECT_USAGE_ERROR(r, "unknown model 'resnet50'");
  EXPECT_TRUE(HasSubstr(r.output, "known models: lenet5, gal-cnn, mlp, moons-mlp"));
  EXPECT_FALSE(std::filesystem::exists(out / "run"));
}

TEST(CliErrors, NegativeEpochs) {
  TempDir out;
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--epochs -1"), "epochs must be >= 1, got -1");
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--epochs 0"), "epochs must be >= 1, got 0");
}

TEST(CliErrors, DropoutOfOne) {
  TempDir out;
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--dropout 1.0"),
                     "dropout must be in [0, 1), got 1");
}

TEST(CliErrors, BatchLargerThanTheData) {
  TempDir out;
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--batch-size 1000"),
                     "batch size 1000 is larger than the 100 training examples");
}

TEST(CliErrors, NonsenseOptimizerSettings) {
  TempDir out;
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--lr 0"), "learning rate must be > 0, got 0");
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--momentum 1.5 --optimizer sgd"),
                     "momentum must be in [0, 1), got 1.5");
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--optimizer rmsprop"),
                     "unknown optimizer 'rmsprop'; known optimizers: adam, adamw, sgd");
}

TEST(CliErrors, NonsenseDataSizes) {
  TempDir out;
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--train-size -3"), "--train-size");
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--moons-noise -1"), "noise");
  // 500 validation examples out of 100 training points.
  EXPECT_USAGE_ERROR(run_bdal(moons_train(out) + "--validation-size 500"), "validation_size");
}

TEST(CliErrors, NotANumber) {
  TempDir out;
  const CommandResult r = run_bdal(moons_train(out) + "--epochs many");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "--epochs"));
}

TEST(CliErrors, UnknownOption) {
  TempDir out;
  const CommandResult r = run_bdal(moons_train(out) + "--no-such-option 3");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "--no-such-option"));
}

TEST(CliErrors, UnknownSubcommandIsNamedWithTheKnownOnes) {
  const CommandResult r = run_bdal("frobnicate");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(HasSubstr(
      r.output,
      "'bdal' needs a command: list, data, train, run, report, boundary, select, sweep, version"))
      << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "(got 'frobnicate')")) << r.output;
  const CommandResult nested = run_bdal("data frob");
  EXPECT_EQ(nested.exit_code, 2) << nested.output;
  EXPECT_TRUE(
      HasSubstr(nested.output, "'bdal data' needs a command: info, fetch, make (got 'frob')"))
      << nested.output;
}

TEST(CliErrors, MissingSubcommandListsTheChoices) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"",
       "'bdal' needs a command: list, data, train, run, report, boundary, select, sweep, version"},
      {"data", "'bdal data' needs a command: info, fetch, make"},
      {"list", "'bdal list' needs a command: models, strategies, datasets"}};
  for (const auto& [args, expected] : cases) {
    const CommandResult r = run_bdal(args);
    EXPECT_EQ(r.exit_code, 2) << "bdal " << args << ": " << r.output;
    EXPECT_TRUE(HasSubstr(r.output, expected)) << "bdal " << args << ": " << r.output;
  }
}

TEST(CliErrors, NegativeThreads) {
  const CommandResult r = run_bdal("--threads -2 version");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "--threads"));
}

TEST(CliErrors, HelpExitsZero) {
  CommandResult r = run_bdal("--help");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* sub : {"train", "data", "list", "version", "--data-dir"})
    EXPECT_TRUE(HasSubstr(r.output, sub));
  r = run_bdal("train --help");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "--epochs"));
  EXPECT_TRUE(HasSubstr(r.output, "--batch-size"));
}

// --- broken and missing data: runtime errors, exit 1 ----------------------

// A uint8 IDX file of `dims` holding `payload` bytes of label-like values 0..9.
std::vector<uint8_t> idx(const std::vector<uint32_t>& dims, size_t payload) {
  std::vector<uint8_t> values(payload);
  for (size_t i = 0; i < payload; ++i) values[i] = static_cast<uint8_t>((i * 37) % 10);
  return idx_bytes(0x08, dims, values);
}

// <root>/mnist holding four well-formed miniature MNIST files (20 train,
// 10 test images of 28x28) except a train-images file cut in half.
void write_mnist_with_truncated_train_images(const std::filesystem::path& root) {
  const auto dir = root / "mnist";
  std::filesystem::create_directories(dir);
  const auto images = gzip_bytes(idx({20, 28, 28}, 20 * 784));
  write_bytes(dir / "train-images-idx3-ubyte.gz",
              std::vector<uint8_t>(
                  images.begin(), images.begin() + static_cast<std::ptrdiff_t>(images.size() / 2)));
  write_bytes(dir / "train-labels-idx1-ubyte.gz", gzip_bytes(idx({20}, 20)));
  write_bytes(dir / "t10k-images-idx3-ubyte.gz", gzip_bytes(idx({10, 28, 28}, 10 * 784)));
  write_bytes(dir / "t10k-labels-idx1-ubyte.gz", gzip_bytes(idx({10}, 10)));
}

TEST(CliErrors, CorruptMnistNamesTheFile) {
  TempDir data;
  write_mnist_with_truncated_train_images(data.path());
  const auto bad = data.path() / "mnist" / "train-images-idx3-ubyte.gz";
  const CommandResult r =
      run_bdal("--data-dir " + shell_quote(data.path()) +
               " train --dataset mnist --epochs 1 --out " + shell_quote(data / "run"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "bdal: error: '" + bad.string() + "' is a truncated gzip file"));
  // Nothing that looks like a run is left behind.
  EXPECT_FALSE(std::filesystem::exists(data / "run"));
}

TEST(CliErrors, CorruptMnistInDataInfo) {
  TempDir data;
  write_mnist_with_truncated_train_images(data.path());
  // --data-dir after the subcommand works too (global options fall through).
  const CommandResult r = run_bdal("data info mnist --data-dir " + shell_quote(data.path()));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, (data.path() / "mnist" / "train-images-idx3-ubyte.gz").string()));
  EXPECT_TRUE(HasSubstr(r.output, "truncated gzip"));
}

TEST(CliErrors, MissingMnistSuggestsFetch) {
  TempDir empty;
  const CommandResult r = run_bdal("--data-dir " + shell_quote(empty.path()) + " data info mnist");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "MNIST not found"));
  EXPECT_TRUE(HasSubstr(r.output, (empty.path() / "mnist").string()));
  EXPECT_TRUE(HasSubstr(r.output, "bdal data fetch mnist"));
}

TEST(CliErrors, DataDirFromTheEnvironment) {
  // With no --data-dir the BDAL_DATA_DIR variable decides where to look.
  // (run_bdal puts the program first on the line, so the variable is set
  // through popen directly.)
  TempDir empty;
  const std::string env_cmd = "BDAL_DATA_DIR=" + shell_quote(empty.path()) + " '" + BDAL_CLI_PATH +
                              "' data info mnist 2>&1";
  FILE* pipe = popen(env_cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 1) << output;
  EXPECT_TRUE(HasSubstr(output, (empty.path() / "mnist").string()));
}

// --- data fetch --------------------------------------------------------------

TEST(CliErrors, FetchFashionMnistPointsAtDebian) {
  TempDir data;
  const CommandResult r =
      run_bdal("--data-dir " + shell_quote(data.path()) + " data fetch fashion-mnist");
  EXPECT_USAGE_ERROR(r, "'fashion-mnist' cannot be fetched");
  EXPECT_TRUE(HasSubstr(r.output, "apt-get install dataset-fashion-mnist"));
}

TEST(CliErrors, FetchUnfetchableDataset) {
  EXPECT_USAGE_ERROR(run_bdal("data fetch two-moons"), "'two-moons' cannot be fetched");
}

TEST(CliErrors, FetchConnectTimeoutMustBePositive) {
  TempDir data;
  const CommandResult r =
      run_bdal("--data-dir " + shell_quote(data.path()) + " data fetch mnist --connect-timeout 0");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "--connect-timeout"));
}

TEST(CliErrors, FetchFromUnreachableMirror) {
  TempDir data;
  const CommandResult r = run_bdal("--data-dir " + shell_quote(data.path()) +
                                   " data fetch mnist --mirror http://127.0.0.1:9/");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "every mirror failed"));
  EXPECT_TRUE(HasSubstr(r.output, "http://127.0.0.1:9/train-images-idx3-ubyte.gz"));
  EXPECT_TRUE(HasSubstr(r.output, "by hand"));
  EXPECT_FALSE(std::filesystem::exists(data.path() / "mnist" / "train-images-idx3-ubyte.gz"));
  EXPECT_FALSE(std::filesystem::exists(data.path() / "mnist" / "train-images-idx3-ubyte.gz.part"));
}

}  // namespace
}  // namespace bdal::cli
