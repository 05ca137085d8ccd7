// Figures drawn by the `gnuplot` program (Debian package gnuplot-nox): the
// learning curves of every series with their 95% CI bands, one figure per
// metric, and the training curves of `bdal train` runs. Each figure is
// written as PNG and SVG, next to the gnuplot script and data it came from
// (so a figure can be restyled by editing the script and re-running gnuplot).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bdal/report/report.h"

namespace bdal::report {

// The gnuplot executable ($BDAL_GNUPLOT, else `gnuplot` on PATH); an Error
// naming the Debian package gnuplot-nox when there is none.
std::string find_gnuplot();

// A string as a gnuplot single-quoted literal ('' stands for one quote).
std::string gnuplot_quote(const std::string& text);

// The lines of a figure script that draw `plot` (gnuplot commands) into
// <stem>.png and <stem>.svg of width x height pixels; bdal redirects both
// through the variables png_out and svg_out (see draw_figure).
std::string both_terminals(const std::string& stem, const std::string& plot, int width, int height);

// Runs out_dir/<stem>.gp (made with both_terminals) through gnuplot and puts
// the finished <stem>.png and <stem>.svg in place (never a half-drawn file
// under the final name). Returns their names. Error when gnuplot fails.
std::vector<std::string> draw_figure(const std::string& gnuplot,
                                     const std::filesystem::path& out_dir, const std::string& stem);

// The figure of test beside train accuracy (when the records keep train metrics).
inline constexpr const char* kTrainAndTestStem = "learning-curve-train-and-test-accuracy";
// The figure of each series' test accuracy minus random's, paired by seed.
inline constexpr const char* kMinusRandomStem = "learning-curve-accuracy-minus-random";

// Writes learning-curve-<metric>.{dat,gp,png,svg} for every metric that has
// values (curve_metrics()) when there are series, the train-and-test
// accuracy figure when train metrics were kept, the accuracy-minus-random
// figure when some series has a paired difference to random, and
// training-curves.{dat,gp,png,svg} when there are training runs. Returns the
// PNG and SVG file names. Error when gnuplot fails (its exit status is named).
std::vector<std::string> write_figures(const Report& report, const std::filesystem::path& out_dir,
                                       const std::string& gnuplot);

}  // namespace bdal::report
