#include "bdal/report/markdown.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

#include "bdal/report/figures.h"
#include "bdal/report/tables.h"

namespace bdal::report {
namespace {

std::string fixed(double v, int digits) {
  return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : "n/a";
}

std::string percent(double error) { return fmt::format("{:g}%", error * 100.0); }

std::string optional_count(const std::optional<int64_t>& n) {
  return n ? fmt::format("{}", *n) : "not reached";
}

std::string optional_ratio(const std::optional<double>& r) {
  return r ? fmt::format("{:.2f}", *r) : "–";
}

std::string per_seed(const Series& series, const StepAverage& s) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < s.per_seed.size(); ++i)
    parts.push_back(fmt::format("s{}: {}", series.runs[i]->seed,
                                s.per_seed[i] ? fmt::format("{}", *s.per_seed[i]) : "never"));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string step_cell(const StepAverage& s) {
  if (s.reached.n == 0) return "not reached";
  return s.reached.n >= 2 ? fmt::format("{:.1f} ± {:.1f}", s.reached.mean, s.reached.sd)
                          : fmt::format("{:.1f}", s.reached.mean);
}

void inputs_section(const Report& report, std::string& md) {
  md += "## What was read\n\n";
  md += fmt::format("{} active-learning run(s) in {} series, {} training run(s), under `{}`.\n\n",
                    report.runs.size(), report.series.size(), report.training.size(),
                    report.options.in_dir.string());
  if (!report.series.empty()) {
    md +=
        "| series | dataset | model | seeds | initial labelled | rounds per seed |\n"
        "|---|---|---|---|---:|---|\n";
    for (const SeriesReport& s : report.series) {
      std::vector<std::string> seeds, rounds;
      for (const LoopRun* r : s.series.runs) {
        seeds.push_back(fmt::format("{}", r->seed));
        rounds.push_back(fmt::format("{}", r->rounds.size()));
      }
      md += fmt::format("| {} | {} | {} | {} | {} | {} |\n", s.series.name, s.dataset, s.model,
                        fmt::join(seeds, ", "), s.initial_labelled, fmt::join(rounds, ", "));
    }
    md += fmt::format(
        "\nA series is one strategy plus the config keys that differ between the runs read "
        "(ignoring {}); its runs differ only by seed and are the replicates. Means are over "
        "seeds; a 95% confidence interval is mean ± t(0.975, n−1)·sd/√n with the sample sd.\n\n",
        fmt::join(keys_ignored_for_series(), ", "));
  }
  if (!report.notes.empty()) {
    md += "Notes:\n\n";
    for (const std::string& n : report.notes) md += "- " + n + "\n";
    md += "\n";
  }
}

bool any_seed_reached(const Report& report, size_t target) {
  for (const SeriesReport& s : report.series)
    if (s.to_error[target].step_acquired.reached.n > 0) return true;
  return false;
}

// A target no run reaches (10% error on Fashion-MNIST, say) leaves an empty
// table; say where the curves did get to so the reader can pick targets.
std::string unreached_hint(const Report& report, double error) {
  double best_accuracy = -1;
  const SeriesReport* best = nullptr;
  int64_t best_n = 0;
  for (const SeriesReport& s : report.series) {
    const Curve mean = s.curves.mean(Metric::kAccuracy);
    for (size_t j = 0; j < mean.value.size(); ++j)
      if (mean.value[j] > best_accuracy) {
        best_accuracy = mean.value[j];
        best = &s;
        best_n = mean.n_labelled[j];
      }
  }
  if (!best) return "";
  return fmt::format(
      "No run reached {} test error. The lowest error of any seed-averaged curve is {:.2f}% "
      "({}, {} labelled); choose targets the runs reach with `bdal report --errors`.\n\n",
      percent(error), 100.0 * (1.0 - best_accuracy), best->series.name, best_n);
}

void labels_section(const Report& report, std::string& md) {
  md += "## Labels needed to reach a test error\n\n";
  md +=
      "Test error = 1 − test accuracy. **Labelled** points = n_labelled, the initial labelled "
      "set included; **acquired** points = n_labelled − the initial set (n_labelled of round "
      "0), the count papers report.\n\n"
      "- **Step-Average**: for each seed, the first n_labelled whose error is ≤ the target; "
      "then mean ± sample sd over the seeds that reached it (per-seed values listed; "
      "\"never\" = that seed's run ended before reaching it, and it is not in the mean).\n"
      "- **Average-Step**: the first n_labelled at which the seed-averaged accuracy curve has "
      "error ≤ the target.\n"
      "- **÷ random**: the series' value divided by the `random` series' (same other keys); "
      "below 1 means fewer labels than random.\n\n";
  for (size_t i = 0; i < report.options.errors.size(); ++i) {
    const double e = report.options.errors[i];
    md += fmt::format("### Test error ≤ {} (accuracy ≥ {:g})\n\n", percent(e), 1.0 - e);
    md +=
        "| series | Step-Average acquired | ÷ random | Average-Step acquired | ÷ random | "
        "Step-Average labelled | Average-Step labelled | seeds never reaching | per seed "
        "(acquired) |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
    for (const SeriesReport& s : report.series) {
      const LabelsToError& t = s.to_error[i];
      const SeriesReport* random = report.random_for(s);
      std::optional<double> step_ratio, avg_ratio;
      if (random) {
        const LabelsToError& r = random->to_error[i];
        if (t.step_acquired.reached.n > 0 && r.step_acquired.reached.n > 0)
          step_ratio = ratio(t.step_acquired.reached.mean, r.step_acquired.reached.mean);
        if (t.average_acquired && r.average_acquired)
          avg_ratio = ratio(static_cast<double>(*t.average_acquired),
                            static_cast<double>(*r.average_acquired));
      }
      md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} of {} | {} |\n", s.series.name,
                        step_cell(t.step_acquired), optional_ratio(step_ratio),
                        optional_count(t.average_acquired), optional_ratio(avg_ratio),
                        step_cell(t.step_labelled), optional_count(t.average_labelled),
                        t.step_acquired.never_reached, t.step_acquired.per_seed.size(),
                        per_seed(s.series, t.step_acquired));
    }
    md += "\n";
    if (!report.series.empty() && !any_seed_reached(report, i)) md += unreached_hint(report, e);
  }
}

