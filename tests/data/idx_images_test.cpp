// Image datasets stored as IDX pairs, on crafted miniature files: the checks
// that tie an images file to its labels file (counts, ranks, dtypes, label
// range), and load_idx_images' search, gz-or-raw variants and standardisation.
#include "bdal/core/error.h"
#include "bdal/data/checksum.h"
#include "bdal/data/file_bytes.h"
#include "bdal/data/idx_images.h"
#include "test_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bdal::data {
namespace {

using bdal::testing::gzip_bytes;
using bdal::testing::HasSubstr;
using bdal::testing::idx_bytes;
using bdal::testing::runtime_error_message;
using bdal::testing::TempDir;
using bdal::testing::write_bytes;

// N images of HxW whose pixels are 0..N*H*W-1 mod 256, as an IDX file.
Bytes images_idx(uint32_t n, uint32_t h, uint32_t w) {
  Bytes pixels(size_t{n} * h * w);
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<uint8_t>(i % 256);
  return idx_bytes(0x08, {n, h, w}, pixels);
}

Bytes labels_idx(const Bytes& labels) {
  return idx_bytes(0x08, {static_cast<uint32_t>(labels.size())}, labels);
}

// --- load_idx_pair -----------------------------------------------------------

TEST(LoadIdxPair, GoodPair) {
  TempDir dir;
  write_bytes(dir / "img", images_idx(4, 2, 3));
  write_bytes(dir / "lab.gz", gzip_bytes(labels_idx({0, 2, 1, 2})));
  const Dataset d = load_idx_pair(dir / "img", dir / "lab.gz", 3);
  EXPECT_EQ(d.size(), 4);
  EXPECT_EQ(d.num_classes, 3);
  EXPECT_EQ(d.inputs.scalar_type(), at::kByte);
  EXPECT_EQ(d.inputs.sizes().vec(), (std::vector<int64_t>{4, 2, 3}));
  EXPECT_EQ(d.labels.scalar_type(), at::kLong);
  EXPECT_EQ(d.class_counts(), (std::vector<int64_t>{1, 1, 2}));
  EXPECT_EQ(d.labels[1].item<int64_t>(), 2);
  EXPECT_EQ(d.inputs[3][1][2].item<int64_t>(), 23);
}

TEST(LoadIdxPair, HighestLabelIsAllowed) {
  TempDir dir;
  write_bytes(dir / "img", images_idx(2, 1, 1));
  write_bytes(dir / "lab", labels_idx({9, 0}));
  EXPECT_NO_THROW(load_idx_pair(dir / "img", dir / "lab", 10));
}

TEST(LoadIdxPairErrors, CountMismatchNamesBothFiles) {
  TempDir dir;
  write_bytes(dir / "img", images_idx(3, 2, 2));
  write_bytes(dir / "lab", labels_idx({0, 1}));
  const std::string msg =
      runtime_error_message([&] { load_idx_pair(dir / "img", dir / "lab", 10); });
  EXPECT_TRUE(HasSubstr(msg, (dir / "img").string() + "' holds 3 images"));
  EXPECT_TRUE(HasSubstr(msg, (dir / "lab").string() + "' holds 2 labels"));
}

TEST(LoadIdxPairErrors, LabelOutOfRangeNamesValueAndIndex) {
  TempDir dir;
  write_bytes(dir / "img", images_idx(5, 1, 1));
  // Two bad labels: the message reports the first one.
  write_bytes(dir / "lab", labels_idx({0, 4, 1, 7, 200}));
  const std::string msg =
      runtime_error_message([&] { load_idx_pair(dir / "img", dir / "lab", 5); });
  EXPECT_TRUE(HasSubstr(msg, (dir / "lab").string()));
  EXPECT_TRUE(HasSubstr(msg, "label 7 at index 3"));
  EXPECT_TRUE(HasSubstr(msg, "outside 0..4"));
}

TEST(LoadIdxPairErrors, LabelEqualToNumClasses) {
  TempDir dir;
  write_bytes(dir / "img", images_idx(2, 1, 1));
  write_bytes(dir / "lab", labels_idx({10, 0}));
  const std::string msg =
      runtime_error_message([&] { load_idx_pair(dir / "img", dir / "lab", 10); });
  EXPECT_TRUE(HasSubstr(msg, "label 10 at index 0, outside 0..9"));
}

TEST(LoadIdxPairErrors, ImagesOfWrongRank) {
  TempDir dir;
  write_bytes(dir / "img", idx_bytes(0x08, {2, 4}, Bytes(8, 0)));  // flattened images
  write_bytes(dir / "lab", labels_idx({0, 1}));
  const std::string msg =
      runtime_error_message([&] { load_idx_pair(dir / "img", dir / "lab", 10); });
  EXPECT_TRUE(HasSubstr(msg, (dir / "img").string()));
  EXPECT_TRUE(HasSubstr(msg, "uint8 images [N, H, W]"));
  EXPECT_TRUE(HasSubstr(msg, "rank 2"));
}

TEST(LoadIdxPairErrors, ImagesOfWrongDtype) {
  TempDir dir;
  write_bytes(dir / "img", idx_bytes(0x0D, {1, 1, 1}, Bytes(4, 0)));  // float32
  write_bytes(dir / "lab", labels_idx({0}));
  const std::string msg =
      runtime_error_message([&] { load_idx_pair(dir / "img", dir / "lab", 10); });
  EXPECT_TRUE(HasSubstr(msg, (dir / "img").string()));
  EXPECT_TRUE(HasSubstr(msg, "type 0x0d with rank 3"));
}

TEST(LoadIdxPairErrors, LabelsOfWrongRankOrDtype) {
  TempDir dir;
  write_bytes(dir / "img", images_idx(2, 1, 1));
  write_bytes(dir / "lab2", idx_bytes(0x08, {2, 1}, {0, 1}));
  std::string msg = runtime_error_message([&] { load_idx_pair(dir / "img", dir / "lab2", 10); });
  EXPECT_TRUE(HasSubstr(msg, (dir / "lab2").string()));
  EXPECT_TRUE(HasSubstr(msg, "uint8 labels [N]"));
  EXPECT_TRUE(HasSubstr(msg, "rank 2"));

  // Signed labels could smuggle in negative classes; the type is refused.
  write_bytes(dir / "labi8", idx_bytes(0x09, {2}, {0, 0xff}));
  msg = runtime_error_message([&] { load_idx_pair(dir / "img", dir / "labi8", 10); });
  EXPECT_TRUE(HasSubstr(msg, (dir / "labi8").string()));
  EXPECT_TRUE(HasSubstr(msg, "type 0x09"));
}

TEST(LoadIdxPairErrors, SwappedFilesAreCaught) {
  // The classic mistake: labels passed as images.
  TempDir dir;
  write_bytes(dir / "img", images_idx(2, 2, 2));
  write_bytes(dir / "lab", labels_idx({0, 1}));
  const std::string msg =
      runtime_error_message([&] { load_idx_pair(dir / "lab", dir / "img", 10); });
  EXPECT_TRUE(HasSubstr(msg, (dir / "lab").string()));
  EXPECT_TRUE(HasSubstr(msg, "rank 1"));
}

TEST(LoadIdxPairErrors, EmptyImagesAndNoImages) {
  TempDir dir;
  write_bytes(dir / "img0", idx_bytes(0x08, {2, 0, 3}, {}));
  write_bytes(dir / "lab", labels_idx({0, 1}));
  std::string msg = runtime_error_message([&] { load_idx_pair(dir / "img0", dir / "lab", 10); });
  EXPECT_TRUE(HasSubstr(msg, "empty images (0x3)"));

  write_bytes(dir / "imgN0", idx_bytes(0x08, {0, 2, 2}, {}));
  write_bytes(dir / "lab0", labels_idx({}));
  msg = runtime_error_message([&] { load_idx_pair(dir / "imgN0", dir / "lab0", 10); });
  EXPECT_TRUE(HasSubstr(msg, (dir / "imgN0").string()));
  EXPECT_TRUE(HasSubstr(msg, "holds no images"));
}

TEST(LoadIdxPairErrors, BadFileInsideThePairNamesThatFile) {
  TempDir dir;
  write_bytes(dir / "img", images_idx(2, 1, 1));
  const Bytes gz = gzip_bytes(labels_idx(Bytes(3000, 1)));
  write_bytes(dir / "lab.gz", Bytes(gz.begin(), gz.begin() + static_cast<std::ptrdiff_t>(gz.size() / 2)));
  const std::string msg =
      runtime_error_message([&] { load_idx_pair(dir / "img", dir / "lab.gz", 10); });
  EXPECT_TRUE(HasSubstr(msg, (dir / "lab.gz").string()));
  EXPECT_TRUE(HasSubstr(msg, "truncated gzip"));
}

// --- load_idx_images on a miniature spec -----------------------------------

// A three-class miniature MNIST: 6 train and 3 test images of 2x2.
struct MiniDataset {
  TempDir root;
  IdxImageSpec spec;
  Bytes train_pixels{0, 255, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0,
                     51, 51, 51, 51, 102, 102, 102, 102, 0, 255, 255, 0};
  Bytes test_pixels{255, 0, 0, 0, 0, 0, 0, 0, 102, 102, 102, 102};

