#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <iostream>

#include "sampling/distribution.h"
#include "sampling/random_stream.h"
#include "sampling/score_quantile.h"
#include "sampling/stream_keys.h"

using namespace finsim;

namespace {
Distribution make(DistributionKind k, double mean, double sd)
{
  Distribution d;
  d.kind = k;
  d.mean = mean;
  d.sd = sd;
  return d;
}
}  // namespace

TEST(Distribution, ExpectedValues)
{
  EXPECT_EQ(Distribution::constant(7.5).expected(), 7.5);
  Distribution u;
  u.kind = DistributionKind::uniform;
  u.min = 0.8;
  u.max = 1.0;
  EXPECT_DOUBLE_EQ(u.expected(), 0.9);
  Distribution t;
  t.kind = DistributionKind::triangular;
  t.min = 0;
  t.mode = 3;
  t.max = 9;
  EXPECT_DOUBLE_EQ(t.expected(), 4.0);
  EXPECT_EQ(make(DistributionKind::beta, 0.92, 0.06).expected(), 0.92);
}

TEST(Distribution, BetaWithImpossibleSdIsAProblem)
{
  EXPECT_EQ(make(DistributionKind::beta, 0.92, 0.06).parameter_problem(), "");
  // sqrt(0.92 * 0.08) = 0.2713: sd 0.3 cannot be.
  EXPECT_NE(make(DistributionKind::beta, 0.92, 0.3).parameter_problem().find("0 < sd < 0,271293"), std::string::npos);
  EXPECT_NE(make(DistributionKind::beta, 1.2, 0.1).parameter_problem(), "");
  EXPECT_NE(make(DistributionKind::gamma, -1, 0.1).parameter_problem(), "");
  EXPECT_NE(make(DistributionKind::normal, 0, -1).parameter_problem(), "");
}

TEST(Distribution, QuantilesMatchTheirMoments)
{
  const double tolerance = 1e-9;
  auto normal = make(DistributionKind::normal, 0.02, 0.03);
  EXPECT_NEAR(normal.quantile(0.5), 0.02, tolerance);
  EXPECT_NEAR(normal.quantile(0.975), 0.02 + 1.959963984540054 * 0.03, tolerance);
  // A lognormal with mean m and sd s has median m / sqrt(1 + s²/m²).
  auto lognormal = make(DistributionKind::lognormal, 100.0, 50.0);
  EXPECT_NEAR(lognormal.quantile(0.5), 100.0 / std::sqrt(1.25), 1e-7);
  // A beta's quantiles lie in (0, 1) and increase.
  auto beta = make(DistributionKind::beta, 0.92, 0.06);
  EXPECT_GT(beta.quantile(0.01), 0.0);
  EXPECT_LT(beta.quantile(0.99), 1.0);
  EXPECT_LT(beta.quantile(0.25), beta.quantile(0.75));
}

namespace {

struct Case {
  const char* name;
  Distribution d;
  double sd;
};

std::vector<Case> law_cases()
{
  Distribution uniform, triangular;
  uniform.kind = DistributionKind::uniform;
  uniform.min = 0.8;
  uniform.max = 1.0;
  triangular.kind = DistributionKind::triangular;
  triangular.min = 0;
  triangular.mode = 3;
  triangular.max = 9;
  return {
      {"normal", make(DistributionKind::normal, 0.02, 0.03), 0.03},
      {"lognormal", make(DistributionKind::lognormal, 5.0, 2.0), 2.0},
      {"gamma shape 16", make(DistributionKind::gamma, 2.0, 0.5), 0.5},
      {"gamma shape 0.25", make(DistributionKind::gamma, 1.0, 2.0), 2.0},
      {"beta", make(DistributionKind::beta, 0.9, 0.05), 0.05},
      {"beta U-shaped", make(DistributionKind::beta, 0.5, 0.4), 0.4},
      {"uniform", uniform, 0.2 / std::sqrt(12.0)},
      {"triangular", triangular, std::sqrt((0 + 9 + 81 - 0 - 0 - 27) / 18.0)},
  };
}

}  // namespace

