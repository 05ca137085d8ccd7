#include "bdal/experiment/ambiguous_mnist.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <numeric>

#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/core/records.h"
#include "bdal/core/seed_tree.h"
#include "bdal/data/checksum.h"
#include "bdal/data/dirty_mnist.h"
#include "bdal/data/idx.h"
#include "bdal/data/idx_images.h"
#include "bdal/models/registry.h"
#include "bdal/models/vae.h"
#include "bdal/train/trainer.h"

namespace bdal::experiment {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kClasses = 10;
constexpr int64_t kMaxClique = 4;
constexpr int64_t kChunk = 4096;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Softmax of each judge, dropout off: [N, J, C] float64.
at::Tensor judge_probs_N_J_C(std::vector<std::shared_ptr<models::McClassifier>>& judges,
                             const at::Tensor& standardised_N_1_H_W) {
  at::NoGradGuard no_grad;
  std::vector<at::Tensor> per_judge;
  for (auto& judge : judges) {
    std::vector<at::Tensor> blocks;
    for (int64_t s = 0; s < standardised_N_1_H_W.size(0); s += kChunk)
      blocks.push_back(judge
                           ->forward_deterministic(standardised_N_1_H_W.slice(
                               0, s, std::min(s + kChunk, standardised_N_1_H_W.size(0))))
                           .to(at::kDouble)
                           .softmax(1));
    per_judge.push_back(at::cat(blocks));
  }
  return at::stack(per_judge, 1);
}

at::Tensor entropy_N(const at::Tensor& probs_N_C) {
  return -(probs_N_C * probs_N_C.clamp_min(1e-300).log()).sum(1);
}

// Positions (into `entropy_N`) of `total` points whose entropies spread as
// evenly as the data allows over `bins` equal-width bins of [low, high):
// every bin gets the same quota; a bin with fewer points gives all of them
// and its shortfall is shared by the others.
at::Tensor flattened_subsample(const at::Tensor& entropy_N, int64_t total, double low, double high,
                               int64_t bins, at::Generator& gen) {
  const at::Tensor bin_N = ((entropy_N - low) / (high - low) * static_cast<double>(bins))
                               .floor()
                               .clamp(0, bins - 1)
                               .to(at::kLong);
  std::vector<std::vector<int64_t>> members(bins);
  const at::Tensor shuffled = at::randperm(entropy_N.size(0), gen, at::kLong);
  const auto bin = bin_N.accessor<int64_t, 1>();
  const auto order = shuffled.accessor<int64_t, 1>();
  for (int64_t i = 0; i < shuffled.size(0); ++i) members[bin[order[i]]].push_back(order[i]);
  std::vector<int64_t> take(bins, 0);
  int64_t left = total;
  std::vector<int64_t> open(bins);
  std::iota(open.begin(), open.end(), 0);
  while (left > 0 && !open.empty()) {
    const int64_t quota = std::max<int64_t>(1, left / static_cast<int64_t>(open.size()));
    std::vector<int64_t> still_open;
    for (int64_t b : open) {
      const int64_t room = static_cast<int64_t>(members[b].size()) - take[b];
      const int64_t give = std::min({quota, room, left});
      take[b] += give;
      left -= give;
      if (static_cast<int64_t>(members[b].size()) > take[b]) still_open.push_back(b);
    }
    open = still_open;
  }
  std::vector<int64_t> chosen;
  for (int64_t b = 0; b < bins; ++b)
    chosen.insert(chosen.end(), members[b].begin(), members[b].begin() + take[b]);
  const at::Tensor chosen_t = at::tensor(chosen, at::kLong);
  // Shuffled, so that the train/test split that follows mixes the bins.
  return chosen_t.index_select(0, at::randperm(chosen_t.size(0), gen, at::kLong));
}

std::vector<int64_t> histogram(const at::Tensor& values, double low, double high, int64_t bins) {
  const at::Tensor counts = at::histc(values.to(at::kDouble), bins, low, high);
  std::vector<int64_t> out;
  for (int64_t b = 0; b < bins; ++b) out.push_back(static_cast<int64_t>(counts[b].item<double>()));
  return out;
}

}  // namespace

