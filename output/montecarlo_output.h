// The Monte Carlo's results in HDF5 (group /montecarlo) and in the terminal.
#pragma once
#include <string>

#include "engine/scenario.h"
#include "montecarlo/monte_carlo.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes group /montecarlo: scales `year`, `quantile` (and `run` with kept paths); for each
/// outcome X datasets X_mean, X_sd, X_se over year and X_q over (year, quantile); the risk
/// probabilities with `_se` twins; run attributes. See docs/output-format.md.
void write_montecarlo(h5::Group& root, const Scenario& s, const MonteCarloResults& r);

/// The fan table for equity (P5, P50, P95 per year), the risk probabilities per year and over
/// the horizon, and the actual outcome's percentile when the scenario has one. In Swedish.
std::string montecarlo_report(const Scenario& s, const MonteCarloResults& r);

}  // namespace finsim
