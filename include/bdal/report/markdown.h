// report.md: the human-readable report — what was read, learning curves,
// labels to reach each target error (Step-Average and Average-Step, in
// labelled and acquired points, and relative to random), area under the
// curve, wall time, published numbers side by side, and the figures.
#pragma once

#include <string>

#include "bdal/report/report.h"

namespace bdal::report {

std::string render_markdown(const Report& report);

}  // namespace bdal::report
