#include "sampling/score_quantile.h"

#include <algorithm>
#include <cmath>

namespace finsim {

double normal_cdf(double z) { return 0.5 * std::erfc(-z * 0.70710678118654752440); }

double quantile_at_score(const Distribution& d, double z)
{
  // Above the median through the upper tail, whose probability Φ(−z) keeps its precision.
  return z <= 0.0 ? d.quantile(normal_cdf(z)) : d.upper_quantile(normal_cdf(-z));
}

ScoreQuantile::ScoreQuantile(const Distribution& d) : d_(d)
{
  const bool tabulated = d.kind == DistributionKind::lognormal || d.kind == DistributionKind::beta ||
                         d.kind == DistributionKind::gamma || d.kind == DistributionKind::student_t;
  if (!tabulated) return;
  const auto points = static_cast<int>(std::lround(2.0 * range / step)) + 1;
  table_.resize(static_cast<std::size_t>(points));
  for (int k = 0; k < points; ++k) table_[static_cast<std::size_t>(k)] = quantile_at_score(d, -range + k * step);
}

double ScoreQuantile::operator()(double z) const
{
  z = std::clamp(z, -range, range);
  switch (d_.kind) {
    case DistributionKind::fixed: return d_.value;
    case DistributionKind::normal: return d_.mean + d_.sd * z;
    case DistributionKind::uniform:
    case DistributionKind::triangular: return quantile_at_score(d_, z);
    default: break;
  }
  // Cubic through the four points around z: nodes b … b + 3, z at s in [0, 3] from node b.
  const double t = (z + range) / step;
  const int last = static_cast<int>(table_.size()) - 1;
  const int b = std::clamp(static_cast<int>(t) - 1, 0, last - 3);
  const double s = t - b;
  const double* x = table_.data() + b;
  const double s1 = s - 1.0, s2 = s - 2.0, s3 = s - 3.0;
  return -x[0] * s1 * s2 * s3 / 6.0 + x[1] * s * s2 * s3 / 2.0 - x[2] * s * s1 * s3 / 2.0 + x[3] * s * s1 * s2 / 6.0;
}

}  // namespace finsim