void AmbiguousMnistOptions::validate() const {
  BDAL_CHECK_USAGE(vae_epochs >= 1, "--vae-epochs must be >= 1, got {}", vae_epochs);
  BDAL_CHECK_USAGE(judges >= 2,
                   "--judges must be >= 2 (mutual information needs an ensemble), got {}", judges);
  BDAL_CHECK_USAGE(judge_epochs >= 1, "--judge-epochs must be >= 1, got {}", judge_epochs);
  BDAL_CHECK_USAGE(train_images >= 1 && test_images >= 1,
                   "--train-images and --test-images must be >= 1, got {} and {}", train_images,
                   test_images);
  BDAL_CHECK_USAGE(candidates >= train_images + test_images,
                   "--candidates ({}) must be at least --train-images + --test-images ({})",
                   candidates, train_images + test_images);
  BDAL_CHECK_USAGE(labels_per_image >= 1 && labels_per_image <= 255,
                   "--labels-per-image must be in [1, 255], got {}", labels_per_image);
  BDAL_CHECK_USAGE(max_mutual_information > 0, "max mutual information must be > 0, got {}",
                   max_mutual_information);
  BDAL_CHECK_USAGE(min_entropy >= 0 && max_entropy > min_entropy,
                   "the entropy range [{}, {}) is empty", min_entropy, max_entropy);
  BDAL_CHECK_USAGE(entropy_bins >= 1, "entropy bins must be >= 1, got {}", entropy_bins);
  BDAL_CHECK_USAGE(contrast > 0, "contrast must be > 0, got {}", contrast);
  BDAL_CHECK_USAGE(source_limit >= 0, "source limit must be >= 0, got {}", source_limit);
}

