// The helårsprognos of a scenario with `[year_to_date]`: per line the budget, the actual to date
// and the full-year forecast with its band, and the year's result and closing equity.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/monte_carlo.h"
#include "models/projection.h"

namespace finsim {

/// The first year's forecast, line by line (driftbidrag, incomes, costs, insatser) as
/// `/forecast` stores it (clarifications 54–57).
struct YearForecast {
  YearMonth through;
  ForecastMethod method = ForecastMethod::model;
  bool from_monte_carlo = false;  ///< false: `--deterministic`, the `_q` figures are NaN
  std::vector<std::string> lines;
  std::vector<bool> income;   ///< an income line (driftbidrag, [[income]]): deviation = forecast − budget
  std::vector<bool> flagged;  ///< forecast from its budget: no actual given (or pace with no month so far)
  std::vector<double> budget, actual_to_date, forecast_mean, deviation_from_budget;
  /// The budget to `through` on the booking basis, and the actual's deviation from it (positive:
  /// better, as deviation_from_budget; NaN where no actual is given).
  std::vector<double> budget_to_date, deviation_to_date;
  std::vector<double> forecast_q;  ///< line × quantile_levels, row-major
  double result_mean = 0.0, equity_mean = 0.0;
  std::vector<double> result_q, equity_q;  ///< per quantile level
  BookingBasis basis = BookingBasis::paid;
  std::vector<std::string> assumption;  ///< per line: what the forecast assumed, in Swedish
  std::vector<double> own;              ///< per line: the förbund's own forecast (NaN: not given)
  double own_result = 0.0;              ///< the förbund's own forecast of the result (NaN: not given)
  /// Where own_result lies among the runs' results: the share of runs at or below it (NaN without
  /// a Monte Carlo or an own result).
  double own_result_rank = 0.0;
  std::uint64_t runs = 0;  ///< the Monte Carlo's runs (0 with `--deterministic`)

  /// The forecast of line `i` at quantile `level` (one of quantile_levels).
  double forecast_at(std::size_t i, double level) const;
};

/// Keeps each run's first-year line figures, result and equity (one slot per run): give
/// `observer()` to the Monte Carlo as MonteCarloSettings::observe, then `finish`.
class ForecastRuns {
 public:
  ForecastRuns(const PreparedScenario& p, std::uint64_t runs);
  /// What one run keeps: its first year's lines, result and equity.
  static std::size_t bytes_per_run(const PreparedScenario& p);
  /// What a replication's projection says of the first year, kept in slot `replication`.
  void keep(std::uint64_t replication, const Projection& projection);
  /// `keep` as the Monte Carlo's observer.
  std::function<void(std::uint64_t, const Projection&)> observer();
  /// The forecast: means and quantiles over the runs kept (`kept`: the Monte Carlo ran), or the
  /// expected projection's figures with NaN quantiles (`--deterministic`).
  YearForecast finish(const PreparedScenario& p, const Projection& expected, bool kept) const;

 private:
  std::size_t lines_ = 0;
  std::uint64_t runs_ = 0;
  std::vector<double> values_;  ///< run-major: lines, then result and equity
};

/// The first-year figure of every forecast line of `projection`, in `/forecast` line order.
std::vector<double> first_year_lines(const Projection& projection);

}  // namespace finsim
