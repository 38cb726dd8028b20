#include "sampling/distribution.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <cmath>
#include <limits>

#include "sampling/score_quantile.h"
#include "sampling/stream_keys.h"

namespace finsim {

namespace {

struct BetaShape {
  double alpha, beta;
};
BetaShape beta_shape(double mean, double sd)
{
  double nu = mean * (1.0 - mean) / (sd * sd) - 1.0;
  return {mean * nu, (1.0 - mean) * nu};
}

struct LogShape {
  double mu, sigma;
};
LogShape lognormal_shape(double mean, double sd)
{
  double sigma2 = std::log1p((sd * sd) / (mean * mean));
  return {std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2)};
}

constexpr double infinity = std::numeric_limits<double>::infinity();

}  // namespace

Distribution Distribution::constant(double v)
{
  Distribution d;
  d.value = v;
  return d;
}

double Distribution::expected() const
{
  switch (kind) {
    case DistributionKind::fixed: return value;
    case DistributionKind::uniform: return 0.5 * (min + max);
    case DistributionKind::triangular: return (min + mode + max) / 3.0;
    default: return mean;
  }
}

double Distribution::lowest() const
{
  switch (kind) {
    case DistributionKind::fixed: return value;
    case DistributionKind::normal: return sd > 0 ? -infinity : mean;
    case DistributionKind::beta: return 0.0;
    case DistributionKind::uniform:
    case DistributionKind::triangular: return min;
    case DistributionKind::lognormal:
    case DistributionKind::gamma: return 0.0;
    case DistributionKind::student_t: return -infinity;
  }
  return -infinity;
}

double Distribution::highest() const
{
  switch (kind) {
    case DistributionKind::fixed: return value;
    case DistributionKind::normal: return sd > 0 ? infinity : mean;
    case DistributionKind::beta: return 1.0;
    case DistributionKind::uniform:
    case DistributionKind::triangular: return max;
    case DistributionKind::lognormal:
    case DistributionKind::gamma:
    case DistributionKind::student_t: return infinity;
  }
  return infinity;
}

std::string Distribution::shape_problem() const
{
  auto finite = [](double x) { return std::isfinite(x); };
  switch (kind) {
    case DistributionKind::fixed: return finite(value) ? "" : "ska vara ett ändligt tal";
    case DistributionKind::normal:
      if (!finite(mean) || !finite(sd) || sd < 0)
        return fmt::format("kräver ett ändligt mean och sd ≥ 0, men mean = {}, sd = {}", mean, sd);
      return "";
    case DistributionKind::beta: {
      if (!(mean > 0 && mean < 1)) return fmt::format("kräver 0 < mean < 1, men mean = {}", mean);
      double limit = std::sqrt(mean * (1 - mean));
      if (!(sd > 0 && sd < limit)) {
        std::string largest = fmt::format("{:.6g}", limit);
        std::replace(largest.begin(), largest.end(), '.', ',');
        return fmt::format(
            "med mean = {} kräver 0 < sd < {} (roten ur mean × (1 − mean)), men sd = {}; ge ett mindre sd", mean,
            largest, sd);
      }
      return "";
    }
    case DistributionKind::uniform:
      if (!finite(min) || !finite(max) || min > max)
        return fmt::format("kräver min ≤ max, men min = {}, max = {}", min, max);
      return "";
    case DistributionKind::triangular:
      if (!finite(min) || !finite(mode) || !finite(max) || !(min <= mode && mode <= max) || min == max)
        return fmt::format("kräver min ≤ mode ≤ max och min < max, men min, mode, max = {}, {}, {}", min, mode, max);
      return "";
    case DistributionKind::lognormal:
    case DistributionKind::gamma:
      if (!(mean > 0) || !finite(mean) || !(sd > 0) || !finite(sd))
        return fmt::format("kräver mean > 0 och sd > 0, men mean = {}, sd = {}", mean, sd);
      return "";
    case DistributionKind::student_t:
      if (!finite(mean) || !(sd > 0) || !finite(sd) || !(df >= 1) || !finite(df))
        return fmt::format("kräver ett ändligt location, scale > 0 och df ≥ 1, men location = {}, scale = {}, df = {}",
                           mean, sd, df);
      return "";
  }
  return "okänd fördelning";
}

