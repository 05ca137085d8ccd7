#include "bdal/data/dirty_mnist.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "bdal/core/error.h"
#include "bdal/data/checksum.h"
#include "bdal/data/idx.h"
#include "bdal/data/idx_images.h"

namespace bdal::data {
namespace {

at::Tensor read_u8(const std::filesystem::path& path, int64_t rank) {
  BDAL_CHECK_USAGE(std::filesystem::is_regular_file(path),
                   "Dirty-MNIST file '{}' is missing; bdal generates Ambiguous-MNIST itself: run "
                   "`bdal data make dirty-mnist` (with the same --data-dir)",
                   path.string());
  IdxArray a = read_idx(path);
  BDAL_CHECK(a.type_code == 0x08 && static_cast<int64_t>(a.dims.size()) == rank,
             "'{}' must hold uint8 values of rank {}, has type 0x{:02x} and rank {}", path.string(),
             rank, a.type_code, a.dims.size());
  return a.values;
}

// The four files must be the ones their manifest was written with: a
// generation replaced half-way (or by hand) would otherwise load silently.
// Returns the files with their (checked) SHA-256.
std::vector<SourceFile> check_against_manifest(const std::filesystem::path& dir) {
  const auto path = dir / kDirtyMnistManifest;
  BDAL_CHECK_USAGE(std::filesystem::is_regular_file(path),
                   "'{}' is missing; bdal generates Ambiguous-MNIST itself: run `bdal data make "
                   "dirty-mnist` (with the same --data-dir)",
                   path.string());
  std::ifstream in(path);
  const nlohmann::json manifest = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  BDAL_CHECK(manifest.is_object() && manifest.contains("sha256"),
             "'{}' is not a manifest of `bdal data make dirty-mnist`", path.string());
  std::vector<SourceFile> files;
  for (const char* name :
       {kAmbiguousTrainImages, kAmbiguousTrainLabels, kAmbiguousTestImages, kAmbiguousTestLabels}) {
    BDAL_CHECK_USAGE(std::filesystem::is_regular_file(dir / name),
                     "Dirty-MNIST file '{}' is missing; run `bdal data make dirty-mnist --force`",
                     (dir / name).string());
    const std::string expected = manifest["sha256"].value(name, "");
    const std::string actual = sha256_file(dir / name);
    BDAL_CHECK(actual == expected,
               "'{}' is not the file its manifest describes (SHA-256 differs); regenerate with "
               "`bdal data make dirty-mnist --force`",
               (dir / name).string());
    files.push_back({dir / name, actual});
  }
  return files;
}

}  // namespace

std::filesystem::path dirty_mnist_dir(const std::filesystem::path& data_dir) {
  return data_dir / "dirty-mnist";
}

Dataset expand_ambiguous(const at::Tensor& images_M_H_W_u8, const at::Tensor& labels_M_L_u8,
                         double mean, double std) {
  BDAL_CHECK(images_M_H_W_u8.size(0) == labels_M_L_u8.size(0),
             "Ambiguous-MNIST has {} images but {} label rows", images_M_H_W_u8.size(0),
             labels_M_L_u8.size(0));
  BDAL_CHECK(images_M_H_W_u8.size(1) == 28 && images_M_H_W_u8.size(2) == 28,
             "Ambiguous-MNIST images must be 28x28 like MNIST's, these are {}x{}; regenerate them "
             "with `bdal data make dirty-mnist --force`",
             images_M_H_W_u8.size(1), images_M_H_W_u8.size(2));
  const int64_t copies = labels_M_L_u8.size(1);
  Dataset out;
  out.inputs =
      standardise_images(images_M_H_W_u8, mean, std).repeat_interleave(copies, 0).contiguous();
  out.labels = labels_M_L_u8.to(at::kLong).reshape(-1);
  out.num_classes = 10;
  BDAL_CHECK(out.labels.numel() == 0 || out.labels.max().item<int64_t>() < 10,
             "Ambiguous-MNIST labels must be digits 0..9");
  out.ambiguous = at::ones({out.labels.size(0)}, at::kBool);
  return out;
}

TrainTest load_dirty_mnist(const std::filesystem::path& data_dir, bool with_checksums) {
  // MNIST as uint8, to standardise both parts with MNIST's statistics.
  const TrainTest mnist_raw = load_idx_images_u8(mnist_spec(), data_dir, with_checksums);
  const auto [mean, std] = unit_mean_std(mnist_raw.train.inputs);
  const auto dir = dirty_mnist_dir(data_dir);
  const std::vector<SourceFile> generated_files = check_against_manifest(dir);
  const Dataset ambiguous_train = expand_ambiguous(
      read_u8(dir / kAmbiguousTrainImages, 3), read_u8(dir / kAmbiguousTrainLabels, 2), mean, std);
  const Dataset ambiguous_test = expand_ambiguous(
      read_u8(dir / kAmbiguousTestImages, 3), read_u8(dir / kAmbiguousTestLabels, 2), mean, std);

  TrainTest out;
  out.name = "dirty-mnist";
  const int64_t clean = mnist_raw.train.size();
  out.train.inputs =
      at::cat({standardise_images(mnist_raw.train.inputs, mean, std), ambiguous_train.inputs});
  out.train.labels = at::cat({mnist_raw.train.labels, ambiguous_train.labels});
  out.train.num_classes = 10;
  out.train.ambiguous = at::cat({at::zeros({clean}, at::kBool), ambiguous_train.ambiguous});
  out.test.inputs = standardise_images(mnist_raw.test.inputs, mean, std);
  out.test.labels = mnist_raw.test.labels;
  out.test.num_classes = 10;
  out.extra_tests.emplace_back("ambiguous", ambiguous_test);
  out.files = mnist_raw.files;
  // Hashed always (the manifest check needs them anyway): runs record which
  // generation they were trained on.
  out.files.insert(out.files.end(), generated_files.begin(), generated_files.end());
  out.description = fmt::format(
      "Dirty-MNIST: MNIST train ({}) + Ambiguous-MNIST train ({} rows) from {}; test: MNIST "
      "test ({}), ambiguous test ({} rows)",
      clean, ambiguous_train.size(), dir.string(), out.test.size(), ambiguous_test.size());
  return out;
}

}  // namespace bdal::data
