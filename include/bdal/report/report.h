// `bdal report`: everything a report says, computed from the records under
// a directory (build_report), and written as report.md, CSV/JSON tables and
// gnuplot figures (write_report). The numbers are defined in docs/report.md.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bdal/report/curves.h"
#include "bdal/report/key_curves.h"
#include "bdal/report/labels_to_error.h"
#include "bdal/report/paired_difference.h"
#include "bdal/report/published.h"
#include "bdal/report/runs.h"
#include "bdal/report/training_curves.h"

namespace bdal::report {

struct ReportOptions {
  std::filesystem::path in_dir;   // searched recursively for records (required)
  std::filesystem::path out_dir;  // default: in_dir/report
  // Target test errors for the labels-to-error tables (each in (0, 1)).
  std::vector<double> errors{0.10, 0.05};
  // The metric of report.md's learning-curve table and of the AUC column.
  std::string metric = "accuracy";
  bool figures = true;  // PNG + SVG through gnuplot
  // Throws UsageError naming the option and value.
  void validate() const;
  std::filesystem::path resolved_out_dir() const;
};

// Labels needed for one target error, in labelled and in acquired points.
struct LabelsToError {
  double error = 0.0;
  StepAverage step_labelled, step_acquired;
  std::optional<int64_t> average_labelled, average_acquired;
};

struct SeriesReport {
  Series series;
  std::string dataset, model;  // of the series' first run
  int64_t initial_labelled = 0;
  SeriesCurves curves;
  std::vector<LabelsToError> to_error;  // one per ReportOptions::errors
  double auc = 0.0;                     // of the mean curve of ReportOptions::metric
  TimingSummary timings;
  // Test accuracy minus the random series' (Report::random_for), paired by
  // seed; unset for random itself and when no seed is in both.
  std::optional<PairedDifference> vs_random;
};

struct Report {
  ReportOptions options;
  std::vector<LoopRun> runs;
  std::vector<SeriesReport> series;
  std::vector<KeyCurve> key_curves;  // metrics against a swept key (training-only sweeps)
  std::vector<TrainingRun> training;
  std::vector<std::string> notes;  // torn lines ignored, ragged seeds, ...

  // Whether some series has a value of `metric` at some point (records
  // written before train metrics were kept have none).
  bool has_values(Metric metric) const;

  // Whether some series has two or more labelled-set sizes: a training-only
  // sweep (one size per series) has no learning curves to draw.
  bool has_learning_curves() const;

  // Whether some series has a paired difference to random (vs_random).
  bool has_paired_differences() const;

  // The random series with the same distinguishing keys as `s`, or nullptr.
  const SeriesReport* random_for(const SeriesReport& s) const;
};

// One published count beside ours (acquired points, Average-Step and Step-Average).
struct PublishedComparison {
  const PublishedTable* table = nullptr;
  const PublishedRow* row = nullptr;
  const SeriesReport* ours = nullptr;
  double error = 0.0;
  int64_t published = 0;
  std::optional<int64_t> average_step;  // ours, acquired
  std::optional<double> step_average;   // ours, mean acquired over the seeds that reached it
};
// For every series whose dataset/model match a published protocol and whose
// strategy the paper reports, and every target error the paper reports.
std::vector<PublishedComparison> compare_published(const Report& report);

// Reads and computes; UsageError when `in_dir` holds no rounds.jsonl or epochs.jsonl.
Report build_report(const ReportOptions& options);

// Writes report.md, the tables and (unless disabled) the figures into the
// output directory; `log` gets one line per file written.
void write_report(const Report& report, const std::function<void(const std::string&)>& log);

}  // namespace bdal::report
