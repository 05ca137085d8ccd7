// The MC sampler's promises: consistent masks (same for every input within
// a call), fresh masks per call, exact agreement between the folded-weight
// path and applying the masks by hand, and results independent of chunking.
#include "bdal/core/random.h"
#include "bdal/infer/mc_sampler.h"
#include "bdal/models/registry.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace bdal::infer {
namespace {

std::shared_ptr<models::McClassifier> lenet(double dropout = -1.0) {
  models::ModelOptions options;
  options.dropout = dropout;
  return models::make_model("lenet5", options, 42);
}

at::Tensor images(int64_t n, uint64_t seed) {
  at::Generator gen = core::make_generator(seed);
  return at::randn({n, 1, 28, 28}, gen);
}

// Applies mask k of every layer explicitly: h <- act(W (m_k ⊙ h) + b).
at::Tensor reference_head(models::McClassifier& model, const at::Tensor& features_N_F,
                          const McMasks& masks) {
  std::vector<at::Tensor> samples;
  for (int64_t k = 0; k < masks.samples; ++k) {
    at::Tensor h = features_N_F;
    for (size_t i = 0; i < model.head().size(); ++i) {
      const auto& layer = model.head()[i];
      if (layer.dropout > 0) h = h * masks.masks_K_D[i][k];
      h = at::linear(h, layer.linear->weight, layer.linear->bias);
      if (layer.relu) h = at::relu(h);
    }
    samples.push_back(at::log_softmax(h, -1));
  }
  return at::stack(samples, 1);
}

TEST(McSampler, OutputIsLogProbsNKC) {
  auto model = lenet();
  at::Generator gen = core::make_generator(1);
  const at::Tensor lp = mc_log_probs(*model, images(6, 0), {8, 1024}, gen);
  EXPECT_EQ(lp.sizes(), (std::vector<int64_t>{6, 8, 10}));
  EXPECT_TRUE(at::allclose(at::logsumexp(lp, -1), at::zeros({6, 8}), 1e-5, 1e-5));
}

TEST(McSampler, SameMasksForEveryInputWithinACall) {
  auto model = lenet();
  const at::Tensor one = images(1, 5);
  const at::Tensor batch = at::cat({one, images(3, 6), one, one});  // rows 0, 4, 5 identical
  at::Generator gen = core::make_generator(2);
  // chunk_size 2 puts the copies in different chunks: masks must still agree.
  const at::Tensor lp = mc_log_probs(*model, batch, {16, 2}, gen);
  EXPECT_TRUE(at::allclose(lp[0], lp[4], 1e-6, 1e-6));
  EXPECT_TRUE(at::allclose(lp[0], lp[5], 1e-6, 1e-6));
  // ... while the K samples of one input differ (dropout is on).
  EXPECT_FALSE(at::allclose(lp[0][0], lp[0][1], 1e-4, 1e-4));
}

TEST(McSampler, FreshMasksOnEveryCall) {
  auto model = lenet();
  const at::Tensor x = images(4, 7);
  at::Generator gen = core::make_generator(3);
  const at::Tensor first = mc_log_probs(*model, x, {8, 1024}, gen);
  const at::Tensor second = mc_log_probs(*model, x, {8, 1024}, gen);
  EXPECT_FALSE(at::allclose(first, second, 1e-4, 1e-4));
  at::Generator replay = core::make_generator(3);
  EXPECT_TRUE(at::equal(first, mc_log_probs(*model, x, {8, 1024}, replay)));
}

TEST(McSampler, DropoutFreeModelGivesKIdenticalSamplesEqualToDeterministic) {
  auto model = lenet(/*dropout=*/0.0);
  const at::Tensor x = images(5, 8);
  at::Generator gen = core::make_generator(4);
  const at::Tensor lp = mc_log_probs(*model, x, {7, 1024}, gen);
  const at::Tensor det = deterministic_log_probs(*model, x);
  EXPECT_EQ(det.sizes(), (std::vector<int64_t>{5, 1, 10}));
  for (int64_t k = 0; k < 7; ++k) EXPECT_TRUE(at::allclose(lp.select(1, k), det.select(1, 0), 1e-5, 1e-6));
}

TEST(McSampler, FoldedMasksEqualMasksAppliedByHand) {
  auto model = lenet();
  const at::Tensor features = model->trunk(images(9, 9)).detach();
  at::Generator gen = core::make_generator(5);
  const McMasks masks = sample_masks(*model, 12, gen);
  ASSERT_EQ(masks.masks_K_D.size(), 3u);
  EXPECT_EQ(masks.masks_K_D[0].sizes(), (std::vector<int64_t>{12, 400}));
  EXPECT_FALSE(masks.masks_K_D[2].defined()) << "the last layer has no dropout";
  // Masks are 0 or 1/(1-p): 0 or 2 for p = 0.5.
  EXPECT_TRUE(at::logical_or(masks.masks_K_D[0] == 0, masks.masks_K_D[0] == 2).all().item<bool>());
  at::NoGradGuard no_grad;
  EXPECT_TRUE(at::allclose(head_log_probs(*model, features, masks),
                           reference_head(*model, features, masks), 1e-4, 1e-5));
}

TEST(McSampler, WideLayersSplitIntoSampleGroupsWithoutChangingResults) {
  // gal-cnn's 3872x128 layer exceeds the fold budget at K = 64, so the head
  // runs in several K-groups; the result must not notice.
  auto model = models::make_model("gal-cnn", {}, 1);
  const at::Tensor features = model->trunk(images(3, 10)).detach();
  at::Generator gen = core::make_generator(6);
  const McMasks masks = sample_masks(*model, 64, gen);
  at::NoGradGuard no_grad;
  EXPECT_TRUE(at::allclose(head_log_probs(*model, features, masks),
                           reference_head(*model, features, masks), 1e-4, 1e-5));
}

TEST(McSampler, ChunkSizeDoesNotChangeResults) {
  auto model = lenet();
  const at::Tensor x = images(23, 11);
  at::Generator a = core::make_generator(7), b = core::make_generator(7);
  EXPECT_TRUE(at::allclose(mc_log_probs(*model, x, {10, 5}, a), mc_log_probs(*model, x, {10, 1000}, b),
                           1e-5, 1e-6));
}

TEST(McSampler, NaivePathHasTheSameShapeAndDrawsFreshMasksPerInput) {
  auto model = lenet();
  const at::Tensor one = images(1, 12);
  at::Generator gen = core::make_generator(8);
  const at::Tensor lp = naive_mc_log_probs(*model, at::cat({one, one}), {4, 1024}, gen);
  EXPECT_EQ(lp.sizes(), (std::vector<int64_t>{2, 4, 10}));
  EXPECT_FALSE(at::allclose(lp[0], lp[1], 1e-4, 1e-4)) << "naive masks differ between inputs";
}

TEST(McSampler, MonteCarloMeanApproachesTheDropoutExpectationForALinearHead) {
  // For the MLP the head is one linear layer after dropout, so E[logits] is
  // exactly the deterministic logits; the MC mean of the logits converges to it.
  models::ModelOptions options;
  auto model = models::make_model("mlp", options, 3);
  const at::Tensor features = model->trunk(images(4, 13)).detach();
  at::Generator gen = core::make_generator(9);
  const McMasks masks = sample_masks(*model, 4000, gen);
  at::NoGradGuard no_grad;
  const auto& layer = model->head()[0];
  const at::Tensor w_K_O_D = layer.linear->weight.unsqueeze(0) * masks.masks_K_D[0].unsqueeze(1);
  const at::Tensor mean_logits = at::einsum("nd,kod->no", {features, w_K_O_D}) / 4000 + layer.linear->bias;
  EXPECT_TRUE(at::allclose(mean_logits, model->head_deterministic(features), 0.05, 0.05));
}

}  // namespace
}  // namespace bdal::infer
