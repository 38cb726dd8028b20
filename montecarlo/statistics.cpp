#include "montecarlo/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace finsim {

double quantile_type7(const std::vector<double>& sorted, double level)
{
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(sorted.size()) - 1.0) * level;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Summary summarize(std::vector<double> values)
{
  Summary s;
  const std::size_t n = values.size();
  const bool has_nan = std::any_of(values.begin(), values.end(), [](double x) { return std::isnan(x); });
  if (n == 0 || has_nan) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    s.mean = s.sd = s.se = nan;
    s.quantiles.fill(nan);
    return s;
  }
  double sum = 0.0;
  for (double x : values) sum += x;
  s.mean = sum / static_cast<double>(n);
  double squares = 0.0;
  for (double x : values) squares += (x - s.mean) * (x - s.mean);
  s.sd = n > 1 ? std::sqrt(squares / static_cast<double>(n - 1)) : 0.0;
  s.se = s.sd / std::sqrt(static_cast<double>(n));
  std::sort(values.begin(), values.end());
  for (std::size_t q = 0; q < quantile_levels.size(); ++q) s.quantiles[q] = quantile_type7(values, quantile_levels[q]);
  return s;
}

Probability probability(std::size_t hits, std::size_t n)
{
  if (n == 0) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  const double p = static_cast<double>(hits) / static_cast<double>(n);
  return {p, std::sqrt(p * (1.0 - p) / static_cast<double>(n))};
}

double mid_rank(const std::vector<double>& sorted, double x)
{
  const auto below = std::lower_bound(sorted.begin(), sorted.end(), x);
  const auto above = std::upper_bound(sorted.begin(), sorted.end(), x);
  const double n_below = static_cast<double>(below - sorted.begin());
  const double n_equal = static_cast<double>(above - below);
  return (n_below + 0.5 * n_equal) / static_cast<double>(sorted.size());
}

}  // namespace finsim
