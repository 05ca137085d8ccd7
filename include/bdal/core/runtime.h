// Thread set-up and a description of the numeric runtime (LibTorch version,
// threads, which BLAS is really loaded) for meta records and `bdal version`.
#pragma once

#include <string>

namespace bdal::core {

// Sets LibTorch's intra-op threads to `threads` (0 = all cores) and keeps
// OpenBLAS at one thread: two thread pools fighting over two cores were
// measured up to 3x slower.
void configure_threads(int threads);

// Keeps large tensor buffers in the heap instead of fresh mmap()s: glibc
// hands every allocation over 128 KiB back to the kernel on free, so each
// training step page-faulted its activations in again (measured 1.6x on a
// LeNet-5 training step), and even with the threshold raised to its 32 MiB
// maximum, full-batch rounds of ~800+ labels were ~3.4x slower (the
// main heap now serves every size; see runtime.cpp for what still maps).
// Call once at program start.
void tune_allocator();

struct RuntimeInfo {
  std::string torch_version;
  int intra_op_threads = 0;
  int hardware_threads = 0;
  std::string blas;  // e.g. "OpenBLAS 0.3.21 ... (pthread, 1 thread)" or "reference BLAS"
  std::string bdal_version;
  std::string git_commit;
  std::string host;
};

RuntimeInfo runtime_info();

}  // namespace bdal::core
