#include "bdal/report/tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "bdal/core/records.h"

namespace bdal::report {
namespace {

// Rows keep their columns in the order written (CSV headers follow it).
using Json = nlohmann::ordered_json;

// NaN and absent values are JSON null (JSON has no NaN).
Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(); }
template <typename T>
Json optional_or_null(const std::optional<T>& v) {
  return v ? Json(*v) : Json();
}

Json per_seed_json(const StepAverage& s) {
  Json out = Json::array();
  for (const auto& n : s.per_seed) out.push_back(optional_or_null(n));
  return out;
}

Json learning_curve_rows(const Report& report) {
  Json rows = Json::array();
  for (const SeriesReport& s : report.series) {
    for (const CurvePoint& p : s.curves.points) {
      Json row{{"series", s.series.name},
               {"strategy", s.series.strategy},
               {"n_labelled", p.n_labelled},
               {"n_acquired", p.n_labelled - s.initial_labelled},
               {"n_seeds", p.accuracy.n}};
      for (Metric m : curve_metrics()) {
        // Dirty-MNIST's metrics only in reports that have them.
        const bool ambiguous_metric =
            m == Metric::kAmbiguousAccuracy || m == Metric::kAcquiredAmbiguousFraction;
        if (ambiguous_metric && !report.has_values(m)) continue;
        const Summary& v = p.of(m);
        row[metric_name(m) + "_mean"] = number_or_null(v.mean);
        row[metric_name(m) + "_sd"] = number_or_null(v.sd);
        row[metric_name(m) + "_ci95_half_width"] = number_or_null(v.half_width);
      }
      rows.push_back(row);
    }
  }
  return rows;
}

Json labels_to_error_rows(const Report& report) {
  Json rows = Json::array();
  for (const SeriesReport& s : report.series) {
    const SeriesReport* random = report.random_for(s);
    for (size_t i = 0; i < s.to_error.size(); ++i) {
      const LabelsToError& t = s.to_error[i];
      for (const bool acquired : {false, true}) {
        const StepAverage& step = acquired ? t.step_acquired : t.step_labelled;
        const std::optional<int64_t> avg = acquired ? t.average_acquired : t.average_labelled;
        Json row{{"series", s.series.name},
                 {"strategy", s.series.strategy},
                 {"target_error", t.error},
                 {"counts", acquired ? "acquired" : "labelled"},
                 {"step_average_mean", number_or_null(step.reached.mean)},
                 {"step_average_sd", number_or_null(step.reached.sd)},
                 {"seeds_reached", step.reached.n},
                 {"seeds_never_reached", step.never_reached},
                 {"per_seed", per_seed_json(step)},
                 {"average_step", optional_or_null(avg)}};
        std::optional<double> step_ratio, avg_ratio;
        if (random) {
          const LabelsToError& r = random->to_error[i];
          const StepAverage& rs = acquired ? r.step_acquired : r.step_labelled;
          const auto ra = acquired ? r.average_acquired : r.average_labelled;
          if (step.reached.n > 0 && rs.reached.n > 0)
            step_ratio = ratio(step.reached.mean, rs.reached.mean);
          if (avg && ra) avg_ratio = ratio(static_cast<double>(*avg), static_cast<double>(*ra));
        }
        row["step_average_ratio_to_random"] = optional_or_null(step_ratio);
        row["average_step_ratio_to_random"] = optional_or_null(avg_ratio);
        rows.push_back(row);
      }
    }
  }
  return rows;
}

Json series_rows(const Report& report) {
  Json rows = Json::array();
  for (const SeriesReport& s : report.series) {
    Json seeds = Json::array();
    for (const LoopRun* r : s.series.runs) seeds.push_back(r->seed);
    const TimingSummary& t = s.timings;
    Json row{{"series", s.series.name},
             {"strategy", s.series.strategy},
             {"dataset", s.dataset},
             {"model", s.model},
             {"seeds", seeds},
             {"initial_labelled", s.initial_labelled},
             {"max_n_labelled",
              s.curves.points.empty() ? Json() : Json(s.curves.points.back().n_labelled)},
             {"auc_metric", report.options.metric},
             {"auc", number_or_null(s.auc)},
             {"rounds", t.rounds},
             {"train_ms_per_run", t.per_run_ms.train},
             {"score_ms_per_run", t.per_run_ms.score},
             {"select_ms_per_run", t.per_run_ms.select},
             {"eval_ms_per_run", t.per_run_ms.eval},
             {"total_ms_per_run", t.per_run_ms.total()},
             {"train_ms_per_round", t.per_round_ms.train},
             {"score_ms_per_round", t.per_round_ms.score},
             {"select_ms_per_round", t.per_round_ms.select},
             {"eval_ms_per_round", t.per_round_ms.eval},
             {"total_ms_per_round", t.per_round_ms.total()}};
    if (s.vs_random) {
      Json paired = Json::array();
      for (uint64_t seed : s.vs_random->seeds) paired.push_back(seed);
      row["seeds_paired_with_random"] = paired;
      row["accuracy_area_difference_to_random_mean"] =
          number_or_null(s.vs_random->area_difference.mean);
      row["accuracy_area_difference_to_random_ci95_half_width"] =
          number_or_null(s.vs_random->area_difference.half_width);
      static const char* const kThirdNames[3] = {"first", "middle", "last"};
      for (size_t k = 0; k < s.vs_random->thirds.size(); ++k) {
        const auto& third = s.vs_random->thirds[k];
        const std::string prefix =
            fmt::format("accuracy_area_difference_to_random_{}_third_", kThirdNames[k]);
        row[prefix + "mean"] = number_or_null(third.area_difference.mean);
        row[prefix + "ci95_half_width"] = number_or_null(third.area_difference.half_width);
        row[prefix + "from"] = third.from;
        row[prefix + "to"] = third.to;
      }
      row["sizes_above_random"] = s.vs_random->sizes_above;
      row["sizes_below_random"] = s.vs_random->sizes_below;
      row["sizes_compared_with_random"] = s.vs_random->points.size();
    }
    for (const auto& [k, v] : s.series.distinguishing) row["config." + k] = v;
    rows.push_back(row);
  }
  return rows;
}

Json published_rows(const Report& report) {
  Json rows = Json::array();
  for (const PublishedComparison& c : compare_published(report)) {
    Json row{{"paper", c.table->id},
             {"citation", c.table->citation},
             {"paper_method", c.table->method},
             {"paper_strategy", c.row->paper_name},
             {"series", c.ours->series.name},
             {"target_error", c.error},
             {"published_acquired", c.published},
             {"ours_average_step_acquired", optional_or_null(c.average_step)},
             {"ours_step_average_acquired", optional_or_null(c.step_average)}};
    row["average_step_minus_published"] =
        c.average_step ? Json(*c.average_step - c.published) : Json();
    rows.push_back(row);
  }
  return rows;
}

Json difference_to_random_rows(const Report& report) {
  Json rows = Json::array();
  for (const SeriesReport& s : report.series) {
    if (!s.vs_random) continue;
    for (const PairedPoint& p : s.vs_random->points)
      rows.push_back(
          {{"series", s.series.name},
           {"n_labelled", p.n_labelled},
           {"n_seeds", p.difference.n},
           {"accuracy_difference_mean", number_or_null(p.difference.mean)},
           {"accuracy_difference_sd", number_or_null(p.difference.sd)},
           {"accuracy_difference_ci95_half_width", number_or_null(p.difference.half_width)}});
  }
  return rows;
}

Json key_curve_rows(const Report& report) {
  Json rows = Json::array();
  for (const KeyCurve& c : report.key_curves)
    for (const KeyPoint& p : c.points)
      rows.push_back({{"key", c.key},
                      {"curve", c.name},
                      {"value", p.value},
                      {"n_labelled", p.point.n_labelled},
                      {"n_seeds", p.n_seeds},
                      {"accuracy_mean", number_or_null(p.point.accuracy.mean)},
                      {"accuracy_ci95", number_or_null(p.point.accuracy.half_width)},
                      {"nll_mean", number_or_null(p.point.nll.mean)},
                      {"nll_ci95", number_or_null(p.point.nll.half_width)},
                      {"train_accuracy_mean", number_or_null(p.point.train_accuracy.mean)},
                      {"train_accuracy_ci95", number_or_null(p.point.train_accuracy.half_width)},
                      {"train_seconds", p.train_seconds}});
  return rows;
}

std::string csv_cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string quoted = "\"";
    for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  }
  if (v.is_number_float()) return number_cell(v.get<double>());
  if (v.is_array()) {  // per-seed lists: ';'-separated, "never" for a seed that never got there
    std::string out;
    for (size_t i = 0; i < v.size(); ++i)
      out += (i ? ";" : "") + (v[i].is_null() ? std::string("never") : csv_cell(v[i]));
    return out;
  }
  return v.dump();
}

