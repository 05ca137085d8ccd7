// Choosing OpenBLAS's kernels on CPUs newer than the OpenBLAS build.
//
// Debian 12's OpenBLAS 0.3.21 picks its kernels by CPU model number. On a CPU
// it does not know (Sapphire/Emerald Rapids, for one) it falls back to
// Prescott, i.e. SSE3 kernels, although the CPU has AVX-512: every GEMM then
// runs 3-4x slower (measured: the MC-scoring head of LeNet-5 at K=64 takes
// 1,125 ms per 2,000 points with Prescott kernels and 252 ms with SkylakeX).
// OpenBLAS reads OPENBLAS_CORETYPE only while it loads, before main(), so the
// only way to correct the choice from inside the program is to set the
// variable and exec the program again. Setting OPENBLAS_CORETYPE yourself
// (to anything) turns this off.
#pragma once

#include <optional>
#include <string>

namespace bdal::core {

// The OpenBLAS core name in use ("Prescott", "SkylakeX", ...), or nullopt when
// the loaded BLAS is not OpenBLAS.
std::optional<std::string> blas_core_name();

// The core OpenBLAS should use on this CPU when it is using a weaker one it
// fell back to: "SkylakeX" (AVX-512 F/CD/BW/DQ/VL) or "Haswell" (AVX2 + FMA).
// nullopt when the current choice is fine or OPENBLAS_CORETYPE is already set.
std::optional<std::string> better_blas_core();

// If better_blas_core() names one, sets OPENBLAS_CORETYPE and re-executes
// /proc/self/exe with the same arguments; returns only when it did not
// (nothing better, or exec failed). Call first thing in main().
void reexec_with_better_blas_core(char** argv);

}  // namespace bdal::core
