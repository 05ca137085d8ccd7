#include "bdal/data/split.h"

#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/core/seed_tree.h"

#include <ATen/ATen.h>

namespace bdal::data {

void SplitOptions::validate() const {
  BDAL_CHECK_USAGE(initial_per_class >= 0, "initial_per_class must be >= 0, got {}",
                   initial_per_class);
  BDAL_CHECK_USAGE(initial_random >= 0, "initial_random must be >= 0, got {}", initial_random);
  BDAL_CHECK_USAGE(validation_size >= 0, "validation_size must be >= 0, got {}", validation_size);
  BDAL_CHECK_USAGE(test_size >= 0, "test_size must be >= 0, got {}", test_size);
}

Split make_split(const at::Tensor& train_labels_N, int64_t num_classes, int64_t test_total,
                 const SplitOptions& options, uint64_t seed, const at::Tensor& ambiguous_N) {
  options.validate();
  const core::SeedTree seeds(seed);
  const int64_t n = train_labels_N.size(0);
  // Without ambiguous rows every draw below is the one it always was.
  const bool has_ambiguous = ambiguous_N.defined();
  BDAL_CHECK(!has_ambiguous || ambiguous_N.size(0) == n,
             "the ambiguous mask has {} rows, the training set {}", ambiguous_N.size(0), n);
  at::Tensor taken_N = at::zeros({n}, at::kBool);
  Split split;

  if (options.initial_random > 0) {
    const at::Tensor eligible = has_ambiguous ? (~ambiguous_N).nonzero().view({-1}) : at::Tensor();
    const int64_t available = has_ambiguous ? eligible.size(0) : n;
    BDAL_CHECK_USAGE(options.initial_random <= available,
                     "initial_random = {} is more than the {} training examples",
                     options.initial_random, available);
    at::Generator gen = core::make_generator(seeds.derive("split/initial"));
    split.initial = at::randperm(available, gen, at::kLong).slice(0, 0, options.initial_random);
    if (has_ambiguous) split.initial = eligible.index_select(0, split.initial);
  } else {
    std::vector<at::Tensor> per_class;
    for (int64_t c = 0; c < num_classes; ++c) {
      const at::Tensor is_c = train_labels_N == c;
      const at::Tensor rows = (has_ambiguous ? is_c & ~ambiguous_N : is_c).nonzero().view({-1});
      BDAL_CHECK_USAGE(rows.size(0) >= options.initial_per_class,
                       "initial_per_class = {} but class {} has only {} training examples",
                       options.initial_per_class, c, rows.size(0));
      at::Generator gen = core::make_generator(seeds.derive("split/initial", c));
      const at::Tensor pick =
          at::randperm(rows.size(0), gen, at::kLong).slice(0, 0, options.initial_per_class);
      per_class.push_back(rows.index_select(0, pick));
    }
    split.initial = at::cat(per_class);
  }
  taken_N.index_fill_(0, split.initial, true);

  const at::Tensor rest = (has_ambiguous ? ~taken_N & ~ambiguous_N : ~taken_N).nonzero().view({-1});
  BDAL_CHECK_USAGE(
      options.validation_size <= rest.size(0),
      "validation_size = {} but only {} training examples remain after the initial set",
      options.validation_size, rest.size(0));
  at::Generator val_gen = core::make_generator(seeds.derive("split/validation"));
  const at::Tensor val_pick =
      at::randperm(rest.size(0), val_gen, at::kLong).slice(0, 0, options.validation_size);
  split.validation = rest.index_select(0, val_pick);
  taken_N.index_fill_(0, split.validation, true);
  split.pool = (~taken_N).nonzero().view({-1});

  if (options.test_size == 0) {
    split.test = at::arange(test_total, at::kLong);
  } else {
    BDAL_CHECK_USAGE(options.test_size <= test_total,
                     "test_size = {} is more than the {} test examples", options.test_size,
                     test_total);
    at::Generator gen = core::make_generator(seeds.derive("split/test"));
    split.test = std::get<0>(
        at::sort(at::randperm(test_total, gen, at::kLong).slice(0, 0, options.test_size)));
  }
  return split;
}

}  // namespace bdal::data
