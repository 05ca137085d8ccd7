// The real datasets through the public entry point (load_dataset by name):
// MNIST from the test data directory and Fashion-MNIST from Debian's
// package. Counts and first labels are the published facts about these
// files, so a reader that reorders, drops or mis-decodes anything fails here.
#include "bdal/data/data_dir.h"
#include "bdal/data/idx_images.h"
#include "bdal/data/registry.h"
#include "test_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <memory>
#include <string>
#include <vector>

namespace bdal::data {
namespace {

using bdal::testing::TempDir;
using bdal::testing::test_data_dir;

std::vector<int64_t> first_labels(const Dataset& d, int64_t n) {
  const at::Tensor head = d.labels.slice(0, 0, n).contiguous();
  return std::vector<int64_t>(head.data_ptr<int64_t>(), head.data_ptr<int64_t>() + n);
}

// MNIST is loaded once per process (ctest runs each test in its own process,
// so this only saves time when the whole program is run by hand).
class Mnist : public ::testing::Test {
 protected:
  void SetUp() override { BDAL_REQUIRE_MNIST(); }

  static const TrainTest& mnist() {
    static const std::unique_ptr<TrainTest> tt = [] {
      DatasetOptions options;
      options.data_dir = test_data_dir().string();
      options.with_checksums = true;
      return std::make_unique<TrainTest>(load_dataset("mnist", options));
    }();
    return *tt;
  }
};

TEST_F(Mnist, SizesAndShapes) {
  const TrainTest& tt = mnist();
  EXPECT_EQ(tt.name, "mnist");
  EXPECT_EQ(tt.train.size(), 60000);
  EXPECT_EQ(tt.test.size(), 10000);
  EXPECT_EQ(tt.train.num_classes, 10);
  EXPECT_EQ(tt.train.inputs.sizes().vec(), (std::vector<int64_t>{60000, 1, 28, 28}));
  EXPECT_EQ(tt.test.inputs.sizes().vec(), (std::vector<int64_t>{10000, 1, 28, 28}));
  EXPECT_EQ(tt.train.inputs.scalar_type(), at::kFloat);
  EXPECT_EQ(tt.train.labels.scalar_type(), at::kLong);
}

TEST_F(Mnist, PerClassCounts) {
  EXPECT_EQ(mnist().train.class_counts(),
            (std::vector<int64_t>{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}));
  EXPECT_EQ(mnist().test.class_counts(),
            (std::vector<int64_t>{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}));
}

TEST_F(Mnist, FirstLabelsInOriginalOrder) {
  EXPECT_EQ(first_labels(mnist().train, 10), (std::vector<int64_t>{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}));
  EXPECT_EQ(first_labels(mnist().test, 10), (std::vector<int64_t>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9}));
}

TEST_F(Mnist, InputsAreStandardisedWithTrainStatistics) {
  const TrainTest& tt = mnist();
  EXPECT_NEAR(tt.train.inputs.mean().item<double>(), 0.0, 1e-4);
  EXPECT_NEAR(tt.train.inputs.std().item<double>(), 1.0, 1e-4);
  // MNIST's well-known pixel statistics (mean 0.1307, std 0.3081) put a black
  // pixel at -0.4242 and a white one at 2.8215.
  EXPECT_NEAR(tt.train.inputs.min().item<double>(), -0.1307 / 0.3081, 2e-3);
  EXPECT_NEAR(tt.train.inputs.max().item<double>(), (1 - 0.1307) / 0.3081, 2e-3);
  // The test set is shifted by the same amounts, so its mean is near, but
  // not exactly, zero.
  EXPECT_NEAR(tt.test.inputs.mean().item<double>(), 0.0, 0.05);
  EXPECT_NEAR(tt.test.inputs.min().item<double>(), tt.train.inputs.min().item<double>(), 1e-6);
}

TEST_F(Mnist, PixelsMatchAnIndependentRead) {
  // Read the training images with plain zlib (no bdal code) and check that
  // the loaded tensor is exactly (pixel/255 - mean)/std of them, image by
  // image in order.
  const auto path = test_data_dir() / "mnist" / "train-images-idx3-ubyte.gz";
  gzFile gz = gzopen(path.c_str(), "rb");
  ASSERT_NE(gz, nullptr);
  std::vector<uint8_t> raw(16 + 60000 * 784);
  ASSERT_EQ(gzread(gz, raw.data(), static_cast<unsigned>(raw.size())),
            static_cast<int>(raw.size()));
  gzclose(gz);
  EXPECT_EQ(raw[2], 0x08);  // uint8
  EXPECT_EQ(raw[3], 3);     // rank 3
  const at::Tensor pixels =
      at::from_blob(raw.data() + 16, {60000, 1, 28, 28}, at::kByte).to(at::kDouble) / 255.0;
  const double mean = pixels.mean().item<double>();
  const double std = pixels.std().item<double>();
  EXPECT_NEAR(mean, 0.1307, 1e-4);
  EXPECT_NEAR(std, 0.3081, 1e-4);
  for (int64_t i : {int64_t{0}, int64_t{1}, int64_t{12345}, int64_t{59999}}) {
    const at::Tensor expect = ((pixels[i] - mean) / std).to(at::kFloat);
    EXPECT_TRUE(at::allclose(mnist().train.inputs[i], expect, 1e-5, 1e-5)) << "image " << i;
  }
}

TEST_F(Mnist, ChecksumsMatchTheSpec) {
  const TrainTest& tt = mnist();
  const IdxImageSpec& spec = mnist_spec();
  ASSERT_EQ(tt.files.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(tt.files[i].path, test_data_dir() / "mnist" / spec.files[i].name);
    EXPECT_EQ(tt.files[i].sha256, spec.files[i].sha256) << spec.files[i].name;
  }
}

TEST(FashionMnist, LoadsFromTheDebianPackage) {
  // A declared dependency, so missing is a failure, not a skip.
  ASSERT_TRUE(std::filesystem::is_directory(kDebianFashionMnistDir))
      << "install Debian's dataset-fashion-mnist package";
  TempDir empty;  // nothing in the data dir: the Debian copy must be found
  DatasetOptions options;
  options.data_dir = empty.path().string();
  options.with_checksums = true;
  const TrainTest tt = load_dataset("fashion-mnist", options);
  EXPECT_EQ(tt.train.size(), 60000);
  EXPECT_EQ(tt.test.size(), 10000);
  EXPECT_EQ(tt.train.inputs.sizes().vec(), (std::vector<int64_t>{60000, 1, 28, 28}));
  EXPECT_EQ(tt.train.class_counts(), std::vector<int64_t>(10, 6000));
  EXPECT_EQ(tt.test.class_counts(), std::vector<int64_t>(10, 1000));
  // Fashion-MNIST's first training labels (ankle boot, T-shirt, T-shirt, dress, ...).
  EXPECT_EQ(first_labels(tt.train, 5), (std::vector<int64_t>{9, 0, 0, 3, 0}));
  EXPECT_NEAR(tt.train.inputs.mean().item<double>(), 0.0, 1e-4);
  EXPECT_NEAR(tt.train.inputs.std().item<double>(), 1.0, 1e-4);
  EXPECT_NE(tt.description.find(kDebianFashionMnistDir), std::string::npos) << tt.description;
  ASSERT_EQ(tt.files.size(), 4u);
  for (size_t i = 0; i < 4; ++i)
    EXPECT_EQ(tt.files[i].sha256, fashion_mnist_spec().files[i].sha256)
        << tt.files[i].path << " differs from the checksum recorded for Debian's package";
}

}  // namespace
}  // namespace bdal::data