AmbiguousMnist generate_ambiguous_mnist(const at::Tensor& mnist_images_u8,
                                        const at::Tensor& mnist_labels,
                                        const AmbiguousMnistOptions& options,
                                        const std::function<void(const std::string&)>& log_fn) {
  options.validate();
  const auto log = [&](const std::string& s) {
    if (log_fn) log_fn(s);
  };
  const core::SeedTree seeds(options.seed);
  at::Tensor images_u8 = mnist_images_u8, labels = mnist_labels.to(at::kLong);
  // Judges see MNIST as every bdal model does: standardised with MNIST train's statistics.
  const auto [mean, std] = data::unit_mean_std(images_u8);
  if (options.source_limit > 0 && options.source_limit < images_u8.size(0)) {
    images_u8 = images_u8.slice(0, 0, options.source_limit);
    labels = labels.slice(0, 0, options.source_limit);
  }
  const int64_t h = images_u8.size(1), w = images_u8.size(2);
  AmbiguousMnist out;
  nlohmann::json& stats = out.stats;
  stats["source_images"] = images_u8.size(0);

  // 1. The VAE.
  auto start = Clock::now();
  models::Vae vae(h * w, 32);
  {
    at::Generator init = core::make_generator(seeds.derive("vae/init"));
    vae.reset_parameters(init);
  }
  const at::Tensor unit_N_P = images_u8.reshape({images_u8.size(0), -1}).to(at::kFloat).div(255.0);
  double vae_loss = 0;
  models::train_vae(vae, unit_N_P, {options.vae_epochs, 128, 1e-3}, seeds.derive("vae/train"),
                    [&](int64_t epoch, double loss) {
                      vae_loss = loss;
                      log(fmt::format("  VAE epoch {}/{}: negative ELBO {:.2f}", epoch,
                                      options.vae_epochs, loss));
                    });
  stats["vae"] = {{"epochs", options.vae_epochs},
                  {"final_negative_elbo", vae_loss},
                  {"seconds", seconds_since(start)}};

  // 2. The judges.
  start = Clock::now();
  const data::Dataset source{data::standardise_images(images_u8, mean, std), labels, kClasses, {}};
  models::ModelOptions model_options;
  model_options.input_shape = {1, h, w};
  model_options.num_classes = kClasses;
  std::vector<std::shared_ptr<models::McClassifier>> judges;
  train::TrainerOptions trainer;
  trainer.epochs = options.judge_epochs;
  trainer.batch_size = 64;
  trainer.keep_best = false;
  for (int64_t j = 0; j < options.judges; ++j) {
    judges.push_back(models::make_model("lenet5", model_options, seeds.derive("judge/init", j)));
    train::fit(*judges.back(), {&source}, trainer, seeds.derive("judge/train", j));
    log(fmt::format("  judge {}/{} trained", j + 1, options.judges));
  }
  {
    // Agreement with the source labels (training data: a sanity check, not a test score).
    const at::Tensor probs = judge_probs_N_J_C(judges, source.inputs);
    stats["judges"] = {{"count", options.judges},
                       {"epochs", options.judge_epochs},
                       {"ensemble_accuracy_on_source",
                        probs.mean(1).argmax(1).eq(labels).to(at::kDouble).mean().item<double>()},
                       {"seconds", seconds_since(start)}};
  }

  // 3. Candidates: latent means of a clique's digits mixed on the simplex.
  start = Clock::now();
  at::Tensor mean_N_L;
  {
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> blocks;
    for (int64_t s = 0; s < unit_N_P.size(0); s += kChunk)
      blocks.push_back(
          vae.encode(unit_N_P.slice(0, s, std::min(s + kChunk, unit_N_P.size(0)))).mean_N_L);
    mean_N_L = at::cat(blocks);
  }
  const at::Tensor by_class = std::get<1>(labels.sort(/*stable=*/true, 0, false));
  const at::Tensor counts_C = at::bincount(labels, {}, kClasses);
  BDAL_CHECK(counts_C.min().item<int64_t>() > 0,
             "every digit class must occur in the source images");
  const at::Tensor offsets_C = counts_C.cumsum(0) - counts_C;
  at::Generator gen = core::make_generator(seeds.derive("candidates"));
  const int64_t n_cand = options.candidates;
  const at::Tensor clique_size = at::randint(2, kMaxClique + 1, {n_cand}, gen, at::kLong);
  const at::Tensor classes = at::rand({n_cand, kClasses}, gen, at::kDouble)
                                 .argsort(/*dim=*/int64_t{1}, /*descending=*/false)
                                 .slice(1, 0, kMaxClique);  // distinct classes
  const at::Tensor pick =
      (at::rand({n_cand, kMaxClique}, gen, at::kDouble) *
       counts_C.index_select(0, classes.reshape(-1)).reshape({n_cand, kMaxClique}).to(at::kDouble))
          .floor()
          .to(at::kLong);
  const at::Tensor source_rows =
      by_class
          .index_select(
              0,
              (offsets_C.index_select(0, classes.reshape(-1)).reshape({n_cand, kMaxClique}) + pick)
                  .reshape(-1))
          .reshape({n_cand, kMaxClique});
  const at::Tensor in_clique =
      at::arange(kMaxClique, at::kLong).unsqueeze(0) < clique_size.unsqueeze(1);
  // Uniform on the simplex: normalised standard exponentials.
  at::Tensor weights = -at::rand({n_cand, kMaxClique}, gen, at::kDouble).clamp_min(1e-300).log();
  weights = weights * in_clique.to(at::kDouble);
  weights = weights / weights.sum(1, true);
  const at::Tensor z_N_L = (mean_N_L.index_select(0, source_rows.reshape(-1))
                                .reshape({n_cand, kMaxClique, -1})
                                .to(at::kDouble) *
                            weights.unsqueeze(2))
                               .sum(1)
                               .to(at::kFloat);
  at::Tensor candidates_u8;
  {
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> blocks;
    for (int64_t s = 0; s < n_cand; s += kChunk) {
      const at::Tensor x = vae.decode(z_N_L.slice(0, s, std::min(s + kChunk, n_cand)));
      const at::Tensor sharp = (options.contrast * (x - 0.5) + 0.5).clamp(0.0, 1.0);
      blocks.push_back(sharp.mul(255.0).round().to(at::kByte).reshape({-1, h, w}));
    }
    candidates_u8 = at::cat(blocks);
  }

  // 4. The judges' verdict on every candidate, standardised a block at a
  // time (a million candidates as float32 would take 3 GB at once).
  at::Tensor probs_N_J_C;
  {
    std::vector<at::Tensor> blocks;
    constexpr int64_t kJudgeBlock = 16 * kChunk;
    for (int64_t s = 0; s < n_cand; s += kJudgeBlock)
      blocks.push_back(judge_probs_N_J_C(
          judges, data::standardise_images(
                      candidates_u8.slice(0, s, std::min(s + kJudgeBlock, n_cand)), mean, std)));
    probs_N_J_C = at::cat(blocks);
  }
  const at::Tensor mean_probs_N_C = probs_N_J_C.mean(1);
  const at::Tensor entropy = entropy_N(mean_probs_N_C);
  const at::Tensor mutual_information =
      entropy - (-(probs_N_J_C * probs_N_J_C.clamp_min(1e-300).log()).sum(2)).mean(1);
  const at::Tensor low_mi = mutual_information <= options.max_mutual_information;
  const at::Tensor in_range = (entropy >= options.min_entropy) & (entropy < options.max_entropy);
  const at::Tensor kept = (low_mi & in_range).nonzero().reshape(-1);
  const int64_t needed = options.train_images + options.test_images;
  std::vector<int64_t> per_clique(kMaxClique + 1, 0);
  for (int64_t k = 2; k <= kMaxClique; ++k)
    per_clique[k] = (clique_size.index_select(0, kept) == k).sum().item<int64_t>();
  stats["candidates"] = {
      {"generated", n_cand},
      {"mutual_information_at_most", low_mi.sum().item<int64_t>()},
      {"entropy_in_range", in_range.sum().item<int64_t>()},
      {"kept", kept.size(0)},
      {"kept_by_clique_size", {{"2", per_clique[2]}, {"3", per_clique[3]}, {"4", per_clique[4]}}},
      {"seconds", seconds_since(start)}};
  log(fmt::format(
      "  {} candidates: {} with mutual information <= {}, {} with entropy in [{}, {}), "
      "{} kept",
      n_cand, low_mi.sum().item<int64_t>(), options.max_mutual_information,
      in_range.sum().item<int64_t>(), options.min_entropy, options.max_entropy, kept.size(0)));
  BDAL_CHECK(kept.size(0) >= needed,
             "only {} of {} candidates passed the filters, {} are needed; raise --candidates",
             kept.size(0), n_cand, needed);

  // 5. A flattened entropy histogram, then train / test.
  const at::Tensor kept_entropy = entropy.index_select(0, kept);
  const double high = std::min(options.max_entropy, kept_entropy.max().item<double>() + 1e-9);
  at::Generator subsample_gen = core::make_generator(seeds.derive("subsample"));
  const at::Tensor chosen =
      kept.index_select(0, flattened_subsample(kept_entropy, needed, options.min_entropy, high,
                                               options.entropy_bins, subsample_gen));
  stats["entropy_histogram"] = {
      {"low", options.min_entropy},
      {"high", high},
      {"bins", options.entropy_bins},
      {"kept", histogram(kept_entropy, options.min_entropy, high, options.entropy_bins)},
      {"chosen", histogram(entropy.index_select(0, chosen), options.min_entropy, high,
                           options.entropy_bins)}};

  // 6. Labels drawn from the judges' mean softmax.
  at::Generator label_gen = core::make_generator(seeds.derive("labels"));
  auto split = [&](int64_t begin, int64_t end) {
    const at::Tensor rows = chosen.slice(0, begin, end);
    AmbiguousSplit s;
    s.images_M_H_W = candidates_u8.index_select(0, rows).contiguous();
    s.mean_probs_M_C = mean_probs_N_C.index_select(0, rows);
    s.entropy_M = entropy.index_select(0, rows);
    s.mutual_information_M = mutual_information.index_select(0, rows);
    s.labels_M_L = at::multinomial(s.mean_probs_M_C.to(at::kFloat), options.labels_per_image,
                                   /*replacement=*/true, label_gen)
                       .to(at::kByte);
    return s;
  };
  out.train = split(0, options.train_images);
  out.test = split(options.train_images, needed);
  // How many different labels an image gets (a user's question: "how ambiguous is it?").
  auto mean_distinct_labels = [](const at::Tensor& labels_M_L) {
    const at::Tensor one_hot = at::zeros({labels_M_L.size(0), kClasses}, at::kLong)
                                   .scatter_(1, labels_M_L.to(at::kLong), 1);
    return one_hot.sum(1).to(at::kDouble).mean().item<double>();
  };
  stats["labels"] = {{"per_image", options.labels_per_image},
                     {"mean_distinct_per_train_image", mean_distinct_labels(out.train.labels_M_L)},
                     {"mean_distinct_per_test_image", mean_distinct_labels(out.test.labels_M_L)}};
  stats["chosen"] = {{"train", options.train_images},
                     {"test", options.test_images},
                     {"mean_entropy", entropy.index_select(0, chosen).mean().item<double>()},
                     {"mean_mutual_information",
                      mutual_information.index_select(0, chosen).mean().item<double>()}};
  return out;
}

