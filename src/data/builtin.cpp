// The dataset list: one line per dataset.
#include "bdal/data/data_dir.h"
#include "bdal/data/dirty_mnist.h"
#include "bdal/data/idx_images.h"
#include "bdal/data/registry.h"

namespace bdal::data {
namespace {

DatasetEntry idx_entry(const IdxImageSpec& spec, std::string help) {
  return {spec.name, std::move(help), [&spec](const DatasetOptions& o) {
            return load_idx_images(spec, resolve_data_dir(o.data_dir), o.with_checksums);
          }};
}

}  // namespace

const core::Registry<DatasetEntry>& dataset_registry() {
  static const core::Registry<DatasetEntry> registry(
      "dataset", "datasets",
      {
          idx_entry(mnist_spec(), "MNIST handwritten digits, 60k train / 10k test, 28x28"),
          idx_entry(fashion_mnist_spec(),
                    "Fashion-MNIST clothing images, 60k train / 10k test, 28x28"),
          {"dirty-mnist",
           "MNIST train + generated Ambiguous-MNIST (`bdal data make dirty-mnist`); test: MNIST "
           "test, and the ambiguous test split reported separately",
           [](const DatasetOptions& o) {
             return load_dirty_mnist(resolve_data_dir(o.data_dir), o.with_checksums);
           }},
          {"two-moons", "two interleaved half circles in 2-D, generated from a seed",
           [](const DatasetOptions& o) { return load_two_moons(o.two_moons); },
           /*generated_from_seed=*/true},
      });
  return registry;
}

}  // namespace bdal::data
