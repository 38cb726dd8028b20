// The backtest in the result file (`/backtest`) and in the terminal, in Swedish.
#pragma once
#include <string>

#include "analysis/backtest.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes `/backtest`: scales `case`, `outcome` and `quantile`; `percentile`, `inside_90`,
/// `inside_50`, `band_width`, `actual` (case, outcome), `forecast_q` (case, outcome, quantile),
/// `coverage_90`, `coverage_50` (outcome).
void write_backtest(h5::Group& root, const Backtest& b);

/// Per case where each actual fell, then the coverage of each band and the verdict.
std::string backtest_report(const Backtest& b);

}  // namespace finsim
