// `bdal select`: the acquisition strategies for models trained anywhere. It
// reads MC-dropout predictions log_probs[N, K, C] (or probabilities) from a
// .npy or torch.save file, optional embeddings for BADGE and Core-Set, and
// prints (or writes) the chosen pool indices with their scores as JSON.
#include <ATen/ATen.h>
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <optional>

#include "bdal/acquire/registry.h"
#include "bdal/core/error.h"
#include "bdal/core/records.h"
#include "bdal/data/tensor_file.h"
#include "commands.h"

namespace bdal::cli {
namespace {

// How far rows may stray from summing to one (float32 softmax outputs do).
constexpr double kSumTolerance = 1e-3;

struct SelectArgs {
  std::string log_probs_file;
  bool probabilities = false;
  std::string embeddings_file;
  std::string labelled_embeddings_file;
  std::string strategy;
  int64_t batch = 10;
  uint64_t seed = 0;
  std::string out;
  acquire::StrategyOptions options;
};

// The first row (as "point i, sample k") whose entries break `bad`, if any.
std::optional<std::string> first_bad_row(const at::Tensor& bad_N_K) {
  const at::Tensor where = bad_N_K.nonzero();
  if (where.size(0) == 0) return std::nullopt;
  return fmt::format("point {}, sample {}", where[0][0].item<int64_t>(),
                     where[0][1].item<int64_t>());
}

// [N, K, C] float log-probabilities from the file's contents, checked.
at::Tensor checked_log_probs(at::Tensor t, const SelectArgs& a) {
  const std::string& name = a.log_probs_file;
  if (t.dim() == 2) t = t.unsqueeze(1);  // [N, C]: one deterministic sample
  BDAL_CHECK(t.dim() == 3,
             "'{}' has shape [{}]; expected [N, K, C] (pool points, MC samples, classes) "
             "or [N, C]",
             name, fmt::join(t.sizes(), ", "));
  BDAL_CHECK(t.size(0) > 0 && t.size(1) > 0 && t.size(2) > 1,
             "'{}' has shape [{}]: needs at least one point, one sample and two classes", name,
             fmt::join(t.sizes(), ", "));
  BDAL_CHECK(!t.isnan().any().item<bool>(), "'{}' contains NaN (at {})", name,
             *first_bad_row(t.isnan().any(2)));
  if (a.probabilities) {
    const auto outside = first_bad_row(((t < 0) | (t > 1)).any(2));
    BDAL_CHECK(!outside, "'{}': probabilities outside [0, 1] at {}", name, outside.value_or(""));
    const auto off = first_bad_row((t.sum(2) - 1.0).abs() > kSumTolerance);
    BDAL_CHECK(!off, "'{}': probabilities at {} do not sum to one over the classes", name,
               off.value_or(""));
    return t.clamp_min(0.0).log();
  }
  BDAL_CHECK(!t.isinf().logical_and(t > 0).any().item<bool>(),
             "'{}' contains +inf; expected log-probabilities (≤ 0)", name);
  const auto off = first_bad_row((t.logsumexp(2).exp() - 1.0).abs() > kSumTolerance);
  BDAL_CHECK(!off,
             "'{}': the values at {} are not log-probabilities (their exponentials do not "
             "sum to one over the classes); pass log_softmax outputs, or --probabilities "
             "for probabilities",
             name, off.value_or(""));
  return t;
}

at::Tensor checked_embeddings(const std::string& file, int64_t n, const char* what) {
  at::Tensor e = data::read_tensor_file(file);
  BDAL_CHECK(e.dim() == 2, "'{}' ({}) has shape [{}]; expected [N, D]", file, what,
             fmt::join(e.sizes(), ", "));
  BDAL_CHECK(n < 0 || e.size(0) == n, "'{}' ({}) has {} rows, but the pool has {} points", file,
             what, e.size(0), n);
  BDAL_CHECK(e.isfinite().all().item<bool>(), "'{}' ({}) contains NaN or infinity", file, what);
  return e;
}

void run_select(const SelectArgs& a) {
  const auto strategy = acquire::make_strategy(a.strategy, a.options);
  const acquire::Needs needs = strategy->needs();
  const auto start = std::chrono::steady_clock::now();
  acquire::AcquisitionInput input;
  input.seed = a.seed;
  int64_t n = -1, k = 0, c = 0;
  if (!a.log_probs_file.empty()) {
    input.log_probs_N_K_C = checked_log_probs(data::read_tensor_file(a.log_probs_file), a);
    n = input.log_probs_N_K_C.size(0), k = input.log_probs_N_K_C.size(1);
    c = input.log_probs_N_K_C.size(2);
  }
  BDAL_CHECK_USAGE(!(needs.log_probs || needs.augmented_predictions) || n >= 0,
                   "strategy '{}' needs --log-probs FILE", a.strategy);
  // CSAL: the file's second axis holds A augmented copies, not MC samples.
  if (needs.augmented_predictions) input.augmented_log_probs_N_A_C = input.log_probs_N_K_C;
  if (needs.embeddings) {
    BDAL_CHECK_USAGE(!a.embeddings_file.empty(),
                     "strategy '{}' needs --embeddings FILE (penultimate-layer features [N, D])",
                     a.strategy);
    input.embeddings_N_D = checked_embeddings(a.embeddings_file, n, "pool embeddings");
    n = input.embeddings_N_D.size(0);
  }
  if (needs.labelled_embeddings) {
    // Without labelled embeddings Core-Set starts from a random centre.
    input.labelled_embeddings_M_D =
        a.labelled_embeddings_file.empty()
            ? at::empty({0, input.embeddings_N_D.size(1)}, at::kDouble)
            : checked_embeddings(a.labelled_embeddings_file, -1, "labelled embeddings");
    BDAL_CHECK(input.labelled_embeddings_M_D.size(1) == input.embeddings_N_D.size(1),
               "labelled embeddings have {} features, pool embeddings {}",
               input.labelled_embeddings_M_D.size(1), input.embeddings_N_D.size(1));
  }
  BDAL_CHECK_USAGE(n >= 0, "give the pool: --log-probs FILE (and --embeddings FILE where needed)");
  if (!input.log_probs_N_K_C.defined()) input.log_probs_N_K_C = at::empty({n, 0, 0});
  BDAL_CHECK_USAGE(a.batch >= 1 && a.batch <= n, "--batch {} is not in 1..{} (the pool size)",
                   a.batch, n);
  const acquire::Selection s = strategy->select(input, a.batch);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  nlohmann::json selected = nlohmann::json::array();
  for (size_t i = 0; i < s.positions.size(); ++i)
    selected.push_back({{"index", s.positions[i]}, {"score", s.scores[i]}});
  const nlohmann::json out{{"strategy", a.strategy}, {"batch", a.batch},    {"pool_size", n},
                           {"samples", k},           {"classes", c},        {"seed", a.seed},
                           {"seconds", seconds},     {"selected", selected}};
  if (a.out.empty()) {
    fmt::print("{}\n", out.dump(2));
  } else {
    core::write_text_atomic(a.out, out.dump(2) + "\n");
    fmt::print(stderr, "wrote {} indices to {}\n", s.positions.size(), a.out);
  }
}

}  // namespace

void add_select_command(CLI::App& app, GlobalOptions&) {
  auto args = std::make_shared<SelectArgs>();
  auto* cmd = app.add_subcommand(
      "select",
      "Choose the next points to label from predictions made by any framework: reads "
      "log_probs[N, K, C] (MC-dropout samples) from a .npy or torch.save file, writes the "
      "chosen pool indices and scores as JSON");
  cmd->add_option("--log-probs", args->log_probs_file,
                  "log-probabilities [N, K, C] (pool points, MC samples, classes) or [N, C]; "
                  ".npy (float32/float64) or torch.save");
  cmd->add_flag("--probabilities", args->probabilities,
                "the --log-probs file holds probabilities, not log-probabilities");
  cmd->add_option("--embeddings", args->embeddings_file,
                  "pool embeddings [N, D] (penultimate layer), for badge and core-set");
  cmd->add_option("--labelled-embeddings", args->labelled_embeddings_file,
                  "embeddings [M, D] of the labelled set, Core-Set's first centres");
  cmd->add_option("--strategy", args->strategy, "acquisition strategy (bdal list strategies)")
      ->required();
  cmd->add_option("--batch", args->batch, "points to select (default 10)");
  cmd->add_option("--seed", args->seed, "seed of tie-breaking and sampling (default 0)");
  cmd->add_option("--temperature", args->options.temperature,
                  "β of power/softmax/softrank sampling (default 1)");
  cmd->add_option("--max-configs", args->options.max_configs,
                  "BatchBALD: exact joint entropy up to this many label configurations, else "
                  "this many samples (default 10000)");
  cmd->add_option("--prefilter", args->options.prefilter,
                  "BatchBALD: only the top-P points by BALD are candidates (default 0 = all)");
  cmd->add_option("-o,--out", args->out, "write the JSON here instead of standard output");
  cmd->footer(
      "Input from PyTorch, with dropout on (model.train()):\n"
      "  log_probs = torch.stack([model(x).log_softmax(-1) for _ in range(20)], dim=1)\n"
      "  torch.save(log_probs.cpu(), 'pool.pt')   # or numpy.save('pool.npy', "
      "log_probs.cpu().numpy())\n"
      "  bdal select --log-probs pool.pt --strategy bald --batch 10\n"
      "batch-bald also needs consistent MC dropout: sample k uses ONE dropout mask for every\n"
      "pool point (nn.Dropout draws one per row, which turns BatchBALD into noisy top-b BALD;\n"
      "README: a ConsistentDropout layer).\n"
      "For csal the file holds [N, A, C]: predictions (dropout off) of A augmented copies.");
  cmd->callback([args] { run_select(*args); });
}

}  // namespace bdal::cli