  MiniDataset() {
    spec.name = "mini";
    spec.title = "Mini";
    spec.files = {{{"train-images-idx3-ubyte.gz", ""},
                   {"train-labels-idx1-ubyte.gz", ""},
                   {"t10k-images-idx3-ubyte.gz", ""},
                   {"t10k-labels-idx1-ubyte.gz", ""}}};
    spec.num_classes = 3;
  }

  std::array<Bytes, 4> raw_files() const {
    return {idx_bytes(0x08, {6, 2, 2}, train_pixels), labels_idx({0, 1, 2, 0, 1, 2}),
            idx_bytes(0x08, {3, 2, 2}, test_pixels), labels_idx({2, 1, 0})};
  }

  // Writes file i gzip-compressed under its .gz name, or raw without ".gz".
  void write(size_t i, bool gz) {
    const auto dir = root.path() / "mini";
    std::filesystem::create_directories(dir);
    const std::string gz_name = spec.files[i].name;
    if (gz)
      write_bytes(dir / gz_name, gzip_bytes(raw_files()[i]));
    else
      write_bytes(dir / gz_name.substr(0, gz_name.size() - 3), raw_files()[i]);
  }
};

TEST(LoadIdxImages, StandardisesWithTrainStatistics) {
  MiniDataset mini;
  for (size_t i = 0; i < 4; ++i) mini.write(i, true);
  const TrainTest tt = load_idx_images(mini.spec, mini.root.path());
  EXPECT_EQ(tt.name, "mini");
  EXPECT_EQ(tt.train.inputs.sizes().vec(), (std::vector<int64_t>{6, 1, 2, 2}));
  EXPECT_EQ(tt.test.inputs.sizes().vec(), (std::vector<int64_t>{3, 1, 2, 2}));
  EXPECT_EQ(tt.train.inputs.scalar_type(), at::kFloat);
  EXPECT_EQ(tt.train.class_counts(), (std::vector<int64_t>{2, 2, 2}));
  EXPECT_EQ(tt.test.labels[0].item<int64_t>(), 2);

  // Expected transform computed independently in double: (p/255 - m) / s
  // with m, s the mean and (unbiased) std of all train pixels.
  const at::Tensor train_unit =
      at::tensor(std::vector<double>(mini.train_pixels.begin(), mini.train_pixels.end())) / 255.0;
  const double m = train_unit.mean().item<double>();
  const double s = train_unit.std().item<double>();
  const at::Tensor expect_train = ((train_unit - m) / s).reshape({6, 1, 2, 2}).to(at::kFloat);
  EXPECT_TRUE(at::allclose(tt.train.inputs, expect_train, 1e-5, 1e-6));
  // The test set uses the TRAIN statistics, not its own.
  const at::Tensor test_unit =
      at::tensor(std::vector<double>(mini.test_pixels.begin(), mini.test_pixels.end())) / 255.0;
  const at::Tensor expect_test = ((test_unit - m) / s).reshape({3, 1, 2, 2}).to(at::kFloat);
  EXPECT_TRUE(at::allclose(tt.test.inputs, expect_test, 1e-5, 1e-6));
  EXPECT_NEAR(tt.train.inputs.mean().item<double>(), 0.0, 1e-6);
  EXPECT_NEAR(tt.train.inputs.std().item<double>(), 1.0, 1e-5);

  // Without with_checksums, paths are recorded but not hashed.
  ASSERT_EQ(tt.files.size(), 4u);
  for (const auto& f : tt.files) EXPECT_TRUE(f.sha256.empty());
  EXPECT_TRUE(HasSubstr(tt.description, (mini.root.path() / "mini").string()));
}

TEST(LoadIdxImages, AcceptsDecompressedFilesAndMixtures) {
  MiniDataset mini;
  mini.write(0, false);
  mini.write(1, true);
  mini.write(2, true);
  mini.write(3, false);
  const TrainTest tt = load_idx_images(mini.spec, mini.root.path(), /*with_checksums=*/true);
  EXPECT_EQ(tt.train.size(), 6);
  EXPECT_EQ(tt.test.size(), 3);
  ASSERT_EQ(tt.files.size(), 4u);
  EXPECT_EQ(tt.files[0].path.filename(), "train-images-idx3-ubyte");
  EXPECT_EQ(tt.files[1].path.filename(), "train-labels-idx1-ubyte.gz");
  // Checksums are of the files as stored.
  for (const auto& f : tt.files) EXPECT_EQ(f.sha256, sha256_hex(read_file(f.path)));
}

TEST(LoadIdxImagesErrors, TrainAndTestImageSizesDiffer) {
  MiniDataset mini;
  for (size_t i = 0; i < 4; ++i) mini.write(i, true);
  write_bytes(mini.root.path() / "mini" / "t10k-images-idx3-ubyte.gz",
              gzip_bytes(images_idx(3, 3, 3)));
  const std::string msg =
      runtime_error_message([&] { load_idx_images(mini.spec, mini.root.path()); });
  EXPECT_TRUE(HasSubstr(msg, "Mini train images are 2x2 but test images are 3x3"));
}

TEST(LoadIdxImagesErrors, CorruptTrainImagesNameTheFile) {
  MiniDataset mini;
  for (size_t i = 0; i < 4; ++i) mini.write(i, true);
  const auto path = mini.root.path() / "mini" / "train-images-idx3-ubyte.gz";
  Bytes gz = read_file(path);
  gz.resize(gz.size() - 5);  // lose most of the trailer
  write_bytes(path, gz);
  const std::string msg =
      runtime_error_message([&] { load_idx_images(mini.spec, mini.root.path()); });
  EXPECT_TRUE(HasSubstr(msg, path.string()));
  EXPECT_TRUE(HasSubstr(msg, "truncated gzip"));
}

}  // namespace
}  // namespace bdal::data
