#include "bdal/core/runtime.h"

#include "bdal/core/version.h"

#include <ATen/Parallel.h>
#include <fmt/format.h>
#include <torch/version.h>

#include <dlfcn.h>
#include <malloc.h>
#include <unistd.h>

#include <thread>

namespace bdal::core {
namespace {

// OpenBLAS exports these; looking them up at run time tells whether the BLAS
// that LibTorch loaded is OpenBLAS at all (Debian can switch it by alternatives).
using SetThreadsFn = void (*)(int);
using GetThreadsFn = int (*)();
using GetConfigFn = char* (*)();

template <typename Fn>
Fn lookup(const char* symbol) {
  return reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, symbol));
}

}  // namespace

void configure_threads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::thread::hardware_concurrency());
  if (threads <= 0) threads = 1;
  at::set_num_threads(threads);
  if (auto set_blas = lookup<SetThreadsFn>("openblas_set_num_threads")) set_blas(1);
}

void tune_allocator() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // buffers under 32 MiB come from the heap
  mallopt(M_TRIM_THRESHOLD, 1 << 30);   // and the heap is not trimmed back eagerly
  mallopt(M_TOP_PAD, 256 << 20);        // grow it in large steps
  // glibc caps M_MMAP_THRESHOLD at 32 MiB, so larger buffers (the full-batch
  // convolution backward of LeNet-5 at ~800 labels takes 44 MiB each epoch)
  // were mmap'ed and unmapped every time the heap's top chunk had no room for
  // them: 58,000 page faults a second and 3.4x slower training rounds
  // (a margin run at 870-900 labels: 73-77 s against 22-23 s). With no
  // mmaps allowed the main heap serves them and keeps them for reuse. glibc
  // still maps memory when brk cannot grow the heap, and threads other than
  // the main one (--threads > 1) keep their own heaps, which mmap requests
  // over 64 MiB; the price is that a process keeps its peak memory until it
  // exits (the trim threshold above), which for one run is what it needs.
  mallopt(M_MMAP_MAX, 0);
}

RuntimeInfo runtime_info() {
  RuntimeInfo info;
  info.torch_version = TORCH_VERSION;
  info.intra_op_threads = at::get_num_threads();
  info.hardware_threads = static_cast<int>(std::thread::hardware_concurrency());
  auto get_config = lookup<GetConfigFn>("openblas_get_config");
  auto get_threads = lookup<GetThreadsFn>("openblas_get_num_threads");
  if (get_config) {
    info.blas =
        fmt::format("OpenBLAS ({}), {} thread(s)", get_config(), get_threads ? get_threads() : -1);
  } else {
    info.blas = "not OpenBLAS (reference BLAS? install libopenblas0-pthread)";
  }
  info.bdal_version = kVersion;
  info.git_commit = kGitCommit;
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) == 0) info.host = host;
  return info;
}

}  // namespace bdal::core
