#include "bdal/core/blas_core.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <string_view>

namespace bdal::core {
namespace {

// Cores at least as capable as the fallbacks below; anything else (Prescott,
// Nehalem, Sandybridge, ...) on an AVX2 or AVX-512 CPU is a fallback choice.
constexpr std::array<std::string_view, 9> kModernCores{
    "SkylakeX", "Cooperlake", "SapphireRapids", "Haswell", "Zen",
    "Skylake",  "Icelake",    "Tigerlake",      "Alderlake"};

bool is_modern(std::string_view core) {
  for (std::string_view modern : kModernCores)
    if (core.size() == modern.size() &&
        std::equal(core.begin(), core.end(), modern.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return true;
  return false;
}

}  // namespace

std::optional<std::string> blas_core_name() {
  using GetCoreFn = char* (*)();
  auto get_core = reinterpret_cast<GetCoreFn>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
  if (!get_core) return std::nullopt;
  const char* name = get_core();
  return std::string(name ? name : "");
}

std::optional<std::string> better_blas_core() {
  if (std::getenv("OPENBLAS_CORETYPE")) return std::nullopt;
  const std::optional<std::string> current = blas_core_name();
  if (!current || is_modern(*current)) return std::nullopt;
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl"))
    return "SkylakeX";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
  return std::nullopt;
}

void reexec_with_better_blas_core(char** argv) {
  const std::optional<std::string> core = better_blas_core();
  if (!core) return;
  // Set even if exec fails, so that a failed attempt is not repeated below.
  setenv("OPENBLAS_CORETYPE", core->c_str(), /*overwrite=*/0);
  execv("/proc/self/exe", argv);
  // exec failed (no /proc, say): carry on with the kernels we have.
}

}  // namespace bdal::core