// Columns in the order of the first row (every row has the same keys, except
// config.* keys, which are collected from all rows).
std::string to_csv(const Json& rows) {
  std::vector<std::string> columns;
  for (const Json& row : rows)
    for (const auto& [k, v] : row.items())
      if (std::find(columns.begin(), columns.end(), k) == columns.end()) columns.push_back(k);
  std::string out = fmt::format("{}\n", fmt::join(columns, ","));
  for (const Json& row : rows) {
    std::vector<std::string> cells;
    for (const std::string& c : columns) cells.push_back(row.contains(c) ? csv_cell(row[c]) : "");
    out += fmt::format("{}\n", fmt::join(cells, ","));
  }
  return out;
}

}  // namespace

std::string number_cell(double value) {
  if (!std::isfinite(value)) return "";
  return fmt::format("{}", value);
}

nlohmann::ordered_json report_json(const Report& report) {
  Json errors = Json::array();
  for (double e : report.options.errors) errors.push_back(e);
  Json runs = Json::array();
  for (const LoopRun& r : report.runs)
    runs.push_back({{"dir", r.dir.string()},
                    {"strategy", r.strategy},
                    {"seed", r.seed},
                    {"rounds", r.rounds.size()},
                    {"torn_line_ignored", r.torn_line_ignored}});
  Json training = Json::array();
  for (const TrainingRun& t : report.training)
    training.push_back({{"dir", t.dir.string()}, {"label", t.label}, {"epochs", t.epochs.size()}});
  return Json{{"schema_version", core::kSchemaVersion},
              {"input", report.options.in_dir.string()},
              {"target_errors", errors},
              {"metric", report.options.metric},
              {"runs", runs},
              {"training_runs", training},
              {"notes", report.notes},
              {"series", series_rows(report)},
              {"learning_curves", learning_curve_rows(report)},
              {"labels_to_error", labels_to_error_rows(report)},
              {"published", published_rows(report)},
              {"difference_to_random", difference_to_random_rows(report)},
              {"key_curves", key_curve_rows(report)}};
}

std::vector<std::string> write_tables(const Report& report, const std::filesystem::path& out_dir) {
  const Json all = report_json(report);
  std::vector<std::string> written;
  auto csv = [&](const std::string& name, const Json& rows) {
    core::write_text_atomic(out_dir / name, to_csv(rows));
    written.push_back(name);
  };
  if (!report.series.empty()) {
    csv("series.csv", all["series"]);
    csv("learning_curves.csv", all["learning_curves"]);
    csv("labels_to_error.csv", all["labels_to_error"]);
  }
  if (!all["published"].empty()) csv("published.csv", all["published"]);
  if (!report.key_curves.empty()) csv("key_curves.csv", all["key_curves"]);
  if (!all["difference_to_random"].empty())
    csv("difference_to_random.csv", all["difference_to_random"]);
  core::write_text_atomic(out_dir / "report.json", all.dump(2) + "\n");
  written.push_back("report.json");
  return written;
}

}  // namespace bdal::report
