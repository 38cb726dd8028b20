// The sensitivity analysis in HDF5 (group /sensitivity) and in the terminal.
#pragma once
#include <string>

#include "analysis/sensitivity.h"
#include "input/scenario.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes group /sensitivity: scales `factor`, `outcome`, `year`, `bound`, `swing_factor`; the
/// Sobol indices and their intervals (factor, outcome, year), `outcome_variance`, the tornado,
/// `factor_paths` (docs/output-format.md). A method not run leaves its datasets out.
void write_sensitivity(h5::Group& root, const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings);

/// A Sobol index as a report shows it: within 0–1 (an index is a share of the variance; an
/// estimate outside is noise), NaN kept. The file keeps the estimate as computed; the terminal
/// and the workbook show this, with a note where it differs.
double shown_index(double x);

/// The factors, the tornado as a ranked table with character bars, and the Sobol table for the
/// chosen output and year, sorted by total index, in Swedish.
std::string sensitivity_report(const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings);

}  // namespace finsim
