#include "bdal/core/random.h"

#include <ATen/CPUGeneratorImpl.h>

namespace bdal::core {

at::Generator make_generator(uint64_t seed) {
  return at::make_generator<at::CPUGeneratorImpl>(seed);
}

}  // namespace bdal::core
