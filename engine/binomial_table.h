// Binomial draws with a fixed success probability, for the counts a month's flows produce.
#pragma once
#include <array>

#include "engine/random_stream.h"

namespace finsim {

/// Binomial(n, p) for one p used many times: (1 − p)^n is tabulated for n up to `tabulated`,
/// so a draw is one uniform and a search from 0 upwards (p > 0.5 is drawn as n minus failures).
/// Larger n go to RandomStream::binomial. Exact inversion: the same law as RandomStream's.
class BinomialTable {
 public:
  static constexpr int tabulated = 64;

  explicit BinomialTable(double p);
  /// A binomial count of `n` trials (a whole number >= 0).
  double draw(double n, RandomStream& stream) const
  {
    if (n > tabulated) return p_ <= 0.0 ? 0.0 : p_ >= 1.0 ? n : stream.binomial(n, p_);
    return draw(static_cast<int>(n + 0.5), stream);
  }
  int draw(int n, RandomStream& stream) const
  {
    if (n <= 0 || p_ <= 0.0) return 0;
    if (p_ >= 1.0) return n;
    if (n > tabulated) return static_cast<int>(stream.binomial(n, p_));
    const long long x = binomial_inversion(stream.uniform32(), none_[static_cast<std::size_t>(n)], n, odds_);
    return static_cast<int>(flipped_ ? n - x : x);
  }

 private:
  double p_;
  bool flipped_;  ///< the search runs over failures (p > 0.5)
  double odds_;   ///< p / (1 − p) of the searched outcome
  std::array<double, tabulated + 1> none_{};  ///< (1 − p)^n of the searched outcome
};

}  // namespace finsim
