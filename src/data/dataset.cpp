#include "bdal/data/dataset.h"

#include <ATen/ATen.h>

namespace bdal::data {

Dataset Dataset::subset(const at::Tensor& indices) const {
  Dataset out;
  out.inputs = inputs.index_select(0, indices);
  out.labels = labels.index_select(0, indices);
  out.num_classes = num_classes;
  if (ambiguous.defined()) out.ambiguous = ambiguous.index_select(0, indices);
  return out;
}

std::vector<int64_t> Dataset::class_counts() const {
  const at::Tensor counts = at::bincount(labels, {}, num_classes);
  std::vector<int64_t> out(num_classes);
  for (int64_t c = 0; c < num_classes; ++c) out[c] = counts[c].item<int64_t>();
  return out;
}

}  // namespace bdal::data
