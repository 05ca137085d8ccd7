// make_split: the seeded partition every active-learning run starts from.
// Properties: the three train sets are disjoint and cover the train set, the
// balanced initial set has exactly n of every class, a seed reproduces the
// split and another seed changes it, impossible requests are usage errors.
#include "bdal/data/split.h"
#include "bdal/core/error.h"
#include "test_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace bdal::data {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::usage_error_message;

std::vector<int64_t> to_vector(const at::Tensor& t) {
  const at::Tensor c = t.to(at::kLong).contiguous();
  return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}

// 10 classes of unequal sizes (30 + 3c examples of class c), interleaved so
// that a class's rows are not contiguous.
at::Tensor uneven_labels() {
  std::vector<int64_t> labels;
  for (int64_t round = 0; round < 60; ++round)
    for (int64_t c = 0; c < 10; ++c)
      if (round < 30 + 3 * c) labels.push_back(c);
  return at::tensor(labels, at::kLong);
}

TEST(MakeSplit, BalancedInitialHasExactlyNPerClass) {
  const at::Tensor labels = uneven_labels();
  SplitOptions o;
  o.initial_per_class = 3;
  o.validation_size = 50;
  const Split s = make_split(labels, 10, 500, o, 7);
  ASSERT_EQ(s.initial.numel(), 30);
  const at::Tensor counts = at::bincount(labels.index_select(0, s.initial), {}, 10);
  EXPECT_EQ(to_vector(counts), std::vector<int64_t>(10, 3));
}

TEST(MakeSplit, AmbiguousRowsGoToThePoolOnly) {
  const at::Tensor labels = uneven_labels();
  const int64_t n = labels.size(0);
  const at::Tensor ambiguous = at::arange(n, at::kLong).remainder(2).eq(1);  // every odd row
  for (int64_t random_initial : {0, 20}) {
    SplitOptions o;
    o.initial_per_class = random_initial > 0 ? 0 : 2;
    o.initial_random = random_initial;
    o.validation_size = 60;
    const Split s = make_split(labels, 10, 500, o, 5, ambiguous);
    EXPECT_EQ(s.initial.numel(), 20);
    EXPECT_FALSE(ambiguous.index_select(0, s.initial).any().item<bool>());
    EXPECT_FALSE(ambiguous.index_select(0, s.validation).any().item<bool>());
    EXPECT_EQ(ambiguous.index_select(0, s.pool).sum().item<int64_t>(), n / 2);
    EXPECT_EQ(s.initial.numel() + s.validation.numel() + s.pool.numel(), n);
  }
  // An all-clean mask draws the same sets as no mask.
  SplitOptions o;
  o.validation_size = 60;
  const Split plain = make_split(labels, 10, 500, o, 5);
  const Split clean = make_split(labels, 10, 500, o, 5, at::zeros({n}, at::kBool));
  EXPECT_TRUE(at::equal(plain.initial, clean.initial));
  EXPECT_TRUE(at::equal(plain.validation, clean.validation));
}

TEST(MakeSplit, SetsAreDisjointAndCoverTheTrainSet) {
  const at::Tensor labels = uneven_labels();
  const int64_t n = labels.size(0);
  SplitOptions o;
  o.initial_per_class = 2;
  o.validation_size = 100;
  const Split s = make_split(labels, 10, 500, o, 1);
  EXPECT_EQ(s.initial.scalar_type(), at::kLong);
  EXPECT_EQ(s.validation.numel(), 100);
  EXPECT_EQ(s.initial.numel() + s.validation.numel() + s.pool.numel(), n);
  std::vector<int> seen(static_cast<size_t>(n), 0);
  for (const at::Tensor* part : {&s.initial, &s.validation, &s.pool})
    for (int64_t i : to_vector(*part)) {
      ASSERT_GE(i, 0);
      ASSERT_LT(i, n);
      ++seen[static_cast<size_t>(i)];
    }
  for (int64_t i = 0; i < n; ++i) EXPECT_EQ(seen[static_cast<size_t>(i)], 1) << "row " << i;
  // The pool is kept ascending (pool positions are stable and meaningful).
  const std::vector<int64_t> pool = to_vector(s.pool);
  EXPECT_TRUE(std::is_sorted(pool.begin(), pool.end()));
}

TEST(MakeSplit, SameSeedSameSplitOtherSeedOtherSplit) {
  const at::Tensor labels = uneven_labels();
  SplitOptions o;
  o.initial_per_class = 2;
  o.validation_size = 60;
  o.test_size = 50;
  const Split a = make_split(labels, 10, 400, o, 42);
  const Split b = make_split(labels, 10, 400, o, 42);
  EXPECT_TRUE(at::equal(a.initial, b.initial));
  EXPECT_TRUE(at::equal(a.validation, b.validation));
  EXPECT_TRUE(at::equal(a.pool, b.pool));
  EXPECT_TRUE(at::equal(a.test, b.test));

  const Split c = make_split(labels, 10, 400, o, 43);
  EXPECT_FALSE(at::equal(a.initial, c.initial));
  EXPECT_FALSE(at::equal(a.validation, c.validation));
  EXPECT_FALSE(at::equal(a.test, c.test));
}

TEST(MakeSplit, InitialSetDoesNotDependOnOtherOptions) {
  // Each part draws from its own seed stream, so asking for a bigger
  // validation or test set must not reshuffle the initial labelled set.
  const at::Tensor labels = uneven_labels();
  SplitOptions small;
  small.validation_size = 10;
  SplitOptions large = small;
  large.validation_size = 200;
  large.test_size = 100;
  EXPECT_TRUE(at::equal(make_split(labels, 10, 400, small, 5).initial,
                        make_split(labels, 10, 400, large, 5).initial));
}

