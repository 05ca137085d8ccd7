// Selection time of the batch-aware and stochastic strategies on random
// MC-dropout predictions: b = 10 and 100 from pools of 5,000 and 60,000
// points at K = 20 and 100 samples, C = 10 classes, embeddings of D = 128
// (BADGE, Core-Set; Core-Set starts from 1,000 labelled centres). BatchBALD
// runs with M = 10,000 configurations, on the whole pool and with a top-1,000
// BALD pre-filter. docs/strategies.md reports the numbers; bench/run_acquire.sh
// runs the set (the whole-pool BatchBALD cases at 60,000 points take many
// minutes each and are opt-in there).
//
// Names: select/<strategy>/N:<pool>/K:<samples>/b:<batch>.
#include <ATen/ATen.h>
#include <benchmark/benchmark.h>

#include <string>

#include "bdal/acquire/registry.h"
#include "bdal/core/blas_core.h"
#include "bdal/core/random.h"
#include "bdal/core/runtime.h"

namespace {

constexpr int64_t kClasses = 10;
constexpr int64_t kEmbeddingDim = 128;
constexpr int64_t kLabelled = 1000;

struct Case {
  std::string strategy;
  int64_t prefilter = 0;
};

bdal::acquire::AcquisitionInput make_input(int64_t n, int64_t k) {
  at::Generator gen = bdal::core::make_generator(1);
  bdal::acquire::AcquisitionInput input;
  // Logits whose samples disagree, like a model early in active learning.
  input.log_probs_N_K_C = (at::randn({n, k, kClasses}, gen) * 2.0).log_softmax(2);
  input.embeddings_N_D = at::randn({n, kEmbeddingDim}, gen).relu();
  input.labelled_embeddings_M_D = at::randn({kLabelled, kEmbeddingDim}, gen).relu();
  input.seed = 3;
  return input;
}

void select(benchmark::State& state, Case c) {
  const int64_t n = state.range(0), k = state.range(1), b = state.range(2);
  const auto input = make_input(n, k);
  bdal::acquire::StrategyOptions options;
  options.prefilter = c.prefilter;
  const auto strategy = bdal::acquire::make_strategy(c.strategy, options);
  for (auto _ : state) benchmark::DoNotOptimize(strategy->select(input, b));
}

void register_benchmarks() {
  const std::vector<std::pair<std::string, Case>> cases = {
      {"batch-bald", {"batch-bald", 0}},   {"batch-bald-prefilter1000", {"batch-bald", 1000}},
      {"badge", {"badge", 0}},             {"core-set", {"core-set", 0}},
      {"power-bald", {"power-bald", 0}},   {"bald", {"bald", 0}},
  };
  for (const auto& [name, c] : cases) {
    auto* bm = benchmark::RegisterBenchmark(("select/" + name).c_str(), select, c)
                   ->ArgNames({"N", "K", "b"})
                   ->ArgsProduct({{5000, 60000}, {20, 100}, {10, 100}})
                   ->Unit(benchmark::kSecond)
                   ->UseRealTime();
    if (c.strategy == "batch-bald") bm->Iterations(1);  // seconds to hours per call
  }
}

}  // namespace

int main(int argc, char** argv) {
  bdal::core::reexec_with_better_blas_core(argv);
  bdal::core::tune_allocator();
  bdal::core::configure_threads(0);
  const bdal::core::RuntimeInfo info = bdal::core::runtime_info();
  benchmark::AddCustomContext("bdal", info.bdal_version + " (" + info.git_commit + ")");
  benchmark::AddCustomContext("intra_op_threads", std::to_string(info.intra_op_threads));
  benchmark::AddCustomContext("blas", info.blas);
  register_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