/// The value at a normal score is quantile(Φ(z)): computed or interpolated, within 1e-7 sd at
/// scores between the table's points.
TEST(Distribution, ScoreQuantileIsTheQuantileAtPhi)
{
  const double tolerance = 1e-7;  // in units of the distribution's sd
  for (const Case& c : law_cases()) {
    const ScoreQuantile at(c.d);
    double worst = 0.0, where = 0.0;
    for (double z = -7.99; z < 8.0; z += 0.0037) {
      const double error = std::fabs(at(z) - quantile_at_score(c.d, z)) / c.sd;
      if (error > worst) {
        worst = error;
        where = z;
      }
    }
    EXPECT_LE(worst, tolerance) << c.name << ": largest error " << worst << " sd at z = " << where << ", calculated "
                                << at(where) << ", expected " << quantile_at_score(c.d, where) << ", tolerance "
                                << tolerance << " sd";
  }
}

/// Normal draws through the score quantile have the distribution's law: the sample's mean and sd
/// match the distribution's, and the share of draws below quantile(p) is p.
TEST(Distribution, ScoredNormalDrawsFollowTheDistribution)
{
  const int n = 40000;
  const double z = 4.0;  // tolerance in standard errors
  for (const Case& c : law_cases()) {
    const ScoreQuantile at(c.d);
    RandomStream stream(17, 0, 3);
    std::vector<double> x(n);
    double sum = 0, sum2 = 0;
    for (double& v : x) {
      v = at(stream.normal());
      sum += v;
      sum2 += v * v;
    }
    const double mean = sum / n, sd = std::sqrt((sum2 - n * mean * mean) / (n - 1));
    const double mean_tolerance = z * c.sd / std::sqrt(n);
    EXPECT_LE(std::fabs(mean - c.d.expected()), mean_tolerance)
        << c.name << " mean: calculated " << mean << ", expected " << c.d.expected() << ", error "
        << mean - c.d.expected() << ", tolerance " << mean_tolerance;
    const double sd_tolerance = 0.05 * c.sd;  // 5 %: the sd of a sample sd is under 1.5 % here
    EXPECT_LE(std::fabs(sd - c.sd), sd_tolerance) << c.name << " sd: calculated " << sd << ", expected " << c.sd
                                                  << ", error " << sd - c.sd << ", tolerance " << sd_tolerance;
    for (double p : {0.1, 0.5, 0.9}) {
      const double q = c.d.quantile(p);
      double below = 0;
      for (double v : x) below += v <= q ? 1.0 : 0.0;
      const double share = below / n, tolerance = z * std::sqrt(p * (1 - p) / n);
      EXPECT_LE(std::fabs(share - p), tolerance)
          << c.name << " share below quantile(" << p << "): calculated " << share << ", expected " << p << ", error "
          << share - p << ", tolerance " << tolerance;
    }
  }
}

TEST(Distribution, StableHashIsFnv1a)
{
  // FNV-1a 64 of "" and "a" (published test vectors).
  EXPECT_EQ(stable_hash(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(stable_hash("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_NE(stable_hash("insats.SamCoach.utilization"), stable_hash("insats.SamCoach.budget"));
}

TEST(NormalQuantile, AgreesWithBoostIntoTheTails)
{
  // Wichura's AS 241 against Boost's quantile, over the body and both tails down to 1e-300.
  const double tolerance = 1e-14;  // relative (absolute below 1)
  const boost::math::normal standard;
  double worst = 0.0;
  auto check = [&](double u) {
    const double expected = boost::math::quantile(standard, u);
    const double error = std::fabs(normal_quantile(u) - expected) / std::max(1.0, std::fabs(expected));
    worst = std::max(worst, error);
    EXPECT_LE(error, tolerance) << "u = " << u << ": " << normal_quantile(u) << " against " << expected;
  };
  for (int k = 1; k < 100000; ++k) check(k / 100000.0);
  for (int k = 1; k <= 300; ++k) {
    check(std::pow(10.0, -k));
    if (k <= 15) check(1.0 - std::pow(10.0, -k));
  }
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  std::cout << "largest relative error " << worst << '\n';
}

TEST(ScoreQuantile, AtAUniformIsTheQuantile)
{
  // Inversion from one uniform: the closed forms directly, the tabulated kinds at the score Φ⁻¹(u).
  Distribution uniform{.kind = DistributionKind::uniform, .min = 2.0, .max = 5.0};
  Distribution lognormal{.kind = DistributionKind::lognormal, .mean = 10.0, .sd = 3.0};
  for (double u : {1e-9, 0.01, 0.3, 0.5, 0.77, 0.999}) {
    EXPECT_DOUBLE_EQ(ScoreQuantile(uniform).at_uniform(u), uniform.quantile(u));
    EXPECT_NEAR(ScoreQuantile(lognormal).at_uniform(u), lognormal.quantile(u), 1e-7 * 3.0) << u;
  }
}
