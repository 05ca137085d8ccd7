// Writing the decision-boundary study (experiment/decision_boundary.h): the
// grid, points and picks as gnuplot data, one panel per strategy (its score
// as a heat map, the decision boundary, the labelled points and its next
// picks) as PNG and SVG, and the numbers as decision-boundary.json.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bdal/experiment/decision_boundary.h"

namespace bdal::report {

inline constexpr const char* kBoundaryStem = "decision-boundary";

// Per strategy: its picks (row, coordinates, score, predictive entropy and
// BALD there) and their means, the mean distance from a pick to the
// nearest labelled point and between two picks (how spread the batch is); the model's test accuracy
// and NLL; `about` (config, command) is stored as is.
nlohmann::json boundary_summary(const experiment::BoundaryMaps& maps, const nlohmann::json& about);

// Writes decision-boundary.{json,gp} and its .dat files into `out_dir`, and
// the PNG and SVG when `gnuplot` is not empty. Returns the files written.
std::vector<std::string> write_decision_boundary(const experiment::BoundaryMaps& maps,
                                                 const nlohmann::json& about,
                                                 const std::filesystem::path& out_dir,
                                                 const std::string& gnuplot);

}  // namespace bdal::report