void published_section(const Report& report, std::string& md) {
  const auto comparisons = compare_published(report);
  if (comparisons.empty()) return;
  md += "## Published numbers side by side\n\n";
  std::set<std::string> shown;
  for (const PublishedComparison& c : comparisons) {
    if (!shown.insert(c.table->id).second) continue;
    md += fmt::format(
        "The runs follow the protocol of {} (dataset {}, model {}). Its numbers are acquired "
        "images (initial set not included), from {}. Ours: acquired points as above; "
        "difference = our Average-Step − published. The protocol is recognised from dataset and "
        "model only: runs shortened in rounds or epochs are compared all the same.\n\n",
        c.table->citation, c.table->dataset, c.table->model, c.table->method);
    md +=
        "| method (paper) | series | target error | published | ours Average-Step | "
        "difference | ours Step-Average |\n|---|---|---:|---:|---:|---:|---:|\n";
    for (const PublishedComparison& d : comparisons) {
      if (d.table != c.table) continue;
      md += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", d.row->paper_name,
                        d.ours->series.name, percent(d.error), d.published,
                        optional_count(d.average_step),
                        d.average_step ? fmt::format("{:+}", *d.average_step - d.published) : "–",
                        d.step_average ? fixed(*d.step_average, 1) : "not reached");
    }
    md += "\n";
  }
}

void curves_section(const Report& report, std::string& md) {
  const Metric metric = parse_metric(report.options.metric);
  md += fmt::format("## Learning curves: {}\n\n", metric_label(metric));
  md +=
      "Mean ± 95% CI half-width over seeds, at each labelled-set size (initial set "
      "included). Only n_labelled values present in every seed of a series are averaged. Every "
      "metric (test accuracy, NLL and mean mutual information; accuracy on the labelled set "
      "where the records keep it) is in `learning_curves.csv`.\n\n";
  std::set<int64_t> all_n;
  for (const SeriesReport& s : report.series)
    for (const CurvePoint& p : s.curves.points) all_n.insert(p.n_labelled);
  md += "| labelled |";
  std::string rule = "|---:|";
  for (const SeriesReport& s : report.series) {
    md += fmt::format(" {} (n={}) |", s.series.name, s.curves.n_seeds);
    rule += "---:|";
  }
  md += "\n" + rule + "\n";
  const int digits = 4;
  for (int64_t n : all_n) {
    md += fmt::format("| {} |", n);
    for (const SeriesReport& s : report.series) {
      std::string cell = " ";
      for (const CurvePoint& p : s.curves.points)
        if (p.n_labelled == n)
          cell = fmt::format(" {} ± {} ", fixed(p.of(metric).mean, digits),
                             fixed(p.of(metric).half_width, digits));
      md += cell + "|";
    }
    md += "\n";
  }
  md += "\n";
}

// "+0.0123 ± 0.0045": a signed difference and its 95% half-width.
std::string signed_interval(const Summary& v) {
  if (!std::isfinite(v.half_width)) return fmt::format("{:+.4f} (one seed)", v.mean);
  return fmt::format("{:+.4f} ± {:.4f}", v.mean, v.half_width);
}

