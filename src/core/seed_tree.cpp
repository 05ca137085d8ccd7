#include "bdal/core/seed_tree.h"

namespace bdal::core {

uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t SeedTree::derive(std::string_view purpose, uint64_t index) const {
  // FNV-1a over the purpose keeps names stable across builds (std::hash is not).
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : purpose) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return mix64(mix64(master_ ^ h) + mix64(index));
}

}  // namespace bdal::core
