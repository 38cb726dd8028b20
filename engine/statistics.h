// Statistics over Monte Carlo replications: moments, type-7 quantiles, probabilities.
#pragma once
#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace finsim {

/// The quantile levels reported for every quantity.
inline constexpr std::array<double, 9> quantile_levels{0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99};

/// Mean, standard deviation (N − 1), standard error of the mean and quantiles of a sample.
struct Summary {
  double mean = 0.0;
  double sd = 0.0;
  double se = 0.0;
  std::array<double, quantile_levels.size()> quantiles{};

  /// The quantile at `level`, one of quantile_levels (NaN for another level).
  double at(double level) const;
};

/// Summaries of one quantity over the years, as columns: mean, sd and se per year, and the
/// quantiles year by year (row-major year × level), as the result file stores them.
struct SummaryColumns {
  std::vector<double> mean, sd, se, quantiles;
};
SummaryColumns summary_columns(const std::vector<Summary>& yearly);

/// The quantile at `level` of `sorted` (ascending) by linear interpolation between order
/// statistics: Hyndman and Fan's type 7, NumPy's default.
double quantile_type7(const std::vector<double>& sorted, double level);

/// Summarises `values` (taken by value: its order may change). The quantiles are order statistics
/// found without sorting (counted into buckets, then selected within the few that hold them),
/// exactly as from a sorted copy. A sample holding a NaN summarises to NaN.
Summary summarize(std::vector<double> values);
/// The same of `values` in place (their order is changed): for columns held outside a vector.
Summary summarize_in_place(std::span<double> values);

/// A probability estimated as `hits` of `n` runs, with its standard error √(p(1 − p)/n).
struct Probability {
  double p = 0.0;
  double se = 0.0;
};
Probability probability(std::size_t hits, std::size_t n);

/// The mid-rank percentile of `x` within `values` (in any order): (#below + #equal / 2) / N, in 0–1.
double mid_rank(std::span<const double> values, double x);
inline double mid_rank(const std::vector<double>& values, double x)
{
  return mid_rank(std::span<const double>(values), x);
}

}  // namespace finsim
