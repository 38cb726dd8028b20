// Poisson draws with a fixed mean, for the referrals of a month.
#pragma once
#include <array>
#include <cmath>

#include "engine/random_stream.h"

namespace finsim {

/// Poisson(mean) for one mean used many times, by inversion without data-dependent branches in
/// the common case: P(X <= k) for k = 0 … window − 1 is tabulated and a draw counts the entries
/// below one uniform; rarer outcomes continue the search past the window. Means above 30 go to
/// RandomStream::poisson. The same law as RandomStream's.
class PoissonTable {
 public:
  static constexpr int window = 16;

  PoissonTable() = default;
  explicit PoissonTable(double mean) : mean_(mean), exp_minus_mean_(std::exp(-mean))
  {
    double p = exp_minus_mean_, cumulative = p;
    for (int k = 0; k < window; ++k) {
      below_[static_cast<std::size_t>(k)] = cumulative;
      p *= mean * reciprocal(k + 1);
      cumulative += p;
    }
  }
  double mean() const { return mean_; }

  int draw(RandomStream& stream) const
  {
    if (mean_ <= 0.0) return 0;
    if (mean_ > 30.0) return static_cast<int>(stream.poisson(mean_));
    return draw_at(stream.uniform32());
  }
  /// The count at uniform `u`; for means above 30, RandomStream::poisson on `beyond` instead (so
  /// a caller can give every draw its uniform in advance).
  int draw(double u, RandomStream& beyond) const
  {
    if (mean_ <= 0.0) return 0;
    if (mean_ > 30.0) return static_cast<int>(beyond.poisson(mean_));
    return draw_at(u);
  }

 private:
  int draw_at(double u) const
  {
    const double* b = below_.data();
    // Summed as a tree so the compares run side by side.
    const int x = (((u > b[0]) + (u > b[1])) + ((u > b[2]) + (u > b[3]))) +
                  (((u > b[4]) + (u > b[5])) + ((u > b[6]) + (u > b[7]))) +
                  ((((u > b[8]) + (u > b[9])) + ((u > b[10]) + (u > b[11]))) +
                   (((u > b[12]) + (u > b[13])) + ((u > b[14]) + (u > b[15]))));
    return x < window ? x : poisson_inversion(u, mean_, exp_minus_mean_);
  }

  static_assert(window == 16, "draw sums sixteen entries");
  double mean_ = 0.0, exp_minus_mean_ = 1.0;
  std::array<double, window> below_{};  ///< P(X <= k)
};

}  // namespace finsim
