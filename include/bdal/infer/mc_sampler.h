// Monte-Carlo dropout inference with consistent masks.
//
// Per call, K dropout masks are drawn per head layer and shared by every
// input (the "consistent MC dropout" of Kirsch et al. 2019, BatchBALD, which
// joint entropies across points need). The trunk runs once per input; each
// mask on a layer's input is folded into that layer's weights,
//   W_k = W · diag(m_k),
// so the K samples of a layer are one GEMM (first dropout layer, shared input)
// or one batched GEMM (later layers) instead of K forward passes.
#pragma once

#include "bdal/models/mc_classifier.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <vector>

namespace bdal::infer {

// masks_K_D[i]: the scaled keep-mask (0 or 1/(1-p)) on head layer i's input;
// undefined for a layer without dropout.
struct McMasks {
  int64_t samples = 0;
  std::vector<at::Tensor> masks_K_D;
};

McMasks sample_masks(const models::McClassifier& model, int64_t samples, at::Generator& gen);

// The head under `masks`, on trunk features [N, F]: log_probs_N_K_C.
at::Tensor head_log_probs(models::McClassifier& model, const at::Tensor& features_N_F,
                          const McMasks& masks);

// Inputs per trunk pass. It bounds memory and never changes results; 256
// keeps a chunk's activations in cache and was measured 1.5x faster for
// LeNet-5 scoring than 1024 (docs/performance.md).
inline constexpr int64_t kDefaultChunkSize = 256;

struct McOptions {
  int64_t samples = 64;  // K
  int64_t chunk_size = kDefaultChunkSize;
};

// log_probs_N_K_C for `inputs` [N, ...] with one set of K consistent masks.
at::Tensor mc_log_probs(models::McClassifier& model, const at::Tensor& inputs,
                        const McOptions& options, at::Generator& gen);

// Reference path for benchmarks: K full forward passes with a fresh dropout
// mask per input and pass (the textbook MC dropout). log_probs_N_K_C.
at::Tensor naive_mc_log_probs(models::McClassifier& model, const at::Tensor& inputs,
                              const McOptions& options, at::Generator& gen);

// Dropout off: log_probs_N_1_C, so metrics take one shape.
at::Tensor deterministic_log_probs(models::McClassifier& model, const at::Tensor& inputs,
                                   int64_t chunk_size = kDefaultChunkSize);

}  // namespace bdal::infer
