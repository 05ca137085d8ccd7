// Strategies by name: `strategy: NAME`. The list lives in builtin.cpp.
#pragma once

#include "bdal/acquire/strategy.h"
#include "bdal/core/registry.h"

#include <functional>
#include <memory>
#include <string>

namespace bdal::acquire {

struct StrategyEntry {
  std::string name;
  std::string help;
  std::function<std::unique_ptr<Strategy>(const StrategyOptions&)> make;
};

const core::Registry<StrategyEntry>& strategy_registry();

inline std::unique_ptr<Strategy> make_strategy(const std::string& name,
                                               const StrategyOptions& options = {}) {
  options.validate();
  return strategy_registry().find(name).make(options);
}

}  // namespace bdal::acquire
