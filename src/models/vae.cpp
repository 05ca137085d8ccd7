#include "bdal/models/vae.h"

#include <ATen/ATen.h>
#include <torch/optim/adam.h>

#include <cmath>

#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/core/seed_tree.h"

namespace bdal::models {

Vae::Vae(int64_t pixels, int64_t latent) : torch::nn::Module("Vae"), latent_(latent) {
  enc1_ = register_module("enc1", torch::nn::Linear(pixels, 512));
  enc2_ = register_module("enc2", torch::nn::Linear(512, 256));
  mean_ = register_module("mean", torch::nn::Linear(256, latent));
  log_var_ = register_module("log_var", torch::nn::Linear(256, latent));
  dec1_ = register_module("dec1", torch::nn::Linear(latent, 256));
  dec2_ = register_module("dec2", torch::nn::Linear(256, 512));
  out_ = register_module("out", torch::nn::Linear(512, pixels));
}

Vae::Encoded Vae::encode(const at::Tensor& images) {
  const at::Tensor h = at::relu(enc2_->forward(at::relu(enc1_->forward(images.flatten(1)))));
  return {mean_->forward(h), log_var_->forward(h)};
}

at::Tensor Vae::decode(const at::Tensor& latent_N_L) {
  return at::sigmoid(out_->forward(at::relu(dec2_->forward(at::relu(dec1_->forward(latent_N_L))))));
}

at::Tensor Vae::negative_elbo(const at::Tensor& images, at::Generator& gen) {
  const at::Tensor x = images.flatten(1);
  const Encoded e = encode(x);
  const at::Tensor noise = at::randn(e.mean_N_L.sizes(), gen, e.mean_N_L.options());
  const at::Tensor z = e.mean_N_L + (0.5 * e.log_var_N_L).exp() * noise;
  // Logits, not decode(): binary_cross_entropy_with_logits is the stable form.
  const at::Tensor logits = out_->forward(at::relu(dec2_->forward(at::relu(dec1_->forward(z)))));
  const at::Tensor reconstruction =
      at::binary_cross_entropy_with_logits(logits, x, {}, {}, at::Reduction::None).sum(1);
  const at::Tensor kl = -0.5 * (1 + e.log_var_N_L - e.mean_N_L.pow(2) - e.log_var_N_L.exp()).sum(1);
  return (reconstruction + kl).mean();
}

void Vae::reset_parameters(at::Generator& gen) {
  at::NoGradGuard no_grad;
  for (auto* layer : {&enc1_, &enc2_, &mean_, &log_var_, &dec1_, &dec2_, &out_}) {
    const double bound = 1.0 / std::sqrt(static_cast<double>((*layer)->weight.size(1)));
    (*layer)->weight.uniform_(-bound, bound, gen);
    (*layer)->bias.uniform_(-bound, bound, gen);
  }
}

void train_vae(Vae& vae, const at::Tensor& images, const VaeTrainOptions& options, uint64_t seed,
               const std::function<void(int64_t, double)>& on_epoch) {
  BDAL_CHECK_USAGE(options.epochs >= 1, "VAE epochs must be >= 1, got {}", options.epochs);
  BDAL_CHECK_USAGE(options.batch_size >= 1, "VAE batch size must be >= 1, got {}",
                   options.batch_size);
  const core::SeedTree seeds(seed);
  const at::Tensor x = images.flatten(1).to(at::kFloat);
  const int64_t n = x.size(0);
  torch::optim::Adam optimizer(vae.parameters(), torch::optim::AdamOptions(options.learning_rate));
  at::Generator noise_gen = core::make_generator(seeds.derive("vae/noise"));
  vae.train();
  for (int64_t epoch = 1; epoch <= options.epochs; ++epoch) {
    at::Generator shuffle_gen = core::make_generator(seeds.derive("vae/shuffle", epoch));
    const at::Tensor order = at::randperm(n, shuffle_gen, at::kLong);
    double total = 0;
    for (int64_t start = 0; start < n; start += options.batch_size) {
      const at::Tensor batch =
          x.index_select(0, order.slice(0, start, std::min(start + options.batch_size, n)));
      optimizer.zero_grad();
      const at::Tensor loss = vae.negative_elbo(batch, noise_gen);
      loss.backward();
      optimizer.step();
      total += loss.item<double>() * static_cast<double>(batch.size(0));
    }
    if (on_epoch) on_epoch(epoch, total / static_cast<double>(n));
  }
  vae.eval();
}

}  // namespace bdal::models
