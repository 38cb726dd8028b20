// The merger's impact: the separate förbund and the merged one run with common random numbers,
// side by side per year, and per kommun who pays against who benefits (clarification 50).
#pragma once
#include <string>
#include <vector>

#include "analysis/merger.h"
#include "engine/monte_carlo.h"
#include "models/finance.h"
#include "models/projection.h"

namespace finsim {

/// What `/merger` holds: per scenario (the separate förbund, then the merged) and year, and per
/// kommun of the merged förbund and year.
struct MergerImpact {
  std::vector<std::string> scenarios;  ///< the separate förbund's names, then the merged förbund's
  std::vector<std::string> kommuner;
  std::vector<double> population;  ///< per kommun
  int first_year = 0, years = 0;
  std::uint64_t runs = 0;  ///< the Monte Carlo's runs of every förbund (one seed)
  /// scenario × year; deterministic (expected values) unless said
  YearTable driftbidrag, state_allocation, admin_costs, admin_share, served, exits_work_studies;
  YearTable p_equity_above_cap, p_equity_below_floor, p_cash_negative;  ///< Monte Carlo
  std::vector<double> equity_ratio_q;  ///< scenario × year × quantile_levels (Monte Carlo)
  /// kommun × year
  YearTable kommun_contribution_separate, kommun_contribution_merged, kommun_starts, kommun_starts_per_10000,
      kommun_value_of_exits,      ///< the residents' value, all payers, first horizon (NaN without [valuation])
      kommun_value_of_exits_own;  ///< the kommun's own value (payer "kommun" or its name), first horizon
  /// Per payer of [valuation] (its order) × year: the merged förbund's value of exits, first horizon.
  std::vector<std::string> payers;
  YearTable payer_value_of_exits;
  int value_horizon = 0;  ///< the first horizon of [valuation] (years); 0 without one
  /// Kansli + styrelse of the separate förbund summed less the merged one's, per year (SEK).
  std::vector<double> admin_saving;
  std::vector<std::string> admin_summed;    ///< MergedScenario::admin_summed: kinds kept as the förbund's sum
  std::vector<double> admin_summed_amount;  ///< MergedScenario::admin_summed_amount
  /// Per year: the base amounts the merger loses, the separate förbund's less the merged one's
  /// (SEK; clarification 83). NaN where a förbund has no [funding.allocation]: not modelled.
  std::vector<double> lost_base_amounts;
  int lost_base_amount_count = 0;         ///< n − 1: one base amount instead of n, modelled or not
  std::vector<double> equity_brought_in;  ///< per separate förbund: the equity it brings in (SEK)
  bool dropped = false;                   ///< insatser were left behind: participants and exits change
  bool interrupted = false;
  PreparedScenario merged;           ///< the merged scenario as run
  MonteCarloResults merged_results;  ///< its Monte Carlo
};

/// Runs every separate förbund (under the merged names: `m.separate`) and the merged one (written
/// to `merged_path`) with `settings` (one seed: common random numbers) and gathers the comparison.
MergerImpact merger_impact(const std::vector<std::string>& paths, const MergedScenario& m,
                           const std::string& merged_path, const MonteCarloSettings& settings);

}  // namespace finsim
