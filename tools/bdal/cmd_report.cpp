// `bdal report DIR`: tables, figures and report.md from the records of
// `bdal run` / `bdal sweep` / `bdal train` under DIR (see docs/report.md).
#include <fmt/format.h>

#include <memory>

#include "bdal/report/report.h"
#include "commands.h"

namespace bdal::cli {

void add_report_command(CLI::App& app, GlobalOptions& /*global*/) {
  auto options = std::make_shared<report::ReportOptions>();
  auto dir = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto no_figures = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "report",
      "Report on the runs under DIR (every rounds.jsonl / epochs.jsonl, recursively): "
      "report.md, CSV/JSON tables, PNG/SVG figures (gnuplot)");
  cmd->add_option("dir", *dir, "Directory holding run directories (a run, a sweep, runs/...)")
      ->required();
  cmd->add_option("--out", *out, "Output directory (default DIR/report)");
  cmd->add_option("--errors", options->errors,
                  "Target test errors for the labels-to-error tables (default 0.10,0.05)")
      ->delimiter(',');
  std::vector<std::string> metric_names;
  for (report::Metric m : report::curve_metrics()) metric_names.push_back(report::metric_name(m));
  cmd->add_option("--metric", options->metric,
                  fmt::format("Metric of the learning-curve table and AUC in report.md: {} "
                              "(default accuracy)",
                              fmt::join(metric_names, ", ")));
  cmd->add_flag("--no-figures", *no_figures, "Do not draw figures (no gnuplot needed)");
  cmd->callback([options, dir, out, no_figures] {
    report::ReportOptions o = *options;
    o.in_dir = *dir;
    o.out_dir = *out;
    o.figures = !*no_figures;
    const report::Report r = report::build_report(o);
    fmt::print(stderr, "read {} run(s) in {} series and {} training run(s) under {}\n",
               r.runs.size(), r.series.size(), r.training.size(), o.in_dir.string());
    report::write_report(r,
                         [](const std::string& file) { fmt::print(stderr, "wrote {}\n", file); });
    fmt::print("{}\n", (o.resolved_out_dir() / "report.md").string());
  });
}

}  // namespace bdal::cli