void minus_random_section(const Report& report, std::string& md) {
  if (!report.has_paired_differences()) return;
  md += "## Test accuracy minus random's, paired by seed\n\n";
  md +=
      "Seed s of a strategy and seed s of `random` start from the same labelled set, subsets "
      "and model, so the comparison is made seed by seed: d_s(n) = accuracy_s(n) − "
      "random_s(n), then the mean and 95% CI of d over the paired seeds (usually tighter than "
      "reading two overlapping bands, since a seed's two curves rise and fall together). "
      "**Area difference**: per seed, the series' AUC minus random's over the sizes every "
      "paired seed has, i.e. the mean accuracy gap: the one overall comparison. **Above / "
      "below**: labelled-set sizes at which the interval of d lies wholly above / below 0; each "
      "size has its own interval and neighbouring sizes move together, so these counts "
      "describe the curve and are not a test. **First / middle / last third**: the area "
      "difference over each third of the compared range (split at the sizes in the last "
      "column): where the series gains or loses. Every point is in "
      "`difference_to_random.csv`.\n\n"
      "| series | paired seeds | area difference (mean ± 95% CI) | first third | middle third | "
      "last third | sizes above random | sizes below random | sizes compared | thirds split at "
      "|\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for (const SeriesReport& s : report.series) {
    if (!s.vs_random) continue;
    const PairedDifference& d = *s.vs_random;
    std::string thirds[3] = {"–", "–", "–"}, split = "–";
    if (d.thirds.size() == 3) {
      for (size_t k = 0; k < 3; ++k) thirds[k] = signed_interval(d.thirds[k].area_difference);
      split = fmt::format("{}, {}", d.thirds[0].to, d.thirds[1].to);
    }
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", s.series.name,
                      fmt::join(d.seeds, ", "), signed_interval(d.area_difference), thirds[0],
                      thirds[1], thirds[2], d.sizes_above, d.sizes_below, d.points.size(), split);
  }
  md += "\n";
}

void summary_section(const Report& report, std::string& md) {
  md += "## Area under the learning curve and wall time\n\n";
  md += fmt::format(
      "AUC = trapezoid area under the seed-averaged {} curve over n_labelled, divided by the "
      "n_labelled range (so it reads as the curve's average height). Wall time from the "
      "rounds' `timings_ms`: mean over seeds of a run's total, and mean per round.\n\n",
      report.options.metric);
  md +=
      "| series | labelled range | AUC | train / run | score / run | select / run | eval / run | "
      "total / run | total / round |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  // Short runs (two-moons) take milliseconds; MNIST rounds take minutes.
  auto secs = [](double ms) {
    return ms < 1000.0 ? fmt::format("{:.0f} ms", ms) : fmt::format("{:.1f} s", ms / 1000.0);
  };
  for (const SeriesReport& s : report.series) {
    const auto& t = s.timings;
    const std::string range = s.curves.points.empty()
                                  ? "–"
                                  : fmt::format("{}–{}", s.curves.points.front().n_labelled,
                                                s.curves.points.back().n_labelled);
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", s.series.name, range,
                      fixed(s.auc, 4), secs(t.per_run_ms.train), secs(t.per_run_ms.score),
                      secs(t.per_run_ms.select), secs(t.per_run_ms.eval),
                      secs(t.per_run_ms.total()), secs(t.per_round_ms.total()));
  }
  md += "\n";

  // What acquiring costs on top of training, per round: the strategies differ
  // here (BatchBALD's greedy joint entropies, BADGE's k-means++, ...).
  md +=
      "### Acquisition cost per round\n\n"
      "Mean over the rounds that acquired (all but a finished run's last), all seeds: "
      "**score** = what the strategy needs computed "
      "(MC-dropout predictions of the pool, embeddings, augmented predictions), **select** = "
      "the strategy's own work on them; **share** = score + select over the whole of those "
      "rounds (training and evaluation included).\n\n"
      "| series | score / round | select / round | score + select / round | share of the round "
      "|\n|---|---:|---:|---:|---:|\n";
  for (const SeriesReport& s : report.series) {
    const PhaseTimes& a = s.timings.per_acquisition_ms;
    const double acquire = a.score + a.select;
    md += fmt::format("| {} | {} | {} | {} | {} |\n", s.series.name, secs(a.score), secs(a.select),
                      secs(acquire),
                      a.total() > 0 ? fmt::format("{:.1f}%", 100.0 * acquire / a.total()) : "–");
  }
  md += "\n";
}

