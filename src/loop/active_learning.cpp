#include "bdal/loop/active_learning.h"

#include "bdal/acquire/registry.h"
#include "bdal/core/dir_lock.h"
#include "bdal/core/error.h"
#include "bdal/core/random.h"
#include "bdal/core/records.h"
#include "bdal/core/seed_tree.h"
#include "bdal/data/split.h"
#include "bdal/loop/pool_state.h"
#include "bdal/loop/round_steps.h"
#include "bdal/loop/rounds_file.h"
#include "bdal/models/registry.h"
#include "bdal/train/evaluator.h"
#include "bdal/train/trainer.h"

#include <ATen/ATen.h>
#include <torch/serialize.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>

namespace bdal::loop {
namespace {

// Thrown from inside training when the stop flag is raised; never escapes.
struct Interrupted {};

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Keys that may change when a run is resumed: they extend or shorten the run
// or only bound memory; everything else must match the saved config.
bool may_change_on_resume(const std::string& key) {
  return key == "rounds" || key == "budget" || key == "chunk_size";
}

void check_same_config(const nlohmann::json& saved, const nlohmann::json& now,
                       const std::filesystem::path& run_dir) {
  // Settings bdal gained after the run started, at their defaults: the run
  // was made with that behaviour.
  const auto diff = nlohmann::json::diff(saved, without_keys_added_since(saved, now));
  for (const auto& op : diff) {
    std::string key = op.at("path").get<std::string>().substr(1);
    for (char& c : key)
      if (c == '/') c = '.';
    if (may_change_on_resume(key)) continue;
    const auto pointer = nlohmann::json::json_pointer(op.at("path").get<std::string>());
    throw UsageError(fmt::format(
        "run directory '{}' holds a run with {} = {}, but this config has {}; resume with the "
        "same settings or use another run directory",
        run_dir.string(), key, saved.contains(pointer) ? saved.at(pointer).dump() : "(unset)",
        now.contains(pointer) ? now.at(pointer).dump() : "(unset)"));
  }
}

// The round that ends the run (trained and evaluated, nothing acquired):
// the configured rounds, or fewer when the budget or the pool runs out.
int64_t last_round(const LoopConfig& c, int64_t initial_labelled, int64_t initial_pool) {
  int64_t last = std::min(c.rounds, initial_pool / c.acquisition_size);
  if (c.budget > 0)
    last = std::min(last, std::max<int64_t>(0, (c.budget - initial_labelled) / c.acquisition_size));
  return last;
}

// The source files whose SHA-256 the loader knows (always for generated data
// such as Dirty-MNIST), by file name: which data a run's records come from.
std::map<std::string, std::string> hashed_files(const data::TrainTest& data) {
  std::map<std::string, std::string> sha256;
  for (const data::SourceFile& file : data.files)
    if (!file.sha256.empty()) sha256[file.path.filename().string()] = file.sha256;
  return sha256;
}

// A run resumed on a different generation of its data would mix two datasets
// in one learning curve; files hashed only now or only then are not compared.
void check_same_data(const nlohmann::json& saved, const std::map<std::string, std::string>& now,
                     const std::filesystem::path& run_dir) {
  const nlohmann::json& saved_sha = saved.value("sha256", nlohmann::json::object());
  for (const auto& [name, hash] : now)
    BDAL_CHECK_USAGE(!saved_sha.contains(name) || saved_sha.at(name) == hash,
                     "run directory '{}' was made with another '{}' (SHA-256 {}, now {}): the "
                     "data changed since (regenerated?); resume with the data it was made with, "
                     "or use another run directory",
                     run_dir.string(), name, saved_sha.at(name).get<std::string>(), hash);
}

// data.json after this invocation: every hash ever recorded is kept (a file
// hashed then but not now stays checked), new ones are added with the first
// round they are known to describe (0 unless an older run gains them).
nlohmann::json updated_data_record(nlohmann::json saved, const std::string& dataset,
                                   const std::map<std::string, std::string>& now,
                                   int64_t first_round) {
  if (!saved.is_object()) saved = nlohmann::json::object();
  saved["dataset"] = dataset;
  nlohmann::json& sha256 = saved["sha256"];
  nlohmann::json& from_round = saved["from_round"];
  if (!sha256.is_object()) sha256 = nlohmann::json::object();
  if (!from_round.is_object()) from_round = nlohmann::json::object();
  for (const auto& [name, hash] : now)
    if (!sha256.contains(name)) {
      sha256[name] = hash;
      from_round[name] = first_round;
    }
  return saved;
}

// Rewrites `path` without its last line (atomically: a crash keeps the old file).
void drop_last_line(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  in.close();
  std::string text;
  for (size_t i = 0; i + 1 < lines.size(); ++i) text += lines[i] + "\n";
  core::write_text_atomic(path, text);
}

std::filesystem::path checkpoint_path(const std::filesystem::path& dir, int64_t round) {
  return dir / fmt::format("model-after-round-{}.pt", round);
}

}  // namespace

RunOutcome run_active_learning(const LoopConfig& config, const data::TrainTest& data,
                               const RunOptions& options) {
  config.validate();
  const auto log = [&](const std::string& s) {
    if (options.log) options.log(s);
  };
  const auto stop_requested = [&] { return options.stop && options.stop->load(); };
  const core::SeedTree seeds(config.seed);
  const std::filesystem::path& dir = options.run_dir;

  // The split depends only on the data and the master seed.
  const RunSets sets = run_sets(config, data, seeds);
  const data::Split& split = sets.split;
  BDAL_CHECK_USAGE(config.acquisition_size <= split.pool.size(0),
                   "acquisition_size = {} is larger than the pool ({} points)",
                   config.acquisition_size, split.pool.size(0));
  const data::Dataset& validation = sets.validation;
  const data::Dataset& test = sets.test;
  // Further test sets: the same number of rows as the test subset, drawn once.
  std::vector<std::pair<std::string, data::Dataset>> extra_tests;
  for (const auto& [name, set] : data.extra_tests) {
    at::Tensor rows = at::arange(set.size(), at::kLong);
    if (config.split.test_size > 0 && config.split.test_size < set.size()) {
      at::Generator gen = core::make_generator(seeds.derive("extra-test/" + name));
      rows = std::get<0>(
          at::randperm(set.size(), gen, at::kLong).slice(0, 0, config.split.test_size).sort());
    }
    extra_tests.emplace_back(name, set.subset(rows));
  }
  PoolState state(data.train.size(), split.initial, split.pool);

  const models::ModelOptions model_options = run_model_options(config, data);
  const auto strategy = acquire::make_strategy(config.strategy, config.strategy_options);
  const acquire::Needs needs = strategy->needs();

  // Resume: replay what the records acquired; refuse a different config.
  const core::DirLock lock(dir);  // one writer: a second process here would interleave rounds
  const auto rounds_path = dir / "rounds.jsonl";
  const nlohmann::json config_json = to_json(config);
  const RoundsFile previous = read_rounds_file(rounds_path, /*repair=*/true);
  if (previous.torn_line_removed) log("discarded a torn last line of rounds.jsonl");
  if (!previous.records.empty() && std::filesystem::exists(dir / "config.json")) {
    std::ifstream in(dir / "config.json");
    check_same_config(nlohmann::json::parse(in), config_json, dir);
  }
  const std::map<std::string, std::string> data_hashes = hashed_files(data);
  nlohmann::json saved_data;  // null: a new run, or one from before data.json
  if (!previous.records.empty() && std::filesystem::exists(dir / "data.json")) {
    std::ifstream in(dir / "data.json");
    saved_data = nlohmann::json::parse(in);
    check_same_data(saved_data, data_hashes, dir);
  }
  int64_t round = 0;
  for (const auto& j : previous.records) {
    const RoundRecord r = round_record_from_json(j);
    BDAL_CHECK(r.round == round, "'{}' is out of order: round {} where {} was expected",
               rounds_path.string(), r.round, round);
    BDAL_CHECK(r.n_labelled == state.labelled_count(),
               "'{}' round {} says {} labelled but replaying gives {}", rounds_path.string(),
               r.round, r.n_labelled, state.labelled_count());
    state.acquire_rows(r.acquired);
    ++round;
  }
  RunOutcome outcome;
  outcome.resumed_at = round;
  outcome.rounds_done = round;
  const int64_t final_round = last_round(config, split.initial.size(0), split.pool.size(0));
  if (!previous.records.empty()) {
    if (previous.records.back().at("acquired").empty()) {
      if (round - 1 >= final_round) {
        outcome.already_complete = true;
        log(fmt::format("the run in '{}' is complete ({} rounds); nothing to do", dir.string(),
                        round));
        return outcome;
      }
      // More rounds than the run ended with: its final round acquired
      // nothing, so it is redone with an acquisition. Same seeds, so the
      // same model and metrics: the records equal a run that had the larger
      // number of rounds from the start.
      drop_last_line(rounds_path);
      --round;
      outcome.resumed_at = round;
      outcome.rounds_done = round;
      log(fmt::format("extending the run from {} to {} rounds", round, final_round));
    } else {
      log(fmt::format("resuming after round {} ({} labelled)", round - 1, state.labelled_count()));
    }
  }
  core::write_json_atomic(dir / "config.json", config_json);
  if (round > 0 && saved_data.is_null() && !data_hashes.empty())
    log(fmt::format(
        "this run has no data.json yet: its data's hashes are recorded from round {} on", round));
  core::write_json_atomic(dir / "data.json",
                          updated_data_record(saved_data, data.name, data_hashes, round));
  for (const auto& [name, text] : options.extra_files) core::write_text_atomic(dir / name, text);
  // meta.json describes the first invocation; each resume leaves its own.
  core::write_json_atomic(
      round == 0 ? dir / "meta.json" : dir / fmt::format("meta-resume-{}.json", round),
      core::run_meta(options.command_line));

  std::shared_ptr<models::McClassifier> model;
  if (!config.reinitialise && round > 0) {
    model = models::make_model(config.model, model_options, seeds.derive("init", 0));
    const auto path = checkpoint_path(dir, round - 1);
    BDAL_CHECK(std::filesystem::exists(path), "warm-start resume needs '{}', which is missing",
               path.string());
    torch::serialize::InputArchive archive;
    archive.load_from(path.string());
    model->load(archive);
  }

  core::JsonlWriter records(rounds_path);
  train::StepCallback check_stop = [&](int64_t, int64_t, int64_t) {
    if (stop_requested()) throw Interrupted{};
  };
  while (true) {
    if (stop_requested()) {
      outcome.interrupted = true;
      break;
    }
    RoundRecord record;
    record.round = round;
    record.n_labelled = state.labelled_count();

    if (config.reinitialise || !model)
      model = models::make_model(config.model, model_options, seeds.derive("init", round));
    const data::Dataset labelled = data.train.subset(state.labelled());
    train::TrainerOptions trainer = round_trainer_options(config, labelled.size());
    // CSAL trains semi-supervised: a consistency loss on the unlabelled pool.
    std::optional<data::Dataset> unlabelled;
    // The last round may have acquired the whole pool: nothing left to be consistent on.
    if (needs.consistency_training && config.strategy_options.consistency_weight > 0 &&
        state.pool().size(0) > 0) {
      trainer.consistency_weight = config.strategy_options.consistency_weight;
      unlabelled = data.train.subset(state.pool());
    }
    auto start = Clock::now();
    train::FitResult fit;
    try {
      fit = train::fit(*model,
                       {&labelled, validation.size() > 0 ? &validation : nullptr, nullptr,
                        unlabelled ? &*unlabelled : nullptr},
                       trainer, seeds.derive("train", round), {}, check_stop);
    } catch (const Interrupted&) {
      outcome.interrupted = true;
      break;
    }
    record.timings.train_ms = ms_since(start);
    record.epochs = static_cast<int64_t>(fit.history.size());
    record.best_epoch = fit.best_epoch;

    start = Clock::now();
    record.test = train::evaluate(
        *model, test, {config.eval_samples, config.chunk_size, seeds.derive("eval", round)});
    // Its own seed, so keeping it changed no other number of a record.
    record.train = train::evaluate(
        *model, labelled,
        {config.eval_samples, config.chunk_size, seeds.derive("eval-train", round)});
    for (const auto& [name, set] : extra_tests)
      record.extra_tests[name] = train::evaluate(
          *model, set,
          {config.eval_samples, config.chunk_size, seeds.derive("eval-" + name, round)});
    record.timings.eval_ms = ms_since(start);

    const bool acquire_now = round < final_round;
    if (acquire_now) {
      start = Clock::now();
      const at::Tensor candidates = round_candidates(state.pool(), config, seeds, round);
      const acquire::AcquisitionInput input =
          acquisition_input(*model, config, needs, data.train.inputs.index_select(0, candidates),
                            labelled.inputs, seeds, round);
      record.timings.score_ms = ms_since(start);
      record.pool_scored = candidates.size(0);

      start = Clock::now();
      const acquire::Selection selection = strategy->select(input, config.acquisition_size);
      record.acquired = state.acquire(candidates, selection);
      if (data.train.ambiguous.defined() && !record.acquired.empty())
        record.acquired_ambiguous_fraction =
            data.train.ambiguous.index_select(0, at::tensor(record.acquired, at::kLong))
                .to(at::kDouble)
                .mean()
                .item<double>();
      record.scores = selection.scores;
      record.timings.select_ms = ms_since(start);
    }

    if (!config.reinitialise) {
      torch::serialize::OutputArchive archive;
      model->save(archive);
      const auto path = checkpoint_path(dir, round);
      archive.save_to(path.string() + ".tmp");
      std::filesystem::rename(path.string() + ".tmp", path);
    }
    records.append(to_json(record), /*durable=*/true);
    if (!config.reinitialise && round > 0) std::filesystem::remove(checkpoint_path(dir, round - 1));
    outcome.rounds_done = round + 1;
    if (options.on_round) options.on_round({round, final_round, &record});
    if (!acquire_now) break;
    ++round;
  }
  return outcome;
}

}  // namespace bdal::loop