void write_ambiguous_mnist(const AmbiguousMnist& data, const AmbiguousMnistOptions& options,
                           const std::filesystem::path& dir, double generation_seconds) {
  std::filesystem::create_directories(dir);
  // The manifest goes first and comes back last: files without one are an
  // unfinished generation, which loading refuses.
  std::filesystem::remove(dir / data::kDirtyMnistManifest);
  const std::vector<std::pair<const char*, at::Tensor>> files{
      {data::kAmbiguousTrainImages, data.train.images_M_H_W},
      {data::kAmbiguousTrainLabels, data.train.labels_M_L},
      {data::kAmbiguousTestImages, data.test.images_M_H_W},
      {data::kAmbiguousTestLabels, data.test.labels_M_L}};
  nlohmann::json checksums = nlohmann::json::object();
  for (const auto& [name, values] : files) {
    data::write_idx_gz(dir / name, values);
    checksums[name] = data::sha256_file(dir / name);
  }
  core::write_json_atomic(
      dir / data::kDirtyMnistManifest,
      {{"dataset", "Ambiguous-MNIST (bdal's generation with the recipe of Mukhoti et al. 2021)"},
       {"seed", options.seed},
       {"options",
        {{"vae_epochs", options.vae_epochs},
         {"judges", options.judges},
         {"judge_epochs", options.judge_epochs},
         {"candidates", options.candidates},
         {"train_images", options.train_images},
         {"test_images", options.test_images},
         {"labels_per_image", options.labels_per_image},
         {"max_mutual_information", options.max_mutual_information},
         {"min_entropy", options.min_entropy},
         {"max_entropy", options.max_entropy},
         {"entropy_bins", options.entropy_bins},
         {"contrast", options.contrast},
         {"source_limit", options.source_limit}}},
       {"sizes",
        {{"train_images", data.train.images_M_H_W.size(0)},
         {"train_rows", data.train.labels_M_L.numel()},
         {"test_images", data.test.images_M_H_W.size(0)},
         {"test_rows", data.test.labels_M_L.numel()}}},
       {"sha256", checksums},
       {"stats", data.stats},
       {"generation_seconds", generation_seconds},
       {"meta", core::run_meta({})}});
}

}  // namespace bdal::experiment
