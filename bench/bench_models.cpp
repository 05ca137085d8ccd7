// Throughput of the built-in models on random inputs of the right shape:
// training (one Adam step on a full batch) and MC-dropout scoring of a pool at
// K samples, the fast path (trunk once, K consistent masks folded into the
// head's weights) beside the textbook path (K full forward passes with fresh
// dropout) measured in the same run. docs/performance.md reports the numbers.
//
// Families (each name ends in /<model>[/K:64]):
//   train_step, mc_fast, mc_naive, deterministic  the numbers of the report;
//   part_trunk, part_head, part_naive_masks         what the two MC paths cost;
//   part_trunk_steps, part_head_steps               op-by-op timings (counters, ms per pool);
//   mc_fast_chunk, exp_*                            experiments behind the suggestions.
// bench/run_suite.sh and bench/run_lenet5.sh run the report's set.
//
// Threads: LibTorch intra-op threads = all cores, or BDAL_BENCH_THREADS=n;
// OpenBLAS is kept at one thread (bdal::core::configure_threads). The run's
// runtime (LibTorch version, threads, which BLAS is loaded and which kernels
// it picked) is printed in the benchmark context. BDAL_BENCH_BLAS_THREADS=n
// overrides OpenBLAS's thread count afterwards, for experiments only.
#include "bdal/core/random.h"
#include "bdal/core/blas_core.h"
#include "bdal/core/runtime.h"
#include "bdal/infer/mc_sampler.h"
#include "bdal/models/registry.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/core/grad_mode.h>
#include <benchmark/benchmark.h>
#include <torch/optim/adam.h>

#include <dlfcn.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace {

constexpr int64_t kTrainBatch = 1000;  // one full-batch Adam step on this many inputs
constexpr int64_t kPool = 2000;        // pool points scored per MC benchmark iteration
constexpr int64_t kChunk = 1024;       // the sampler's default chunk size
constexpr int64_t kSamples = 64;       // K

struct ModelCase {
  std::string name;
  std::vector<int64_t> input_shape;  // without the batch axis
  int64_t num_classes;
};

const std::vector<ModelCase>& model_cases() {
  static const std::vector<ModelCase> cases{
      {"lenet5", {1, 28, 28}, 10},
      {"gal-cnn", {1, 28, 28}, 10},
      {"mlp", {1, 28, 28}, 10},
      {"moons-mlp", {2}, 2},
  };
  return cases;
}

std::shared_ptr<bdal::models::McClassifier> make(const ModelCase& c) {
  bdal::models::ModelOptions options;
  options.input_shape = c.input_shape;
  options.num_classes = c.num_classes;
  return bdal::models::make_model(c.name, options, /*init_seed=*/1);
}

// Uniform [0, 1) inputs, like scaled pixels; the values do not change the cost.
at::Tensor random_inputs(const ModelCase& c, int64_t n, uint64_t seed) {
  std::vector<int64_t> shape{n};
  shape.insert(shape.end(), c.input_shape.begin(), c.input_shape.end());
  at::Generator gen = bdal::core::make_generator(seed);
  return at::rand(shape, gen);
}

// forward_train + cross-entropy + backward + Adam step, full batch.
void train_step(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  const at::Tensor x = random_inputs(c, kTrainBatch, 2);
  at::Generator label_gen = bdal::core::make_generator(3);
  const at::Tensor y = at::randint(c.num_classes, {kTrainBatch}, label_gen, at::kLong);
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-3));
  at::Generator gen = bdal::core::make_generator(4);
  for (auto _ : state) {
    optimizer.zero_grad();
    const at::Tensor loss = at::cross_entropy_loss(model->forward_train(x, gen), y);
    loss.backward();
    optimizer.step();
    benchmark::DoNotOptimize(loss.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * kTrainBatch);
}

using McSampler = at::Tensor (*)(bdal::models::McClassifier&, const at::Tensor&,
                                 const bdal::infer::McOptions&, at::Generator&);

