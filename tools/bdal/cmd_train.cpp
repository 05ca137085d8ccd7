// `bdal train`: supervised training on a whole dataset with per-epoch
// records (train and test accuracy and NLL) — the full-data curves every
// active-learning study is compared against.
#include "commands.h"
#include "dataset_options.h"

#include "bdal/core/dir_lock.h"
#include "bdal/core/error.h"
#include "bdal/core/records.h"
#include "bdal/core/runtime.h"
#include "bdal/core/seed_tree.h"
#include "bdal/data/registry.h"
#include "bdal/data/split.h"
#include "bdal/models/registry.h"
#include "bdal/train/evaluator.h"
#include "bdal/train/records.h"
#include "bdal/train/trainer.h"

#include <fmt/core.h>

#include <unistd.h>

#include <chrono>
#include <memory>

namespace bdal::cli {
namespace {

struct TrainArgs {
  std::string dataset = "mnist";
  std::string model = "lenet5";
  uint64_t seed = 1;
  int64_t train_size = 0;
  int64_t validation_size = 0;
  int64_t test_size = 0;
  int64_t final_samples = 64;
  std::string out;
  bool overwrite = false;
  data::DatasetOptions data;
  models::ModelOptions model_options;
  train::TrainerOptions trainer;
};

std::string default_out_dir(const TrainArgs& a) {
  return fmt::format("runs/train/{}-{}-seed{}", a.dataset, a.model, a.seed);
}

// Within-epoch progress on stderr, only when it is a terminal (a log file
// gets the per-epoch lines alone), redrawn at most a few times a second.
class StepProgress {
 public:
  explicit StepProgress(int64_t epochs) : epochs_(epochs), enabled_(isatty(STDERR_FILENO) != 0) {}

  train::StepCallback step_callback() {
    if (!enabled_) return {};
    return [this](int64_t epoch, int64_t step, int64_t steps) {
      const auto now = std::chrono::steady_clock::now();
      if (step < steps && now - last_ < std::chrono::milliseconds(250)) return;
      last_ = now;
      fmt::print(stderr, "\r  epoch {}/{}: step {}/{}{}", epoch, epochs_, step, steps,
                 step == steps ? "\r\033[K" : "");
      std::fflush(stderr);
    };
  }

