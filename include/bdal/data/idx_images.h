// Image-classification datasets stored as four IDX files (MNIST and its
// drop-in twins): where to find them, their known checksums, how to load them.
#pragma once

#include "bdal/data/dataset.h"

#include <array>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace bdal::data {

struct IdxFile {
  std::string name;    // e.g. "train-images-idx3-ubyte.gz"
  std::string sha256;  // of the file as distributed ("" = unknown)
};

struct IdxImageSpec {
  std::string name;              // dataset name, also its folder under the data dir
  std::string title;             // human name, e.g. "MNIST"
  std::array<IdxFile, 4> files;  // train images, train labels, test images, test labels
  std::string checksum_source;   // where the sha256s come from
  std::vector<std::filesystem::path> system_dirs;  // searched after the data dir
  std::vector<std::string> mirrors;                // base URLs for `bdal data fetch` (may be empty)
  int64_t num_classes = 10;
};

const IdxImageSpec& mnist_spec();
const IdxImageSpec& fashion_mnist_spec();

// The directories searched for `spec`, in order.
std::vector<std::filesystem::path> search_dirs(const IdxImageSpec& spec,
                                               const std::filesystem::path& data_dir);

// The first searched directory holding all four files; throws naming every
// place looked in (and the fetch command, when there is one) if none does.
std::filesystem::path locate(const IdxImageSpec& spec, const std::filesystem::path& data_dir);

// Train and test as stored: images uint8 [N, H, W], checked as below.
TrainTest load_idx_images_u8(const IdxImageSpec& spec, const std::filesystem::path& data_dir,
                             bool with_checksums = false);

// Loads train and test, checking ranks, dtypes, counts and label range.
// Images become float32 [N, 1, H, W] in [0, 1], standardised with the
// training set's own mean and standard deviation.
TrainTest load_idx_images(const IdxImageSpec& spec, const std::filesystem::path& data_dir,
                          bool with_checksums = false);

// `dir`/NAME.gz, else `dir`/NAME decompressed, else an empty path.
std::filesystem::path present_variant(const std::filesystem::path& dir, const std::string& gz_name);

// Mean and standard deviation of uint8 images scaled to [0, 1].
std::pair<double, double> unit_mean_std(const at::Tensor& images_u8);

// uint8 images [N, H, W] as float32 [N, 1, H, W]: (x / 255 - mean) / std.
at::Tensor standardise_images(const at::Tensor& images_u8, double mean, double std);

// Images [N, H, W] uint8 and labels [N] uint8 from two IDX files, checked
// against each other; exposed for tests of crafted files.
Dataset load_idx_pair(const std::filesystem::path& images, const std::filesystem::path& labels,
                      int64_t num_classes);

}  // namespace bdal::data
