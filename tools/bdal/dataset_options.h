// Command-line options that pick and shape a dataset, shared by subcommands.
#pragma once

#include "bdal/data/registry.h"

#include <CLI/CLI.hpp>

namespace bdal::cli {

// Adds --moons-train, --moons-test, --moons-noise (two-moons only).
inline void add_two_moons_options(CLI::App* cmd, data::TwoMoonsOptions& o) {
  cmd->add_option("--moons-train", o.train_size, "two-moons: training points")
      ->capture_default_str();
  cmd->add_option("--moons-test", o.test_size, "two-moons: test points")->capture_default_str();
  cmd->add_option("--moons-noise", o.noise, "two-moons: Gaussian noise std")
      ->capture_default_str();
}

}  // namespace bdal::cli
