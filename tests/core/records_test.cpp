#include "bdal/core/records.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>

namespace bdal::core {
namespace {

std::vector<std::string> lines_of(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(JsonlWriter, AppendsOneCompactLinePerRecordAcrossWriters) {
  bdal::testing::TempDir dir;
  const auto path = dir / "log.jsonl";
  {
    JsonlWriter w(path);
    w.append({{"round", 0}});
    w.append({{"round", 1}}, /*durable=*/true);
  }
  JsonlWriter(path).append({{"round", 2}});  // re-opening appends, never truncates
  const auto lines = lines_of(path);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], R"({"round":0})");
  EXPECT_EQ(nlohmann::json::parse(lines[2])["round"], 2);
}

TEST(WriteJsonAtomic, WritesTheDocumentAndLeavesNoTemporary) {
  bdal::testing::TempDir dir;
  write_json_atomic(dir / "config.json", {{"a", 1}});
  write_json_atomic(dir / "config.json", {{"a", 2}});
  std::ifstream in(dir / "config.json");
  EXPECT_EQ(nlohmann::json::parse(in)["a"], 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "config.json.tmp"));
}

TEST(RunMeta, NamesVersionsThreadsAndTime) {
  const auto meta = run_meta({"bdal", "train"});
  EXPECT_EQ(meta["command_line"][1], "train");
  EXPECT_EQ(meta["torch_version"].get<std::string>().substr(0, 4), "1.13");
  EXPECT_GE(meta["intra_op_threads"].get<int>(), 1);
  EXPECT_EQ(meta["time_utc"].get<std::string>().size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ
}

}  // namespace
}  // namespace bdal::core
