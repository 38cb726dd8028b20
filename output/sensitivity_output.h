// The sensitivity analysis in HDF5 (group /sensitivity) and in the terminal.
#pragma once
#include <string>

#include "analysis/sensitivity.h"
#include "input/scenario.h"
#include "output/hdf5_file.h"
#include "output/hdf5_reader.h"

namespace finsim {

/// Writes group /sensitivity: scales `factor`, `outcome`, `year`, `bound`, `swing_factor`; the
/// Sobol indices and their intervals (factor, outcome, year), `outcome_variance`, the tornado,
/// `factor_paths` (docs/output-format.md). A method not run leaves its datasets out.
void write_sensitivity(h5::Group& root, const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings);

/// A Sobol index as a report shows it: within 0–1 (an index is a share of the variance; an
/// estimate outside is noise), NaN kept. The file keeps the estimate as computed; the terminal
/// and the workbook show this, with a note where it differs.
double shown_index(double x);

/// How the Sobol intervals were computed, as /sensitivity's attribute `interval` names it: "delta"
/// (asymptotic, the default) or "bootstrap" (with --resamples).
const char* interval_method(const SensitivitySettings& settings);
/// Where a stored Sobol table's 95 % intervals come from, in Swedish for the reports: "deltametoden"
/// or "bootstrap" (a file written before `interval` was kept: bootstrap, the only method then).
std::string interval_source(const h5::Reader& file);

/// The tornado as a result file holds it (/sensitivity), for the reports that read it back.
struct StoredTornado {
  double base = 0.0;
  std::vector<std::string> rows;  ///< the factors' machine names (swing_factor)
  std::vector<double> low, high, input_low, input_high, fixed;
  std::vector<double> input_year, input_varies;  ///< empty in files written before they were kept
  double fixed_swing = 0.0;                      ///< ±F of the fixed amounts (NaN: not in the file)
  std::vector<std::size_t> order;                ///< the rows by swing, largest first, uncertain and fixed alike

  /// "2018", "2018; olika per år", or "" where the file keeps no year.
  std::string input_year_text(std::size_t i) const;
};
StoredTornado read_tornado(const h5::Reader& file);

/// The factors, the tornado as a ranked table with character bars, and the Sobol table for the
/// chosen output and year, sorted by total index, in Swedish.
std::string sensitivity_report(const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings);

}  // namespace finsim
