#include "bdal/train/trainer.h"
#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/data/augment.h"
#include "bdal/data/registry.h"
#include "bdal/data/split.h"
#include "bdal/data/two_moons.h"
#include "bdal/models/registry.h"

#include "test_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace bdal::train {
namespace {

struct Moons {
  data::Dataset train = data::make_two_moons(400, 0.1, 1);
  data::Dataset validation = data::make_two_moons(200, 0.1, 2);
  data::Dataset test = data::make_two_moons(400, 0.1, 3);
};

std::shared_ptr<models::McClassifier> moons_model(uint64_t seed = 1) {
  models::ModelOptions options;
  options.input_shape = {2};
  options.num_classes = 2;
  return models::make_model("moons-mlp", options, seed);
}

TrainerOptions fast_adam(int64_t epochs) {
  TrainerOptions o;
  o.learning_rate = 1e-2;
  o.epochs = epochs;
  o.batch_size = 50;
  return o;
}

TEST(Trainer, LearnsTwoMoons) {
  Moons d;
  auto model = moons_model();
  const FitResult r = fit(*model, {&d.train, nullptr, &d.test}, fast_adam(60), 7);
  ASSERT_EQ(r.history.size(), 60u);
  EXPECT_LT(r.history.back().train_loss, 0.5 * r.history.front().train_loss);
  EXPECT_GT(r.history.back().test->accuracy, 0.95);
  EXPECT_EQ(r.best_epoch, 60);
}

TEST(Trainer, EachOptimizerReducesTheLoss) {
  Moons d;
  for (const char* name : {"adam", "adamw", "sgd"}) {
    auto model = moons_model();
    TrainerOptions o = fast_adam(20);
    o.optimizer = name;
    o.learning_rate = std::string(name) == "sgd" ? 0.1 : 1e-2;
    o.weight_decay = 1e-4;
    const FitResult r = fit(*model, {&d.train}, o, 3);
    EXPECT_LT(r.history.back().train_loss, r.history.front().train_loss) << name;
  }
}

// Mean over `inputs` of Σ_c Var_a p(c | x̃_a) across 8 noisy copies (dropout off).
double mean_inconsistency(models::McClassifier& model, const at::Tensor& inputs) {
  at::NoGradGuard no_grad;
  at::Generator gen = core::make_generator(99);
  std::vector<at::Tensor> probs;
  for (int a = 0; a < 8; ++a)
    probs.push_back(model.forward_deterministic(data::augment(inputs, gen)).softmax(1));
  return at::stack(probs, 1).var(1, /*unbiased=*/false).sum(1).mean().item<double>();
}

TEST(Trainer, ConsistencyLossMakesPredictionsStableUnderAugmentation) {
  Moons d;
  // Six labelled points; the other 394 are the unlabelled data.
  const data::Dataset labelled = d.train.subset(at::arange(6, at::kLong));
  const data::Dataset unlabelled = d.train.subset(at::arange(6, 400, at::kLong));
  TrainerOptions o = fast_adam(150);
  o.batch_size = 0;
  auto plain = moons_model(), semi = moons_model();
  const FitResult r_plain = fit(*plain, {&labelled, nullptr, nullptr, &unlabelled}, o, 5);
  // Consistency off: the unlabelled data change nothing.
  auto plain_again = moons_model();
  const FitResult r_again = fit(*plain_again, {&labelled}, o, 5);
  EXPECT_EQ(r_plain.history.back().train_loss, r_again.history.back().train_loss);
  o.consistency_weight = 10.0;
  fit(*semi, {&labelled, nullptr, nullptr, &unlabelled}, o, 5);
  const double before = mean_inconsistency(*plain, unlabelled.inputs);
  const double after = mean_inconsistency(*semi, unlabelled.inputs);
  EXPECT_LT(after, 0.5 * before) << "without consistency " << before << ", with " << after;
  // Consistency training without unlabelled data is an error.
  EXPECT_THROW(fit(*semi, {&labelled}, o, 5), Error);
}

TEST(Trainer, SameSeedSameHistoryOtherSeedOtherHistory) {
  Moons d;
  auto a = moons_model(), b = moons_model(), c = moons_model();
  const TrainerOptions o = fast_adam(5);
  const FitResult ra = fit(*a, {&d.train, &d.validation}, o, 11);
  const FitResult rb = fit(*b, {&d.train, &d.validation}, o, 11);
  const FitResult rc = fit(*c, {&d.train, &d.validation}, o, 12);
  for (size_t e = 0; e < ra.history.size(); ++e) {
    EXPECT_EQ(ra.history[e].train_loss, rb.history[e].train_loss);
    EXPECT_EQ(ra.history[e].validation->nll, rb.history[e].validation->nll);
  }
  EXPECT_NE(ra.history.back().train_loss, rc.history.back().train_loss);
}

TEST(Trainer, KeepsTheBestValidationWeights) {
  Moons d;
  auto model = moons_model();
  TrainerOptions o = fast_adam(30);
  o.learning_rate = 0.2;  // large steps make the validation curve bumpy
  o.monitor = "nll";
  const FitResult r = fit(*model, {&d.train, &d.validation}, o, 5);
  double best_nll = 1e9;
  int64_t best_epoch = 0;
  for (const auto& e : r.history)
    if (e.validation->nll < best_nll) best_nll = e.validation->nll, best_epoch = e.epoch;
  EXPECT_EQ(r.best_epoch, best_epoch);
  EXPECT_TRUE(r.history[best_epoch - 1].best);
  // The model now holds exactly that epoch's weights.
  EXPECT_NEAR(evaluate(*model, d.validation, {}).nll, best_nll, 1e-6);
}

TEST(Trainer, PatienceStopsEarly) {
  Moons d;
  auto model = moons_model();
  TrainerOptions o = fast_adam(500);
  o.patience = 3;
  const FitResult r = fit(*model, {&d.train, &d.validation}, o, 5);
  EXPECT_TRUE(r.stopped_early);
  EXPECT_LT(r.history.size(), 500u);
  EXPECT_EQ(static_cast<int64_t>(r.history.size()), r.best_epoch + 3);
}

TEST(Trainer, FullBatchIsOneStepPerEpoch) {
  Moons d;
  auto model = moons_model();
  TrainerOptions o = fast_adam(3);
  o.batch_size = 0;
  const FitResult r = fit(*model, {&d.train}, o, 1);
  EXPECT_EQ(r.history.size(), 3u);
}

TEST(Trainer, ConstantStepsScheduleGivesSmallSetsMoreEpochs) {
  TrainerOptions o = fast_adam(7);  // epochs: the fixed schedule's, ignored by constant-steps
  EXPECT_EQ(o.epochs_for(20), 7);
  o.epochs_schedule = "constant-steps";
  o.target_steps = 100;
  o.batch_size = 64;
  EXPECT_EQ(o.epochs_for(20), 100);  // one batch per epoch
  EXPECT_EQ(o.epochs_for(64), 100);
  EXPECT_EQ(o.epochs_for(65), 50);     // two batches
  EXPECT_EQ(o.epochs_for(320), 20);    // five
  EXPECT_EQ(o.epochs_for(1000), 7);    // 16 batches: ceil(100 / 16)
  EXPECT_EQ(o.epochs_for(100000), 1);  // never fewer than one epoch
  o.batch_size = 0;                    // full batch: one step per epoch at any size
  EXPECT_EQ(o.epochs_for(5000), 100);

  // fit() trains that many epochs: 400 moons in batches of 50 = 8 steps per epoch.
  Moons d;
  auto model = moons_model();
  TrainerOptions scheduled = fast_adam(1);
  scheduled.epochs_schedule = "constant-steps";
  scheduled.target_steps = 20;
  EXPECT_EQ(fit(*model, {&d.train}, scheduled, 1).history.size(), 3u);
}

TEST(Trainer, NonsenseSettingsAreUsageErrors) {
  Moons d;
  auto model = moons_model();
  TrainerOptions big_batch = fast_adam(1);
  big_batch.batch_size = 401;
  EXPECT_THROW(fit(*model, {&d.train}, big_batch, 1), UsageError);
  TrainerOptions o = fast_adam(0);
  EXPECT_THROW(o.validate(), UsageError);
  o = fast_adam(1);
  o.optimizer = "rmsprop";
  EXPECT_THROW(o.validate(), UsageError);
  o = fast_adam(1);
  o.learning_rate = -1;
  EXPECT_THROW(o.validate(), UsageError);
  o = fast_adam(1);
  o.epochs_schedule = "cosine";
  EXPECT_TRUE(testing::HasSubstr(testing::usage_error_message([&] { o.validate(); }),
                                 "unknown epochs schedule 'cosine'; known: fixed, constant-steps"));
  o = fast_adam(1);
  o.target_steps = 0;
  EXPECT_THROW(o.validate(), UsageError);
}

// A short real run on MNIST: LeNet-5 on 2,000 training images learns to
// well above chance within three epochs.
TEST(Trainer, LeNet5LearnsRealMnist) {
  BDAL_REQUIRE_MNIST();
  data::DatasetOptions data_options;
  data_options.data_dir = bdal::testing::test_data_dir().string();
  const data::TrainTest mnist = data::load_dataset("mnist", data_options);
  data::SplitOptions split_options;
  split_options.initial_random = 2000;
  split_options.validation_size = 0;
  split_options.test_size = 1000;
  const data::Split split =
      data::make_split(mnist.train.labels, 10, mnist.test.size(), split_options, 1);
  const data::Dataset train_set = mnist.train.subset(split.initial);
  const data::Dataset test_set = mnist.test.subset(split.test);

  auto model = models::make_model("lenet5", {}, 1);
  TrainerOptions o;
  o.epochs = 3;
  o.batch_size = 32;
  const FitResult r = fit(*model, {&train_set, nullptr, &test_set}, o, 1);
  EXPECT_GT(r.history.front().test->accuracy, 0.3);
  EXPECT_GT(r.history.back().test->accuracy, 0.85);
  EXPECT_LT(r.history.back().test->nll, r.history.front().test->nll);
  const Metrics mc = evaluate(*model, test_set, {32, 512, 9});
  EXPECT_GT(mc.accuracy, 0.85);
  EXPECT_GT(mc.mean_mutual_information, 0.0) << "MC dropout must disagree somewhere";
}

}  // namespace
}  // namespace bdal::train
