// The variational autoencoder Ambiguous-MNIST is generated with (Kingma &
// Welling 2014; the recipe of Mukhoti et al. 2021): an MLP encoder
// 784-512-256 to the mean and log-variance of a 32-d Gaussian latent, a
// mirrored decoder 32-256-512-784 to Bernoulli pixel means, trained on the
// negative ELBO (binary cross-entropy summed over pixels + KL to N(0, I)).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

#include <cstdint>
#include <functional>

namespace bdal::models {

class Vae : public torch::nn::Module {
 public:
  explicit Vae(int64_t pixels = 784, int64_t latent = 32);

  struct Encoded {
    at::Tensor mean_N_L, log_var_N_L;
  };
  // Images [N, P] (or [N, 1, H, W]) with pixels in [0, 1].
  Encoded encode(const at::Tensor& images);
  // Pixel means [N, P] in (0, 1) of latents [N, L].
  at::Tensor decode(const at::Tensor& latent_N_L);
  // Mean over the batch of the negative ELBO, one reparameterised sample
  // drawn from `gen`.
  at::Tensor negative_elbo(const at::Tensor& images, at::Generator& gen);
  // Every weight and bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), from `gen`.
  void reset_parameters(at::Generator& gen);

  int64_t latent_dim() const { return latent_; }

 private:
  int64_t latent_;
  torch::nn::Linear enc1_{nullptr}, enc2_{nullptr}, mean_{nullptr}, log_var_{nullptr};
  torch::nn::Linear dec1_{nullptr}, dec2_{nullptr}, out_{nullptr};
};

struct VaeTrainOptions {
  int64_t epochs = 20;
  int64_t batch_size = 128;
  double learning_rate = 1e-3;  // Adam
};

// Trains `vae` on images [N, P] in [0, 1]; `seed` drives shuffling and the
// reparameterisation noise. on_epoch(epoch, mean negative ELBO) after each epoch.
void train_vae(Vae& vae, const at::Tensor& images, const VaeTrainOptions& options, uint64_t seed,
               const std::function<void(int64_t, double)>& on_epoch = {});

}  // namespace bdal::models
