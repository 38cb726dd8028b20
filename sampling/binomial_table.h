// Binomial draws with a fixed success probability, for the counts a month's flows produce.
#pragma once
#include <vector>

#include "sampling/random_stream.h"

namespace finsim {

/// Binomial(n, p) for one p used many times, by inversion without data-dependent branches in the
/// common case: for n up to `largest` the distribution function at 0 … window − 1 is tabulated,
/// and the draw counts the entries below one uniform, four at a time (the second four only when
/// the first are all below). Rarer outcomes continue the search past the window; larger n go to
/// RandomStream::binomial. p > 0.5 is drawn as n minus failures. Exact inversion: the same law
/// as RandomStream's.
class BinomialTable {
 public:
  static constexpr int window = 8;

  explicit BinomialTable(double p, int largest = 64);
  /// A binomial count of `n` trials (>= 0).
  int draw(int n, RandomStream& stream) const
  {
    if (n <= 0 || p_ <= 0.0) return 0;
    if (p_ >= 1.0) return n;
    if (n > largest_) return static_cast<int>(stream.binomial(n, p_));
    return draw_at(n, stream.uniform32());
  }
  /// The count at uniform `u`, for n up to `largest`; for larger n, RandomStream::binomial on
  /// `beyond` instead (so a caller can give every draw its uniform in advance).
  int draw(int n, double u, RandomStream& beyond) const
  {
    if (n <= 0 || p_ <= 0.0) return 0;
    if (p_ >= 1.0) return n;
    if (n > largest_) return static_cast<int>(beyond.binomial(n, p_));
    return draw_at(n, u);
  }

 private:
  int draw_at(int n, double u) const
  {
    const double* below = &cdf_[static_cast<std::size_t>(n) * window];
    int x = step_count(u, below);
    if (x == step) {  // rare for small p: the second half of the window
      x += step_count(u, below + step);
      if (x == window) x = static_cast<int>(binomial_inversion(u, none_[static_cast<std::size_t>(n)], n, odds_));
    }
    return flipped_ ? n - x : x;
  }
  static constexpr int step = 4;
  /// #{k < step : below[k] < u}, summed as a tree so the compares run side by side.
  static int step_count(double u, const double* below)
  {
    return ((u > below[0]) + (u > below[1])) + ((u > below[2]) + (u > below[3]));
  }
  static_assert(window == 2 * step, "the window is two steps");

  double p_;
  int largest_;
  bool flipped_;              ///< the search runs over failures (p > 0.5)
  double odds_;               ///< p / (1 − p) of the searched outcome
  std::vector<double> none_;  ///< (1 − p)^n of the searched outcome, n = 0 … largest
  std::vector<double> cdf_;   ///< per n: P(X <= k) for k < window (1 from k = n on)
};

}  // namespace finsim
