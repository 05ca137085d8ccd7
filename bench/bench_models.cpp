// Throughput of the built-in models on random inputs of the right shape:
// training (one Adam step on a full batch) and MC-dropout scoring of a pool at
// K samples, the fast path (trunk once, K consistent masks folded into the
// head's weights) beside the textbook path (K full forward passes with fresh
// dropout) measured in the same run. docs/performance.md reports the numbers.
//
// Threads: LibTorch intra-op threads = all cores, or BDAL_BENCH_THREADS=n;
// OpenBLAS is kept at one thread (bdal::core::configure_threads). The run's
// runtime (LibTorch version, threads, which BLAS is loaded) is printed in the
// benchmark context.
#include "bdal/core/random.h"
#include "bdal/core/runtime.h"
#include "bdal/infer/mc_sampler.h"
#include "bdal/models/registry.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/core/grad_mode.h>
#include <benchmark/benchmark.h>
#include <torch/optim/adam.h>

#include <cstdio>
#include <cstdlib>
#include <string>
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

// Fast path: trunk once per point, K consistent masks folded into the head.
void mc_fast(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  const at::Tensor pool = random_inputs(c, kPool, 5);
  const bdal::infer::McOptions options{state.range(0), kChunk};
  at::Generator gen = bdal::core::make_generator(6);
  for (auto _ : state) {
    const at::Tensor lp = bdal::infer::mc_log_probs(*model, pool, options, gen);
    benchmark::DoNotOptimize(lp.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * kPool);
}

// Textbook path: K full forward passes, a fresh dropout mask per input and pass.
void mc_naive(benchmark::State& state, const ModelCase& c) {
  auto model = make(c);
  const at::Tensor pool = random_inputs(c, kPool, 5);
  const bdal::infer::McOptions options{state.range(0), kChunk};
  at::Generator gen = bdal::core::make_generator(6);
  for (auto _ : state) {
    const at::Tensor lp = bdal::infer::naive_mc_log_probs(*model, pool, options, gen);
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

int threads_from_env() {
  const char* env = std::getenv("BDAL_BENCH_THREADS");
  if (env == nullptr || *env == '\0') return 0;
  char* end = nullptr;
  const long n = std::strtol(env, &end, 10);
  if (*end != '\0' || n < 0 || n > 4096) {
    std::fprintf(stderr, "BDAL_BENCH_THREADS must be a whole number >= 0 (0 = all cores), got '%s'\n",
                 env);
    std::exit(2);
  }
  return static_cast<int>(n);
}

void add_runtime_context() {
  const bdal::core::RuntimeInfo info = bdal::core::runtime_info();
  benchmark::AddCustomContext("bdal", info.bdal_version + " (" + info.git_commit + ")");
  benchmark::AddCustomContext("libtorch", info.torch_version);
  benchmark::AddCustomContext("intra_op_threads", std::to_string(info.intra_op_threads));
  benchmark::AddCustomContext("hardware_threads", std::to_string(info.hardware_threads));
  benchmark::AddCustomContext("blas", info.blas);
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
    benchmark::RegisterBenchmark(("mc_fast/" + c.name).c_str(), mc_fast, c)
        ->ArgName("K")->Arg(kSamples)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("mc_naive/" + c.name).c_str(), mc_naive, c)
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
  }
}

}  // namespace

int main(int argc, char** argv) {
  bdal::core::configure_threads(threads_from_env());
  add_runtime_context();
  register_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
