// Poisson draws with a fixed mean, for the referrals of a month.
#pragma once
#include <array>
#include <cmath>
#include <cstdint>

#include "sampling/random_stream.h"

namespace finsim {

/// Poisson(mean) for one mean used many times, by inversion without data-dependent branches in
/// the common case: P(X <= k) for k = 0 … window − 1 is tabulated, a guide of `guides` buckets
/// gives the count of entries below the bottom of a uniform's bucket, and the count climbs from
/// there `step` entries at a time. Outcomes past the window continue the ordinary search with
/// the same uniform. Means above 30 go to RandomStream::poisson. The same law as RandomStream's.
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
    int k = 0;
    for (int b = 0; b < guides; ++b) {
      const double bottom = static_cast<double>(b) / guides;
      while (k < window && below_[static_cast<std::size_t>(k)] < bottom) ++k;
      guide_[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(k);
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
  static constexpr int guides = 32;
  static constexpr int step = 4;

  int draw_at(double u) const
  {
    int k = guide_[static_cast<std::size_t>(u * guides)];
    for (;;) {
      const double* next = below_.data() + k;
      const int more = ((next[0] < u) + (next[1] < u)) + ((next[2] < u) + (next[3] < u));
      k += more;
      if (more < step) break;
    }
    return k < window ? k : poisson_inversion(u, mean_, exp_minus_mean_);
  }

  double mean_ = 0.0, exp_minus_mean_ = 1.0;
  /// P(X <= k), then `step` entries of 2 (above every uniform) where the table ends.
  std::array<double, window + step> below_ = [] {
    std::array<double, window + step> b{};
    b.fill(2.0);
    return b;
  }();
  std::array<std::uint8_t, guides> guide_{};  ///< #{k < window : P(X <= k) < b ÷ guides}
};

}  // namespace finsim
