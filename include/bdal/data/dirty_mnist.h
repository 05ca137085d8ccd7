// Dirty-MNIST (Mukhoti et al. 2021): MNIST plus Ambiguous-MNIST, digits that
// look like several classes at once, each with several labels. bdal
// generates Ambiguous-MNIST itself (`bdal data make dirty-mnist`,
// experiment/ambiguous_mnist.h) into <data dir>/dirty-mnist/; this loads it.
#pragma once

#include <filesystem>
#include <string>

#include "bdal/data/dataset.h"

namespace bdal::data {

// The files `bdal data make dirty-mnist` writes: images [M, 28, 28] uint8
// and labels [M, L] uint8 (L labels per image) for each split, and the manifest.
inline constexpr const char* kAmbiguousTrainImages = "ambiguous-train-images-idx3-ubyte.gz";
inline constexpr const char* kAmbiguousTrainLabels = "ambiguous-train-labels-idx2-ubyte.gz";
inline constexpr const char* kAmbiguousTestImages = "ambiguous-test-images-idx3-ubyte.gz";
inline constexpr const char* kAmbiguousTestLabels = "ambiguous-test-labels-idx2-ubyte.gz";
inline constexpr const char* kDirtyMnistManifest = "manifest.json";

// <data dir>/dirty-mnist
std::filesystem::path dirty_mnist_dir(const std::filesystem::path& data_dir);

// An ambiguous split as a dataset: each image repeated once per label (the
// labels drawn from the judges' mean softmax), all rows marked ambiguous.
Dataset expand_ambiguous(const at::Tensor& images_M_H_W_u8, const at::Tensor& labels_M_L_u8,
                         double mean, double std);

// Train: MNIST train (60,000) + Ambiguous-MNIST train (images x labels,
// e.g. 6,000 x 10), `ambiguous` marking the second part. Test: MNIST test;
// extra_tests["ambiguous"]: the Ambiguous-MNIST test split. All images are
// standardised with MNIST train's mean and std. A missing file is a
// UsageError naming the command that makes it.
TrainTest load_dirty_mnist(const std::filesystem::path& data_dir, bool with_checksums = false);

}  // namespace bdal::data
