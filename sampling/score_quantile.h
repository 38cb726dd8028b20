// A distribution's value at a normal score: how the Monte Carlo turns normal draws into values.
#pragma once
#include <vector>

#include "sampling/distribution.h"

namespace finsim {

/// x(z) = quantile(Φ(z)): the value of a distribution at the standard normal score z. Drawing z
/// from N(0, 1) gives the distribution's law; correlated scores give a Gaussian copula.
///
/// Normal, uniform and triangular distributions are computed in closed form. Lognormal, beta and
/// gamma quantiles need iterative inversion, so x(z) is tabulated once on z = −8 … 8 in steps of
/// 1/64 and interpolated with cubic Lagrange polynomials through four neighbouring points (x is
/// smooth in z; tests/test_distribution.cpp bounds the error). Scores beyond ±8, whose chance is
/// 1.2e-15, take the value at ±8.
class ScoreQuantile {
 public:
  explicit ScoreQuantile(const Distribution& d);
  double operator()(double z) const;
  /// The value at uniform u in (0, 1): quantile(u), by inversion of one uniform (the score Φ⁻¹(u)
  /// for the tabulated kinds, the closed form for the others).
  double at_uniform(double u) const;

  static constexpr double range = 8.0;
  static constexpr double step = 1.0 / 64.0;

 private:
  Distribution d_;
  std::vector<double> table_;  ///< x at z = −range + k·step (tabulated kinds only)
};

/// Φ⁻¹(u), the standard normal quantile, for u in (0, 1) (Wichura's AS 241, PPND16: relative
/// error about 1e-16; tests/test_distribution.cpp checks it against Boost).
double normal_quantile(double u);

/// Φ(z), the standard normal distribution function.
double normal_cdf(double z);

/// quantile(Φ(z)) computed directly (iteratively for lognormal, beta and gamma).
double quantile_at_score(const Distribution& d, double z);

}  // namespace finsim
