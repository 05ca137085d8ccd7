// `bdal version`: what is running, and on which numeric runtime.
#include "commands.h"

#include "bdal/core/runtime.h"

#include <fmt/core.h>

namespace bdal::cli {

void add_version_command(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand(
      "version", "Print the bdal version, LibTorch version, threads and the BLAS in use");
  cmd->callback([&global] {
    core::configure_threads(global.threads);
    const core::RuntimeInfo info = core::runtime_info();
    fmt::print("bdal {} (commit {})\nLibTorch {}\nintra-op threads: {} of {} hardware\nBLAS: {}\n",
               info.bdal_version, info.git_commit, info.torch_version, info.intra_op_threads,
               info.hardware_threads, info.blas);
  });
}

}  // namespace bdal::cli
