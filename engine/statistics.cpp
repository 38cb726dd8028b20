#include "engine/statistics.h"

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
  // Ascending levels select ascending order statistics: each selection searches only what lies
  // above the one before.
  std::size_t selected = 0;  // the order statistics selected so far are in place; the rest lie above them
  auto order_statistic = [&](std::size_t k) {
    if (k >= selected) {
      std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(selected),
                       values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
      selected = k + 1;
    }
    return values[k];
  };
  for (std::size_t q = 0; q < quantile_levels.size(); ++q) {
    const double h = (static_cast<double>(n) - 1.0) * quantile_levels[q];
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const double low = order_statistic(lo);
    const double high = order_statistic(std::min(lo + 1, n - 1));
    s.quantiles[q] = low + (h - static_cast<double>(lo)) * (high - low);
  }
  return s;
}

Probability probability(std::size_t hits, std::size_t n)
{
  if (n == 0) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  const double p = static_cast<double>(hits) / static_cast<double>(n);
  return {p, std::sqrt(p * (1.0 - p) / static_cast<double>(n))};
}

SummaryColumns summary_columns(const std::vector<Summary>& yearly)
{
  SummaryColumns c;
  for (const Summary& s : yearly) {
    c.mean.push_back(s.mean);
    c.sd.push_back(s.sd);
    c.se.push_back(s.se);
    c.quantiles.insert(c.quantiles.end(), s.quantiles.begin(), s.quantiles.end());
  }
  return c;
}

double Summary::at(double level) const
{
  for (std::size_t q = 0; q < quantile_levels.size(); ++q)
    if (quantile_levels[q] == level) return quantiles[q];
  return std::numeric_limits<double>::quiet_NaN();
}

double mid_rank(const std::vector<double>& values, double x)
{
  std::size_t below = 0, equal = 0;
  for (double v : values) {
    below += v < x;
    equal += v == x;
  }
  return (static_cast<double>(below) + 0.5 * static_cast<double>(equal)) / static_cast<double>(values.size());
}

}  // namespace finsim
