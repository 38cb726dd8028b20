// The comparison of scenarios in HDF5 (group /compare) and in the terminal.
#pragma once
#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "input/scenario.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes group /compare: scales `scenario` (file stems, the base first), `year`, `quantile`; each
/// scenario's equity and breach probabilities and its paired differences from the base, its
/// yearly key table (every yearly dataset of `/deterministic`, over scenario × year) and its text
/// (`scenario_text`) (docs/output-format.md). `scenarios` are the compared scenarios, for their sources and texts.
void write_comparison(h5::Group& root, const Comparison& c, const std::vector<const Scenario*>& scenarios);

/// The comparison in Swedish: per year each scenario's equity band and risks, each variant's
/// paired difference from the base, and the variance reduction common random numbers gave.
std::string comparison_report(const Comparison& c);

}  // namespace finsim
