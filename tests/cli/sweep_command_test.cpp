// `bdal sweep` as a user drives it: cells side by side, finished cells
// skipped, a failing cell isolated, an interrupted sweep resumed to the same
// records as an uninterrupted one.
#include "bdal/loop/round_record.h"

#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

namespace bdal::cli {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::run_bdal;
using bdal::testing::shell_quote;
using bdal::testing::TempDir;

std::string write_experiment(const TempDir& dir, int rounds) {
  const auto path = dir / "moons.yaml";
  std::ofstream(path) << "name: moons\ndataset: two-moons\nmodel: moons-mlp\nstrategy: bald\n"
                         "seeds: [1, 2]\nsplit: {initial_per_class: 2, validation_size: 30}\n"
                         "two_moons: {train_size: 300, test_size: 200}\n"
                         "acquisition_size: 5\nrounds: " << rounds << "\n"
                         "score_samples: 8\neval_samples: 8\n"
                         "trainer: {epochs: 40, batch_size: 0, learning_rate: 0.02}\n";
  return path.string();
}

std::vector<nlohmann::json> records(const std::filesystem::path& cell) {
  std::ifstream in(cell / "rounds.jsonl");
  std::vector<nlohmann::json> out;
  for (std::string line; std::getline(in, line);)
    out.push_back(loop::without_timings(nlohmann::json::parse(line)));
  return out;
}

size_t lines_in(const std::filesystem::path& file) {
  std::ifstream in(file);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

const std::vector<std::string> kCells{"random-seed1", "bald-seed1", "random-seed2", "bald-seed2"};

TEST(SweepCommand, RunsEveryCellThenSkipsThemWhenRunAgain) {
  TempDir dir;
  const std::string sweep = "sweep " + write_experiment(dir, 3) +
                            " --strategies random,bald --jobs 2 --out " + shell_quote(dir / "sw");
  const auto first = run_bdal(sweep);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(HasSubstr(first.output, "4 complete now, 0 were already complete, 0 failed"));
  for (const auto& cell : kCells) {
    EXPECT_EQ(records(dir / "sw" / cell).size(), 4u) << cell;  // rounds 0..3
    EXPECT_TRUE(std::filesystem::exists(dir / "sw" / "logs" / (cell + ".log"))) << cell;
  }
  const auto second = run_bdal(sweep);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_TRUE(HasSubstr(second.output, "0 complete now, 4 were already complete"));
  // Asking for more rounds extends the finished cells.
  const auto more = run_bdal(sweep + " --rounds 5");
  ASSERT_EQ(more.exit_code, 0) << more.output;
  EXPECT_EQ(records(dir / "sw" / "bald-seed2").size(), 6u);
}

TEST(SweepCommand, AFailingCellIsReportedAndTheOthersFinish) {
  TempDir dir;
  // 300 training points in 2 classes cannot give 200 initial labels per class:
  // that error only shows when the cell loads the data, so the sweep starts.
  const auto r = run_bdal("sweep " + write_experiment(dir, 2) +
                          " --strategies random --seeds 1 --vary split.initial_per_class=2,200"
                          " --jobs 2 --out " + shell_quote(dir / "sw"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "1 complete now, 0 were already complete, 1 failed"));
  EXPECT_TRUE(HasSubstr(r.output, "FAILED random-split.initial_per_class=200-seed1 (exit status 2)"));
  EXPECT_TRUE(HasSubstr(r.output, "initial_per_class"));  // the end of its log is shown
  EXPECT_EQ(records(dir / "sw" / "random-split.initial_per_class=2-seed1").size(), 3u);
}

TEST(SweepCommand, InterruptedSweepResumesToTheRecordsOfAnUninterruptedOne) {
  TempDir dir;
  const std::string experiment = write_experiment(dir, 8);
  const std::string args = " --strategies random,bald --jobs 2 --out ";
  const auto reference = run_bdal("sweep " + experiment + args + shell_quote(dir / "ref"));
  ASSERT_EQ(reference.exit_code, 0) << reference.output;

  // Start the same sweep, stop it with SIGTERM once some rounds are written.
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string out = (dir / "sw").string();
    freopen("/dev/null", "w", stderr);
    execl(BDAL_CLI_PATH, BDAL_CLI_PATH, "sweep", experiment.c_str(), "--strategies", "random,bald",
          "--jobs", "2", "--out", out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (lines_in(dir / "sw" / "random-seed1" / "rounds.jsonl") < 2 &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_LT(records(dir / "sw" / "random-seed1").size(), 9u) << "the sweep was not interrupted";

  const auto resumed = run_bdal("sweep " + experiment + args + shell_quote(dir / "sw"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  for (const auto& cell : kCells)
    EXPECT_EQ(records(dir / "sw" / cell), records(dir / "ref" / cell)) << cell;
}

TEST(SweepCommand, EmitSlurmWritesAnExecutableArrayScriptAndRunsNothing) {
  TempDir dir;
  const auto r = run_bdal("sweep " + write_experiment(dir, 2) +
                          " --strategies random,bald --out " + shell_quote(dir / "sw") +
                          " --emit-slurm " + shell_quote(dir / "job.sh") + " --slurm-time 00:10:00");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(HasSubstr(r.output, "4 cells as one job array"));
  std::ifstream in(dir / "job.sh");
  const std::string script((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(HasSubstr(script, "#SBATCH --array=0-3\n"));
  EXPECT_TRUE(HasSubstr(script, "#SBATCH --time=00:10:00\n"));
  EXPECT_TRUE((std::filesystem::status(dir / "job.sh").permissions() &
               std::filesystem::perms::owner_exec) != std::filesystem::perms::none);
  EXPECT_FALSE(std::filesystem::exists(dir / "sw" / "bald-seed1"));  // nothing ran
}

}  // namespace
}  // namespace bdal::cli
