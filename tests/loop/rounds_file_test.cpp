#include "bdal/core/error.h"
#include "bdal/loop/rounds_file.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>

namespace bdal::loop {
namespace {

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

TEST(RoundsFile, MissingFileHasNoRecords) {
  bdal::testing::TempDir dir;
  EXPECT_TRUE(read_rounds_file(dir / "rounds.jsonl", true).records.empty());
}

TEST(RoundsFile, ReadsCompleteLines) {
  bdal::testing::TempDir dir;
  write_text(dir / "r.jsonl", "{\"round\":0}\n{\"round\":1}\n");
  const RoundsFile f = read_rounds_file(dir / "r.jsonl", true);
  ASSERT_EQ(f.records.size(), 2u);
  EXPECT_EQ(f.records[1]["round"], 1);
  EXPECT_FALSE(f.torn_line_removed);
}

TEST(RoundsFile, TornLastLineIsCutOffTheFile) {
  bdal::testing::TempDir dir;
  for (const std::string torn : {"{\"round\":2,\"acq", "{\"round\":2}"}) {  // cut, or no newline
    write_text(dir / "r.jsonl", "{\"round\":0}\n{\"round\":1}\n" + torn);
    const RoundsFile f = read_rounds_file(dir / "r.jsonl", true);
    EXPECT_EQ(f.records.size(), 2u) << torn;
    EXPECT_TRUE(f.torn_line_removed) << torn;
    EXPECT_EQ(std::filesystem::file_size(dir / "r.jsonl"), 24u) << "file truncated after line 2";
  }
}

TEST(RoundsFile, WithoutRepairTheFileIsLeftAlone) {
  bdal::testing::TempDir dir;
  write_text(dir / "r.jsonl", "{\"round\":0}\n{\"ro");
  EXPECT_TRUE(read_rounds_file(dir / "r.jsonl", false).torn_line_removed);
  EXPECT_EQ(std::filesystem::file_size(dir / "r.jsonl"), 16u);
}

TEST(RoundsFile, DamageBeforeTheLastLineIsAnError) {
  bdal::testing::TempDir dir;
  write_text(dir / "r.jsonl", "{\"round\":0}\nnot json\n{\"round\":2}\n");
  try {
    read_rounds_file(dir / "r.jsonl", true);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2 is damaged"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace bdal::loop
