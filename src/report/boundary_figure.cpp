#include "bdal/report/boundary_figure.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "bdal/core/records.h"
#include "bdal/report/figures.h"

namespace bdal::report {
namespace {

namespace fs = std::filesystem;

double at2(const at::Tensor& t, int64_t i, int64_t j) { return t[i][j].item<double>(); }

// Distance from each row of points_B_2 to the nearest row of labelled_M_2.
at::Tensor nearest_labelled_distance_B(const at::Tensor& points_B_2,
                                       const at::Tensor& labelled_M_2) {
  return std::get<0>(at::cdist(points_B_2, labelled_M_2).min(1));
}

// Mean distance over the pairs of distinct rows (0 for fewer than two):
// how spread out a batch is.
double mean_pairwise_distance(const at::Tensor& points_B_2) {
  const int64_t b = points_B_2.size(0);
  if (b < 2) return 0.0;
  return at::cdist(points_B_2, points_B_2).sum().item<double>() / static_cast<double>(b * (b - 1));
}

// Grid rows as gnuplot blocks (one per y, a blank line between): x y
// entropy bald p1 and then each strategy's map.
std::string grid_data(const experiment::BoundaryMaps& maps) {
  const int64_t g = maps.x_G.size(0);
  std::string text = "# x y entropy bald p_class1";
  for (const auto& p : maps.picks) text += " map:" + p.strategy;
  text += "\n";
  const auto x = maps.x_G.accessor<double, 1>(), y = maps.y_G.accessor<double, 1>();
  const auto entropy = maps.entropy_G_G.accessor<double, 2>();
  const auto bald = maps.bald_G_G.accessor<double, 2>();
  const auto p1 = maps.class1_probability_G_G.accessor<double, 2>();
  std::vector<at::TensorAccessor<double, 2>> strategy_maps;
  for (const auto& p : maps.picks) strategy_maps.push_back(p.map_G_G.accessor<double, 2>());
  for (int64_t i = 0; i < g; ++i) {
    for (int64_t j = 0; j < g; ++j) {
      text += fmt::format("{:.6g} {:.6g} {:.6g} {:.6g} {:.6g}", x[j], y[i], entropy[i][j],
                          bald[i][j], p1[i][j]);
      for (const auto& m : strategy_maps) text += fmt::format(" {:.6g}", m[i][j]);
      text += "\n";
    }
    text += "\n";
  }
  return text;
}

std::string points_data(const at::Tensor& points_N_2, const at::Tensor& labels_N = {}) {
  std::string text;
  for (int64_t i = 0; i < points_N_2.size(0); ++i) {
    text += fmt::format("{:.6g} {:.6g}", at2(points_N_2, i, 0), at2(points_N_2, i, 1));
    if (labels_N.defined()) text += fmt::format(" {}", labels_N[i].item<int64_t>());
    text += "\n";
  }
  return text;
}

// One index block per strategy (two blank lines between): x y score.
std::string picks_data(const experiment::BoundaryMaps& maps) {
  std::string text;
  for (const auto& p : maps.picks) {
    text += "# " + p.strategy + "\n";
    for (int64_t i = 0; i < p.picks_B_2.size(0); ++i)
      text += fmt::format("{:.6g} {:.6g} {:.6g}\n", at2(p.picks_B_2, i, 0), at2(p.picks_B_2, i, 1),
                          p.scores[i]);
    text += "\n\n";
  }
  return text;
}

std::string figure_script(const experiment::BoundaryMaps& maps) {
  const size_t panels = maps.picks.size();
  const size_t columns = panels <= 2 ? panels : static_cast<size_t>(std::ceil(std::sqrt(panels)));
  const size_t rows = (panels + columns - 1) / columns;
  const double x0 = maps.x_G[0].item<double>(), x1 = maps.x_G[-1].item<double>();
  const double y0 = maps.y_G[0].item<double>(), y1 = maps.y_G[-1].item<double>();
  std::string plot = fmt::format("set multiplot layout {},{}\n", rows, columns);
  for (size_t i = 0; i < panels; ++i) {
    const auto& p = maps.picks[i];
    plot += fmt::format(
        "set title {}\n"
        "plot '{stem}-grid.dat' using 1:2:{col} with image notitle, \\\n"
        "  '{stem}-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', "
        "\\\n"
        "  '{stem}-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \\\n"
        "  '{stem}-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 "
        "lc rgb '#1f77b4' title 'labelled, class 0', \\\n"
        "  '{stem}-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 "
        "lc rgb '#ff7f0e' title 'labelled, class 1', \\\n"
        "  '{stem}-picks.dat' index {i} using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' "
        "title 'next picks'\n",
        gnuplot_quote(
            fmt::format("{}: next {} picks over {}", p.strategy, p.picks_B_2.size(0), p.map_name)),
        fmt::arg("stem", kBoundaryStem), fmt::arg("col", 6 + i), fmt::arg("i", i));
  }
  plot += "unset multiplot";
  const int width = static_cast<int>(columns) * 620, height = static_cast<int>(rows) * 460;
  return fmt::format(
      "# The decision-boundary study: one panel per strategy. Regenerate the figure\n"
      "# with `gnuplot {stem}.gp` in this directory.\n"
      "# The boundary is the contour p_class1 = 0.5 of the MC-averaged prediction.\n"
      "set contour base\nset cntrparam levels discrete 0.5\nunset surface\nset view map\n"
      "set table '{stem}-contour.dat'\n"
      "splot '{stem}-grid.dat' using 1:2:5 with lines notitle\n"
      "unset table\nunset contour\nset surface\n"
      "set xrange [{x0}:{x1}]\nset yrange [{y0}:{y1}]\nset size ratio -1\n"
      "set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21908d', 0.75 '#5dc963', "
      "1 '#fde725')\n"
      "set key bottom right opaque box font ',8' samplen 1\n"
      "{terminals}",
      fmt::arg("stem", kBoundaryStem), fmt::arg("x0", x0), fmt::arg("x1", x1), fmt::arg("y0", y0),
      fmt::arg("y1", y1),
      fmt::arg("terminals", both_terminals(kBoundaryStem, plot, width, height)));
}

}  // namespace

nlohmann::json boundary_summary(const experiment::BoundaryMaps& maps, const nlohmann::json& about) {
  nlohmann::json strategies = nlohmann::json::array();
  for (const auto& p : maps.picks) {
    const at::Tensor pool_position_B = at::tensor(p.positions, at::kLong);
    const at::Tensor entropy_B = maps.pool_entropy_N.index_select(0, pool_position_B);
    const at::Tensor bald_B = maps.pool_bald_N.index_select(0, pool_position_B);
    const at::Tensor distance_B = nearest_labelled_distance_B(p.picks_B_2, maps.labelled_M_2);
    nlohmann::json picks = nlohmann::json::array();
    for (int64_t i = 0; i < p.picks_B_2.size(0); ++i)
      picks.push_back({{"row", p.rows[i]},
                       {"x", at2(p.picks_B_2, i, 0)},
                       {"y", at2(p.picks_B_2, i, 1)},
                       {"score", p.scores[i]},
                       {"predictive_entropy", entropy_B[i].item<double>()},
                       {"bald", bald_B[i].item<double>()}});
    strategies.push_back({{"strategy", p.strategy},
                          {"heat_map", p.map_name},
                          {"mean_predictive_entropy", entropy_B.mean().item<double>()},
                          {"mean_bald", bald_B.mean().item<double>()},
                          {"mean_distance_to_nearest_labelled", distance_B.mean().item<double>()},
                          {"mean_distance_between_picks", mean_pairwise_distance(p.picks_B_2)},
                          {"picks", picks}});
  }
  return {{"about", about},
          {"labelled", maps.labelled_M_2.size(0)},
          {"pool", maps.pool_N_2.size(0)},
          {"pool_mean_predictive_entropy", maps.pool_entropy_N.mean().item<double>()},
          {"pool_mean_bald", maps.pool_bald_N.mean().item<double>()},
          {"pool_mean_distance_to_nearest_labelled",
           nearest_labelled_distance_B(maps.pool_N_2, maps.labelled_M_2).mean().item<double>()},
          {"grid_size", maps.x_G.size(0)},
          {"test", {{"accuracy", maps.test_accuracy}, {"nll", maps.test_nll}}},
          {"strategies", strategies}};
}

std::vector<std::string> write_decision_boundary(const experiment::BoundaryMaps& maps,
                                                 const nlohmann::json& about,
                                                 const fs::path& out_dir,
                                                 const std::string& gnuplot) {
  fs::create_directories(out_dir);
  const std::string stem = kBoundaryStem;
  const std::vector<std::pair<std::string, std::string>> files = {
      {stem + "-grid.dat", grid_data(maps)},
      {stem + "-pool.dat", points_data(maps.pool_N_2)},
      {stem + "-labelled.dat", points_data(maps.labelled_M_2, maps.labels_M)},
      {stem + "-picks.dat", picks_data(maps)},
      {stem + ".gp", figure_script(maps)},
  };
  std::vector<std::string> written;
  for (const auto& [name, text] : files) {
    core::write_text_atomic(out_dir / name, text);
    written.push_back(name);
  }
  core::write_json_atomic(out_dir / (stem + ".json"), boundary_summary(maps, about));
  written.push_back(stem + ".json");
  if (!gnuplot.empty()) {
    for (std::string& name : draw_figure(gnuplot, out_dir, stem))
      written.push_back(std::move(name));
    written.push_back(stem + "-contour.dat");
  }
  return written;
}

}  // namespace bdal::report
