#include "bdal/models/conv_relu_pool.h"

#include "bdal/models/relu_max_pool.h"
#include "kernels/single_channel_conv_pool.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <vector>

namespace bdal::models {
namespace {

std::atomic<bool> g_enabled{true};

bool cpu_has_avx512() {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  }();
  return has;
}

bool needs_gradient(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  return at::GradMode::is_enabled() &&
         (x.requires_grad() || weight.requires_grad() || (bias.defined() && bias.requires_grad()));
}

bool fused_kernel_applies(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                          int64_t padding) {
  return fused_conv_kernel_active() && !needs_gradient(x, weight, bias) && x.dim() == 4 &&
         x.size(1) == 1 && x.scalar_type() == at::kFloat && weight.scalar_type() == at::kFloat &&
         weight.dim() == 4 && weight.size(1) == 1 && weight.size(2) == weight.size(3) &&
         bias.defined() && bias.scalar_type() == at::kFloat && padding >= 0 &&
         x.size(2) + 2 * padding - weight.size(2) + 1 >= 2 &&
         kernels::single_channel_conv_pool_fits(x.size(3), padding, weight.size(3));
}

at::Tensor fused(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                 int64_t padding) {
  const int64_t N = x.size(0), H = x.size(2), W = x.size(3);
  const int64_t C = weight.size(0), k = weight.size(2);
  const int64_t out_h = (H + 2 * padding - k + 1) / 2, out_w = (W + 2 * padding - k + 1) / 2;
  // Weights and bias zero-padded to whole channel blocks.
  const int64_t padded_channels =
      (C + kernels::kChannelBlock - 1) / kernels::kChannelBlock * kernels::kChannelBlock;
  const at::Tensor w = at::zeros({padded_channels, k, k}, weight.options());
  w.slice(0, 0, C).copy_(weight.reshape({C, k, k}));
  const at::Tensor b = at::zeros({padded_channels}, bias.options());
  b.slice(0, 0, C).copy_(bias);
  const at::Tensor input = x.contiguous();
  at::Tensor out = at::empty({N, C, out_h, out_w}, x.options());

  const float* in_data = input.data_ptr<float>();
  const float* w_data = w.data_ptr<float>();
  const float* b_data = b.data_ptr<float>();
  float* out_data = out.data_ptr<float>();
  const int64_t scratch_rows = H + 2 * padding + 1;
  at::parallel_for(0, N, 16, [=](int64_t begin, int64_t end) {
    // Zero padding stays zero: every image overwrites the same interior.
    std::vector<float> scratch(scratch_rows * kernels::kScratchWidth, 0.0f);
    kernels::SingleChannelConvPool job;
    job.kernel = k;
    job.channels = C;
    job.out_height = out_h;
    job.out_width = out_w;
    job.weight = w_data;
    job.bias = b_data;
    job.scratch = scratch.data();
    for (int64_t n = begin; n < end; ++n) {
      for (int64_t y = 0; y < H; ++y) {
        const float* src = in_data + (n * H + y) * W;
        std::copy(src, src + W, scratch.data() + (y + padding) * kernels::kScratchWidth + padding);
      }
      job.out = out_data + n * C * out_h * out_w;
      kernels::single_channel_conv_relu_pool_avx512(job);
    }
  });
  return out;
}

}  // namespace

bool fused_conv_kernel_active() { return g_enabled.load() && cpu_has_avx512(); }

void set_fused_conv_kernel_enabled(bool enabled) { g_enabled.store(enabled); }

at::Tensor conv_relu_max_pool2x2(const at::Tensor& x_N_1_H_W, const at::Tensor& weight_C_1_k_k,
                                 const at::Tensor& bias_C, int64_t padding) {
  if (fused_kernel_applies(x_N_1_H_W, weight_C_1_k_k, bias_C, padding))
    return fused(x_N_1_H_W, weight_C_1_k_k, bias_C, padding);
  return relu_max_pool2x2(at::conv2d(x_N_1_H_W, weight_C_1_k_k, bias_C, 1, padding));
}

}  // namespace bdal::models