void key_curves_section(const Report& report, std::string& md) {
  if (report.key_curves.empty()) return;
  md += "## Metrics against a swept key\n\n";
  md +=
      "Runs that recorded one round each (training only, `rounds: 0`): at each value of the "
      "swept key, mean ± 95% CI half-width over seeds. Train accuracy is the MC accuracy on the "
      "labelled set; train time the mean over seeds. Table: `key_curves.csv`.\n\n";
  for (const KeyCurve& c : report.key_curves) {
    md += fmt::format("### {} ({})\n\n", c.key, c.name);
    md += fmt::format(
        "| {} | labelled | seeds | test accuracy | test NLL | train accuracy | train time (s) "
        "|\n|---:|---:|---:|---:|---:|---:|---:|\n",
        c.key);
    for (const KeyPoint& p : c.points)
      md += fmt::format("| {:g} | {} | {} | {} ± {} | {} ± {} | {} ± {} | {} |\n", p.value,
                        p.point.n_labelled, p.n_seeds, fixed(p.point.accuracy.mean, 4),
                        fixed(p.point.accuracy.half_width, 4), fixed(p.point.nll.mean, 4),
                        fixed(p.point.nll.half_width, 4), fixed(p.point.train_accuracy.mean, 4),
                        fixed(p.point.train_accuracy.half_width, 4), fixed(p.train_seconds, 2));
    md += "\n";
  }
}

void figures_section(const Report& report, std::string& md) {
  if (!report.options.figures) {
    md += "Figures were not drawn (`--no-figures`).\n\n";
    return;
  }
  md += "## Figures\n\n";
  if (report.has_learning_curves()) {
    for (Metric m : curve_metrics())
      if (report.has_values(m))
        md += fmt::format("![{} vs labelled points](learning-curve-{}.png)\n\n", metric_label(m),
                          metric_name(m));
    if (report.has_values(Metric::kTrainAccuracy))
      md += fmt::format("![test and train accuracy vs labelled points]({}.png)\n\n",
                        kTrainAndTestStem);
    if (report.has_paired_differences())
      md += fmt::format("![test accuracy minus random's, paired by seed]({}.png)\n\n",
                        kMinusRandomStem);
  }
  if (report.has_learning_curves() || !swept_keys(report).empty()) {
    md +=
        "Bands: 95% Student-t confidence interval of the mean over seeds. Each figure also "
        "exists as SVG, with the gnuplot script (`.gp`) and data (`.dat`) it was drawn "
        "from.\n\n";
  }
  for (const std::string& key : swept_keys(report))
    md += fmt::format("![metrics against {}]({}.png)\n\n", key, key_figure_stem(key));
  if (!report.training.empty()) {
    md += "![training curves](training-curves.png)\n\n";
  }
}

void training_section(const Report& report, std::string& md) {
  if (report.training.empty()) return;
  md += "## Full-dataset training (`bdal train`)\n\n";
  md +=
      "Train NLL is the mean minibatch cross-entropy with dropout on; test metrics are "
      "evaluated at the end of each epoch.\n\n| run | epochs | last train NLL | last train "
      "accuracy | last test NLL | last test accuracy | best test accuracy (epoch) |\n"
      "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const TrainingRun& t : report.training) {
    const EpochPoint& last = t.epochs.back();
    const EpochPoint* best = nullptr;
    for (const EpochPoint& e : t.epochs)
      if (e.has_test && (!best || e.test_accuracy > best->test_accuracy)) best = &e;
    md += fmt::format(
        "| {} (`{}`) | {} | {} | {} | {} | {} | {} |\n", t.label, t.dir.string(), t.epochs.size(),
        fixed(last.train_nll, 4), fixed(last.train_accuracy, 4),
        last.has_test ? fixed(last.test_nll, 4) : "–",
        last.has_test ? fixed(last.test_accuracy, 4) : "–",
        best ? fmt::format("{} ({})", fixed(best->test_accuracy, 4), best->epoch) : "–");
  }
  md += "\n";
}

}  // namespace

std::string render_markdown(const Report& report) {
  std::string md = "# bdal report\n\n";
  md += "Made by `bdal report` from the records under `" + report.options.in_dir.string() +
        "`. Definitions of every number: docs/report.md. Tables: `series.csv`, "
        "`learning_curves.csv`, `labels_to_error.csv`, `published.csv` (when a published "
        "protocol matched), `difference_to_random.csv` (when a series pairs with random) and "
        "all of them in `report.json`.\n\n";
  inputs_section(report, md);
  if (!report.series.empty()) {
    labels_section(report, md);
    published_section(report, md);
    summary_section(report, md);
    minus_random_section(report, md);
    curves_section(report, md);
  }
  key_curves_section(report, md);
  training_section(report, md);
  figures_section(report, md);
  return md;
}

}  // namespace bdal::report
