// Side-by-side comparison of a base scenario and its variants with common random numbers: every
// scenario runs the same replication indices with the same seed, so every number they share is
// drawn identically and the differences are paired run by run (docs/planning-day.md).
#pragma once
#include <array>
#include <string>
#include <vector>

#include "engine/monte_carlo.h"
#include "models/projection.h"

namespace finsim {

/// One scenario's paired differences against the base, per year (all 0 for the base itself).
struct PairedDifference {
  std::vector<Summary> equity;          ///< year-end equity, variant − base, over the runs
  std::vector<double> p_equity_higher;  ///< share of runs where the variant's equity > the base's
  /// Per breach (registry order): mean of the paired indicator differences and its se.
  std::array<std::vector<Probability>, breach_count> breach;
  /// (var base + var variant) ÷ var of the paired difference (NaN for the base and when 0).
  std::vector<double> crn_variance_ratio;
};

/// The comparison: each scenario's Monte Carlo and its paired difference from the base.
struct Comparison {
  std::vector<std::string> names;  ///< file stems, the base first
  int first_year = 0, years = 0;
  std::uint64_t runs = 0, seed = 0;
  std::vector<MonteCarloResults> results;     ///< per scenario
  std::vector<PairedDifference> differences;  ///< per scenario
  /// Per scenario: its expected-value projection (the deterministic run; the base's is the one
  /// `/deterministic` holds), whose yearly key table `/compare` stores (clarification 83).
  std::vector<Projection> expected;
  bool interrupted = false;
};

/// Refuses scenarios that cannot be compared: another first_year or horizon than the base's, or a
/// stem given twice (InputError naming them).
void check_comparable(const std::vector<const Scenario*>& scenarios, const std::vector<std::string>& names);

/// Runs the Monte Carlo of every scenario (the base first) with `settings` (one seed, the same
/// replication indices) and pairs the variants' runs with the base's. `settings.progress`, when
/// given, is called with the replications finished over all scenarios together.
Comparison compare(const std::vector<PreparedScenario>& scenarios, const std::vector<std::string>& names,
                   const MonteCarloSettings& settings);

}  // namespace finsim
