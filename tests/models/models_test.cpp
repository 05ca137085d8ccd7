#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/models/registry.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace bdal::models {
namespace {

struct Expected {
  std::string name;
  std::vector<int64_t> input_shape;
  int64_t num_classes;
  int64_t parameters;
  int64_t feature_dim;  // trunk output width
  std::vector<double> dropouts;  // per head layer
};

class EachModel : public ::testing::TestWithParam<Expected> {};

TEST_P(EachModel, HasThePublishedParameterCountAndShapes) {
  const Expected& e = GetParam();
  ModelOptions options;
  options.input_shape = e.input_shape;
  options.num_classes = e.num_classes;
  auto model = make_model(e.name, options, 1);
  EXPECT_EQ(count_parameters(*model), e.parameters);
  EXPECT_EQ(model->feature_dim(), e.feature_dim);
  EXPECT_EQ(model->num_classes(), e.num_classes);
  ASSERT_EQ(model->head().size(), e.dropouts.size());
  for (size_t i = 0; i < e.dropouts.size(); ++i)
    EXPECT_DOUBLE_EQ(model->head()[i].dropout, e.dropouts[i]) << "head layer " << i;
  EXPECT_FALSE(model->head().back().relu) << "the last layer must emit raw logits";

  std::vector<int64_t> batch_shape{5};
  batch_shape.insert(batch_shape.end(), e.input_shape.begin(), e.input_shape.end());
  const at::Tensor x = at::randn(batch_shape);
  EXPECT_EQ(model->trunk(x).sizes(), (std::vector<int64_t>{5, e.feature_dim}));
  EXPECT_EQ(model->forward_deterministic(x).sizes(), (std::vector<int64_t>{5, e.num_classes}));
  at::Generator gen = core::make_generator(3);
  EXPECT_EQ(model->forward_train(x, gen).sizes(), (std::vector<int64_t>{5, e.num_classes}));
}

INSTANTIATE_TEST_SUITE_P(
    Builtin, EachModel,
    ::testing::Values(Expected{"lenet5", {1, 28, 28}, 10, 61706, 400, {0.5, 0.25, 0.0}},
                      Expected{"gal-cnn", {1, 28, 28}, 10, 513994, 3872, {0.25, 0.5}},
                      Expected{"mlp", {1, 28, 28}, 10, 203530, 256, {0.5}},
                      Expected{"moons-mlp", {2}, 2, 2802, 50, {0.1, 0.1}}),
    [](const auto& info) {
      std::string name = info.param.name;
      for (char& c : name)
        if (c == '-') c = '_';
      return name;
    });

TEST(Models, RegistryListsTheFourModels) {
  EXPECT_EQ(model_registry().names(),
            (std::vector<std::string>{"lenet5", "gal-cnn", "mlp", "moons-mlp"}));
}

TEST(Models, MlpHiddenWidthIsConfigurable) {
  ModelOptions options;
  options.hidden = 64;
  auto model = make_model("mlp", options, 0);
  EXPECT_EQ(model->feature_dim(), 64);
  EXPECT_EQ(count_parameters(*model), 784 * 64 + 64 + 64 * 10 + 10);
}

TEST(Models, DropoutOverrideAppliesToEveryDropoutLayer) {
  ModelOptions options;
  options.dropout = 0.0;
  auto model = make_model("lenet5", options, 0);
  for (const auto& layer : model->head()) EXPECT_EQ(layer.dropout, 0.0);
}

TEST(Models, SameSeedSameWeightsOtherSeedOtherWeights) {
  auto a = make_model("lenet5", {}, 11);
  auto b = make_model("lenet5", {}, 11);
  auto c = make_model("lenet5", {}, 12);
  const auto pa = a->parameters(), pb = b->parameters(), pc = c->parameters();
  for (size_t i = 0; i < pa.size(); ++i) {
    EXPECT_TRUE(at::equal(pa[i], pb[i])) << "parameter " << i;
    EXPECT_FALSE(at::equal(pa[i], pc[i])) << "parameter " << i;
  }
}

TEST(Models, InitialisationFollowsTheFanInBound) {
  auto model = make_model("gal-cnn", {}, 5);
  for (const auto& item : model->named_parameters()) {
    const at::Tensor& p = item.value();
    if (p.dim() < 2) continue;
    const double bound = 1.0 / std::sqrt(static_cast<double>(p.numel() / p.size(0)));
    EXPECT_LE(p.abs().max().item<double>(), bound) << item.key();
    EXPECT_GT(p.abs().max().item<double>(), 0.9 * bound) << item.key();
  }
}

TEST(Models, ImageModelsRejectOtherInputShapesWithAClearMessage) {
  ModelOptions options;
  options.input_shape = {2};
  options.num_classes = 2;
  try {
    make_model("lenet5", options, 0);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("needs 1x28x28 images"), std::string::npos) << e.what();
  }
}

TEST(Models, NonsenseOptionsAreUsageErrors) {
  ModelOptions bad_dropout;
  bad_dropout.dropout = 1.0;
  EXPECT_THROW(make_model("mlp", bad_dropout, 0), UsageError);
  ModelOptions one_class;
  one_class.num_classes = 1;
  EXPECT_THROW(make_model("mlp", one_class, 0), UsageError);
  EXPECT_THROW(make_model("resnet", {}, 0), UsageError);
}

}  // namespace
}  // namespace bdal::models
