#include "sampling/score_quantile.h"

#include <algorithm>
#include <cmath>

namespace finsim {

double normal_quantile(double p)
{
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r + 6.7265770927008700853e+4) * r +
                4.5921953931549871457e+4) *
                   r +
               1.3731693765509461125e+4) *
                  r +
              1.9715909503065514427e+3) *
                 r +
             1.3314166789178437745e+2) *
                r +
            3.3871328727963666080e0) /
           (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r + 3.9307895800092710610e+4) * r +
                2.1213794301586595867e+4) *
                   r +
               5.3941960214247511077e+3) *
                  r +
              6.8718700749205790830e+2) *
                 r +
             4.2313330701600911252e+1) *
                r +
            1.0);
  }
  double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  double value;
  if (r <= 5.0) {
    r -= 1.6;
    value = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r +
                 1.27045825245236838258e0) *
                    r +
                3.64784832476320460504e0) *
                   r +
               5.76949722146069140550e0) *
                  r +
              4.63033784615654529590e0) *
                 r +
             1.42343711074968357734e0) /
            (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r +
                 1.48103976427480074590e-1) *
                    r +
                6.89767334985100004550e-1) *
                   r +
               1.67638483018380384940e0) *
                  r +
              2.05319162663775882187e0) *
                 r +
             1.0);
  } else {
    r -= 5.0;
    value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r +
                 2.65321895265761230930e-2) *
                    r +
                2.96560571828504891230e-1) *
                   r +
               1.78482653991729133580e0) *
                  r +
              5.46378491116411436990e0) *
                 r +
             6.65790464350110377720e0) /
            (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r +
                 7.86869131145613259100e-4) *
                    r +
                1.48753612908506148525e-2) *
                   r +
               1.36929880922735805310e-1) *
                  r +
              5.99832206555887937690e-1) *
                 r +
             1.0);
  }
  return q < 0.0 ? -value : value;
}

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

double ScoreQuantile::at_uniform(double u) const
{
  switch (d_.kind) {
    case DistributionKind::fixed: return d_.value;
    case DistributionKind::uniform:
    case DistributionKind::triangular: return d_.quantile(u);
    default: return (*this)(normal_quantile(u));
  }
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
