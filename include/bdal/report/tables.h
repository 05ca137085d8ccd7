// The report's tables as files a script can read: CSV (one table per file,
// a header row, plain numbers, empty cell = no value) and one report.json
// holding all of them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bdal/report/report.h"

namespace bdal::report {

// A number as a CSV/markdown cell: shortest round-trip form; NaN -> "".
std::string number_cell(double value);

// Writes learning_curves.csv, labels_to_error.csv, series.csv,
// published.csv (when a protocol matched), difference_to_random.csv (when
// there is a random series to pair with) and report.json into `out_dir`;
// returns the file names written.
std::vector<std::string> write_tables(const Report& report, const std::filesystem::path& out_dir);

// The content of report.json (keys in the order the CSV columns have).
nlohmann::ordered_json report_json(const Report& report);

}  // namespace bdal::report