std::string Distribution::parameter_problem() const
{
  if (std::string why = shape_problem(); !why.empty()) return why;
  if (kind == DistributionKind::fixed || !(lowest() < highest())) return "";  // one value: nothing to draw
  // The Monte Carlo takes each value at a normal score z in −8 … 8 (sampling/score_quantile): the
  // values at both ends must be finite and increasing, or the parameters overflow or degenerate.
  try {
    const double low = quantile_at_score(*this, -ScoreQuantile::range),
                 high = quantile_at_score(*this, ScoreQuantile::range);
    if (std::isfinite(low) && std::isfinite(high) && low < high) return "";
    return fmt::format(
        "kan inte dras: dess värden vid de yttersta normalvärdena −8 och +8 är {:g} och {:g}, inte ändliga och "
        "växande: parametrarna är för stora eller urartade; ge parametrar av vanlig storlek",
        low, high);
  } catch (const std::exception&) {
    return "kan inte dras: parametrarna är för stora eller urartade; ge parametrar av vanlig storlek";
  }
}

namespace {
/// Double precision throughout (Boost would otherwise compute in long double): fast enough for
/// the Monte Carlo's per-run draws, accurate far beyond what the scenarios' figures carry.
using Fast = boost::math::policies::policy<boost::math::policies::promote_float<false>,
                                           boost::math::policies::promote_double<false>>;

/// Calls `f` with the Boost distribution of `d`, for the kinds whose quantiles Boost computes
/// (normal with sd > 0, beta, triangular, lognormal, gamma).
template <class F>
double with_boost_law(const Distribution& d, F f)
{
  using namespace boost::math;
  switch (d.kind) {
    case DistributionKind::normal: return f(normal_distribution<double, Fast>(d.mean, d.sd));
    case DistributionKind::beta: {
      const BetaShape s = beta_shape(d.mean, d.sd);
      return f(beta_distribution<double, Fast>(s.alpha, s.beta));
    }
    case DistributionKind::triangular: return f(triangular_distribution<double, Fast>(d.min, d.mode, d.max));
    case DistributionKind::lognormal: {
      const LogShape s = lognormal_shape(d.mean, d.sd);
      return f(lognormal_distribution<double, Fast>(s.mu, s.sigma));
    }
    case DistributionKind::gamma: {
      const double shape = (d.mean * d.mean) / (d.sd * d.sd);
      return f(gamma_distribution<double, Fast>(shape, d.sd * d.sd / d.mean));
    }
    case DistributionKind::student_t: {
      // location + scale × t(df): Boost's t is standard, so shift and scale its quantile.
      const students_t_distribution<double, Fast> t(d.df);
      return d.mean + d.sd * f(t);
    }
    case DistributionKind::fixed:
    case DistributionKind::uniform: break;
  }
  return d.value;
}

}  // namespace

double Distribution::quantile(double u) const
{
  if (kind == DistributionKind::fixed) return value;
  if (kind == DistributionKind::normal && !(sd > 0)) return mean;
  if (kind == DistributionKind::uniform) return min + u * (max - min);
  return with_boost_law(*this, [u](const auto& law) { return boost::math::quantile(law, u); });
}

double Distribution::upper_quantile(double q) const
{
  if (kind == DistributionKind::fixed) return value;
  if (kind == DistributionKind::normal && !(sd > 0)) return mean;
  if (kind == DistributionKind::uniform) return max - q * (max - min);
  return with_boost_law(*this, [q](const auto& law) { return boost::math::quantile(boost::math::complement(law, q)); });
}

Distribution predictive_from_history(const std::vector<double>& history)
{
  const auto n = static_cast<double>(history.size());
  double mean = 0.0;
  for (double x : history) mean += x;
  mean /= n;
  double squares = 0.0;
  for (double x : history) squares += (x - mean) * (x - mean);
  const double s = std::sqrt(squares / (n - 1.0));
  Distribution d;
  if (!(s > 0.0)) return Distribution::constant(mean);  // every observation the same: no spread to draw
  d.kind = DistributionKind::student_t;
  d.mean = mean;
  d.sd = s * std::sqrt(1.0 + 1.0 / n);
  d.df = n - 1.0;
  return d;
}

bool Uncertain::per_year() const
{
  if (distribution.per != DrawFrequency::key_default) return distribution.per == DrawFrequency::year;
  auto ends_with = [&](const char* suffix) {
    const std::string s(suffix);
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  return ends_with("growth") || ends_with("utilization");
}

Uncertain make_uncertain(const Distribution& d, const std::string& path, double lowest, double highest)
{
  Uncertain u;
  u.distribution = d;
  u.path = path;
  u.stream_id = value_stream(path);
  u.lowest = lowest;
  u.highest = highest;
  return u;
}

}  // namespace finsim
