// `bdal train` end to end on two-moons (a few seconds): exit status, the
// four record files and their fields, learning actually happening, the
// refusal to overwrite records, and seed-for-seed reproducibility.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace bdal::cli {
namespace {

using bdal::testing::CommandResult;
using bdal::testing::run_bdal;
using bdal::testing::shell_quote;
using bdal::testing::TempDir;
using nlohmann::json;

json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "missing " << path;
  return json::parse(in);  // throws (failing the test) on a torn file
}

std::vector<json> read_jsonl(const std::filesystem::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "missing " << path;
  std::vector<json> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(json::parse(line));
  return lines;
}

// CLI11 refuses a repeated option, so the epoch count is a parameter.
std::string moons_run(const std::filesystem::path& out, const std::string& extra = "",
                      int epochs = 3) {
  return "--threads 1 train --dataset two-moons --model moons-mlp --batch-size 32 --epochs " +
         std::to_string(epochs) + " --out " + shell_quote(out) + " " + extra;
}

void expect_metrics(const json& m, const std::string& where) {
  for (const char* key : {"accuracy", "nll", "ece", "mean_entropy", "mean_mutual_information"})
    ASSERT_TRUE(m.contains(key) && m[key].is_number()) << where << " lacks " << key << ": " << m;
  EXPECT_GE(m["accuracy"].get<double>(), 0.0) << where;
  EXPECT_LE(m["accuracy"].get<double>(), 1.0) << where;
  EXPECT_GT(m["nll"].get<double>(), 0.0) << where;
  EXPECT_TRUE(std::isfinite(m["nll"].get<double>())) << where;
  EXPECT_GE(m["mean_mutual_information"].get<double>(), 0.0) << where;
}

TEST(CliTrain, TinyTwoMoonsRunWritesCompleteRecords) {
  TempDir tmp;
  const auto out = tmp / "run";
  const CommandResult r = run_bdal(moons_run(out));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("final (epoch"), std::string::npos) << r.output;

  const json config = read_json(out / "config.json");
  EXPECT_EQ(config["command"], "train");
  EXPECT_EQ(config["dataset"], "two-moons");
  EXPECT_EQ(config["model"], "moons-mlp");
  EXPECT_EQ(config["seed"], 1);
  EXPECT_EQ(config["train_size"], 1000);  // --moons-train default, no validation held out
  EXPECT_EQ(config["validation_size"], 0);
  EXPECT_EQ(config["test_size"], 1000);
  EXPECT_EQ(config["parameters"], 2802);
  EXPECT_EQ(config["trainer"]["epochs"], 3);
  EXPECT_EQ(config["trainer"]["batch_size"], 32);
  EXPECT_EQ(config["trainer"]["optimizer"], "adam");
  EXPECT_TRUE(config["data_source"].get<std::string>().find("two-moons") != std::string::npos);

  const json meta = read_json(out / "meta.json");
  EXPECT_EQ(meta["schema_version"], 1);
  ASSERT_TRUE(meta["command_line"].is_array());
  EXPECT_NE(std::find(meta["command_line"].begin(), meta["command_line"].end(), "train"),
            meta["command_line"].end());
  EXPECT_EQ(meta["intra_op_threads"], 1);
  EXPECT_TRUE(meta["torch_version"].get<std::string>().rfind("1.13", 0) == 0) << meta;
  EXPECT_EQ(meta["time_utc"].get<std::string>().back(), 'Z');

  const std::vector<json> epochs = read_jsonl(out / "epochs.jsonl");
  ASSERT_EQ(epochs.size(), 3u);
  for (size_t i = 0; i < epochs.size(); ++i) {
    const json& e = epochs[i];
    const std::string where = "epoch line " + std::to_string(i + 1);
    EXPECT_EQ(e["schema_version"], 1) << where;
    EXPECT_EQ(e["epoch"], static_cast<int>(i + 1)) << where;
    EXPECT_TRUE(std::isfinite(e["train"]["loss"].get<double>())) << where;
    EXPECT_GE(e["train"]["accuracy"].get<double>(), 0.0) << where;
    EXPECT_FALSE(e.contains("validation")) << where;  // none was asked for
    ASSERT_TRUE(e.contains("test")) << where;
    expect_metrics(e["test"], where);
  }
  // Learning happens: the training loss falls from the first epoch to the last.
  EXPECT_LT(epochs[2]["train"]["loss"].get<double>(), epochs[0]["train"]["loss"].get<double>());

  const json summary = read_json(out / "summary.json");
  EXPECT_EQ(summary["schema_version"], 1);
  EXPECT_EQ(summary["epochs_run"], 3);
  EXPECT_EQ(summary["stopped_early"], false);
  EXPECT_EQ(summary["test_mc_samples"], 64);
  expect_metrics(summary["test_mc"], "summary test_mc");
  expect_metrics(summary["test_deterministic"], "summary test_deterministic");
  // Two-moons is easy: well above chance after 3 epochs of ~30 steps.
  EXPECT_GT(summary["test_mc"]["accuracy"].get<double>(), 0.75) << summary;
}

