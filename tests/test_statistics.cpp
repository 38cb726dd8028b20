#include <gtest/gtest.h>

#include <cmath>

#include "engine/statistics.h"

using namespace finsim;

TEST(Statistics, QuantileType7MatchesNumpy)
{
  // numpy.quantile([1, 2, 3, 4, 10], [0.01, 0.25, 0.5, 0.9]) = [1.04, 2, 3, 7.6]
  const std::vector<double> x{1, 2, 3, 4, 10};
  EXPECT_NEAR(quantile_type7(x, 0.01), 1.04, 1e-12);
  EXPECT_NEAR(quantile_type7(x, 0.25), 2.0, 1e-12);
  EXPECT_NEAR(quantile_type7(x, 0.5), 3.0, 1e-12);
  EXPECT_NEAR(quantile_type7(x, 0.9), 7.6, 1e-12);
  EXPECT_EQ(quantile_type7(x, 1.0), 10.0);
}

TEST(Statistics, SummaryUsesNMinusOne)
{
  const Summary s = summarize({4, 2, 3, 1});
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(5.0 / 3.0));
  EXPECT_DOUBLE_EQ(s.se, std::sqrt(5.0 / 3.0) / 2.0);
  EXPECT_DOUBLE_EQ(s.quantiles[4], 2.5);
  EXPECT_TRUE(std::isnan(summarize({1, std::nan("")}).mean));
}

TEST(Statistics, ProbabilityAndMidRank)
{
  const Probability p = probability(25, 100);
  EXPECT_DOUBLE_EQ(p.p, 0.25);
  EXPECT_DOUBLE_EQ(p.se, std::sqrt(0.25 * 0.75 / 100));
  EXPECT_DOUBLE_EQ(mid_rank({1, 2, 2, 3}, 2), 0.5);
  EXPECT_DOUBLE_EQ(mid_rank({1, 2, 2, 3}, 5), 1.0);
  EXPECT_DOUBLE_EQ(mid_rank({1, 2, 2, 3}, 0), 0.0);
}
