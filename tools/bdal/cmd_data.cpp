// `bdal data info NAME` and `bdal data fetch NAME` (`bdal data make`: cmd_data_make.cpp).
#include "commands.h"
#include "dataset_options.h"

#include "bdal/core/error.h"
#include "bdal/data/data_dir.h"
#include "bdal/data/fetch.h"
#include "bdal/data/idx_images.h"
#include "bdal/data/registry.h"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <memory>

namespace bdal::cli {
namespace {

const data::IdxImageSpec* idx_spec(const std::string& name) {
  if (name == data::mnist_spec().name) return &data::mnist_spec();
  if (name == data::fashion_mnist_spec().name) return &data::fashion_mnist_spec();
  return nullptr;
}

void print_counts(const char* what, const data::Dataset& d) {
  fmt::print("{:<6} {:>6} examples, inputs [{}], per class: {}\n", what, d.size(),
             fmt::join(d.inputs.sizes().slice(1), "x"), fmt::join(d.class_counts(), " "));
}

struct InfoArgs {
  std::string name;
  data::DatasetOptions dataset;
};

void run_info(const InfoArgs& args, const GlobalOptions& global) {
  data::DatasetOptions options = args.dataset;
  options.data_dir = global.data_dir;
  options.with_checksums = true;
  const data::TrainTest tt = data::load_dataset(args.name, options);
  fmt::print("{}: {}\n", tt.name, tt.description);
  print_counts("train", tt.train);
  print_counts("test", tt.test);
  const data::IdxImageSpec* spec = idx_spec(args.name);
  for (size_t i = 0; i < tt.files.size(); ++i) {
    const auto& file = tt.files[i];
    std::string verdict;
    if (spec && file.path.filename() == spec->files[i].name)
      verdict =
          file.sha256 == spec->files[i].sha256
              ? fmt::format("matches {}", spec->checksum_source)
              : fmt::format("DIFFERS from {} ({})", spec->checksum_source, spec->files[i].sha256);
    else
      verdict = "decompressed copy; no reference checksum";
    fmt::print("sha256 {}  {}  [{}]\n", file.sha256, file.path.string(), verdict);
  }
}

struct FetchArgs {
  std::string name;
  data::FetchOptions fetch;
};

void run_fetch(const FetchArgs& args, const GlobalOptions& global) {
  const data::IdxImageSpec* spec = idx_spec(args.name);
  BDAL_CHECK_USAGE(spec != nullptr && !spec->mirrors.empty(),
                   "'{}' cannot be fetched; fetchable datasets: mnist{}", args.name,
                   args.name == "fashion-mnist"
                       ? " (Fashion-MNIST comes from Debian: apt-get install dataset-fashion-mnist)"
                       : "");
  const auto data_dir = data::resolve_data_dir(global.data_dir);
  fmt::print(stderr, "data directory: {} (from {})\n", data_dir.string(),
             data::data_dir_origin(global.data_dir));
  const auto dir = data::fetch_dataset(*spec, data_dir, args.fetch, [](const std::string& line) {
    fmt::print(stderr, "{}\n", line);
  });
  fmt::print("{} is ready in {}\n", spec->title, dir.string());
}

}  // namespace

void add_data_command(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("data", "Inspect, download or generate datasets");
  cmd->require_subcommand(1);

  auto info_args = std::make_shared<InfoArgs>();
  auto* info =
      cmd->add_subcommand("info", "Print sizes, per-class counts and file checksums of a dataset");
  info->add_option("name", info_args->name, "Dataset name (see `bdal list datasets`)")->required();
  add_two_moons_options(info, info_args->dataset.two_moons);
  info->add_option("--seed", info_args->dataset.two_moons.seed, "two-moons: generator seed")
      ->capture_default_str();
  info->callback([info_args, &global] { run_info(*info_args, global); });

  auto fetch_args = std::make_shared<FetchArgs>();
  auto* fetch = cmd->add_subcommand(
      "fetch", "Download a dataset into the data directory and verify its published SHA-256");
  fetch->add_option("name", fetch_args->name, "Dataset name (mnist)")->required();
  fetch->add_option("--mirror", fetch_args->fetch.mirrors,
                    "Base URL to download from instead of the built-in mirrors (repeatable; "
                    "file:// works)");
  fetch->add_flag("--force", fetch_args->fetch.force, "Download even if verified files exist");
  fetch
      ->add_option("--connect-timeout", fetch_args->fetch.connect_timeout_seconds,
                   "Seconds to wait for each mirror to answer")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  fetch->callback([fetch_args, &global] { run_fetch(*fetch_args, global); });

  add_data_make_command(*cmd, global);
}

}  // namespace bdal::cli
