#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

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

TEST(Statistics, SelectedQuantilesAreExactlyThoseOfASortedCopy)
{
  // Sizes around the levels' positions (1, 2, the first where 0.01 (n − 1) reaches 1, …) and
  // around where the buckets begin (16 384), with values continuous, in 7 or 1 000 ties, or
  // spread over 40 powers of two: every order statistic must be the one a sort finds.
  std::mt19937_64 random(7);
  for (std::size_t n : {1, 2, 3, 5, 10, 11, 99, 100, 101, 102, 1000, 4097, 16383, 16384, 16385, 100000})
    for (int kind : {0, 1, 2, 3}) {
      std::vector<double> x(n);
      for (double& v : x) {
        const double u = std::ldexp(static_cast<double>(random() >> 11), -53);
        v = kind == 0   ? u
            : kind == 1 ? static_cast<double>(random() % 7)
            : kind == 2 ? static_cast<double>(random() % 1000) - 500.0
                        : std::ldexp(u, static_cast<int>(random() % 40) - 20);
      }
      std::vector<double> sorted = x;
      std::sort(sorted.begin(), sorted.end());
      const Summary s = summarize(x);
      for (std::size_t q = 0; q < quantile_levels.size(); ++q)
        EXPECT_EQ(s.quantiles[q], quantile_type7(sorted, quantile_levels[q]))
            << n << " values of kind " << kind << ", level " << q;
    }
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
