#include "bdal/data/idx_images.h"

#include "bdal/core/error.h"
#include "bdal/data/checksum.h"
#include "bdal/data/data_dir.h"
#include "bdal/data/idx.h"

#include <ATen/ATen.h>

namespace bdal::data {

const IdxImageSpec& mnist_spec() {
  // SHA-256 of the four .gz files as LeCun et al. distributed them; the same
  // values are published by TensorFlow Datasets and match ../shared/data.
  static const IdxImageSpec spec{
      "mnist",
      "MNIST",
      {{{"train-images-idx3-ubyte.gz",
         "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"},
        {"train-labels-idx1-ubyte.gz",
         "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"},
        {"t10k-images-idx3-ubyte.gz",
         "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"},
        {"t10k-labels-idx1-ubyte.gz",
         "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"}}},
      "the original MNIST distribution (published SHA-256)",
      {},
      {"https://ossci-datasets.s3.amazonaws.com/mnist/",
       "https://storage.googleapis.com/cvdf-datasets/mnist/", "http://yann.lecun.com/exdb/mnist/"},
      10};
  return spec;
}

const IdxImageSpec& fashion_mnist_spec() {
  // Debian re-compresses the files, so these are the checksums of Debian's
  // dataset-fashion-mnist 0.0~git20200523 package, measured on install.
  static const IdxImageSpec spec{
      "fashion-mnist",
      "Fashion-MNIST",
      {{{"train-images-idx3-ubyte.gz",
         "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"},
        {"train-labels-idx1-ubyte.gz",
         "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"},
        {"t10k-images-idx3-ubyte.gz",
         "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"},
        {"t10k-labels-idx1-ubyte.gz",
         "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"}}},
      "Debian package dataset-fashion-mnist",
      {std::filesystem::path(kDebianFashionMnistDir)},
      {},
      10};
  return spec;
}

}  // namespace bdal::data

namespace bdal::data {
namespace {}  // namespace

std::filesystem::path present_variant(const std::filesystem::path& dir,
                                      const std::string& gz_name) {
  const auto gz = dir / gz_name;
  if (std::filesystem::is_regular_file(gz)) return gz;
  const auto raw = dir / gz_name.substr(0, gz_name.size() - 3);
  if (std::filesystem::is_regular_file(raw)) return raw;
  return {};
}

std::pair<double, double> unit_mean_std(const at::Tensor& images_u8) {
  const at::Tensor unit = images_u8.to(at::kDouble).div_(255.0);
  return {unit.mean().item<double>(), unit.std().item<double>()};
}

at::Tensor standardise_images(const at::Tensor& images_u8, double mean, double std) {
  return images_u8.to(at::kFloat).div_(255.0).sub_(mean).div_(std).unsqueeze(1);
}

std::vector<std::filesystem::path> search_dirs(const IdxImageSpec& spec,
                                               const std::filesystem::path& data_dir) {
  std::vector<std::filesystem::path> dirs{data_dir / spec.name};
  for (const auto& d : spec.system_dirs) dirs.push_back(d);
  return dirs;
}

std::filesystem::path locate(const IdxImageSpec& spec, const std::filesystem::path& data_dir) {
  std::vector<std::string> looked;
  for (const auto& dir : search_dirs(spec, data_dir)) {
    std::vector<std::string> missing;
    for (const auto& f : spec.files)
      if (present_variant(dir, f.name).empty()) missing.push_back(f.name);
    if (missing.empty()) return dir;
    looked.push_back(missing.size() == spec.files.size()
                         ? fmt::format("{} (not there)", dir.string())
                         : fmt::format("{} (missing {})", dir.string(), fmt::join(missing, ", ")));
  }
  std::string hint;
  if (!spec.mirrors.empty())
    hint = fmt::format("; run `bdal data fetch {} --data-dir {}` to download it", spec.name,
                       data_dir.string());
  else if (spec.name == "fashion-mnist")
    hint =
        "; install Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist)";
  throw Error(
      fmt::format("{} not found; looked in {}{}", spec.title, fmt::join(looked, "; "), hint));
}

Dataset load_idx_pair(const std::filesystem::path& images_path,
                      const std::filesystem::path& labels_path, int64_t num_classes) {
  const IdxArray images = read_idx(images_path);
  const IdxArray labels = read_idx(labels_path);
  BDAL_CHECK(images.type_code == 0x08 && images.dims.size() == 3,
             "'{}' should hold uint8 images [N, H, W] but holds type 0x{:02x} with rank {}",
             images_path.string(), images.type_code, images.dims.size());
  BDAL_CHECK(labels.type_code == 0x08 && labels.dims.size() == 1,
             "'{}' should hold uint8 labels [N] but holds type 0x{:02x} with rank {}",
             labels_path.string(), labels.type_code, labels.dims.size());
  BDAL_CHECK(images.dims[1] > 0 && images.dims[2] > 0, "'{}' has empty images ({}x{})",
             images_path.string(), images.dims[1], images.dims[2]);
  BDAL_CHECK(images.dims[0] == labels.dims[0], "'{}' holds {} images but '{}' holds {} labels",
             images_path.string(), images.dims[0], labels_path.string(), labels.dims[0]);
  BDAL_CHECK(images.dims[0] > 0, "'{}' holds no images", images_path.string());
  const at::Tensor labels_i64 = labels.values.to(at::kLong);
  const int64_t max_label = labels_i64.max().item<int64_t>();
  if (max_label >= num_classes) {
    const int64_t at_index = (labels_i64 >= num_classes).nonzero()[0][0].item<int64_t>();
    throw Error(fmt::format("'{}' has label {} at index {}, outside 0..{}", labels_path.string(),
                            labels_i64[at_index].item<int64_t>(), at_index, num_classes - 1));
  }
  Dataset out;
  out.inputs = images.values;  // uint8 [N, H, W]; callers convert
  out.labels = labels_i64;
  out.num_classes = num_classes;
  return out;
}

TrainTest load_idx_images_u8(const IdxImageSpec& spec, const std::filesystem::path& data_dir,
                             bool with_checksums) {
  const auto dir = locate(spec, data_dir);
  std::array<std::filesystem::path, 4> paths;
  for (size_t i = 0; i < 4; ++i) paths[i] = present_variant(dir, spec.files[i].name);

  TrainTest out;
  out.name = spec.name;
  out.description = fmt::format("{} from {}", spec.title, dir.string());
  out.train = load_idx_pair(paths[0], paths[1], spec.num_classes);
  out.test = load_idx_pair(paths[2], paths[3], spec.num_classes);
  BDAL_CHECK(out.train.inputs.sizes().slice(1) == out.test.inputs.sizes().slice(1),
             "{} train images are {}x{} but test images are {}x{}", spec.title,
             out.train.inputs.size(1), out.train.inputs.size(2), out.test.inputs.size(1),
             out.test.inputs.size(2));
  for (const auto& p : paths)
    out.files.push_back({p, with_checksums ? sha256_file(p) : std::string()});
  return out;
}

TrainTest load_idx_images(const IdxImageSpec& spec, const std::filesystem::path& data_dir,
                          bool with_checksums) {
  TrainTest out = load_idx_images_u8(spec, data_dir, with_checksums);
  // Standardise with statistics of the training images (labels not used).
  const auto [mean, std] = unit_mean_std(out.train.inputs);
  out.train.inputs = standardise_images(out.train.inputs, mean, std);
  out.test.inputs = standardise_images(out.test.inputs, mean, std);
  return out;
}

}  // namespace bdal::data
