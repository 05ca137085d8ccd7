// An in-memory labelled dataset and the train/test pair a loader returns.
#pragma once

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace bdal::data {

struct Dataset {
  at::Tensor inputs;  // float32, [N, ...] (images: [N, 1, H, W], standardised)
  at::Tensor labels;  // int64, [N], values in [0, num_classes)
  int64_t num_classes = 0;
  // bool [N] for datasets that mix clean and ambiguous images (Dirty-MNIST):
  // which rows are ambiguous; undefined elsewhere.
  at::Tensor ambiguous;

  int64_t size() const { return labels.defined() ? labels.size(0) : 0; }
  // Rows `indices` (int64 [M]) as a new dataset.
  Dataset subset(const at::Tensor& indices) const;
  // Number of examples of each class, [num_classes].
  std::vector<int64_t> class_counts() const;
};

// A file a dataset was read from, for `bdal data info` and meta records.
struct SourceFile {
  std::filesystem::path path;
  std::string sha256;
};

struct TrainTest {
  std::string name;
  Dataset train;
  Dataset test;
  // More test sets evaluated every round beside `test`, by name (Dirty-MNIST:
  // "ambiguous", the Ambiguous-MNIST test split).
  std::vector<std::pair<std::string, Dataset>> extra_tests;
  std::vector<SourceFile> files;  // empty for generated datasets
  std::string description;        // where it came from, in one line
};

}  // namespace bdal::data
