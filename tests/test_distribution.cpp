#include <gtest/gtest.h>

#include <cmath>

#include "engine/distribution.h"

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
  EXPECT_NE(make(DistributionKind::beta, 0.92, 0.3).parameter_problem().find("0 < sd < 0.271293"),
            std::string::npos);
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

TEST(Distribution, StableHashIsFnv1a)
{
  // FNV-1a 64 of "" and "a" (published test vectors).
  EXPECT_EQ(stable_hash(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(stable_hash("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_NE(stable_hash("insats.SamCoach.utilization"), stable_hash("insats.SamCoach.budget"));
}
