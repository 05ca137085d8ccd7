// `bdal list models|datasets`: every registered name with its one-line help.
#include "commands.h"

#include "bdal/acquire/registry.h"
#include "bdal/data/registry.h"
#include "bdal/models/registry.h"

#include <fmt/core.h>

namespace bdal::cli {

void add_list_command(CLI::App& app, GlobalOptions&) {
  auto* cmd = app.add_subcommand("list", "List registered models, strategies or datasets");
  cmd->require_subcommand(1);
  cmd->add_subcommand("models", "Models with their parameter counts")->callback([] {
    fmt::print("{:<12} {:>12}  {}\n", "model", "parameters", "description");
    for (const auto& entry : models::model_registry().entries()) {
      const auto model = models::make_model(entry.name, entry.example, 0);
      fmt::print("{:<12} {:>12}  {}\n", entry.name, models::count_parameters(*model), entry.help);
    }
  });
  cmd->add_subcommand("strategies", "Acquisition strategies")->callback([] {
    for (const auto& entry : acquire::strategy_registry().entries())
      fmt::print("{:<26} {}\n", entry.name, entry.help);
  });
  cmd->add_subcommand("datasets", "Datasets by name")->callback([] {
    for (const auto& entry : data::dataset_registry().entries())
      fmt::print("{:<14} {}\n", entry.name, entry.help);
  });
}

}  // namespace bdal::cli