TEST(MakeSplit, RandomInitialSet) {
  const at::Tensor labels = uneven_labels();
  SplitOptions o;
  o.initial_random = 25;
  o.validation_size = 0;
  const Split s = make_split(labels, 10, 400, o, 3);
  ASSERT_EQ(s.initial.numel(), 25);
  const std::vector<int64_t> init = to_vector(s.initial);
  EXPECT_EQ(std::set<int64_t>(init.begin(), init.end()).size(), 25u);
  EXPECT_EQ(s.validation.numel(), 0);
  EXPECT_EQ(s.pool.numel(), labels.size(0) - 25);
}

TEST(MakeSplit, EmptyInitialSetIsAllowed) {
  const at::Tensor labels = uneven_labels();
  SplitOptions o;
  o.initial_per_class = 0;
  o.validation_size = 0;
  const Split s = make_split(labels, 10, 400, o, 3);
  EXPECT_EQ(s.initial.numel(), 0);
  EXPECT_EQ(s.pool.numel(), labels.size(0));
}

TEST(MakeSplit, TestSubset) {
  const at::Tensor labels = uneven_labels();
  SplitOptions o;
  // test_size 0 = the whole test set, in order.
  Split s = make_split(labels, 10, 300, o, 9);
  EXPECT_TRUE(at::equal(s.test, at::arange(300, at::kLong)));

  o.test_size = 120;
  s = make_split(labels, 10, 300, o, 9);
  const std::vector<int64_t> test = to_vector(s.test);
  ASSERT_EQ(test.size(), 120u);
  EXPECT_TRUE(std::is_sorted(test.begin(), test.end()));
  EXPECT_EQ(std::set<int64_t>(test.begin(), test.end()).size(), 120u);
  EXPECT_GE(test.front(), 0);
  EXPECT_LT(test.back(), 300);

  o.test_size = 300;  // all of it, exactly
  EXPECT_EQ(make_split(labels, 10, 300, o, 9).test.numel(), 300);
}

TEST(MakeSplit, ValidationCanTakeEverythingLeft) {
  const at::Tensor labels = uneven_labels();
  SplitOptions o;
  o.initial_per_class = 1;
  o.validation_size = labels.size(0) - 10;
  const Split s = make_split(labels, 10, 10, o, 2);
  EXPECT_EQ(s.pool.numel(), 0);
}

TEST(MakeSplitErrors, ClassWithTooFewExamples) {
  // Class 7 has only two examples; asking for three of each must say so.
  std::vector<int64_t> labels;
  for (int64_t c = 0; c < 10; ++c)
    for (int i = 0; i < (c == 7 ? 2 : 5); ++i) labels.push_back(c);
  SplitOptions o;
  o.initial_per_class = 3;
  o.validation_size = 0;
  const std::string msg =
      usage_error_message([&] { make_split(at::tensor(labels, at::kLong), 10, 10, o, 0); });
  EXPECT_TRUE(HasSubstr(msg, "initial_per_class = 3"));
  EXPECT_TRUE(HasSubstr(msg, "class 7 has only 2"));
}

TEST(MakeSplitErrors, ClassMissingEntirely) {
  const at::Tensor labels = at::tensor(std::vector<int64_t>{0, 0, 1, 1}, at::kLong);
  SplitOptions o;
  o.initial_per_class = 1;
  o.validation_size = 0;
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { make_split(labels, 3, 1, o, 0); }),
                        "class 2 has only 0"));
}

TEST(MakeSplitErrors, ValidationLargerThanWhatIsLeft) {
  const at::Tensor labels = uneven_labels();
  const int64_t n = labels.size(0);
  SplitOptions o;
  o.initial_per_class = 2;
  o.validation_size = n - 20 + 1;  // one more than remains after 20 initial
  const std::string msg = usage_error_message([&] { make_split(labels, 10, 10, o, 0); });
  EXPECT_TRUE(HasSubstr(msg, fmt::format("validation_size = {}", n - 19)));
  EXPECT_TRUE(HasSubstr(msg, fmt::format("only {} training examples remain", n - 20)));
}

TEST(MakeSplitErrors, TestSubsetLargerThanTestSet) {
  SplitOptions o;
  o.test_size = 101;
  const std::string msg = usage_error_message([&] { make_split(uneven_labels(), 10, 100, o, 0); });
  EXPECT_TRUE(HasSubstr(msg, "test_size = 101"));
  EXPECT_TRUE(HasSubstr(msg, "100 test examples"));
}

TEST(MakeSplitErrors, RandomInitialLargerThanTrainSet) {
  const at::Tensor labels = at::tensor(std::vector<int64_t>{0, 1, 0, 1}, at::kLong);
  SplitOptions o;
  o.initial_random = 5;
  o.validation_size = 0;
  const std::string msg = usage_error_message([&] { make_split(labels, 2, 4, o, 0); });
  EXPECT_TRUE(HasSubstr(msg, "initial_random = 5"));
  EXPECT_TRUE(HasSubstr(msg, "4 training examples"));
}

TEST(MakeSplitErrors, NegativeOptions) {
  const at::Tensor labels = uneven_labels();
  SplitOptions o;
  o.initial_per_class = -1;
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { make_split(labels, 10, 10, o, 0); }),
                        "initial_per_class must be >= 0, got -1"));
  o = SplitOptions{};
  o.validation_size = -5;
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { o.validate(); }), "got -5"));
  o = SplitOptions{};
  o.test_size = -1;
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { o.validate(); }), "test_size"));
  o = SplitOptions{};
  o.initial_random = -2;
  EXPECT_TRUE(HasSubstr(usage_error_message([&] { o.validate(); }), "initial_random"));
}

}  // namespace
}  // namespace bdal::data
