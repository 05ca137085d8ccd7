#include "bdal/models/relu_max_pool.h"

#include "bdal/core/error.h"

#include <ATen/Dispatch.h>
#include <ATen/Parallel.h>
#include <torch/csrc/autograd/custom_function.h>

#include <cstdint>
#include <limits>
#include <type_traits>

namespace bdal::models {
namespace {

// Which element of a 2x2 window was the maximum (0..3, row-major), or
// kNoGradient when the window's maximum is not > 0 (the ReLU blocks it).
constexpr int32_t kNoGradient = 4;

// Planes per parallel task: about 32k input elements each.
int64_t grain_planes(int64_t plane_size) { return std::max<int64_t>(1, 32768 / plane_size); }

// One H x W plane into (H/2) x (W/2). With kArgmax, also the window index.
//
// The window maximum is taken pairwise (each row, then the two rows) with
// strict `>`, which picks the same first-in-row-major element as LibTorch's
// sequential scan. Everything is a select, not a branch: on real activations
// the comparisons are unpredictable, and mispredictions cost more than the
// work. A NaN anywhere in the window makes the output NaN and blocks the
// gradient, as max_pool2d followed by ReLU's backward does.
template <typename T, bool kArgmax>
void pool_plane(const T* in, T* out, int32_t* argmax, int64_t H, int64_t W) {
  const int64_t out_h = H / 2, out_w = W / 2;
  for (int64_t i = 0; i < out_h; ++i) {
    const T* row0 = in + 2 * i * W;
    const T* row1 = row0 + W;
    T* out_row = out + i * out_w;
    for (int64_t j = 0; j < out_w; ++j) {
      const T a = row0[2 * j], b = row0[2 * j + 1], c = row1[2 * j], d = row1[2 * j + 1];
      const bool b_wins = b > a, d_wins = d > c;
      const T top = b_wins ? b : a, bottom = d_wins ? d : c;
      const bool bottom_wins = bottom > top;
      const T best = bottom_wins ? bottom : top;
      const bool has_nan = (a != a) | (b != b) | (c != c) | (d != d);
      const bool positive = (best > T(0)) & !has_nan;
      out_row[j] = has_nan ? std::numeric_limits<T>::quiet_NaN() : (positive ? best : T(0));
      if constexpr (kArgmax) {
        const int32_t at = bottom_wins ? int32_t(2 + d_wins) : int32_t(b_wins);
        argmax[i * out_w + j] = positive ? at : kNoGradient;
      }
    }
  }
}

// Forward over all planes; `argmax` is undefined when no gradient is needed.
at::Tensor forward_kernel(const at::Tensor& x, at::Tensor* argmax) {
  BDAL_CHECK(x.dim() == 4, "relu_max_pool2x2 expects [N, C, H, W], got {} dims", x.dim());
  BDAL_CHECK(x.size(2) >= 2 && x.size(3) >= 2,
             "relu_max_pool2x2 needs H, W >= 2, got {}x{}", x.size(2), x.size(3));
  const at::Tensor input = x.contiguous();
  const int64_t planes = input.size(0) * input.size(1), H = input.size(2), W = input.size(3);
  at::Tensor out = at::empty({input.size(0), input.size(1), H / 2, W / 2}, input.options());
  if (argmax) *argmax = at::empty(out.sizes(), input.options().dtype(at::kInt));
  const int64_t out_plane = (H / 2) * (W / 2);
  AT_DISPATCH_FLOATING_TYPES(input.scalar_type(), "relu_max_pool2x2", [&] {
    const scalar_t* in_data = input.data_ptr<scalar_t>();
    scalar_t* out_data = out.data_ptr<scalar_t>();
    int32_t* index_data = argmax ? argmax->data_ptr<int32_t>() : nullptr;
    at::parallel_for(0, planes, grain_planes(H * W), [=](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p) {
        if (index_data)
          pool_plane<scalar_t, true>(in_data + p * H * W, out_data + p * out_plane,
                                     index_data + p * out_plane, H, W);
        else
          pool_plane<scalar_t, false>(in_data + p * H * W, out_data + p * out_plane, nullptr, H,
                                      W);
      }
    });
  });
  return out;
}

// The backward of one plane: each output's gradient goes to its window's
// recorded element, 0 to the other three. Every element of the window is
// written, so grad_in needs no zero fill first, and the selects vectorise
// (with restrict pointers in a plain function; inside the dispatch lambda
// GCC gave up on the data references and ran this 5x slower).
template <typename T>
void unpool_plane(const T* __restrict grad, const int32_t* __restrict argmax,
                  T* __restrict grad_in, int64_t H, int64_t W) {
  // Selects as bit masks on the float's bits: GCC if-converts these where it
  // kept `k == 0 ? v : 0` as a branch.
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  const int64_t out_h = H / 2, out_w = W / 2;
  for (int64_t i = 0; i < out_h; ++i) {
    Bits* row0 = reinterpret_cast<Bits*>(grad_in + 2 * i * W);
    Bits* row1 = reinterpret_cast<Bits*>(grad_in + (2 * i + 1) * W);
    const Bits* g = reinterpret_cast<const Bits*>(grad + i * out_w);
    const int32_t* at = argmax + i * out_w;
    for (int64_t j = 0; j < out_w; ++j) {
      const Bits v = g[j];
      const int32_t k = at[j];
      row0[2 * j] = v & (Bits(0) - Bits(k == 0));
      row0[2 * j + 1] = v & (Bits(0) - Bits(k == 1));
      row1[2 * j] = v & (Bits(0) - Bits(k == 2));
      row1[2 * j + 1] = v & (Bits(0) - Bits(k == 3));
    }
  }
}

at::Tensor backward_kernel(const at::Tensor& grad_out, const at::Tensor& argmax,
                           at::IntArrayRef input_sizes) {
  const at::Tensor grad = grad_out.contiguous();
  const int64_t planes = input_sizes[0] * input_sizes[1], H = input_sizes[2], W = input_sizes[3];
  const int64_t out_plane = (H / 2) * (W / 2);
  // A trailing odd row or column gets no gradient and is not written below.
  const bool ragged = (H % 2) != 0 || (W % 2) != 0;
  at::Tensor grad_in = ragged ? at::zeros(input_sizes, grad.options())
                              : at::empty(input_sizes, grad.options());
  AT_DISPATCH_FLOATING_TYPES(grad.scalar_type(), "relu_max_pool2x2_backward", [&] {
    const scalar_t* g = grad.data_ptr<scalar_t>();
    const int32_t* index = argmax.data_ptr<int32_t>();
    scalar_t* gi = grad_in.data_ptr<scalar_t>();
    at::parallel_for(0, planes, grain_planes(H * W), [=](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p)
        unpool_plane<scalar_t>(g + p * out_plane, index + p * out_plane, gi + p * H * W, H, W);
    });
  });
  return grad_in;
}

struct ReluMaxPool2x2 : public torch::autograd::Function<ReluMaxPool2x2> {
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x) {
    at::Tensor argmax;
    at::Tensor out = forward_kernel(x, &argmax);
    ctx->save_for_backward({argmax});
    ctx->saved_data["input_sizes"] = x.sizes().vec();
    return out;
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                               torch::autograd::tensor_list grad_outputs) {
    const at::Tensor argmax = ctx->get_saved_variables()[0];
    const std::vector<int64_t> sizes = ctx->saved_data["input_sizes"].toIntVector();
    return {backward_kernel(grad_outputs[0], argmax, sizes)};
  }
};

}  // namespace

at::Tensor relu_max_pool2x2(const at::Tensor& x_N_C_H_W) {
  if (at::GradMode::is_enabled() && x_N_C_H_W.requires_grad())
    return ReluMaxPool2x2::apply(x_N_C_H_W);
  return forward_kernel(x_N_C_H_W, nullptr);
}

}  // namespace bdal::models