TEST(CliTrain, RefusesToOverwriteRecordsUnlessAsked) {
  TempDir tmp;
  const auto out = tmp / "run";
  ASSERT_EQ(run_bdal(moons_run(out, "", 1)).exit_code, 0);
  const CommandResult again = run_bdal(moons_run(out, "", 1));
  EXPECT_EQ(again.exit_code, 2) << again.output;
  EXPECT_NE(again.output.find("already holds training records"), std::string::npos)
      << again.output;
  EXPECT_EQ(read_jsonl(out / "epochs.jsonl").size(), 1u);  // untouched

  const CommandResult forced = run_bdal(moons_run(out, "--overwrite", 2));
  ASSERT_EQ(forced.exit_code, 0) << forced.output;
  // Replaced, not appended to: 2 lines, not 1 + 2.
  EXPECT_EQ(read_jsonl(out / "epochs.jsonl").size(), 2u);
  EXPECT_EQ(read_json(out / "summary.json")["epochs_run"], 2);
}

TEST(CliTrain, SameSeedSameRecords) {
  // Same config + seed + thread count => identical records, apart from the
  // wall-clock fields.
  TempDir tmp;
  ASSERT_EQ(run_bdal(moons_run(tmp / "a", "--seed 7")).exit_code, 0);
  ASSERT_EQ(run_bdal(moons_run(tmp / "b", "--seed 7")).exit_code, 0);
  ASSERT_EQ(run_bdal(moons_run(tmp / "c", "--seed 8")).exit_code, 0);
  std::vector<json> a = read_jsonl(tmp / "a" / "epochs.jsonl");
  std::vector<json> b = read_jsonl(tmp / "b" / "epochs.jsonl");
  std::vector<json> c = read_jsonl(tmp / "c" / "epochs.jsonl");
  for (auto* run : {&a, &b, &c})
    for (json& e : *run) e.erase("seconds");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  json sa = read_json(tmp / "a" / "summary.json");
  json sb = read_json(tmp / "b" / "summary.json");
  sa.erase("train_seconds");
  sb.erase("train_seconds");
  EXPECT_EQ(sa, sb);
}

TEST(CliTrain, ValidationSetIsHeldOutAndRecorded) {
  TempDir tmp;
  const auto out = tmp / "run";
  const CommandResult r = run_bdal(
      moons_run(out, "--validation-size 100 --moons-train 400 --moons-test 200", 2));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json config = read_json(out / "config.json");
  EXPECT_EQ(config["train_size"], 300);
  EXPECT_EQ(config["validation_size"], 100);
  EXPECT_EQ(config["test_size"], 200);
  const std::vector<json> epochs = read_jsonl(out / "epochs.jsonl");
  ASSERT_EQ(epochs.size(), 2u);
  for (const json& e : epochs) expect_metrics(e["validation"], "validation");
  const int64_t best = read_json(out / "summary.json")["best_epoch"];
  EXPECT_GE(best, 1);
  EXPECT_LE(best, 2);
  EXPECT_EQ(epochs[static_cast<size_t>(best - 1)]["best"], true);
}

}  // namespace
}  // namespace bdal::cli
