// bdal: Bayesian deep active learning from the command line.
// Exit status: 0 success, 1 runtime error (bad file, I/O), 2 usage error.
#include "commands.h"

#include "bdal/core/error.h"

#include <c10/util/Exception.h>
#include <fmt/core.h>

int main(int argc, char** argv) {
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
  app.add_option("--threads", global.threads, "LibTorch intra-op threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber);

  bdal::cli::add_list_command(app, global);
  bdal::cli::add_data_command(app, global);
  bdal::cli::add_train_command(app, global);
  bdal::cli::add_version_command(app, global);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
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