 private:
  int64_t epochs_;
  bool enabled_;
  std::chrono::steady_clock::time_point last_{};
};

void print_header(bool with_validation) {
  fmt::print("{:>5} {:>10} {:>9}", "epoch", "train_nll", "train_acc");
  if (with_validation) fmt::print(" {:>8} {:>8}", "val_nll", "val_acc");
  fmt::print(" {:>9} {:>8} {:>7}\n", "test_nll", "test_acc", "seconds");
}

void print_epoch(const train::EpochRecord& r) {
  fmt::print("{:>5} {:>10.4f} {:>9.4f}", r.epoch, r.train_loss, r.train_accuracy);
  if (r.validation)
    fmt::print(" {:>8.4f} {:>8.4f}{}", r.validation->nll, r.validation->accuracy,
               r.best ? "*" : "");
  fmt::print(" {:>9.4f} {:>8.4f} {:>7.1f}\n", r.test->nll, r.test->accuracy, r.seconds);
  std::fflush(stdout);
}

void run_train(TrainArgs args, const GlobalOptions& global) {
  args.trainer.validate();  // fail fast, before any data is loaded
  BDAL_CHECK_USAGE(args.train_size >= 0, "--train-size must be >= 0 (0 = all), got {}",
                   args.train_size);
  BDAL_CHECK_USAGE(args.final_samples >= 1, "--final-samples must be >= 1, got {}",
                   args.final_samples);
  core::configure_threads(global.threads);
  const core::SeedTree seeds(args.seed);

  args.data.data_dir = global.data_dir;
  args.data.two_moons.seed = seeds.derive("data");
  const data::TrainTest tt = data::load_dataset(args.dataset, args.data);
  fmt::print(stderr, "{}\n", tt.description);

  data::SplitOptions split_options;
  split_options.initial_per_class = 0;
  split_options.initial_random = args.train_size;
  split_options.validation_size = args.validation_size;
  split_options.test_size = args.test_size;
  const data::Split split = data::make_split(tt.train.labels, tt.train.num_classes, tt.test.size(),
                                             split_options, seeds.derive("split"));
  // With --train-size the training rows are the random "initial" draw;
  // otherwise everything that is not validation.
  const data::Dataset train_set = tt.train.subset(args.train_size > 0 ? split.initial : split.pool);
  const data::Dataset validation_set = tt.train.subset(split.validation);
  const data::Dataset test_set = tt.test.subset(split.test);

  args.model_options.input_shape = tt.train.inputs.sizes().slice(1).vec();
  args.model_options.num_classes = tt.train.num_classes;
  auto model = models::make_model(args.model, args.model_options, seeds.derive("init"));

  const train::FitData fit_data{&train_set, validation_set.size() > 0 ? &validation_set : nullptr,
                                &test_set};
  train::validate_fit(fit_data, args.trainer);  // before the run directory exists

  const std::filesystem::path out = args.out.empty() ? default_out_dir(args) : args.out;
  const auto epochs_path = out / "epochs.jsonl";
  // Locked first (it creates the directory): a train still running there is
  // named as such, and --overwrite never removes records being written.
  const core::DirLock lock(out);
  BDAL_CHECK_USAGE(args.overwrite || !std::filesystem::exists(epochs_path),
                   "'{}' already holds training records; choose another --out or pass --overwrite",
                   out.string());
  std::filesystem::remove(epochs_path);

  const nlohmann::json config = {
      {"command", "train"},
      {"dataset", args.dataset},
      {"model", args.model},
      {"seed", args.seed},
      {"train_size", train_set.size()},
      {"validation_size", validation_set.size()},
      {"test_size", test_set.size()},
      {"hidden", args.model_options.hidden},
      {"dropout", args.model_options.dropout},
      {"parameters", models::count_parameters(*model)},
      {"final_samples", args.final_samples},
      {"trainer", train::to_json(args.trainer)},
      {"data_source", tt.description},
  };
  core::write_json_atomic(out / "config.json", config);
  core::write_json_atomic(out / "meta.json", core::run_meta(global.command_line));

  fmt::print(stderr,
             "training {} ({} parameters) on {} examples of {}, {} threads; records in {}\n",
             args.model, models::count_parameters(*model), train_set.size(), args.dataset,
             core::runtime_info().intra_op_threads, out.string());
  core::JsonlWriter records(epochs_path);
  StepProgress progress(args.trainer.epochs);
  print_header(validation_set.size() > 0);
  const auto start = std::chrono::steady_clock::now();
  const train::FitResult result = train::fit(
      *model, fit_data, args.trainer, seeds.derive("train"),
      [&records](const train::EpochRecord& r) {
        print_epoch(r);
        records.append(train::to_json(r), /*durable=*/true);
      },
      progress.step_callback());
  const double train_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // The final model under MC dropout and with dropout off, side by side.
  train::EvalOptions mc{args.final_samples, args.trainer.eval.chunk_size, seeds.derive("final")};
  const train::Metrics mc_metrics = train::evaluate(*model, test_set, mc);
  const train::Metrics det_metrics = train::evaluate(*model, test_set, {0, mc.chunk_size, 0});
  fmt::print(
      "final (epoch {}): test accuracy {:.4f} NLL {:.4f} ECE {:.4f} mean MI {:.4f} with MC "
      "dropout K={}; deterministic accuracy {:.4f} NLL {:.4f}; {:.1f} s\n",
      result.best_epoch, mc_metrics.accuracy, mc_metrics.nll, mc_metrics.ece,
      mc_metrics.mean_mutual_information, args.final_samples, det_metrics.accuracy, det_metrics.nll,
      train_seconds);
  core::write_json_atomic(out / "summary.json",
                          {{"schema_version", core::kSchemaVersion},
                           {"best_epoch", result.best_epoch},
                           {"epochs_run", result.history.size()},
                           {"stopped_early", result.stopped_early},
                           {"train_seconds", train_seconds},
                           {"test_mc", train::to_json(mc_metrics)},
                           {"test_mc_samples", args.final_samples},
                           {"test_deterministic", train::to_json(det_metrics)}});
}

}  // namespace

void add_train_command(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<TrainArgs>();
  auto* cmd = app.add_subcommand(
      "train",
      "Train a model on a whole dataset; print and record per-epoch train/test accuracy and NLL");
  cmd->add_option("--dataset", args->dataset, "Dataset (see `bdal list datasets`)")
      ->capture_default_str();
  cmd->add_option("--model", args->model, "Model (see `bdal list models`)")->capture_default_str();
  cmd->add_option("--seed", args->seed, "Master seed (split, init, shuffling, dropout)")
      ->capture_default_str();
  cmd->add_option("--epochs", args->trainer.epochs, "Epochs")->capture_default_str();
  cmd->add_option("--batch-size", args->trainer.batch_size, "Minibatch size (0 = full batch)")
      ->capture_default_str();
  cmd->add_option("--optimizer", args->trainer.optimizer, "adam | adamw | sgd")
      ->capture_default_str();
  cmd->add_option("--lr", args->trainer.learning_rate, "Learning rate")->capture_default_str();
  cmd->add_option("--weight-decay", args->trainer.weight_decay,
                  "Weight decay (L2 for adam/sgd, decoupled for adamw)")
      ->capture_default_str();
  cmd->add_option("--momentum", args->trainer.momentum, "SGD momentum")->capture_default_str();
  cmd->add_option("--patience", args->trainer.patience,
                  "Stop after this many epochs without validation improvement (0 = never)")
      ->capture_default_str();
  cmd->add_option("--monitor", args->trainer.monitor,
                  "Validation metric that picks the best epoch: accuracy | nll")
      ->capture_default_str();
  cmd->add_option("--eval-samples", args->trainer.eval.samples,
                  "MC samples for the per-epoch validation/test evaluation (0 = dropout off)")
      ->capture_default_str();
  cmd->add_option("--final-samples", args->final_samples,
                  "MC samples for the final test evaluation")
      ->capture_default_str();
  cmd->add_option("--train-size", args->train_size,
                  "Train on this many random training examples (0 = all)")
      ->capture_default_str();
  cmd->add_option("--validation-size", args->validation_size,
                  "Hold out this many training examples for validation (best epoch kept)")
      ->capture_default_str();
  cmd->add_option("--test-size", args->test_size, "Random test subset (0 = whole test set)")
      ->capture_default_str();
  cmd->add_option("--hidden", args->model_options.hidden, "Hidden width of the MLPs (0 = default)")
      ->capture_default_str();
  cmd->add_option("--dropout", args->model_options.dropout,
                  "Override every dropout rate (default: the model's published rates)");
  cmd->add_option("--out", args->out,
                  "Run directory for config.json, meta.json, epochs.jsonl, summary.json "
                  "(default runs/train/<dataset>-<model>-seed<seed>)");
  cmd->add_flag("--overwrite", args->overwrite, "Replace records already in --out");
  add_two_moons_options(cmd, args->data.two_moons);
  cmd->callback([args, &global] { run_train(*args, global); });
}

}  // namespace bdal::cli
