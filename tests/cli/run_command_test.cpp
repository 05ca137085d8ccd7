// `bdal run` as a user drives it: a run killed mid-way (SIGKILL, as a crash)
// and resumed writes the same records as an uninterrupted run; SIGTERM
// stops cleanly with exit status 130.
#include "bdal/loop/round_record.h"

#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

extern char** environ;

namespace bdal::cli {
namespace {

using bdal::testing::run_bdal;
using bdal::testing::TempDir;

constexpr int kRounds = 20;

std::string write_experiment(const TempDir& dir) {
  const auto path = dir / "moons.yaml";
  std::ofstream(path) << "name: moons-test\n"
                         "dataset: two-moons\nmodel: moons-mlp\nstrategy: bald\nseed: 5\n"
                         "split: {initial_per_class: 2, validation_size: 50}\n"
                         "two_moons: {train_size: 600, test_size: 300}\n"
                         "acquisition_size: 5\nrounds: "
                      << kRounds
                      << "\n"
                         "score_samples: 8\neval_samples: 8\n"
                         "trainer: {epochs: 60, batch_size: 0, learning_rate: 0.02}\n";
  return path.string();
}

std::vector<std::string> lines_of(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<nlohmann::json> records(const std::filesystem::path& dir) {
  std::vector<nlohmann::json> out;
  for (const auto& line : lines_of(dir / "rounds.jsonl"))
    out.push_back(loop::without_timings(nlohmann::json::parse(line)));
  return out;
}

pid_t spawn_bdal(const std::vector<std::string>& args) {
  std::vector<std::string> argv_strings{BDAL_CLI_PATH};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Waits until the run has written at least `n` records (or has exited).
bool wait_for_records(pid_t pid, const std::filesystem::path& dir, size_t n) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (lines_of(dir / "rounds.jsonl").size() >= n) return true;
    int status;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

TEST(RunCommand, KilledRunResumesToTheSameRecords) {
  TempDir dir;
  const std::string experiment = write_experiment(dir);
  const auto whole = dir / "whole", killed = dir / "killed";
  ASSERT_EQ(run_bdal(experiment + " --out " + whole.string()).exit_code, 2)
      << "without `run` the experiment file is not a command";
  const auto uninterrupted = run_bdal("run " + experiment + " --out " + whole.string());
  ASSERT_EQ(uninterrupted.exit_code, 0) << uninterrupted.output;
  ASSERT_EQ(records(whole).size(), static_cast<size_t>(kRounds + 1));

  const pid_t pid = spawn_bdal({"run", experiment, "--out", killed.string()});
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for_records(pid, killed, 3)) << "the run ended before it could be killed";
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  const size_t written = lines_of(killed / "rounds.jsonl").size();
  ASSERT_LT(written, static_cast<size_t>(kRounds + 1)) << "killed too late to test resume";

  const auto resumed = run_bdal("run " + experiment + " --out " + killed.string());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("resuming after round"), std::string::npos) << resumed.output;
  EXPECT_EQ(records(killed), records(whole));
  EXPECT_TRUE(std::filesystem::exists(killed / "config.yaml"));
}

TEST(RunCommand, SigtermStopsCleanlyWithStatus130) {
  TempDir dir;
  const std::string experiment = write_experiment(dir);
  const auto out = dir / "run";
  const pid_t pid = spawn_bdal({"run", experiment, "--out", out.string()});
  ASSERT_TRUE(wait_for_records(pid, out, 2));
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  for (const auto& line : lines_of(out / "rounds.jsonl"))
    EXPECT_NO_THROW(nlohmann::json::parse(line)) << "every written line is complete";
}

TEST(RunCommand, RecordsTheSha256OfEveryMnistFile) {
  BDAL_REQUIRE_MNIST();
  TempDir dir;
  const auto experiment = dir / "mnist.yaml";
  std::ofstream(experiment)
      << "name: mnist-hash-test\ndataset: mnist\nmodel: mlp\nstrategy: random\n"
         "split: {initial_per_class: 1, validation_size: 20, test_size: 50}\n"
         "acquisition_size: 5\nrounds: 1\npool_subset: 100\n"
         "score_samples: 2\neval_samples: 2\n"
         "trainer: {epochs: 2, batch_size: 0}\n";
  const auto run = dir / "run";
  const auto r =
      run_bdal("--data-dir " + bdal::testing::shell_quote(bdal::testing::test_data_dir()) +
               " run " + experiment.string() + " --out " + run.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(run / "data.json");
  const nlohmann::json data = nlohmann::json::parse(in);
  EXPECT_EQ(data["dataset"], "mnist");
  ASSERT_EQ(data["sha256"].size(), 4u) << data.dump();
  // The published checksum of the original train-images-idx3-ubyte.gz.
  bool train_images_found = false;
  for (const auto& [path, hash] : data["sha256"].items())
    if (path.find("train-images") != std::string::npos) {
      EXPECT_EQ(hash, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609");
      train_images_found = true;
    }
  EXPECT_TRUE(train_images_found) << data.dump();
}

TEST(RunCommand, PrintConfigShowsEveryDefault) {
  TempDir dir;
  const auto r =
      run_bdal("run " + write_experiment(dir) + " --set trainer.patience=7 --print-config");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* expected : {"patience: 7", "chunk_size: 256", "momentum: 0.9", "strategy: bald"})
    EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
}

TEST(RunCommand, BadConfigsAreUsageErrors) {
  TempDir dir;
  const std::string experiment = write_experiment(dir);
  for (const std::string args :
       {" --set score_samples=0", " --strategy oracle", " --set acquisition_size=100000",
        " --set bogus=1", " --set split.initial_per_class=400"}) {
    const auto r = run_bdal("run " + experiment + args + " --out " + (dir / "bad").string());
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.output;
    EXPECT_NE(r.output.find("bdal: error:"), std::string::npos) << args << ": " << r.output;
  }
  // A rejected config leaves nothing behind: no run directory, no config.yaml.
  EXPECT_FALSE(std::filesystem::exists(dir / "bad"));
}

}  // namespace
}  // namespace bdal::cli
