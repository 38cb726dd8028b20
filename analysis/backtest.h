// The backtest: past years' scenarios as they were known before each year, set against what
// happened (`[actual]`): where each actual fell in its forecast and how often the bands held.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/monte_carlo.h"
#include "engine/statistics.h"
#include "models/projection.h"

namespace finsim {

/// The outcomes a backtest checks, in `/backtest`'s `outcome` order (clarification 59).
inline constexpr std::array<const char*, 5> backtest_outcomes{"driftbidrag", "income", "costs", "result", "equity"};
inline constexpr std::size_t backtest_outcome_count = backtest_outcomes.size();

/// One past year: its forecast's quantiles and where the actual fell.
struct BacktestCase {
  std::string name;  ///< the file's stem
  std::string path;
  int year = 0;  ///< the [actual] year
  double expected_driftbidrag = 0.0;
  bool interrupted = false;                                 ///< the Monte Carlo was stopped: nothing else is filled
  std::array<double, backtest_outcome_count> actual{};      ///< NaN: not given
  std::array<double, backtest_outcome_count> percentile{};  ///< mid-rank, 0–1; NaN: not given
  std::array<double, backtest_outcome_count> inside_90{};   ///< 1 inside P5–P95 (inclusive), 0 outside, NaN
  std::array<double, backtest_outcome_count> inside_50{};   ///< the same for P25–P75
  std::array<double, backtest_outcome_count> band_width{};  ///< (P95 − P5) ÷ the year's expected driftbidrag
  /// outcome × quantile_levels (type 7)
  std::array<std::array<double, quantile_levels.size()>, backtest_outcome_count> quantiles{};
};

/// Every case and the verdict over them.
struct Backtest {
  std::vector<BacktestCase> cases;
  std::array<double, backtest_outcome_count> coverage_90{}, coverage_50{};  ///< share inside; NaN: no case
  std::array<int, backtest_outcome_count> counted{};                        ///< cases with the outcome given
  std::uint64_t runs = 0, seed = 0;
};

/// The case files of the paths given (clarification 59): a folder stands for its `*.toml` files,
/// sorted, not recursive. Each file counts once, by its real path (links and `..` resolved), at
/// the place it is first named: a file given twice, or a folder and a file in it, is one case.
/// Throws InputError naming the path for a link loop, a folder that cannot be read or holds no
/// scenario files.
std::vector<std::string> backtest_files(const std::vector<std::string>& given);

/// The longest horizon of the cases, in years: they run one after another, so the memory a
/// backtest needs is the longest case's.
int longest_horizon(const std::vector<PreparedScenario>& cases);

/// Throws InputError naming the file when `s` has no `[actual]` table to check against.
void check_backtest_case(const Scenario& s);

/// Runs the Monte Carlo of one past year's scenario (which must have `[actual]`) and places the
/// actual figures in its forecast. `mc` gives the runs, seed and threads; its observer is set here.
BacktestCase backtest_case(const PreparedScenario& p, MonteCarloSettings mc);

/// The coverage of each band over the cases, per outcome.
Backtest summarise_backtest(std::vector<BacktestCase> cases, std::uint64_t runs, std::uint64_t seed);

/// P(X ≤ k) for X ~ Binomial(n, p): how surprising a coverage of k of n is against nominal p.
double binomial_cdf(int k, int n, double p);

}  // namespace finsim
