// `bdal select` as a user of another framework runs it: predictions in a
// .npy or torch.save file in, the chosen indices and scores as JSON out, and
// a clear error for each kind of bad input.
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/serialize.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "bdal/acquire/scores.h"
#include "bdal/data/tensor_file.h"
#include "test_support.h"

namespace bdal::cli {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::run_bdal;
using bdal::testing::shell_quote;
using bdal::testing::TempDir;
using Json = nlohmann::json;

at::Tensor pool_log_probs() {
  at::manual_seed(0);
  return (at::randn({30, 6, 4}) * 2).log_softmax(2);  // [N=30, K=6, C=4]
}

std::vector<int64_t> indices(const Json& out) {
  std::vector<int64_t> v;
  for (const Json& s : out.at("selected")) v.push_back(s.at("index").get<int64_t>());
  return v;
}

TEST(SelectCommand, NpyTorchSaveAndProbabilitiesGiveBaldsTopPoints) {
  TempDir dir;
  const at::Tensor lp = pool_log_probs();
  data::write_npy(dir / "lp.npy", lp);
  const std::vector<char> saved = torch::pickle_save(lp);
  std::ofstream(dir / "lp.pt", std::ios::binary).write(saved.data(), saved.size());
  data::write_npy(dir / "p.npy", lp.exp().to(at::kDouble));
  const at::Tensor top3 = std::get<1>(acquire::bald_N(lp).topk(3));
  const std::vector<int64_t> expected(top3.data_ptr<int64_t>(), top3.data_ptr<int64_t>() + 3);
  for (const std::string& input :
       {"--log-probs " + shell_quote(dir / "lp.npy"), "--log-probs " + shell_quote(dir / "lp.pt"),
        "--probabilities --log-probs " + shell_quote(dir / "p.npy")}) {
    const auto r = run_bdal("select " + input + " --strategy bald --batch 3");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const Json out = Json::parse(r.output);
    EXPECT_EQ(indices(out), expected) << input;
    EXPECT_EQ(out.at("pool_size"), 30);
    EXPECT_EQ(out.at("samples"), 6);
    EXPECT_EQ(out.at("classes"), 4);
    EXPECT_NEAR(out.at("selected")[0].at("score").get<double>(),
                acquire::bald_N(lp).max().item<double>(), 1e-5);
  }
}

TEST(SelectCommand, BatchStrategiesWithEmbeddingsAndAnOutputFile) {
  TempDir dir;
  data::write_npy(dir / "lp.npy", pool_log_probs());
  data::write_npy(dir / "emb.npy", at::randn({30, 5}));
  data::write_npy(dir / "lab.npy", at::randn({4, 5}));
  // csal reads the same file as [N, A, C] predictions of augmented copies.
  for (const std::string strategy : {"batch-bald", "badge", "core-set", "power-bald", "csal"}) {
    const auto out_file = dir / (strategy + ".json");
    const auto r = run_bdal("select --log-probs " + shell_quote(dir / "lp.npy") + " --embeddings " +
                            shell_quote(dir / "emb.npy") + " --labelled-embeddings " +
                            shell_quote(dir / "lab.npy") + " --strategy " + strategy +
                            " --batch 5 --seed 3 -o " + shell_quote(out_file));
    ASSERT_EQ(r.exit_code, 0) << strategy << ": " << r.output;
    std::ifstream in(out_file);
    const std::vector<int64_t> picked = indices(Json::parse(in));
    EXPECT_EQ(std::set<int64_t>(picked.begin(), picked.end()).size(), 5u) << strategy;
  }
}

TEST(SelectCommand, BadInputsAreClearErrors) {
  TempDir dir;
  const at::Tensor lp = pool_log_probs();
  data::write_npy(dir / "lp.npy", lp);
  data::write_npy(dir / "4d.npy", lp.unsqueeze(0));
  at::Tensor with_nan = lp.clone();
  with_nan[7][2][1] = NAN;
  data::write_npy(dir / "nan.npy", with_nan);
  data::write_npy(dir / "notlog.npy", lp.exp());  // probabilities passed as log-probabilities
  at::Tensor probs = lp.exp().clone();
  probs[3][0][0] += 0.2;
  data::write_npy(dir / "badp.npy", probs);
  data::write_npy(dir / "emb.npy", at::randn({29, 5}));
  const std::string base = "select --strategy bald --log-probs ";
  // Exit 1: the file's content is wrong; exit 2: the command line is.
  struct Case {
    std::string args, phrase;
    int exit_code;
  };
  const std::vector<Case> cases = {
      {base + shell_quote(dir / "4d.npy"), "expected [N, K, C]", 1},
      {base + shell_quote(dir / "nan.npy"), "contains NaN (at point 7, sample 2)", 1},
      {base + shell_quote(dir / "notlog.npy"), "are not log-probabilities", 1},
      {"select --strategy bald --probabilities --log-probs " + shell_quote(dir / "badp.npy"),
       "probabilities at point 3, sample 0 do not sum to one", 1},
      {base + shell_quote(dir / "lp.npy") + " --batch 31", "--batch 31 is not in 1..30", 2},
      {"select --strategy badge --log-probs " + shell_quote(dir / "lp.npy"),
       "needs --embeddings FILE", 2},
      {"select --strategy core-set --log-probs " + shell_quote(dir / "lp.npy") + " --embeddings " +
           shell_quote(dir / "emb.npy"),
       "has 29 rows, but the pool has 30 points", 1},
      {"select --strategy oracle --log-probs " + shell_quote(dir / "lp.npy"),
       "unknown strategy 'oracle'", 2},
      {base + shell_quote(dir / "missing.npy"), "does not exist", 1},
      {"select --strategy power-bald --temperature -1 --log-probs " + shell_quote(dir / "lp.npy"),
       "strategy_options.temperature must be finite and >= 0", 2},
      {"select --strategy batch-bald --max-configs 2000000 --log-probs " +
           shell_quote(dir / "lp.npy"),
       "strategy_options.max_configs must be in [1, 1000000], got 2000000", 2},
  };
  for (const Case& c : cases) {
    const auto r = run_bdal(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.args << "\n" << r.output;
    EXPECT_TRUE(HasSubstr(r.output, c.phrase)) << c.args;
  }
}

}  // namespace
}  // namespace bdal::cli
