#include "bdal/core/registry.h"

#include <gtest/gtest.h>

namespace bdal::core {
namespace {

struct Entry {
  std::string name;
  std::string help;
};

TEST(Registry, FindsByNameAndListsNamesInOrder) {
  const Registry<Entry> r("widget", "widgets", {{"a", "first"}, {"b", "second"}});
  EXPECT_EQ(r.find("b").help, "second");
  EXPECT_TRUE(r.contains("a"));
  EXPECT_FALSE(r.contains("c"));
  EXPECT_EQ(r.names(), (std::vector<std::string>{"a", "b"}));
}

TEST(Registry, UnknownNameIsAUsageErrorListingTheKnownOnes) {
  const Registry<Entry> r("widget", "widgets", {{"a", ""}, {"b", ""}});
  try {
    r.find("zzz");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "unknown widget 'zzz'; known widgets: a, b");
  }
}

}  // namespace
}  // namespace bdal::core
