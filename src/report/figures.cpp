#include "bdal/report/figures.h"

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "bdal/core/error.h"
#include "bdal/core/records.h"

extern char** environ;

namespace bdal::report {
namespace {

namespace fs = std::filesystem;

// "mean low high" of a 95% band for gnuplot's filledcurves. One seed has no
// interval: the band collapses onto the mean.
std::string band(const Summary& v) {
  const double hw = std::isfinite(v.half_width) ? v.half_width : 0.0;
  return fmt::format("{} {} {}", v.mean, v.mean - hw, v.mean + hw);
}

// A series' look, the same in every figure: gnuplot's eight default colours
// (figures of up to eight series look as they always did), four more that
// differ from those, and beyond twelve the point shape tells series apart.
constexpr size_t kColours = 12;
std::string series_colour(size_t i) {
  static const std::array<const char*, kColours - 8> kMore = {"#8c564b", "#ff69b4", "#7f7f7f",
                                                              "#bcbd22"};
  const size_t c = i % kColours;
  return c < 8 ? std::to_string(c + 1) : fmt::format("rgb '{}'", kMore[c - 8]);
}
int series_point_type(size_t i) { return std::array<int, 4>{7, 5, 9, 13}[(i / kColours) % 4]; }

// The 95% band of data block `block` of <stem>.dat (columns n, mean, low, high).
std::string band_plot(const std::string& stem, int block, const std::string& colour) {
  return fmt::format(
      "'{}.dat' index {} using 1:3:4 with filledcurves lc {} fs transparent solid 0.2 "
      "noborder notitle",
      stem, block, colour);
}

// One figure of learning curves: for every series one curve per metric in
// `metrics`, each with its 95% band, all in the series' colour; the first
// metric solid, the others dashed.
std::string curves_figure(const Report& report, const std::vector<Metric>& metrics,
                          const std::string& stem, const std::string& title,
                          const std::string& ylabel, const fs::path& out_dir) {
  // One data block per (series, metric) (separated by two blank lines, gnuplot's `index`).
  std::ostringstream dat;
  dat << "# n_labelled mean ci95_low ci95_high (mean over seeds)\n";
  std::vector<std::string> bands, lines;
  int block = 0;
  for (size_t i = 0; i < report.series.size(); ++i) {
    const SeriesReport& s = report.series[i];
    const std::string colour = series_colour(i);
    const int point_type = series_point_type(i);
    for (size_t m = 0; m < metrics.size(); ++m) {
      std::string rows;
      for (const CurvePoint& p : s.curves.points) {
        const Summary& v = p.of(metrics[m]);
        if (!std::isfinite(v.mean)) continue;  // a seed without this metric
        rows += fmt::format("{} {}\n", p.n_labelled, band(v));
      }
      // A series whose records lack the metric (train accuracy before it was
      // kept, say) gets no curve and no entry in the key.
      if (rows.empty()) continue;
      dat << "# series " << s.series.name << " (" << s.curves.n_seeds << " seeds), "
          << metric_name(metrics[m]) << "\n"
          << rows << "\n\n";
      bands.push_back(band_plot(stem, block, colour));
      const std::string name = metrics.size() == 1
                                   ? s.series.name
                                   : fmt::format("{} {}", s.series.name, metric_label(metrics[m]));
      lines.push_back(fmt::format(
          "'{}.dat' index {} using 1:2 with linespoints lc {} dt {} pt {} ps {} lw 2 title {}",
          stem, block, colour, m == 0 ? 1 : 2, point_type, i < kColours ? 0.5 : 0.9,
          gnuplot_quote(fmt::format("{} (n={})", name, s.curves.n_seeds))));
      ++block;
    }
  }
  core::write_text_atomic(out_dir / (stem + ".dat"), dat.str());
  std::vector<std::string> all = bands;
  all.insert(all.end(), lines.begin(), lines.end());
  const std::string plot = "plot " + fmt::format("{}", fmt::join(all, ", \\\n     "));
  const bool rises =
      metrics.front() == Metric::kAccuracy || metrics.front() == Metric::kTrainAccuracy;
  // Many curves: the key goes beside the plot instead of over the curves.
  const bool crowded = lines.size() > 8;
  const std::string key = crowded ? "outside right top" : rises ? "bottom right" : "top right";
  const std::string script = fmt::format(
      "# {} vs labelled points: mean over seeds, band = 95% Student-t CI. Made by bdal report.\n"
      "set title {}\nset xlabel 'labelled points (initial set included)'\nset ylabel {}\n"
      "set key {} box opaque\nset grid\n{}",
      title, gnuplot_quote(title + " (mean, 95% CI over seeds)"), gnuplot_quote(ylabel), key,
      both_terminals(stem, plot, crowded ? 1300 : 900, 600));
  core::write_text_atomic(out_dir / (stem + ".gp"), script);
  return stem;
}

// Each series' paired difference to random (SeriesReport::vs_random) with
// its 95% band, and the zero line: above it the strategy beat random. Up to
// kOnePanelSeries series share one plot; more overlap into an unreadable
// tangle of bands, so each then gets its own panel, all on one y range.
constexpr size_t kOnePanelSeries = 4;

std::string minus_random_figure(const Report& report, const fs::path& out_dir) {
  const std::string stem = kMinusRandomStem;
  std::ostringstream dat;
  dat << "# n_labelled mean ci95_low ci95_high of test accuracy minus random's, paired by seed\n";
  std::vector<std::string> bands, lines, panel_lines, titles;
  double low = 0.0, high = 0.0;                   // the y range every panel shares (0 always in it)
  double first_n = INFINITY, last_n = -INFINITY;  // and the x range
  int block = 0;
  for (size_t i = 0; i < report.series.size(); ++i) {
    const SeriesReport& s = report.series[i];
    if (!s.vs_random) continue;
    dat << "# series " << s.series.name << " (" << s.vs_random->seeds.size() << " paired seeds)\n";
    for (const PairedPoint& p : s.vs_random->points) {
      dat << fmt::format("{} {}\n", p.n_labelled, band(p.difference));
      const double hw = std::isfinite(p.difference.half_width) ? p.difference.half_width : 0.0;
      if (std::isfinite(p.difference.mean)) {
        low = std::min(low, p.difference.mean - hw);
        high = std::max(high, p.difference.mean + hw);
      }
      first_n = std::min(first_n, double(p.n_labelled));
      last_n = std::max(last_n, double(p.n_labelled));
    }
    dat << "\n\n";
    // The series' colour in the other figures (random's own colour goes unused).
    const std::string title = fmt::format("{} (n={})", s.series.name, s.vs_random->seeds.size());
    titles.push_back(title);
    bands.push_back(band_plot(stem, block, series_colour(i)));
    lines.push_back(
        fmt::format("'{}.dat' index {} using 1:2 with linespoints lc {} pt {} ps 0.5 lw 2 title {}",
                    stem, block, series_colour(i), series_point_type(i), gnuplot_quote(title)));
    // A small panel: a plain line reads better than a hundred points.
    panel_lines.push_back(fmt::format("'{}.dat' index {} using 1:2 with lines lc {} lw 2 notitle",
                                      stem, block, series_colour(i)));
    ++block;
  }
  core::write_text_atomic(out_dir / (stem + ".dat"), dat.str());
  const std::string zero = "0 with lines lc rgb 'black' dt 3 lw 1 notitle";
  const std::string header =
      "# Test accuracy minus random's, per seed then averaged; band = 95% Student-t CI over "
      "the paired seeds. Made by bdal report.\n";
  const std::string title = "test accuracy minus random (paired by seed; mean, 95% CI)";
  std::string script;
  if (lines.size() <= kOnePanelSeries) {
    std::vector<std::string> all = bands;
    all.insert(all.end(), lines.begin(), lines.end());
    all.push_back(zero);
    // Differences sit above and below zero anywhere along the curve: the key
    // goes beside the plot, where it covers none of them.
    script = fmt::format(
        "{}set title {}\nset xlabel 'labelled points (initial set included)'\n"
        "set ylabel 'accuracy − random'\nset key outside right top box opaque\nset grid\n{}",
        header, gnuplot_quote(title),
        both_terminals(stem, "plot " + fmt::format("{}", fmt::join(all, ", \\\n     ")), 1200,
                       600));
  } else {
    const size_t columns = lines.size() <= 6 ? 2 : 3;
    const size_t rows = (lines.size() + columns - 1) / columns;
    const double pad = high > low ? 0.05 * (high - low) : 0.01;
    std::ostringstream panels;
    // Fixed margins and spacing (screen fractions, from pixels at 280 px a
    // row): every panel's plot area has the same size and position in its
    // cell, whether or not it carries axis labels, so the shared axes line up.
    const double height = 280.0 * double(rows);
    panels << fmt::format(
        "set multiplot layout {},{} margins 0.07,0.98,{:.4f},{:.4f} spacing 0.05,{:.4f} title {}\n",
        rows, columns, 55.0 / height, 1.0 - 75.0 / height, 80.0 / height, gnuplot_quote(title));
    for (size_t k = 0; k < lines.size(); ++k) {
      // Axis labels only on the outer panels: the bottom row and the left column.
      panels << fmt::format("set title {}\nset xlabel {}\nset ylabel {}\n",
                            gnuplot_quote(titles[k]),
                            k + columns >= lines.size() ? "'labelled points'" : "''",
                            k % columns == 0 ? "'accuracy − random'" : "''");
      panels << "plot " << bands[k] << ", \\\n     " << panel_lines[k] << ", \\\n     " << zero
             << "\n";
    }
    panels << "unset multiplot";
    // Shared ranges: a panel's curve can be read against any other's.
    const std::string xrange =
        first_n < last_n ? fmt::format("set xrange [{}:{}]\n", first_n, last_n) : "";
    script = fmt::format("{}{}set yrange [{}:{}]\nunset key\nset grid\n{}", header, xrange,
                         low - pad, high + pad,
                         both_terminals(stem, panels.str(), 1200, static_cast<int>(280 * rows)));
  }
  core::write_text_atomic(out_dir / (stem + ".gp"), script);
  return stem;
}

std::string learning_curve_figure(const Report& report, Metric metric, const fs::path& out_dir) {
  return curves_figure(report, {metric}, "learning-curve-" + metric_name(metric),
                       metric_label(metric), metric_label(metric), out_dir);
}

// Test and train accuracy (left) and test NLL (right) against one swept
// key, a curve per KeyCurve of that key with its 95% bands; a log2 x axis
// when the values are positive and span a factor of 8 or more.
std::string key_figure(const Report& report, const std::string& key, const fs::path& out_dir) {
  const std::string stem = key_figure_stem(key);
  std::ostringstream dat;
  dat << "# value accuracy lo hi nll lo hi train_accuracy lo hi (mean, 95% CI over seeds)\n";
  std::vector<std::string> accuracy, nll;
  double low = 0, high = 0;
  bool first = true;
  int block = 0;
  for (const KeyCurve& c : report.key_curves) {
    if (c.key != key) continue;
    dat << "# " << c.name << "\n";
    for (const KeyPoint& p : c.points) {
      dat << fmt::format("{} {} {} {}\n", p.value, band(p.point.accuracy), band(p.point.nll),
                         band(p.point.train_accuracy));
      low = first ? p.value : std::min(low, p.value);
      high = first ? p.value : std::max(high, p.value);
      first = false;
    }
    dat << "\n\n";
    const std::string colour = series_colour(static_cast<size_t>(block));
    const std::string title = fmt::format("{} (n={})", c.name, c.points.front().n_seeds);
    auto curve = [&](int column, int dash, const std::string& label) {
      return fmt::format(
          "'{s}.dat' index {b} using 1:{lo}:{hi} with filledcurves lc {c} fs transparent solid "
          "0.2 noborder notitle, '{s}.dat' index {b} using 1:{m} with linespoints lc {c} dt {d} "
          "pt 7 ps 0.6 lw 2 title {t}",
          fmt::arg("s", stem), fmt::arg("b", block), fmt::arg("lo", column + 1),
          fmt::arg("hi", column + 2), fmt::arg("m", column), fmt::arg("c", colour),
          fmt::arg("d", dash), fmt::arg("t", gnuplot_quote(label)));
    };
    accuracy.push_back(curve(2, 1, title + " test"));
    if (report.has_values(Metric::kTrainAccuracy))
      accuracy.push_back(curve(8, 2, title + " train"));
    nll.push_back(curve(5, 1, title));
    ++block;
  }
  core::write_text_atomic(out_dir / (stem + ".dat"), dat.str());
  const bool log_x = low > 0 && high / low >= 8;
  const std::string plot = fmt::format(
      "set multiplot layout 1,2\n"
      "set title 'accuracy (test solid, train dashed)'\nset ylabel 'accuracy'\n"
      "set key bottom right box opaque\nplot {}\n"
      "set title 'test NLL'\nset ylabel 'NLL (nats)'\nset key top right box opaque\nplot {}\n"
      "unset multiplot",
      fmt::join(accuracy, ", \\\n     "), fmt::join(nll, ", \\\n     "));
  const std::string script = fmt::format(
      "# Metrics against {}: mean over seeds, band = 95% Student-t CI. Made by bdal report.\n"
      "set xlabel {}\nset grid\n{}{}",
      key, gnuplot_quote(key), log_x ? "set logscale x 2\n" : "",
      both_terminals(stem, plot, 1200, 500));
  core::write_text_atomic(out_dir / (stem + ".gp"), script);
  return stem;
}

std::string training_figure(const Report& report, const fs::path& out_dir) {
  const std::string stem = "training-curves";
  std::ostringstream dat;
  dat << "# epoch train_nll test_nll train_accuracy test_accuracy (NaN = no test metrics)\n";
  std::vector<std::string> nll, acc;
  for (size_t i = 0; i < report.training.size(); ++i) {
    const TrainingRun& t = report.training[i];
    dat << "# " << t.dir.string() << "\n";
    for (const EpochPoint& e : t.epochs)
      dat << fmt::format("{} {} {} {} {}\n", e.epoch, e.train_nll, e.has_test ? e.test_nll : NAN,
                         e.train_accuracy, e.has_test ? e.test_accuracy : NAN);
    dat << "\n\n";
    const std::string colour = series_colour(i);
    const std::string label =
        report.training.size() == 1 ? "" : t.label + " (" + t.dir.filename().string() + ") ";
    auto pair = [&](int train_col, int test_col) {
      return fmt::format(
          "'{s}.dat' index {i} using 1:{a} with lines lc {c} dt 2 lw 2 title {ta}, "
          "'{s}.dat' index {i} using 1:{b} with lines lc {c} lw 2 title {tb}",
          fmt::arg("s", stem), fmt::arg("i", i), fmt::arg("a", train_col), fmt::arg("b", test_col),
          fmt::arg("c", colour), fmt::arg("ta", gnuplot_quote(label + "train")),
          fmt::arg("tb", gnuplot_quote(label + "test")));
    };
    nll.push_back(pair(2, 3));
    acc.push_back(pair(4, 5));
  }
  core::write_text_atomic(out_dir / (stem + ".dat"), dat.str());
  const std::string plot = fmt::format(
      "set multiplot layout 1,2\n"
      "set title 'NLL (train: minibatch cross-entropy, dropout on)'\nset ylabel 'NLL (nats)'\n"
      "set logscale y\nplot {}\nunset logscale y\n"
      "set title 'accuracy'\nset ylabel 'accuracy'\nset key bottom right\nplot {}\n"
      "set key top right\nunset multiplot",
      fmt::join(nll, ", "), fmt::join(acc, ", "));
  const std::string script = fmt::format(
      "# Full-dataset training curves from bdal train's epochs.jsonl. Made by bdal report.\n"
      "set xlabel 'epoch'\nset grid\nset key box opaque\n{}",
      both_terminals(stem, plot, 1200, 500));
  core::write_text_atomic(out_dir / (stem + ".gp"), script);
  return stem;
}

// Runs `gnuplot script` in `dir` (scripts name their files relative to it),
// with `variables` ("name='value'; ...") set first.
void run_gnuplot(const std::string& gnuplot, const fs::path& dir, const std::string& script,
                 const std::string& variables) {
  // Absolute: gnuplot changes into `dir` before it reads the script.
  const fs::path absolute_dir = fs::absolute(dir);
  const std::string script_path = (absolute_dir / script).string();
  std::vector<std::string> args{
      gnuplot, "-e", "cd " + gnuplot_quote(absolute_dir.string()) + "; " + variables, script_path};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, gnuplot.c_str(), nullptr, nullptr, argv.data(), environ);
  BDAL_CHECK(rc == 0,
             "could not start gnuplot ('{}'): {}; install it with `apt-get install "
             "gnuplot-nox`, or pass --no-figures",
             gnuplot, std::strerror(rc));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  BDAL_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
             "gnuplot failed on '{}' (exit status {}); its messages are above", script_path,
             WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

}  // namespace

// The lines that make one figure into both formats. bdal sets png_out and
// svg_out to temporary names and renames them once gnuplot succeeded (no
// half-drawn figure under the final name); run by hand, the script writes
// <stem>.png and <stem>.svg.
std::string both_terminals(const std::string& stem, const std::string& plot, int width,
                           int height) {
  return fmt::format(
      "set terminal pngcairo size {w},{h} noenhanced font ',10'\n"
      "if (!exists('png_out')) png_out = '{s}.png'\n"
      "if (!exists('svg_out')) svg_out = '{s}.svg'\n"
      "set output png_out\n{p}\n"
      "set terminal svg size {w},{h} noenhanced font 'sans,11' background '#ffffff'\n"
      "set output svg_out\n{p}\nunset output\n",
      fmt::arg("w", width), fmt::arg("h", height), fmt::arg("s", stem), fmt::arg("p", plot));
}

std::string find_gnuplot() {
  const char* env = std::getenv("BDAL_GNUPLOT");
  if (env && *env) {
    BDAL_CHECK(access(env, X_OK) == 0,
               "BDAL_GNUPLOT = '{}' is not an executable file; unset it to use gnuplot from PATH",
               env);
    return env;
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / "gnuplot";
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  throw Error(
      "report: figures need the gnuplot program, which is not on PATH; install it with "
      "`sudo apt-get install gnuplot-nox` (Debian/Ubuntu package gnuplot-nox), or pass "
      "--no-figures to write the report without figures");
}

std::string gnuplot_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> write_figures(const Report& report, const fs::path& out_dir,
                                       const std::string& gnuplot) {
  std::vector<std::string> stems;
  if (report.has_learning_curves())
    for (Metric m : curve_metrics())
      if (report.has_values(m)) stems.push_back(learning_curve_figure(report, m, out_dir));
  // Train beside test accuracy: how far the fit on the labelled set is from
  // what generalises (the random-baseline study's figure).
  if (report.has_learning_curves() && report.has_values(Metric::kTrainAccuracy))
    stems.push_back(curves_figure(report, {Metric::kAccuracy, Metric::kTrainAccuracy},
                                  kTrainAndTestStem, "test (solid) and train (dashed) accuracy",
                                  "accuracy", out_dir));
  if (report.has_learning_curves() && report.has_paired_differences())
    stems.push_back(minus_random_figure(report, out_dir));
  for (const std::string& key : swept_keys(report))
    stems.push_back(key_figure(report, key, out_dir));
  if (!report.training.empty()) stems.push_back(training_figure(report, out_dir));
  std::vector<std::string> written;
  for (const std::string& stem : stems)
    for (std::string& name : draw_figure(gnuplot, out_dir, stem))
      written.push_back(std::move(name));
  return written;
}

std::vector<std::string> draw_figure(const std::string& gnuplot, const fs::path& out_dir,
                                     const std::string& stem) {
  const std::string png = stem + ".png", svg = stem + ".svg";
  run_gnuplot(gnuplot, out_dir, stem + ".gp",
              fmt::format("png_out = {}; svg_out = {}", gnuplot_quote(png + ".part"),
                          gnuplot_quote(svg + ".part")));
  for (const std::string& name : {png, svg}) {
    const fs::path part = out_dir / (name + ".part");
    BDAL_CHECK(fs::exists(part) && fs::file_size(part) > 0, "gnuplot did not write '{}'",
               part.string());
    fs::rename(part, out_dir / name);
  }
  return {png, svg};
}

}  // namespace bdal::report
