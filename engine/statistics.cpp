#include "engine/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace finsim {

double quantile_type7(const std::vector<double>& sorted, double level)
{
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(sorted.size()) - 1.0) * level;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

namespace {

/// Puts the order statistics at `positions` (ascending, distinct, within [first, last)) in place
/// within values[first, last), as a full sort of that range would: each is selected within the
/// part between the ones already placed, the middle one first, so that the whole costs about
/// log2(positions) passes over the values instead of one per position. An order statistic at the
/// start of its part (the one just above another, as type 7 needs them) is that part's minimum.
void select_order_statistics(std::span<double> values, std::size_t first, std::size_t last,
                             const std::size_t* positions, const std::size_t* positions_end)
{
  const auto at = [&](std::size_t i) { return values.begin() + static_cast<std::ptrdiff_t>(i); };
  while (positions != positions_end) {
    if (*positions == first) {
      std::iter_swap(at(first), std::min_element(at(first), at(last)));
      ++first, ++positions;
      continue;
    }
    const std::size_t* middle = positions + (positions_end - positions) / 2;
    std::nth_element(at(first), at(*middle), at(last));
    select_order_statistics(values, first, *middle, positions, middle);
    first = *middle + 1;
    positions = middle + 1;
  }
}

/// Writes the order statistics at `positions` (ascending, distinct, below values.size()) of
/// `values` (no NaN; their order may change) to `out`, exactly as from a sorted copy. A large
/// sample is first counted into equal-width buckets between its minimum and maximum: the bucket of
/// x never decreases as x grows (a difference and a product rounded are monotone), so the k-th
/// value is in the bucket the counts put k in, and only the few buckets holding a wanted position
/// are copied out and searched: three passes over the values instead of a selection's many.
void order_statistics(std::span<double> values, std::span<const std::size_t> positions, double* out)
{
  const std::size_t n = values.size(), none = std::numeric_limits<std::size_t>::max();
  constexpr std::size_t buckets = 4096;
  const auto [smallest, largest] = std::minmax_element(values.begin(), values.end());
  const double low = *smallest, width = *largest - *smallest;
  if (n >= 4 * buckets && width > 0.0 && std::isfinite(width)) {
    const double scale = static_cast<double>(buckets) / width;
    const auto bucket = [&](double x) { return std::min(buckets - 1, static_cast<std::size_t>((x - low) * scale)); };
    std::vector<std::size_t> start(buckets + 1, 0);  // start[b]: the values in the buckets below b
    for (double x : values) ++start[bucket(x) + 1];
    for (std::size_t b = 1; b <= buckets; ++b) start[b] += start[b - 1];
    std::vector<std::size_t> slot(buckets, none), of(positions.size());  // where a wanted bucket is copied
    std::size_t copied = 0;
    for (std::size_t i = 0; i < positions.size(); ++i) {
      const auto b =
          static_cast<std::size_t>(std::upper_bound(start.begin(), start.end(), positions[i]) - start.begin() - 1);
      of[i] = b;
      if (slot[b] == none) {
        slot[b] = copied;
        copied += start[b + 1] - start[b];
      }
    }
    if (copied <= n / 2) {  // else the values bunch in a few buckets: select among them all
      std::vector<double> kept(copied);
      std::vector<std::size_t> next = slot;
      for (double x : values)
        if (const std::size_t b = bucket(x); next[b] != none) kept[next[b]++] = x;
      std::vector<std::size_t> within(positions.size());  // each position's index in `kept`
      for (std::size_t i = 0; i < positions.size(); ++i) within[i] = slot[of[i]] + positions[i] - start[of[i]];
      for (std::size_t i = 0, j = 0; i < positions.size(); i = j) {
        const std::size_t b = of[i];
        for (j = i; j < positions.size() && of[j] == b; ++j) {
        }
        select_order_statistics(kept, slot[b], slot[b] + start[b + 1] - start[b], within.data() + i, within.data() + j);
      }
      for (std::size_t i = 0; i < positions.size(); ++i) out[i] = kept[within[i]];
      return;
    }
  }
  select_order_statistics(values, 0, n, positions.data(), positions.data() + positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) out[i] = values[positions[i]];
}

}  // namespace

Summary summarize(std::vector<double> values) { return summarize_in_place(values); }

Summary summarize_in_place(std::span<double> values)
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
  // The two order statistics around each level, all selected at once.
  std::array<std::size_t, 2 * quantile_levels.size()> positions{};
  for (std::size_t q = 0; q < quantile_levels.size(); ++q) {
    const auto lo = static_cast<std::size_t>(std::floor((static_cast<double>(n) - 1.0) * quantile_levels[q]));
    positions[2 * q] = lo;
    positions[2 * q + 1] = std::min(lo + 1, n - 1);
  }
  std::sort(positions.begin(), positions.end());
  const auto wanted = static_cast<std::size_t>(std::unique(positions.begin(), positions.end()) - positions.begin());
  std::array<double, 2 * quantile_levels.size()> value{};
  order_statistics(values, std::span<const std::size_t>(positions.data(), wanted), value.data());
  const auto order_statistic = [&](std::size_t k) {
    return value[static_cast<std::size_t>(std::lower_bound(positions.begin(), positions.begin() + wanted, k) -
                                          positions.begin())];
  };
  for (std::size_t q = 0; q < quantile_levels.size(); ++q) {
    const double h = (static_cast<double>(n) - 1.0) * quantile_levels[q];
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const double low = order_statistic(lo), high = order_statistic(std::min(lo + 1, n - 1));
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

double mid_rank(std::span<const double> values, double x)
{
  std::size_t below = 0, equal = 0;
  for (double v : values) {
    below += v < x;
    equal += v == x;
  }
  return (static_cast<double>(below) + 0.5 * static_cast<double>(equal)) / static_cast<double>(values.size());
}

}  // namespace finsim
