#include "bdal/report/report.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "bdal/core/error.h"
#include "bdal/core/records.h"
#include "bdal/report/figures.h"
#include "bdal/report/markdown.h"
#include "bdal/report/tables.h"

namespace bdal::report {

namespace fs = std::filesystem;

void ReportOptions::validate() const {
  BDAL_CHECK_USAGE(!in_dir.empty(), "report: no records directory given");
  BDAL_CHECK_USAGE(fs::is_directory(in_dir), "report: '{}' is not a directory", in_dir.string());
  BDAL_CHECK_USAGE(!errors.empty(), "report: --errors needs at least one target error");
  for (double e : errors)
    BDAL_CHECK_USAGE(e > 0.0 && e < 1.0,
                     "report: --errors values are test errors in (0, 1), e.g. 0.10; got {}", e);
  parse_metric(metric);
}

fs::path ReportOptions::resolved_out_dir() const {
  return out_dir.empty() ? in_dir / "report" : out_dir;
}

bool Report::has_values(Metric metric) const {
  for (const SeriesReport& s : series)
    for (const CurvePoint& p : s.curves.points)
      if (std::isfinite(p.of(metric).mean)) return true;
  return false;
}

bool Report::has_learning_curves() const {
  for (const SeriesReport& s : series)
    if (s.curves.points.size() > 1) return true;
  return false;
}

bool Report::has_paired_differences() const {
  for (const SeriesReport& s : series)
    if (s.vs_random) return true;
  return false;
}

const SeriesReport* Report::random_for(const SeriesReport& s) const {
  for (const SeriesReport& r : series)
    if (r.series.strategy == "random" && r.series.distinguishing == s.series.distinguishing)
      return &r;
  return nullptr;
}

std::vector<PublishedComparison> compare_published(const Report& report) {
  std::vector<PublishedComparison> out;
  for (const SeriesReport& s : report.series) {
    const PublishedTable* table = find_published(s.dataset, s.model);
    if (!table) continue;
    for (const PublishedRow& row : table->rows) {
      if (row.strategy != s.series.strategy) continue;
      for (const LabelsToError& t : s.to_error) {
        const int64_t published = published_count(row, t.error);
        if (published < 0) continue;
        PublishedComparison c{table, &row, &s, t.error, published, t.average_acquired, {}};
        if (t.step_acquired.reached.n > 0) c.step_average = t.step_acquired.reached.mean;
        out.push_back(c);
      }
    }
  }
  return out;
}

namespace {

std::string config_string(const LoopRun& run, const std::string& key) {
  auto it = run.config.find(key);
  return it != run.config.end() && it->second.is_string() ? it->second.get<std::string>() : "";
}

SeriesReport report_series(const Series& series, const ReportOptions& options,
                           std::vector<std::string>& notes) {
  SeriesReport out;
  out.series = series;
  const LoopRun& first = *series.runs.front();
  out.dataset = config_string(first, "dataset");
  out.model = config_string(first, "model");
  out.initial_labelled = first.initial_labelled();
  out.curves = aggregate_curves(series.runs);
  if (!out.curves.n_labelled_not_in_all_seeds.empty())
    notes.push_back(fmt::format(
        "series {}: n_labelled {} are not in every seed's records and are left out of the "
        "seed-averaged curve",
        series.name, fmt::join(out.curves.n_labelled_not_in_all_seeds, ", ")));
  std::vector<Curve> seed_accuracy;
  std::vector<int64_t> initial;
  for (const LoopRun* run : series.runs) {
    seed_accuracy.push_back(seed_curve(*run, Metric::kAccuracy));
    initial.push_back(run->initial_labelled());
    if (run->initial_labelled() != out.initial_labelled)
      notes.push_back(fmt::format(
          "series {}: seed {} starts with {} labelled points, seed {} with {}; acquired counts "
          "of the seed-averaged curve use {}",
          series.name, run->seed, run->initial_labelled(), first.seed, out.initial_labelled,
          out.initial_labelled));
  }
  const Curve mean_accuracy = out.curves.mean(Metric::kAccuracy);
  for (double e : options.errors) {
    LabelsToError t;
    t.error = e;
    t.step_labelled = step_average(seed_accuracy, e);
    t.step_acquired = step_average(seed_accuracy, e, initial);
    t.average_labelled = average_step(mean_accuracy, e);
    t.average_acquired = average_step(mean_accuracy, e, out.initial_labelled);
    out.to_error.push_back(std::move(t));
  }
  out.auc = area_under_curve(out.curves.mean(parse_metric(options.metric)));
  out.timings = summarize_timings(series.runs);
  return out;
}

}  // namespace

Report build_report(const ReportOptions& options) {
  options.validate();
  Report report;
  report.options = options;
  const auto run_dirs = find_dirs_with(options.in_dir, "rounds.jsonl");
  const auto training_dirs = find_dirs_with(options.in_dir, "epochs.jsonl");
  BDAL_CHECK_USAGE(!run_dirs.empty() || !training_dirs.empty(),
                   "report: no records under '{}' (looked for rounds.jsonl of `bdal run` and "
                   "epochs.jsonl of `bdal train`, recursively)",
                   options.in_dir.string());
  for (const fs::path& dir : run_dirs) {
    LoopRun run = read_run(dir);
    if (run.torn_line_ignored)
      report.notes.push_back(fmt::format(
          "{}: the last line of rounds.jsonl is incomplete (a run still writing, or killed) and "
          "was ignored",
          dir.string()));
    if (run.rounds.empty()) {
      report.notes.push_back(
          fmt::format("{}: rounds.jsonl holds no complete round; skipped", dir.string()));
      continue;
    }
    report.runs.push_back(std::move(run));
  }
  for (const Series& s : group_series(report.runs))
    report.series.push_back(report_series(s, options, report.notes));
  for (SeriesReport& s : report.series) {
    const SeriesReport* random = report.random_for(s);
    if (!random || random == &s) continue;
    PairedDifference d = paired_difference(s.series.runs, random->series.runs, Metric::kAccuracy);
    if (d.points.empty()) continue;
    if (!d.sizes_left_out.empty())
      report.notes.push_back(fmt::format(
          "series {} minus random: n_labelled {} are not in every paired seed's records (of "
          "both) and are not compared",
          s.series.name, fmt::join(d.sizes_left_out, ", ")));
    // Round 0 comes before any acquisition: a difference there comes from
    // training differently (CSAL's consistency loss, say), and it is in the
    // rest of the curve too. (One paired seed has no sd: NaN, not a difference.)
    const PairedPoint& start = d.points.front();
    const Summary& d0 = start.difference;
    if (start.n_labelled == s.initial_labelled && (d0.mean != 0.0 || (d0.n >= 2 && d0.sd != 0.0)))
      report.notes.push_back(fmt::format(
          "series {} minus random: at round 0 (n_labelled {}, nothing acquired yet) the two "
          "already differ by {:+.4f} on average: they train differently (or not reproducibly), "
          "so the difference is not all due to acquisition",
          s.series.name, start.n_labelled, d0.mean));
    s.vs_random = std::move(d);
  }
  report.key_curves = key_curves(report.series);
  for (const fs::path& dir : training_dirs) {
    TrainingRun t = read_training_run(dir);
    if (!t.epochs.empty()) report.training.push_back(std::move(t));
  }
  return report;
}

namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// Outputs an earlier report wrote and this one does not (a figure of a metric
// or key the records no longer have, published.csv once no protocol
// matches): left in place they would read as current. Only names the report
// itself makes are touched.
void remove_stale_outputs(const fs::path& out, const std::vector<std::string>& written,
                          bool figures_drawn) {
  std::set<std::string> written_names(written.begin(), written.end()), written_stems;
  for (const std::string& name : written) written_stems.insert(fs::path(name).stem().string());
  for (const fs::directory_entry& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    const std::string stem = entry.path().stem().string();
    const std::string ext = entry.path().extension().string();
    const bool figure_file = (starts_with(stem, "learning-curve-") ||
                              starts_with(stem, "metric-vs-") || stem == "training-curves") &&
                             (ext == ".png" || ext == ".svg" || ext == ".gp" || ext == ".dat");
    const bool optional_table =
        name == "published.csv" || name == "key_curves.csv" || name == "difference_to_random.csv";
    if ((figures_drawn && figure_file && !written_stems.count(stem)) ||
        (optional_table && !written_names.count(name)))
      fs::remove(entry.path());
  }
}

}  // namespace

void write_report(const Report& report, const std::function<void(const std::string&)>& log) {
  const fs::path out = report.options.resolved_out_dir();
  // Check before writing anything, so a missing gnuplot leaves no half report.
  std::string gnuplot;
  if (report.options.figures) gnuplot = find_gnuplot();
  fs::create_directories(out);
  std::vector<std::string> written = write_tables(report, out);
  if (report.options.figures) {
    const auto figures = write_figures(report, out, gnuplot);
    written.insert(written.end(), figures.begin(), figures.end());
  }
  core::write_text_atomic(out / "report.md", render_markdown(report));
  written.push_back("report.md");
  remove_stale_outputs(out, written, report.options.figures);
  for (const std::string& f : written) log((out / f).string());
}

}  // namespace bdal::report
