// A named list of entries (models, datasets, strategies). Filled by one
// explicit list per extension point (builtin.cpp) — no static
// self-registration, which silently drops entries from static libraries.
#pragma once

#include "bdal/core/error.h"

#include <string>
#include <vector>

namespace bdal::core {

// Entry needs `std::string name` and `std::string help`.
template <typename Entry>
class Registry {
 public:
  // `kind` names an entry in messages ("model"); `kinds` is its plural.
  Registry(std::string kind, std::string kinds, std::vector<Entry> entries)
      : kind_(std::move(kind)), kinds_(std::move(kinds)), entries_(std::move(entries)) {}

  const Entry& find(const std::string& name) const {
    for (const auto& e : entries_)
      if (e.name == name) return e;
    throw UsageError(fmt::format("unknown {} '{}'; known {}: {}", kind_, name, kinds_,
                                 fmt::join(names(), ", ")));
  }

  bool contains(const std::string& name) const {
    for (const auto& e : entries_)
      if (e.name == name) return true;
    return false;
  }

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : entries_) out.push_back(e.name);
    return out;
  }

  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::string kind_;
  std::string kinds_;
  std::vector<Entry> entries_;
};

}  // namespace bdal::core
