// The Monte Carlo's results in HDF5 (group /montecarlo) and in the terminal.
#pragma once
#include <string>

#include "engine/monte_carlo.h"
#include "input/scenario.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes group /montecarlo: scales `year`, `quantile` (and `run` with kept paths); for each
/// outcome X datasets X_mean, X_sd, X_se over year and X_q over (year, quantile); the risk
/// probabilities with `_se` twins; `actual_percentile` over the `outcome` scale; run attributes.
/// See docs/output-format.md.
void write_montecarlo(h5::Group& root, const Scenario& s, const MonteCarloResults& r);

/// A probability as the terminal shows it: "12,3 % ± 0,45" (± one standard error), or, when no
/// run or every run hit, the one-sided 95 % Clopper–Pearson bound "< 3,0 %" / "> 97,0 %".
std::string format_probability(const Probability& p, std::uint64_t runs);

/// A probability from `runs` Monte Carlo runs without its standard error, for tables of many:
/// "12,3 %"; when no run or every run hit, the same one-sided bounds ("< 0,1 %" / "> 99,9 %" at
/// 10 000 runs); a share that would read "0,0 %" or "100,0 %" has two decimals ("0,03 %",
/// "99,97 %"; "< 0,01 %" / "> 99,99 %" below that) (clarifications 68 and 86: never "0,0 %" or
/// "100,0 %"). NaN → "–".
std::string format_probability(double p, std::uint64_t runs);

/// The fan table for equity (P5, P50, P95 per year), the risk probabilities per year and over
/// the horizon, and the actual outcome's percentile when the scenario has one. In Swedish.
std::string montecarlo_report(const Scenario& s, const MonteCarloResults& r);

}  // namespace finsim
