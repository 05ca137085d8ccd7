// One writer per run directory (core/dir_lock.h).
#include "bdal/core/dir_lock.h"
#include "bdal/core/error.h"

#include "test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <optional>
#include <string>

namespace bdal::core {
namespace {

TEST(DirLock, ASecondHolderIsRefusedWithTheFirstOnesPid) {
  testing::TempDir dir;
  std::optional<DirLock> first(std::in_place, dir / "run");
  EXPECT_TRUE(std::filesystem::is_directory(dir / "run"));
  try {
    DirLock second(dir / "run");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("in use by another bdal process"), std::string::npos) << what;
    EXPECT_NE(what.find("pid " + std::to_string(::getpid())), std::string::npos) << what;
  }
  // Released with its holder: the directory can be taken again.
  first.reset();
  EXPECT_NO_THROW(DirLock again(dir / "run"));
}

TEST(DirLock, OtherDirectoriesDoNotInterfere) {
  testing::TempDir dir;
  DirLock a(dir / "a");
  EXPECT_NO_THROW(DirLock b(dir / "b"));
}

}  // namespace
}  // namespace bdal::core
