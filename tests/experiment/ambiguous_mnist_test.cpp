// Ambiguous-MNIST generation end to end at a tiny size (a few seconds): a
// small VAE and two judges on 1,000 real MNIST digits prove the pipeline,
// its filters, the flattened subsample, determinism from the seed, the
// files and manifest, and that `dirty-mnist` loads what was written.
#include "bdal/experiment/ambiguous_mnist.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <fstream>

#include "bdal/data/checksum.h"
#include "bdal/data/dirty_mnist.h"
#include "bdal/data/idx.h"
#include "bdal/data/idx_images.h"
#include "bdal/data/registry.h"
#include "bdal/data/split.h"
#include "test_support.h"

namespace bdal::experiment {
namespace {

AmbiguousMnistOptions tiny_options(uint64_t seed = 3) {
  AmbiguousMnistOptions o;
  o.seed = seed;
  o.vae_epochs = 1;
  o.judges = 2;
  o.judge_epochs = 1;
  o.candidates = 500;
  o.train_images = 60;
  o.test_images = 40;
  o.labels_per_image = 5;
  o.source_limit = 1000;
  return o;
}

data::Dataset mnist_train_u8() {
  const auto dir = data::locate(data::mnist_spec(), testing::test_data_dir());
  return data::load_idx_pair(data::present_variant(dir, "train-images-idx3-ubyte.gz"),
                             data::present_variant(dir, "train-labels-idx1-ubyte.gz"), 10);
}

TEST(AmbiguousMnist, TinyGenerationKeepsOnlyWhatPassesTheFilters) {
  BDAL_REQUIRE_MNIST();
  const data::Dataset mnist = mnist_train_u8();
  AmbiguousMnistOptions o = tiny_options();
  o.max_mutual_information = 0.02;
  o.min_entropy = 0.3;
  const AmbiguousMnist a = generate_ambiguous_mnist(mnist.inputs, mnist.labels, o);
  EXPECT_EQ(a.train.images_M_H_W.sizes(), (at::IntArrayRef{60, 28, 28}));
  EXPECT_EQ(a.test.images_M_H_W.sizes(), (at::IntArrayRef{40, 28, 28}));
  EXPECT_EQ(a.train.labels_M_L.sizes(), (at::IntArrayRef{60, 5}));
  EXPECT_EQ(a.train.images_M_H_W.scalar_type(), at::kByte);
  for (const AmbiguousSplit* s : {&a.train, &a.test}) {
    EXPECT_LE(s->mutual_information_M.max().item<double>(), 0.02);
    EXPECT_GE(s->entropy_M.min().item<double>(), 0.3);
    EXPECT_LT(s->labels_M_L.max().item<int>(), 10);
    EXPECT_TRUE(
        at::allclose(s->mean_probs_M_C.sum(1), at::ones({s->mean_probs_M_C.size(0)}, at::kDouble)));
  }
  // The counts tell the same story: everything kept passed both filters.
  const auto& c = a.stats.at("candidates");
  EXPECT_EQ(c.at("generated"), 500);
  EXPECT_LE(c.at("kept").get<int64_t>(), c.at("mutual_information_at_most").get<int64_t>());
  EXPECT_LE(c.at("kept").get<int64_t>(), c.at("entropy_in_range").get<int64_t>());
  EXPECT_GE(c.at("kept").get<int64_t>(), 100);
  // The flattened subsample is at least as even over entropy bins as what was kept.
  const auto& h = a.stats.at("entropy_histogram");
  std::vector<int64_t> kept = h.at("kept"), chosen = h.at("chosen");
  int64_t total = 0;
  for (int64_t n : chosen) total += n;
  EXPECT_EQ(total, 100);
  for (size_t b = 0; b < chosen.size(); ++b) {
    EXPECT_LE(chosen[b], kept[b]);
    // A bin below its fair share gave everything it had.
    if (chosen[b] < 100 / static_cast<int64_t>(chosen.size())) {
      EXPECT_EQ(chosen[b], kept[b]) << "bin " << b;
    }
  }
}

TEST(AmbiguousMnist, SameSeedSameBytesOtherSeedOtherImages) {
  BDAL_REQUIRE_MNIST();
  const data::Dataset mnist = mnist_train_u8();
  const AmbiguousMnist a = generate_ambiguous_mnist(mnist.inputs, mnist.labels, tiny_options(3));
  const AmbiguousMnist b = generate_ambiguous_mnist(mnist.inputs, mnist.labels, tiny_options(3));
  EXPECT_TRUE(at::equal(a.train.images_M_H_W, b.train.images_M_H_W));
  EXPECT_TRUE(at::equal(a.test.labels_M_L, b.test.labels_M_L));
  const AmbiguousMnist c = generate_ambiguous_mnist(mnist.inputs, mnist.labels, tiny_options(4));
  EXPECT_FALSE(at::equal(a.train.images_M_H_W, c.train.images_M_H_W));
}

TEST(AmbiguousMnist, WrittenFilesLoadAsDirtyMnist) {
  BDAL_REQUIRE_MNIST();
  const data::Dataset mnist = mnist_train_u8();
  const AmbiguousMnistOptions o = tiny_options();
  const AmbiguousMnist a = generate_ambiguous_mnist(mnist.inputs, mnist.labels, o);
  testing::TempDir data_dir;
  std::filesystem::create_directory_symlink(
      std::filesystem::absolute(testing::test_data_dir() / "mnist"), data_dir / "mnist");
  write_ambiguous_mnist(a, o, data::dirty_mnist_dir(data_dir.path()), 12.5);

  std::ifstream in(data::dirty_mnist_dir(data_dir.path()) / data::kDirtyMnistManifest);
  const nlohmann::json manifest = nlohmann::json::parse(in);
  EXPECT_EQ(manifest.at("seed"), 3);
  EXPECT_EQ(manifest.at("sizes").at("train_rows"), 300);
  EXPECT_EQ(manifest.at("generation_seconds"), 12.5);
  for (const auto& [name, sha] : manifest.at("sha256").items())
    EXPECT_EQ(sha, data::sha256_file(data::dirty_mnist_dir(data_dir.path()) / name)) << name;

  data::DatasetOptions options;
  options.data_dir = data_dir.path().string();
  const data::TrainTest dirty = data::load_dataset("dirty-mnist", options);
  EXPECT_EQ(dirty.train.size(), 60000 + 60 * 5);
  EXPECT_EQ(dirty.train.ambiguous.sum().item<int64_t>(), 300);
  EXPECT_FALSE(dirty.train.ambiguous.slice(0, 0, 60000).any().item<bool>());
  EXPECT_EQ(dirty.test.size(), 10000);
  ASSERT_EQ(dirty.extra_tests.size(), 1u);
  EXPECT_EQ(dirty.extra_tests[0].first, "ambiguous");
  EXPECT_EQ(dirty.extra_tests[0].second.size(), 40 * 5);
  // The generated files always carry their hashes, so runs record which
  // generation they were made with (data.json).
  int64_t hashed = 0;
  for (const data::SourceFile& file : dirty.files)
    if (!file.sha256.empty()) {
      EXPECT_EQ(file.sha256, manifest.at("sha256").at(file.path.filename().string()));
      ++hashed;
    }
  EXPECT_EQ(hashed, 4);
  // The split draws the initial and validation sets from clean rows only.
  data::SplitOptions split;
  split.initial_per_class = 3;
  split.validation_size = 500;
  const data::Split s =
      data::make_split(dirty.train.labels, 10, dirty.test.size(), split, 1, dirty.train.ambiguous);
  EXPECT_FALSE(dirty.train.ambiguous.index_select(0, s.initial).any().item<bool>());
  EXPECT_FALSE(dirty.train.ambiguous.index_select(0, s.validation).any().item<bool>());
  EXPECT_EQ(dirty.train.ambiguous.index_select(0, s.pool).sum().item<int64_t>(), 300);
  // Image i of the ambiguous train split is repeated once per label, in order.
  const at::Tensor expected_labels = a.train.labels_M_L.to(at::kLong).reshape(-1);
  EXPECT_TRUE(at::equal(dirty.train.labels.slice(0, 60000), expected_labels));
  EXPECT_TRUE(at::equal(dirty.train.inputs[60000], dirty.train.inputs[60004]));
  EXPECT_FALSE(at::equal(dirty.train.inputs[60004], dirty.train.inputs[60005]));

  // A file that is not the one its manifest describes is refused.
  data::write_idx_gz(data::dirty_mnist_dir(data_dir.path()) / data::kAmbiguousTestLabels,
                     a.test.labels_M_L.flip(0).contiguous());
  EXPECT_TRUE(testing::HasSubstr(
      testing::runtime_error_message([&] { data::load_dataset("dirty-mnist", options); }),
      "is not the file its manifest describes"));
}

TEST(AmbiguousMnist, MissingFilesNameTheCommandThatMakesThem) {
  BDAL_REQUIRE_MNIST();
  testing::TempDir data_dir;
  std::filesystem::create_directory_symlink(
      std::filesystem::absolute(testing::test_data_dir() / "mnist"), data_dir / "mnist");
  const std::string message =
      testing::usage_error_message([&] { data::load_dirty_mnist(data_dir.path()); });
  EXPECT_TRUE(testing::HasSubstr(message, "manifest.json' is missing"));
  EXPECT_TRUE(testing::HasSubstr(message, "run `bdal data make dirty-mnist`"));
}

TEST(AmbiguousMnist, ImpossibleOptionsAreNamed) {
  AmbiguousMnistOptions o = tiny_options();
  o.candidates = 50;
  EXPECT_TRUE(testing::HasSubstr(testing::usage_error_message([&] { o.validate(); }),
                                 "--candidates (50) must be at least"));
  o = tiny_options();
  o.judges = 1;
  EXPECT_TRUE(testing::HasSubstr(testing::usage_error_message([&] { o.validate(); }), "--judges"));
}

}  // namespace
}  // namespace bdal::experiment
