// End-to-end runs of the loop on two-moons (seconds each): records are
// complete and consistent, runs reproduce, and a resumed run writes exactly
// what an uninterrupted one does.
#include "bdal/loop/active_learning.h"
#include "bdal/acquire/registry.h"
#include "bdal/core/dir_lock.h"
#include "bdal/core/error.h"
#include "bdal/data/two_moons.h"
#include "bdal/loop/rounds_file.h"

#include "test_support.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>

namespace bdal::loop {
namespace {

LoopConfig moons_config() {
  LoopConfig c;
  c.dataset = "two-moons";
  c.model = "moons-mlp";
  c.strategy = "bald";
  c.seed = 3;
  c.split.initial_per_class = 2;
  c.split.validation_size = 50;
  c.acquisition_size = 5;
  c.rounds = 6;
  c.score_samples = 8;
  c.eval_samples = 8;
  c.trainer.epochs = 150;
  c.trainer.batch_size = 0;
  c.trainer.learning_rate = 0.02;
  return c;
}

data::TrainTest moons_data() {
  data::TwoMoonsOptions o;
  o.train_size = 400;
  o.test_size = 300;
  o.seed = 1;
  return data::load_two_moons(o);
}

std::vector<nlohmann::json> records_without_timings(const std::filesystem::path& dir) {
  std::vector<nlohmann::json> out;
  for (const auto& r : read_rounds_file(dir / "rounds.jsonl", false).records)
    out.push_back(without_timings(r));
  return out;
}

RunOutcome run_in(const std::filesystem::path& dir, const LoopConfig& c, const data::TrainTest& d,
                  std::function<void(const RoundProgress&)> on_round = {},
                  const std::atomic<bool>* stop = nullptr) {
  RunOptions o;
  o.run_dir = dir;
  o.stop = stop;
  o.on_round = std::move(on_round);
  return run_active_learning(c, d, o);
}

// Runs until round `last_round` is complete, then stops as a Ctrl-C would.
RunOutcome run_interrupted_after(const std::filesystem::path& dir, const LoopConfig& c,
                                 const data::TrainTest& d, int64_t last_round) {
  std::atomic<bool> stop{false};
  return run_in(
      dir, c, d,
      [&](const RoundProgress& p) {
        if (p.round == last_round) stop = true;
      },
      &stop);
}

TEST(ActiveLearning, WritesOneCompleteRecordPerRound) {
  bdal::testing::TempDir dir;
  const auto data = moons_data();
  const RunOutcome outcome = run_in(dir.path(), moons_config(), data);
  EXPECT_EQ(outcome.rounds_done, 7);
  EXPECT_FALSE(outcome.interrupted);
  const auto records = read_rounds_file(dir / "rounds.jsonl", false).records;
  ASSERT_EQ(records.size(), 7u);  // rounds 0..6; the last one acquires nothing
  std::set<int64_t> acquired;
  for (size_t r = 0; r < records.size(); ++r) {
    const RoundRecord rec = round_record_from_json(records[r]);
    EXPECT_EQ(rec.round, static_cast<int64_t>(r));
    EXPECT_EQ(rec.n_labelled, 4 + 5 * static_cast<int64_t>(r));
    EXPECT_EQ(rec.acquired.size(), r < 6 ? 5u : 0u);
    EXPECT_EQ(rec.scores.size(), rec.acquired.size());
    EXPECT_GT(rec.epochs, 0);
    EXPECT_GT(rec.timings.train_ms, 0);
    ASSERT_TRUE(rec.train.has_value()) << "round " << r << " has no metrics on the labelled set";
    EXPECT_GE(rec.train->accuracy, 0.0);
    EXPECT_LE(rec.train->accuracy, 1.0);
    for (int64_t i : rec.acquired)
      EXPECT_TRUE(acquired.insert(i).second) << "acquired twice: " << i;
    for (size_t i = 1; i < rec.scores.size(); ++i) EXPECT_GE(rec.scores[i - 1], rec.scores[i]);
  }
  EXPECT_GT(round_record_from_json(records.back()).test.accuracy, 0.8);
  // The model fits the points it was trained on.
  EXPECT_GT(round_record_from_json(records.back()).train->accuracy, 0.9);
  for (const char* file : {"config.json", "meta.json"})
    EXPECT_TRUE(std::filesystem::exists(dir / file));
}

TEST(RoundRecord, JsonRoundTripWithAndWithoutTrainMetrics) {
  RoundRecord r;
  r.round = 2;
  r.n_labelled = 30;
  r.test = {0.9, 0.3, 0.05, 0.4, 0.1};
  r.acquired = {7, 3};
  r.scores = {0.5, 0.4};
  EXPECT_FALSE(to_json(r).contains("train"));  // as records written before train metrics
  EXPECT_FALSE(round_record_from_json(to_json(r)).train.has_value());
  r.train = train::Metrics{1.0, 0.01, 0.02, 0.03, 0.004};
  const RoundRecord back = round_record_from_json(to_json(r));
  ASSERT_TRUE(back.train.has_value());
  EXPECT_EQ(back.train->accuracy, 1.0);
  EXPECT_EQ(back.train->mean_mutual_information, 0.004);
  EXPECT_EQ(back.test.nll, 0.3);
  EXPECT_EQ(back.acquired, r.acquired);
}

// Data that marks ambiguous rows (as Dirty-MNIST does) and has a further
// test set: every acquiring round records which fraction of its picks was
// ambiguous, and every round the metrics on the further test set.
TEST(ActiveLearning, RecordsTheAmbiguousFractionAndFurtherTestSets) {
  bdal::testing::TempDir dir;
  data::TrainTest data = moons_data();
  // Every third training row is "ambiguous".
  data.train.ambiguous = at::arange(data.train.size(), at::kLong).remainder(3).eq(0);
  data.extra_tests.emplace_back("ambiguous", data.test.subset(at::arange(0, 100, at::kLong)));
  LoopConfig config = moons_config();
  config.split.test_size = 40;  // the further test set is cut to the same size
  config.rounds = 2;
  run_in(dir.path(), config, data);
  const auto records = read_rounds_file(dir / "rounds.jsonl", false).records;
  ASSERT_EQ(records.size(), 3u);
  for (size_t r = 0; r < records.size(); ++r) {
    const RoundRecord rec = round_record_from_json(records[r]);
    ASSERT_EQ(rec.extra_tests.count("ambiguous"), 1u) << "round " << r;
    EXPECT_GE(rec.extra_tests.at("ambiguous").accuracy, 0.0);
    if (rec.acquired.empty()) {
      EXPECT_FALSE(rec.acquired_ambiguous_fraction.has_value());
      continue;
    }
    int64_t ambiguous = 0;
    for (int64_t row : rec.acquired) ambiguous += row % 3 == 0;
    ASSERT_TRUE(rec.acquired_ambiguous_fraction.has_value());
    EXPECT_DOUBLE_EQ(*rec.acquired_ambiguous_fraction,
                     static_cast<double>(ambiguous) / static_cast<double>(rec.acquired.size()));
  }
  // Without the mask and the further test set the records have neither
  // field, and every other number is the same: the evaluations have their
  // own seeds. (The mask does change the split: ambiguous rows are kept out
  // of the initial and validation sets, so that run is compared without it.)
  data::TrainTest unmarked = data;
  unmarked.train.ambiguous = at::Tensor();
  bdal::testing::TempDir with_extra, plain;
  run_in(with_extra.path(), config, unmarked);
  run_in(plain.path(), config, moons_data());
  const auto extra_records = read_rounds_file(with_extra / "rounds.jsonl", false).records;
  const auto plain_records = read_rounds_file(plain / "rounds.jsonl", false).records;
  ASSERT_EQ(extra_records.size(), plain_records.size());
  for (size_t r = 0; r < plain_records.size(); ++r) {
    EXPECT_FALSE(plain_records[r].contains("acquired_ambiguous_fraction"));
    EXPECT_FALSE(plain_records[r].contains("extra_tests"));
    nlohmann::json stripped = without_timings(extra_records[r]);
    stripped.erase("extra_tests");
    EXPECT_EQ(stripped, without_timings(plain_records[r])) << "round " << r;
  }
}

TEST(ActiveLearning, SameSeedSameRecordsOtherSeedOtherRecords) {
  bdal::testing::TempDir a, b, c;
  const auto data = moons_data();
  LoopConfig config = moons_config();
  config.rounds = 3;
  run_in(a.path(), config, data);
  run_in(b.path(), config, data);
  config.seed = 4;
  run_in(c.path(), config, data);
  EXPECT_EQ(records_without_timings(a.path()), records_without_timings(b.path()));
  EXPECT_NE(records_without_timings(a.path()), records_without_timings(c.path()));
}

TEST(ActiveLearning, ResumedRunEqualsUninterruptedRun) {
  const auto data = moons_data();
  for (bool reinitialise : {true, false}) {
    LoopConfig config = moons_config();
    config.reinitialise = reinitialise;
    bdal::testing::TempDir whole, resumed;
    run_in(whole.path(), config, data);

    const RunOutcome first = run_interrupted_after(resumed.path(), config, data, 2);
    EXPECT_TRUE(first.interrupted);
    EXPECT_EQ(first.rounds_done, 3);
    // A crash mid-write leaves a torn line; resume must discard it.
    std::ofstream(resumed / "rounds.jsonl", std::ios::app)
        << "{\"schema_version\":1,\"round\":3,\"n_lab";
    const RunOutcome second = run_in(resumed.path(), config, data);
    EXPECT_EQ(second.resumed_at, 3);
    EXPECT_FALSE(second.interrupted);
    EXPECT_EQ(records_without_timings(whole.path()), records_without_timings(resumed.path()))
        << "reinitialise = " << reinitialise;
    EXPECT_TRUE(run_in(resumed.path(), config, data).already_complete);
  }
}

TEST(ActiveLearning, ResumeRefusesADifferentConfigButMayExtendRounds) {
  bdal::testing::TempDir dir;
  const auto data = moons_data();
  LoopConfig config = moons_config();
  run_interrupted_after(dir.path(), config, data, 1);
  LoopConfig other = config;
  other.strategy = "max-entropy";
  try {
    run_in(dir.path(), other, data);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("strategy = \"bald\""), std::string::npos) << e.what();
  }
  LoopConfig longer = config;
  longer.rounds = 8;
  EXPECT_EQ(run_in(dir.path(), longer, data).rounds_done, 9);
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

TEST(ActiveLearning, ResumeRefusesOtherDataThanTheRunWasMadeWith) {
  bdal::testing::TempDir dir;
  data::TrainTest data = moons_data();
  // As a loader of generated data reports its files (Dirty-MNIST: always).
  data.files = {{"/data/gen/train-images.gz", "aaaa"}, {"/data/mnist/train.gz", ""}};
  const LoopConfig config = moons_config();
  run_interrupted_after(dir.path(), config, data, 1);
  const nlohmann::json recorded = read_json(dir / "data.json");
  EXPECT_EQ(recorded.at("dataset"), "two-moons");
  EXPECT_EQ(recorded.at("sha256"), (nlohmann::json{{"train-images.gz", "aaaa"}}));
  EXPECT_EQ(recorded.at("from_round"), (nlohmann::json{{"train-images.gz", 0}}));

  data::TrainTest regenerated = data;
  regenerated.files[0].sha256 = "bbbb";
  try {
    run_in(dir.path(), config, regenerated);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("train-images.gz"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bbbb"), std::string::npos) << e.what();
  }
  // A file hashed only now is not a difference: it is added from the round
  // the resume starts at (2), and the run goes on.
  data::TrainTest more_hashed = data;
  more_hashed.files[1].sha256 = "cccc";
  run_interrupted_after(dir.path(), config, more_hashed, 3);
  EXPECT_EQ(read_json(dir / "data.json").at("sha256"),
            (nlohmann::json{{"train-images.gz", "aaaa"}, {"train.gz", "cccc"}}));
  EXPECT_EQ(read_json(dir / "data.json").at("from_round"),
            (nlohmann::json{{"train-images.gz", 0}, {"train.gz", 2}}));
  // A file hashed then but not now stays recorded, and still guards resumes.
  data::TrainTest fewer_hashed = data;
  fewer_hashed.files[0].sha256 = "";
  run_interrupted_after(dir.path(), config, fewer_hashed, 4);
  EXPECT_EQ(read_json(dir / "data.json").at("sha256").at("train-images.gz"), "aaaa");
  EXPECT_THROW(run_in(dir.path(), config, regenerated), UsageError);
  EXPECT_EQ(run_in(dir.path(), config, data).rounds_done, 7);
}

TEST(ActiveLearning, ARunFromBeforeDataJsonRecordsItsHashesFromTheResumedRound) {
  bdal::testing::TempDir dir;
  data::TrainTest data = moons_data();
  data.files = {{"/data/gen/train-images.gz", "aaaa"}};
  const LoopConfig config = moons_config();
  run_interrupted_after(dir.path(), config, data, 1);
  std::filesystem::remove(dir / "data.json");  // as bdal wrote runs before it kept one
  run_interrupted_after(dir.path(), config, data, 2);
  EXPECT_EQ(read_json(dir / "data.json").at("from_round"),
            (nlohmann::json{{"train-images.gz", 2}}));
}

TEST(ActiveLearning, ARunDirectoryInUseByAnotherProcessIsRefused) {
  bdal::testing::TempDir dir;
  // flock() locks belong to each open(): a second open in this same process
  // conflicts exactly as another process would.
  const core::DirLock other_process(dir.path());
  EXPECT_THROW(run_in(dir.path(), moons_config(), moons_data()), UsageError);
  for (const char* file : {"rounds.jsonl", "config.json", "data.json", "meta.json"})
    EXPECT_FALSE(std::filesystem::exists(dir / file)) << file;
}

TEST(ActiveLearning, AFinishedRunExtendedToMoreRoundsEqualsALongerRun) {
  bdal::testing::TempDir longer_from_start, extended;
  const auto data = moons_data();
  LoopConfig config = moons_config();
  config.rounds = 5;
  run_in(longer_from_start.path(), config, data);
  LoopConfig shorter = config;
  shorter.rounds = 2;
  run_in(extended.path(), shorter, data);
  ASSERT_EQ(records_without_timings(extended.path()).size(), 3u);
  // The finished run's last round acquired nothing; extending redoes it.
  const RunOutcome outcome = run_in(extended.path(), config, data);
  EXPECT_EQ(outcome.resumed_at, 2);
  EXPECT_EQ(outcome.rounds_done, 6);
  EXPECT_EQ(records_without_timings(extended.path()),
            records_without_timings(longer_from_start.path()));
}

TEST(ActiveLearning, EveryRegisteredStrategyRunsInTheLoop) {
  // Each strategy gets what it declares it needs (MC log-probabilities,
  // pool and labelled embeddings) and acquires distinct pool points.
  const auto data = moons_data();
  for (const auto& entry : acquire::strategy_registry().entries()) {
    bdal::testing::TempDir dir;
    LoopConfig config = moons_config();
    config.strategy = entry.name;
    config.rounds = 2;
    config.acquisition_size = 4;
    config.trainer.epochs = 30;
    config.strategy_options.max_configs = 8;  // BatchBALD samples from its second pick on
    run_in(dir.path(), config, data);
    const auto records = read_rounds_file(dir / "rounds.jsonl", false).records;
    ASSERT_EQ(records.size(), 3u) << entry.name;
    std::set<int64_t> acquired;
    for (const auto& r : records)
      for (int64_t i : round_record_from_json(r).acquired)
        EXPECT_TRUE(acquired.insert(i).second) << entry.name << " acquired " << i << " twice";
    EXPECT_EQ(acquired.size(), 8u) << entry.name;
  }
}

TEST(ActiveLearning, CsalTrainsItsLastRoundWhenThePoolIsUsedUp) {
  // The pool is an exact multiple of the acquisition size, so the last round
  // trains with no unlabelled data left for the consistency loss.
  data::TwoMoonsOptions o;
  o.train_size = 64;  // 10 validation + 4 initial + 50 pool
  o.test_size = 50;
  o.seed = 1;
  const auto data = data::load_two_moons(o);
  bdal::testing::TempDir dir;
  LoopConfig config = moons_config();
  config.strategy = "csal";
  config.split.validation_size = 10;
  config.acquisition_size = 10;
  config.rounds = 8;
  config.trainer.epochs = 5;
  ASSERT_GT(config.strategy_options.consistency_weight, 0.0);
  EXPECT_EQ(run_in(dir.path(), config, data).rounds_done, 6);  // rounds 0..5; round 5 has no pool
  const auto records = read_rounds_file(dir / "rounds.jsonl", false).records;
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(records.back()["n_labelled"], 54);
  EXPECT_TRUE(records.back()["acquired"].empty());
}

TEST(ActiveLearning, ARunWithoutLaterAddedSettingsResumesAtTheirDefaults) {
  bdal::testing::TempDir dir;
  const auto data = moons_data();
  LoopConfig config = moons_config();
  config.rounds = 1;
  run_in(dir.path(), config, data);
  // As a run recorded before strategy_options existed.
  nlohmann::json saved;
  std::ifstream(dir / "config.json") >> saved;
  saved.erase("strategy_options");
  std::ofstream(dir / "config.json") << saved.dump();
  config.rounds = 2;
  EXPECT_EQ(run_in(dir.path(), config, data).rounds_done, 3);
  // Not at the default: a different run.
  std::ofstream(dir / "config.json") << saved.dump();
  config.rounds = 3;
  config.strategy_options.temperature = 2.0;
  try {
    run_in(dir.path(), config, data);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_TRUE(bdal::testing::HasSubstr(e.what(), "strategy_options")) << e.what();
  }
}

TEST(ActiveLearning, BudgetAndPoolSubsetBoundTheRun) {
  bdal::testing::TempDir dir;
  const auto data = moons_data();
  LoopConfig config = moons_config();
  config.budget = 20;  // 4 initial + 3 rounds of 5 = 19; a fourth would exceed 20
  config.pool_subset = 30;
  run_in(dir.path(), config, data);
  const auto records = read_rounds_file(dir / "rounds.jsonl", false).records;
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records.back()["n_labelled"], 19);
  EXPECT_EQ(records.front()["pool_scored"], 30);
}

TEST(ActiveLearning, AcquisitionLargerThanThePoolIsAUsageError) {
  bdal::testing::TempDir dir;
  LoopConfig config = moons_config();
  config.acquisition_size = 1000;
  EXPECT_THROW(run_in(dir.path(), config, moons_data()), UsageError);
}

}  // namespace
}  // namespace bdal::loop
