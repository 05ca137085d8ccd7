// `bdal data make dirty-mnist`: generates Ambiguous-MNIST into the data
// directory (experiment/ambiguous_mnist.h), with a manifest and a figure of
// sample images.
#include <fmt/format.h>

#include <chrono>
#include <memory>

#include "bdal/core/error.h"
#include "bdal/core/records.h"
#include "bdal/core/runtime.h"
#include "bdal/data/data_dir.h"
#include "bdal/data/dirty_mnist.h"
#include "bdal/data/idx_images.h"
#include "bdal/experiment/ambiguous_mnist.h"
#include "bdal/report/figures.h"
#include "commands.h"

namespace bdal::cli {
namespace {

struct MakeArgs {
  std::string name, out;
  experiment::AmbiguousMnistOptions options;
  bool force = false, no_figures = false;
};

// A 10 x 10 mosaic of train images, one row per entropy decile (lowest
// first), as gnuplot matrix data and a script drawing it.
void write_samples_figure(const experiment::AmbiguousMnist& data, const std::filesystem::path& dir,
                          const std::string& gnuplot) {
  const int64_t side = 10;
  const at::Tensor& images = data.train.images_M_H_W;
  const int64_t h = images.size(1), w = images.size(2);
  const at::Tensor order = std::get<1>(data.train.entropy_M.sort());
  const int64_t n = images.size(0);
  std::string matrix;
  for (int64_t row = 0; row < side * h; ++row) {
    for (int64_t col = 0; col < side * w; ++col) {
      // Tile (r, c): the image at quantile (r * side + c) / side^2 of entropy.
      const int64_t tile = (row / h) * side + col / w;
      const int64_t pick = std::min(n - 1, tile * n / (side * side));
      const int64_t index = order[pick].item<int64_t>();
      matrix += fmt::format("{} ", images[index][row % h][col % w].item<uint8_t>());
    }
    matrix += "\n";
  }
  core::write_text_atomic(dir / "samples.dat", matrix);
  const std::string plot = fmt::format(
      "set title 'Ambiguous-MNIST train images, judges'' predictive entropy rising left to right, "
      "top to bottom'\n"
      "plot 'samples.dat' matrix with image notitle");
  core::write_text_atomic(
      dir / "samples.gp",
      fmt::format("# Sample images of bdal's Ambiguous-MNIST. Made by bdal data make.\n"
                  "set palette gray negative\nunset colorbox\nunset tics\nunset border\n"
                  "set yrange [*:*] reverse\nset size ratio -1\n{}",
                  report::both_terminals("samples", plot, 700, 720)));
  report::draw_figure(gnuplot, dir, "samples");
}

void run_make(const MakeArgs& args, const GlobalOptions& global) {
  BDAL_CHECK_USAGE(args.name == "dirty-mnist",
                   "`bdal data make` makes dirty-mnist (Ambiguous-MNIST); got '{}'", args.name);
  args.options.validate();
  const std::string gnuplot = args.no_figures ? std::string() : report::find_gnuplot();
  const std::filesystem::path data_dir = data::resolve_data_dir(global.data_dir);
  const std::filesystem::path out =
      args.out.empty() ? data::dirty_mnist_dir(data_dir) : std::filesystem::path(args.out);
  BDAL_CHECK_USAGE(args.force || !std::filesystem::exists(out / data::kDirtyMnistManifest),
                   "'{}' already holds a generated Ambiguous-MNIST; pass --force to make it again",
                   out.string());
  core::configure_threads(global.threads);
  const auto start = std::chrono::steady_clock::now();
  const data::Dataset mnist = data::load_idx_images_u8(data::mnist_spec(), data_dir).train;
  fmt::print(stderr, "generating Ambiguous-MNIST from {} MNIST train images, seed {}\n",
             mnist.size(), args.options.seed);
  const experiment::AmbiguousMnist data = experiment::generate_ambiguous_mnist(
      mnist.inputs, mnist.labels, args.options,
      [](const std::string& line) { fmt::print(stderr, "{}\n", line); });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  experiment::write_ambiguous_mnist(data, args.options, out, seconds);
  if (!gnuplot.empty()) write_samples_figure(data, out, gnuplot);
  fmt::print(stderr,
             "wrote {} train and {} test images, {} labels each, into {} in {:.0f} s; `--dataset "
             "dirty-mnist` uses them\n",
             data.train.images_M_H_W.size(0), data.test.images_M_H_W.size(0),
             args.options.labels_per_image, out.string(), seconds);
  fmt::print("{}\n", (out / data::kDirtyMnistManifest).string());
}

}  // namespace

void add_data_make_command(CLI::App& data_cmd, GlobalOptions& global) {
  auto args = std::make_shared<MakeArgs>();
  auto* make = data_cmd.add_subcommand(
      "make",
      "Generate a dataset that cannot be downloaded: dirty-mnist (Ambiguous-MNIST by the recipe of "
      "Mukhoti et al. 2021: VAE latent mixes of 2-4 classes kept when 5 LeNet-5 judges agree "
      "they are ambiguous), into <data dir>/dirty-mnist with a manifest and sample figure");
  make->add_option("name", args->name, "dirty-mnist")->required();
  auto& o = args->options;
  make->add_option("--seed", o.seed, "Seed of every random choice")->capture_default_str();
  make->add_option("--vae-epochs", o.vae_epochs, "VAE training epochs")->capture_default_str();
  make->add_option("--judges", o.judges, "LeNet-5 judges in the ensemble")->capture_default_str();
  make->add_option("--judge-epochs", o.judge_epochs, "Training epochs of each judge")
      ->capture_default_str();
  make->add_option("--candidates", o.candidates, "Mixtures generated before filtering")
      ->capture_default_str();
  make->add_option("--train-images", o.train_images, "Ambiguous train images kept")
      ->capture_default_str();
  make->add_option("--test-images", o.test_images, "Ambiguous test images kept")
      ->capture_default_str();
  make->add_option("--labels-per-image", o.labels_per_image,
                   "Labels drawn per image from the judges' mean softmax")
      ->capture_default_str();
  make->add_option("--max-mutual-information", o.max_mutual_information,
                   "Keep images whose ensemble mutual information is at most this (nats)")
      ->capture_default_str();
  make->add_option("--source-limit", o.source_limit,
                   "Use only the first N MNIST train images (quick trials; 0 = all)")
      ->capture_default_str();
  make->add_option("--out", args->out, "Output directory (default <data dir>/dirty-mnist)");
  make->add_flag("--force", args->force, "Replace an existing generation");
  make->add_flag("--no-figures", args->no_figures, "Skip the sample figure (no gnuplot needed)");
  make->callback([args, &global] { run_make(*args, global); });
}

}  // namespace bdal::cli
