// The bdal subcommands. Each add_* registers one subcommand with its options
// and a callback; main() turns exceptions into messages and exit codes.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace bdal::cli {

// Options every subcommand understands (given before or after its name).
struct GlobalOptions {
  std::string data_dir;  // --data-dir
  int threads = 0;       // --threads, 0 = all cores
  std::vector<std::string> command_line;
};

void add_boundary_command(CLI::App& app, GlobalOptions& global);
void add_data_command(CLI::App& app, GlobalOptions& global);
// `bdal data make`, a subcommand of `bdal data`.
void add_data_make_command(CLI::App& data_cmd, GlobalOptions& global);
void add_list_command(CLI::App& app, GlobalOptions& global);
void add_report_command(CLI::App& app, GlobalOptions& global);
void add_run_command(CLI::App& app, GlobalOptions& global);
void add_select_command(CLI::App& app, GlobalOptions& global);
void add_sweep_command(CLI::App& app, GlobalOptions& global);
void add_train_command(CLI::App& app, GlobalOptions& global);
void add_version_command(CLI::App& app, GlobalOptions& global);

}  // namespace bdal::cli
