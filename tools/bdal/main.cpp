// bdal: Bayesian deep active learning from the command line.
// Exit status: 0 success, 1 runtime error (bad file, I/O), 2 usage error.
#include "commands.h"

#include "bdal/core/blas_core.h"
#include "bdal/core/error.h"
#include "bdal/core/runtime.h"

#include <c10/util/Exception.h>
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace {

// CLI11 says only "A subcommand is required" for `bdal frobnicate`; say which
// word was not understood and which commands there are.
std::string missing_command_message(CLI::App& app, int argc, char** argv) {
  CLI::App* deepest = &app;
  std::vector<std::string> chain{"bdal"};
  while (!deepest->get_subcommands().empty()) {
    deepest = deepest->get_subcommands().front();
    chain.push_back(deepest->get_name());
  }
  std::vector<std::string> names;
  for (const CLI::App* sub : deepest->get_subcommands({})) names.push_back(sub->get_name());
  std::string got;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (!word.empty() && word[0] != '-' &&
        std::find(chain.begin(), chain.end(), word) == chain.end()) {
      got = word;
      break;
    }
  }
  return fmt::format("'{}' needs a command: {}{}", fmt::join(chain, " "), fmt::join(names, ", "),
                     got.empty() ? "" : fmt::format(" (got '{}')", got));
}

}  // namespace

int main(int argc, char** argv) {
  bdal::core::reexec_with_better_blas_core(argv);  // see blas_core.h
  bdal::core::tune_allocator();
  CLI::App app{
      "bdal — Bayesian deep active learning with MC dropout.\n"
      "Datasets are read from --data-dir, else $BDAL_DATA_DIR, else "
      "$XDG_DATA_HOME/bdal (~/.local/share/bdal)."};
  app.require_subcommand(1);
  app.fallthrough();
  bdal::cli::GlobalOptions global;
  global.command_line.assign(argv, argv + argc);
  app.add_option("--data-dir", global.data_dir,
                 "Data directory holding <dataset>/ folders (else $BDAL_DATA_DIR, else "
                 "~/.local/share/bdal)");
  app.add_option("--threads", global.threads,
                 "LibTorch intra-op threads (0 = all cores; default $BDAL_THREADS, else 0)")
      ->envname("BDAL_THREADS")
      ->check(CLI::NonNegativeNumber);

  bdal::cli::add_list_command(app, global);
  bdal::cli::add_data_command(app, global);
  bdal::cli::add_train_command(app, global);
  bdal::cli::add_run_command(app, global);
  bdal::cli::add_report_command(app, global);
  bdal::cli::add_boundary_command(app, global);
  bdal::cli::add_select_command(app, global);
  bdal::cli::add_sweep_command(app, global);
  bdal::cli::add_version_command(app, global);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::RequiredError& e) {
    if (std::string(e.what()).find("subcommand is required") == std::string::npos) {
      app.exit(e);
      return 2;
    }
    fmt::print(stderr, "bdal: error: {}\nRun with --help for more information.\n",
               missing_command_message(app, argc, argv));
    return 2;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const bdal::UsageError& e) {
    fmt::print(stderr, "bdal: error: {}\n", e.what());
    return 2;
  } catch (const bdal::Error& e) {
    fmt::print(stderr, "bdal: error: {}\n", e.what());
    return 1;
  } catch (const c10::Error& e) {
    fmt::print(stderr, "bdal: error from LibTorch: {}\n", e.what_without_backtrace());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "bdal: error: {}\n", e.what());
    return 1;
  }
  return 0;
}
