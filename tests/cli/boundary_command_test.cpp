// `bdal boundary` end to end on a small two-moons experiment (a second or
// two): the figure, its data and the JSON summary; --no-figures; errors.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace bdal {
namespace {

using bdal::testing::HasSubstr;
using bdal::testing::run_bdal;
using bdal::testing::shell_quote;
using bdal::testing::TempDir;

std::string write_experiment(const TempDir& dir) {
  const auto path = dir / "moons.yaml";
  std::ofstream(path) << "name: moons\ndataset: two-moons\nmodel: moons-mlp\nseeds: [2]\n"
                         "split: {initial_per_class: 3, validation_size: 30}\n"
                         "two_moons: {train_size: 300, test_size: 200}\n"
                         "acquisition_size: 5\nscore_samples: 8\neval_samples: 8\n"
                         "trainer: {epochs: 40, batch_size: 0, learning_rate: 0.02}\n";
  return path.string();
}

TEST(BoundaryCommand, WritesFigureDataAndSummary) {
  TempDir dir;
  const auto r =
      run_bdal("boundary " + write_experiment(dir) + " --grid 30 --out " + shell_quote(dir / "b"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* file : {"decision-boundary.png", "decision-boundary.svg", "decision-boundary.gp",
                           "decision-boundary-grid.dat", "decision-boundary-picks.dat",
                           "decision-boundary-contour.dat"}) {
    ASSERT_TRUE(std::filesystem::exists(dir / "b" / file)) << file;
    EXPECT_GT(std::filesystem::file_size(dir / "b" / file), 0u) << file;
  }
  std::ifstream in(dir / "b" / "decision-boundary.json");
  const nlohmann::json summary = nlohmann::json::parse(in);
  EXPECT_EQ(summary.at("about").at("seed"), 2);
  EXPECT_EQ(summary.at("labelled"), 6);
  EXPECT_EQ(summary.at("grid_size"), 30);
  std::vector<std::string> names;
  for (const auto& s : summary.at("strategies")) {
    names.push_back(s.at("strategy"));
    EXPECT_EQ(s.at("picks").size(), 5u);
    // The mean over the picks is the mean of the listed picks.
    double sum = 0;
    for (const auto& p : s.at("picks")) sum += p.at("predictive_entropy").get<double>();
    EXPECT_NEAR(s.at("mean_predictive_entropy").get<double>(), sum / 5, 1e-12);
    EXPECT_GT(s.at("mean_distance_between_picks").get<double>(), 0.0);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"margin", "max-entropy", "bald", "random"}));
  // max-entropy picks the highest entropy of the pool: above its mean.
  EXPECT_GT(summary.at("strategies")[1].at("mean_predictive_entropy").get<double>(),
            summary.at("pool_mean_predictive_entropy").get<double>());
  // 30 grid rows of 30 points, a blank line after each.
  std::ifstream grid(dir / "b" / "decision-boundary-grid.dat");
  int points = 0;
  for (std::string line; std::getline(grid, line);) points += !line.empty() && line[0] != '#';
  EXPECT_EQ(points, 900);
}

TEST(BoundaryCommand, NoFiguresNeedsNoGnuplotAndStrategiesAreChosen) {
  TempDir dir;
  const auto r = run_bdal("boundary " + write_experiment(dir) +
                          " --grid 10 --strategies bald,core-set --no-figures --out " +
                          shell_quote(dir / "b"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "b" / "decision-boundary.png"));
  std::ifstream in(dir / "b" / "decision-boundary.json");
  EXPECT_EQ(nlohmann::json::parse(in).at("strategies").size(), 2u);
}

TEST(BoundaryCommand, ErrorsAreUsageErrors) {
  TempDir dir;
  const std::string experiment = write_experiment(dir);
  auto r = run_bdal("boundary " + experiment + " --strategies csal --no-figures");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(HasSubstr(r.output, "strategy 'csal' needs image augmentations"));
  r = run_bdal("boundary " + experiment + " --strategies nope --no-figures");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(HasSubstr(r.output, "nope"));
  r = run_bdal("boundary " + experiment + " --grid 1 --no-figures");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(HasSubstr(r.output, "grid size must be in [2, 2000], got 1"));
  r = run_bdal("boundary --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(HasSubstr(r.output, "Decision-boundary study"));
}

}  // namespace
}  // namespace bdal