// Scores the pool at K = range(0) with `sample`: the fast path
// (infer::mc_log_probs: trunk once per point, K consistent masks folded into
// the head) or the textbook one (infer::naive_mc_log_probs: K full forward
// passes, a fresh dropout mask per input and pass).
void mc_scoring(benchmark::State& state, const ModelCase& c, McSampler sample) {
  auto model = make(c);
  const at::Tensor pool = random_inputs(c, kPool, 5);
  const bdal::infer::McOptions options{state.range(0), kChunk};
  at::Generator gen = bdal::core::make_generator(6);
  for (auto _ : state) {
    const at::Tensor lp = sample(*model, pool, options, gen);
    benchmark::DoNotOptimize(lp.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * kPool);
}

// Baseline: one deterministic pass (dropout off), what evaluation costs.
void deterministic(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  const at::Tensor pool = random_inputs(c, kPool, 5);
  for (auto _ : state) {
    const at::Tensor lp = bdal::infer::deterministic_log_probs(*model, pool, kChunk);
    benchmark::DoNotOptimize(lp.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * kPool);
}

// --- Parts of the fast path, to see what dominates it. ---

// The trunk over the pool, chunk by chunk, as mc_log_probs runs it.
void part_trunk(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  const at::Tensor pool = random_inputs(c, kPool, 5);
  at::NoGradGuard no_grad;
  for (auto _ : state) {
    for (int64_t start = 0; start < kPool; start += kChunk) {
      const at::Tensor f = model->trunk(pool.slice(0, start, std::min(kPool, start + kChunk)));
      benchmark::DoNotOptimize(f.data_ptr());
    }
  }
  state.SetItemsProcessed(state.iterations() * kPool);
}

// The head under K folded masks on cached trunk features (log-softmax and the
// [K, N, C] -> [N, K, C] copy included), chunk by chunk.
void part_head(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  const at::Tensor pool = random_inputs(c, kPool, 5);
  std::vector<at::Tensor> features;
  {
    at::NoGradGuard no_grad;
    for (int64_t start = 0; start < kPool; start += kChunk)
      features.push_back(model->trunk(pool.slice(0, start, std::min(kPool, start + kChunk))));
  }
  at::Generator gen = bdal::core::make_generator(6);
  const bdal::infer::McMasks masks = bdal::infer::sample_masks(*model, state.range(0), gen);
  for (auto _ : state) {
    for (const at::Tensor& f : features) {
      const at::Tensor lp = bdal::infer::head_log_probs(*model, f, masks);
      benchmark::DoNotOptimize(lp.data_ptr());
    }
  }
  state.SetItemsProcessed(state.iterations() * kPool);
}

// The fast path with another chunk size (inputs per trunk pass): the chunk
// bounds the size of the head's temporaries ([chunk, K, width] floats).
void mc_fast_chunk(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  const at::Tensor pool = random_inputs(c, kPool, 5);
  const bdal::infer::McOptions options{state.range(0), state.range(1)};
  at::Generator gen = bdal::core::make_generator(6);
  for (auto _ : state) {
    const at::Tensor lp = bdal::infer::mc_log_probs(*model, pool, options, gen);
    benchmark::DoNotOptimize(lp.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * kPool);
}

// The steps of head_log_probs (src/infer/mc_sampler.cpp, copied here step by
// step, one K-group) timed one by one on cached trunk features of one chunk;
// each counter is milliseconds per pool of kPool points.
void part_head_steps(benchmark::State& state, const ModelCase& c) {
  using clock = std::chrono::steady_clock;
  auto model = make(c);
  const int64_t k = state.range(0);
  const int64_t chunk = state.range(1);
  at::NoGradGuard no_grad;
  const at::Tensor features = model->trunk(random_inputs(c, chunk, 5));
  at::Generator gen = bdal::core::make_generator(6);
  const bdal::infer::McMasks masks = bdal::infer::sample_masks(*model, k, gen);
  enum Step { kFold, kGemm, kRelayout, kBmm, kLinear, kRelu, kLogSoftmax, kPermute, kSteps };
  const char* names[kSteps] = {"fold", "gemm", "relayout", "bmm", "linear", "relu",
                               "log_softmax", "permute"};
  double seconds[kSteps] = {};
  const int64_t n = features.size(0);
  for (auto _ : state) {
    auto t = clock::now();
    auto lap = [&](Step step) {
      const auto now = clock::now();
      seconds[step] += std::chrono::duration<double>(now - t).count();
      t = now;
    };
    at::Tensor h = features;
    bool shared = true;
    for (size_t i = 0; i < model->head().size(); ++i) {
      const auto& layer = model->head()[i];
      const at::Tensor& w_O_D = layer.linear->weight;
      const at::Tensor& b_O = layer.linear->bias;
      const int64_t out = w_O_D.size(0);
      if (layer.dropout == 0.0) {
        h = at::linear(h, w_O_D, b_O);
        lap(kLinear);
      } else {
        const at::Tensor w_K_O_D = w_O_D.unsqueeze(0) * masks.masks_K_D[i].unsqueeze(1);
        lap(kFold);
        if (shared) {
          const at::Tensor out_N_KO = at::linear(h, w_K_O_D.reshape({k * out, -1}), b_O.repeat({k}));
          lap(kGemm);
          h = out_N_KO.view({n, k, out}).permute({1, 0, 2}).contiguous();
          lap(kRelayout);
          shared = false;
        } else {
          h = at::baddbmm(b_O.view({1, 1, out}), h, w_K_O_D.transpose(1, 2));
          lap(kBmm);
        }
      }
      if (layer.relu) {
        h.relu_();
        lap(kRelu);
      }
    }
    const at::Tensor lp = at::log_softmax(h, -1);
    lap(kLogSoftmax);
    const at::Tensor lp_N_K_C = lp.permute({1, 0, 2}).contiguous();
    lap(kPermute);
    benchmark::DoNotOptimize(lp_N_K_C.data_ptr());
  }
  const double scale = 1e3 * static_cast<double>(kPool) / static_cast<double>(chunk) /
                       static_cast<double>(state.iterations());
  for (int step = 0; step < kSteps; ++step)
    if (seconds[step] > 0) state.counters[names[step]] = seconds[step] * scale;
  state.SetItemsProcessed(state.iterations() * chunk);
}

// The steps of the CNN trunks (src/models/architectures.cpp, copied here op by
// op on the model's own conv weights) timed one by one on one chunk; each
// counter is milliseconds per pool of kPool points.
void part_trunk_steps(benchmark::State& state, const ModelCase& c) {
  using clock = std::chrono::steady_clock;
  auto model = make(c);
  const int64_t chunk = state.range(0);
  const bool lenet = c.name == "lenet5";
  at::NoGradGuard no_grad;
  auto params = model->named_parameters();
  const at::Tensor w1 = params["conv1.weight"], b1 = params["conv1.bias"];
  const at::Tensor w2 = params["conv2.weight"], b2 = params["conv2.bias"];
  const at::Tensor x = random_inputs(c, chunk, 5);
  enum Step { kConv1, kRelu1, kPool1, kConv2, kRelu2, kPool2, kSteps };
  const char* names[kSteps] = {"conv1", "relu1", "pool1", "conv2", "relu2", "pool2"};
  double seconds[kSteps] = {};
  for (auto _ : state) {
    auto t = clock::now();
    auto lap = [&](Step step) {
      const auto now = clock::now();
      seconds[step] += std::chrono::duration<double>(now - t).count();
      t = now;
    };
    at::Tensor h = at::conv2d(x, w1, b1, 1, lenet ? 2 : 0);
    lap(kConv1);
    h = at::relu(h);
    lap(kRelu1);
    if (lenet) {
      h = at::max_pool2d(h, 2);
      lap(kPool1);
    }
    h = at::conv2d(h, w2, b2);
    lap(kConv2);
    h = at::relu(h);
    lap(kRelu2);
    h = at::max_pool2d(h, 2);
    lap(kPool2);
    benchmark::DoNotOptimize(h.data_ptr());
  }
  const double scale = 1e3 * static_cast<double>(kPool) / static_cast<double>(chunk) /
                       static_cast<double>(state.iterations());
  for (int step = 0; step < kSteps; ++step)
    if (seconds[step] > 0) state.counters[names[step]] = seconds[step] * scale;
  state.SetItemsProcessed(state.iterations() * chunk);
}

// --- Experiments behind the suggestions in docs/performance.md. ---

// The first dropout layer's GEMM of the fast path, [chunk, D] x [D, K*O], in
// float32 and in bfloat16 (LibTorch sends bf16 matmuls to oneDNN, which can
// use AVX512-BF16/AMX); reports FLOP/s. Only the speed, not the accuracy.
void exp_fold_gemm(benchmark::State& state, const ModelCase& c, at::ScalarType dtype) {
  auto model = make(c);
  const int64_t k = state.range(0);
  const int64_t chunk = state.range(1);
  at::NoGradGuard no_grad;
  const at::Tensor features = model->trunk(random_inputs(c, chunk, 5)).to(dtype);
  at::Generator gen = bdal::core::make_generator(6);
  const bdal::infer::McMasks masks = bdal::infer::sample_masks(*model, k, gen);
  const auto& layer = model->head().front();
  const at::Tensor w_KO_D = (layer.linear->weight.unsqueeze(0) * masks.masks_K_D[0].unsqueeze(1))
                                .reshape({-1, layer.linear->weight.size(1)})
                                .to(dtype);
  const at::Tensor b_KO = layer.linear->bias.repeat({k}).to(dtype);
  for (auto _ : state) {
    const at::Tensor out = at::linear(features, w_KO_D, b_KO);
    benchmark::DoNotOptimize(out.data_ptr());
  }
  const double flops = 2.0 * chunk * w_KO_D.size(0) * w_KO_D.size(1);
  state.counters["FLOPS"] = benchmark::Counter(flops * state.iterations(),
                                               benchmark::Counter::kIsRate);
  state.SetItemsProcessed(state.iterations() * chunk);
}

// The second dropout layer fed straight from the first layer's [N, K*O]
// output viewed as [K, N, O] (no .contiguous() copy) against the current
// relayout + baddbmm; the same numbers either way.
void exp_relayout(benchmark::State& state, const ModelCase& c, bool copy) {
  auto model = make(c);
  const int64_t k = state.range(0);
  const int64_t chunk = state.range(1);
  at::NoGradGuard no_grad;
  const at::Tensor features = model->trunk(random_inputs(c, chunk, 5));
  at::Generator gen = bdal::core::make_generator(6);
  const bdal::infer::McMasks masks = bdal::infer::sample_masks(*model, k, gen);
  const auto& l0 = model->head()[0];
  const auto& l1 = model->head()[1];
  const int64_t o0 = l0.linear->weight.size(0), o1 = l1.linear->weight.size(0);
  const at::Tensor w0 = (l0.linear->weight.unsqueeze(0) * masks.masks_K_D[0].unsqueeze(1))
                            .reshape({k * o0, -1});
  const at::Tensor b0 = l0.linear->bias.repeat({k});
  const at::Tensor w1_K_D_O =
      (l1.linear->weight.unsqueeze(0) * masks.masks_K_D[1].unsqueeze(1)).transpose(1, 2);
  auto run = [&](bool with_copy) {
    at::Tensor h_K_N_O = at::linear(features, w0, b0).view({chunk, k, o0}).permute({1, 0, 2});
    if (with_copy) h_K_N_O = h_K_N_O.contiguous();
    h_K_N_O.relu_();
    return at::baddbmm(l1.linear->bias.view({1, 1, o1}), h_K_N_O, w1_K_D_O);
  };
  state.counters["max_abs_diff"] = (run(true) - run(false)).abs().max().item<double>();
  for (auto _ : state) {
    const at::Tensor out = run(copy);
    benchmark::DoNotOptimize(out.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * chunk);
}

// LeNet-5's trunk written other ways, same numbers (max_abs_diff against the
// current order): 0 = as in architectures.cpp; 1 = max-pool before ReLU (they
// commute; ReLU then runs on a 4x smaller tensor); 2 = 1 + 2x2 pooling as a
// max over a reshaped view; 3 = 1 + channels-last tensors for oneDNN.
at::Tensor lenet_trunk_variant(const at::Tensor& x, const at::Tensor& w1, const at::Tensor& b1,
                               const at::Tensor& w2, const at::Tensor& b2, int variant) {
  auto pool = [&](const at::Tensor& h) {
    if (variant != 2) return at::max_pool2d(h, 2);
    const int64_t n = h.size(0), ch = h.size(1), hh = h.size(2) / 2, ww = h.size(3) / 2;
    return h.slice(2, 0, 2 * hh).slice(3, 0, 2 * ww).reshape({n, ch, hh, 2, ww, 2}).amax({3, 5});
  };
  if (variant == 0) {
    at::Tensor h = at::max_pool2d(at::relu(at::conv2d(x, w1, b1, 1, 2)), 2);
    return at::max_pool2d(at::relu(at::conv2d(h, w2, b2)), 2).flatten(1);
  }
  if (variant == 3) {
    const auto cl = at::MemoryFormat::ChannelsLast;
    at::Tensor h = pool(at::conv2d(x.contiguous(cl), w1.contiguous(cl), b1, 1, 2)).relu_();
    h = pool(at::conv2d(h, w2.contiguous(cl), b2)).relu_();
    return h.contiguous().flatten(1);
  }
  at::Tensor h = pool(at::conv2d(x, w1, b1, 1, 2)).relu_();
  return pool(at::conv2d(h, w2, b2)).relu_().flatten(1);
}

void exp_lenet_trunk(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  const int variant = static_cast<int>(state.range(0));
  const int64_t chunk = state.range(1);
  at::NoGradGuard no_grad;
  auto params = model->named_parameters();
  const at::Tensor w1 = params["conv1.weight"], b1 = params["conv1.bias"];
  const at::Tensor w2 = params["conv2.weight"], b2 = params["conv2.bias"];
  const at::Tensor x = random_inputs(c, chunk, 5);
  state.counters["max_abs_diff"] = (lenet_trunk_variant(x, w1, b1, w2, b2, variant) -
                                    model->trunk(x)).abs().max().item<double>();
  for (auto _ : state) {
    const at::Tensor f = lenet_trunk_variant(x, w1, b1, w2, b2, variant);
    benchmark::DoNotOptimize(f.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * chunk);
}

// The first dropout layer computed only on the input units each sample keeps
// (p >= 0.5) or as a correction for the units it drops (p < 0.5), instead of
// the dense folded GEMM: min(p, 1-p) of the FLOPs. Rows of x^T are gathered
// per sample (padded to the largest count with a zero unit), then one batched
// GEMM. Reports max_abs_diff against the folded GEMM; the output is [K, O, N].
void exp_sparse_fold(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  const int64_t k = state.range(0);
  const int64_t chunk = state.range(1);
  at::NoGradGuard no_grad;
  const at::Tensor x_N_D = model->trunk(random_inputs(c, chunk, 5));
  at::Generator gen = bdal::core::make_generator(6);
  const bdal::infer::McMasks masks = bdal::infer::sample_masks(*model, k, gen);
  const auto& layer = model->head().front();
  const at::Tensor& w_O_D = layer.linear->weight;
  const at::Tensor& b_O = layer.linear->bias;
  const int64_t d = w_O_D.size(1), o = w_O_D.size(0);
  const double keep = 1.0 - layer.dropout;
  const bool by_drop = layer.dropout < 0.5;  // gather the smaller set of units
  const at::Tensor m_K_D = masks.masks_K_D[0];
  // Per-sample unit lists, padded with unit d (a zero row/column).
  const at::Tensor sel_K_D = by_drop ? m_K_D.eq(0) : m_K_D.ne(0);
  const int64_t width = sel_K_D.sum(1).max().item<int64_t>();
  const at::Tensor order_K_D = at::argsort(sel_K_D.to(at::kInt), 1, /*descending=*/true);
  at::Tensor idx_K_W = order_K_D.slice(1, 0, width).clone();
  idx_K_W.masked_fill_(sel_K_D.gather(1, idx_K_W).logical_not(), d);
  const at::Tensor w_ext_O_D1 = at::cat({w_O_D, at::zeros({o, 1})}, 1) / keep;
  const at::Tensor w_K_O_W =
      w_ext_O_D1.index_select(1, idx_K_W.flatten()).view({o, k, width}).permute({1, 0, 2}).contiguous();
  auto run = [&]() {
    const at::Tensor xt_D1_N = at::cat({x_N_D.t(), at::zeros({1, x_N_D.size(0)})}, 0);
    const at::Tensor xg_K_W_N = xt_D1_N.index_select(0, idx_K_W.flatten()).view({k, width, -1});
    at::Tensor out_K_O_N = at::bmm(w_K_O_W, xg_K_W_N);
    if (by_drop) {  // W (m ⊙ x) = (W x - W_dropped x_dropped) / keep
      const at::Tensor full_O_N = at::addmm(b_O.unsqueeze(1), w_O_D, x_N_D.t(), 1.0, 1.0 / keep);
      out_K_O_N = full_O_N.unsqueeze(0) - out_K_O_N;
    } else {
      out_K_O_N.add_(b_O.view({1, o, 1}));
    }
    return out_K_O_N;
  };
  const at::Tensor dense_K_N_O =
      at::linear(x_N_D, (w_O_D.unsqueeze(0) * m_K_D.unsqueeze(1)).reshape({k * o, d}), b_O.repeat({k}))
          .view({-1, k, o})
          .permute({1, 0, 2});
  state.counters["max_abs_diff"] = (run().transpose(1, 2) - dense_K_N_O).abs().max().item<double>();
  state.counters["units"] = static_cast<double>(width);
  for (auto _ : state) {
    const at::Tensor out = run();
    benchmark::DoNotOptimize(out.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * chunk);
}

// What the naive path pays per pass for dropout alone: fresh [N, D] masks for
// every dropout layer of the head (bernoulli_ + scale), over the pool.
void part_naive_masks(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  at::Generator gen = bdal::core::make_generator(6);
  for (auto _ : state) {
    for (const auto& layer : model->head()) {
      if (layer.dropout == 0.0) continue;
      const double keep = 1.0 - layer.dropout;
      const int64_t d = layer.linear->weight.size(1);
      for (int64_t start = 0; start < kPool; start += kChunk) {
        const int64_t n = std::min(kPool, start + kChunk) - start;
        const at::Tensor m = at::empty({n, d}, at::kFloat).bernoulli_(keep, gen).div_(keep);
        benchmark::DoNotOptimize(m.data_ptr());
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kPool);
}

// A whole number >= 0 from the environment variable `name`; `fallback` when unset.
int int_from_env(const char* name, int fallback) {
  const char* env = std::getenv(name);
  if (env == nullptr || *env == '\0') return fallback;
  char* end = nullptr;
  const long n = std::strtol(env, &end, 10);
  if (*end != '\0' || n < 0 || n > 4096) {
    std::fprintf(stderr, "%s must be a whole number >= 0, got '%s'\n", name, env);
    std::exit(2);
  }
  return static_cast<int>(n);
}

template <typename Fn>
Fn openblas_symbol(const char* symbol) {
  return reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, symbol));
}

void add_runtime_context() {
  const bdal::core::RuntimeInfo info = bdal::core::runtime_info();
  benchmark::AddCustomContext("bdal", info.bdal_version + " (" + info.git_commit + ")");
  benchmark::AddCustomContext("libtorch", info.torch_version);
  benchmark::AddCustomContext("intra_op_threads", std::to_string(info.intra_op_threads));
  benchmark::AddCustomContext("hardware_threads", std::to_string(info.hardware_threads));
  benchmark::AddCustomContext("blas", info.blas);
  // Only when OPENBLAS_CORETYPE was set by hand to a weaker core (see blas_core.h).
  if (const auto better = bdal::core::better_blas_core())
    benchmark::AddCustomContext("blas_warning", "OpenBLAS uses weaker kernels than this CPU "
                                                "supports; " + *better + " would be faster");
  const auto& ctx = at::globalContext();
  benchmark::AddCustomContext("aten_backends",
                              std::string("openmp=") + (AT_PARALLEL_OPENMP ? "yes" : "no") +
                                  " mkldnn=" + (ctx.hasMKLDNN() ? "yes" : "no") +
                                  " mkl=" + (ctx.hasMKL() ? "yes" : "no") +
                                  " lapack=" + (ctx.hasLAPACK() ? "yes" : "no"));
}

void register_benchmarks() {
  for (const ModelCase& c : model_cases()) {
    benchmark::RegisterBenchmark(("train_step/" + c.name).c_str(), train_step, c)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  for (const ModelCase& c : model_cases()) {
    benchmark::RegisterBenchmark(("mc_fast/" + c.name).c_str(), mc_scoring, c,
                                 &bdal::infer::mc_log_probs)
        ->ArgName("K")->Arg(kSamples)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("mc_naive/" + c.name).c_str(), mc_scoring, c,
                                 &bdal::infer::naive_mc_log_probs)
        ->ArgName("K")->Arg(kSamples)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("deterministic/" + c.name).c_str(), deterministic, c)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  for (const ModelCase& c : model_cases()) {
    benchmark::RegisterBenchmark(("part_trunk/" + c.name).c_str(), part_trunk, c)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("part_head/" + c.name).c_str(), part_head, c)
        ->ArgName("K")->Arg(kSamples)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("part_naive_masks/" + c.name).c_str(), part_naive_masks, c)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    if (c.name == "lenet5")
      benchmark::RegisterBenchmark("exp_lenet_trunk/lenet5", exp_lenet_trunk, c)
          ->ArgNames({"variant", "chunk"})
          ->ArgsProduct({{0, 1, 2, 3}, {256, kChunk}})
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    if (c.name == "lenet5" || c.name == "gal-cnn")
      benchmark::RegisterBenchmark(("part_trunk_steps/" + c.name).c_str(), part_trunk_steps, c)
          ->ArgName("chunk")
          ->Arg(kChunk)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    benchmark::RegisterBenchmark(("part_head_steps/" + c.name).c_str(), part_head_steps, c)
        ->ArgNames({"K", "chunk"})
        ->Args({kSamples, kChunk})
        ->Args({kSamples, 256})
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    for (const auto& [dtype, tag] : {std::pair{at::kFloat, "f32"}, std::pair{at::kBFloat16, "bf16"}})
      benchmark::RegisterBenchmark(("exp_fold_gemm_" + std::string(tag) + "/" + c.name).c_str(),
                                   exp_fold_gemm, c, dtype)
          ->ArgNames({"K", "chunk"})
          ->Args({kSamples, kChunk})
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    benchmark::RegisterBenchmark(("exp_sparse_fold/" + c.name).c_str(), exp_sparse_fold, c)
        ->ArgNames({"K", "chunk"})
        ->Args({kSamples, kChunk})
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    if (c.name == "lenet5" || c.name == "moons-mlp")  // models with two dropout layers
      for (const bool copy : {true, false})
        benchmark::RegisterBenchmark(
            ((copy ? "exp_relayout_copy/" : "exp_relayout_view/") + c.name).c_str(), exp_relayout,
            c, copy)
            ->ArgNames({"K", "chunk"})
            ->Args({kSamples, kChunk})
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
    benchmark::RegisterBenchmark(("mc_fast_chunk/" + c.name).c_str(), mc_fast_chunk, c)
        ->ArgNames({"K", "chunk"})
        ->Args({kSamples, 128})
        ->Args({kSamples, 256})
        ->Args({kSamples, 512})
        ->Args({kSamples, 2048})
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
}

}  // namespace

int main(int argc, char** argv) {
  bdal::core::reexec_with_better_blas_core(argv);  // as the bdal program does
  bdal::core::tune_allocator();
  bdal::core::configure_threads(int_from_env("BDAL_BENCH_THREADS", 0));
  // Investigation knob: OpenBLAS threads after configure_threads kept it at 1.
  if (const int blas_threads = int_from_env("BDAL_BENCH_BLAS_THREADS", 0); blas_threads > 0)
    if (auto set = openblas_symbol<void (*)(int)>("openblas_set_num_threads")) set(blas_threads);
  add_runtime_context();
  register_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
