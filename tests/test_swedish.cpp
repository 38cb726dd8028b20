#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "output/csv_export.h"
#include "output/montecarlo_output.h"
#include "output/ore.h"
#include "output/swedish.h"

using namespace finsim;

TEST(Swedish, KronorHaveSpacesBetweenThousands)
{
  EXPECT_EQ(format_kronor(1416000), "1 416 000");
  EXPECT_EQ(format_kronor(999), "999");
  EXPECT_EQ(format_kronor(1000), "1 000");
  EXPECT_EQ(format_kronor(-5000.4), "-5 000");
  EXPECT_EQ(format_kronor(0.4), "0");
  EXPECT_EQ(format_kronor(123456789.5), "123 456 790");
}

TEST(Swedish, PercentHasDecimalComma)
{
  EXPECT_EQ(format_percent(0.1983), "19,8 %");
  EXPECT_EQ(format_percent(0.2), "20,0 %");
  EXPECT_EQ(format_percent(std::nan("")), "–");
}

TEST(Swedish, WidthCountsCharactersNotBytes)
{
  EXPECT_EQ(display_width("År"), 2u);
  EXPECT_EQ(pad_left("År", 4), "  År");
  EXPECT_EQ(pad_right("Övrigt", 8), "Övrigt  ");
}

// Amounts are written in öre (clarifications 69 and 81).
TEST(Ore, DustIsZeroWithoutASign)
{
  EXPECT_EQ(round_to_ore(2.8e-10), 0.0);
  EXPECT_EQ(round_to_ore(0.004), 0.0);
  EXPECT_EQ(round_to_ore(0.00499999), 0.0);
  EXPECT_FALSE(std::signbit(round_to_ore(-0.004)));
  EXPECT_FALSE(std::signbit(round_to_ore(-2.8e-10)));
  EXPECT_FALSE(std::signbit(round_to_ore(-0.0)));
  EXPECT_EQ(round_to_ore(-0.004), 0.0);
}

TEST(Ore, HalfAnOreRoundsAwayFromZeroAsTheNumberIsWritten)
{
  // 1.005 is stored as 1.00499999999999989…; it prints as 1.005 and rounds as written.
  EXPECT_EQ(round_to_ore(1.005), 1.01);
  EXPECT_EQ(round_to_ore(-1.005), -1.01);
  EXPECT_EQ(round_to_ore(2.675), 2.68);
  EXPECT_EQ(round_to_ore(0.005), 0.01);
  EXPECT_EQ(round_to_ore(1.0049), 1.0);
  EXPECT_EQ(round_to_ore(1814001.49), 1814001.49);
  EXPECT_EQ(round_to_ore(1814001.494999), 1814001.49);
  EXPECT_EQ(round_to_ore(1814001.495), 1814001.5);
  EXPECT_EQ(round_to_ore(1814001.4900000002), 1814001.49);
  EXPECT_EQ(round_to_ore(1379700.0000000002), 1379700.0);
  EXPECT_EQ(round_to_ore(-5000.999), -5001.0);
  EXPECT_EQ(round_to_ore(99.995), 100.0);
}

TEST(Ore, NanAndHugeAmountsAreKept)
{
  EXPECT_TRUE(std::isnan(round_to_ore(std::nan(""))));
  EXPECT_EQ(round_to_ore(INFINITY), INFINITY);
  EXPECT_EQ(round_to_ore(-INFINITY), -INFINITY);
  EXPECT_EQ(round_to_ore(3.3e15), 3.3e15);
}

TEST(Ore, EveryRoundedAmountIsAWholeNumberOfOre)
{
  std::uint64_t state = 12345;
  for (int i = 0; i < 100000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double x = (static_cast<double>(state >> 11) / 9007199254740992.0 - 0.5) * 2e9;
    const double r = round_to_ore(x);
    // The double nearest to its own two-decimal form; in the range of a förbund's amounts also
    // within 10^-6 of a whole öre when multiplied by 100.
    ASSERT_EQ(std::strtod(fmt::format("{:.2f}", r).c_str(), nullptr), r) << x;
    if (std::fabs(x) < 1e8) {
      ASSERT_LT(std::fabs(r * 100.0 - std::round(r * 100.0)), 1e-6) << x;
    }
    ASSERT_LE(std::fabs(r - x), 0.005 + 1e-6) << x;
  }
}

TEST(Ore, BoundsKeepTheirDirection)
{
  EXPECT_EQ(round_down_to_ore(802753.678), 802753.67);
  EXPECT_EQ(round_up_to_ore(802753.671), 802753.68);
  EXPECT_EQ(round_down_to_ore(-0.004), -0.01);
  EXPECT_EQ(round_up_to_ore(0.004), 0.01);
  EXPECT_FALSE(std::signbit(round_up_to_ore(-0.004)));
  EXPECT_FALSE(std::signbit(round_down_to_ore(0.004)));
  // Dust around a whole öre is that öre, whichever the direction.
  EXPECT_EQ(round_down_to_ore(802753.6799999999), 802753.68);
  EXPECT_EQ(round_up_to_ore(802753.0000000001), 802753.0);
  EXPECT_EQ(round_down_to_ore(-2.8e-10), 0.0);
  EXPECT_TRUE(std::isnan(round_down_to_ore(std::nan(""))));
}

TEST(Ore, KronorUnits)
{
  EXPECT_TRUE(is_kronor_unit("SEK"));
  EXPECT_TRUE(is_kronor_unit("SEK/year"));
  EXPECT_FALSE(is_kronor_unit("1"));
  EXPECT_FALSE(is_kronor_unit("people"));
  EXPECT_FALSE(is_kronor_unit("(unit of the outcome)^2"));
}

TEST(Ore, CsvNumbersHaveNoExponentAndAmountsAtMostTwoDecimals)
{
  EXPECT_EQ(csv_number(2.8e-10, swedish_csv, true), "0");
  EXPECT_EQ(csv_number(-2.8e-10, standard_csv, true), "0");
  EXPECT_EQ(csv_number(1814001.4949, swedish_csv, true), "1814001,49");
  EXPECT_EQ(csv_number(1379700.0000000002, standard_csv, true), "1379700");
  EXPECT_EQ(csv_number(-0.0, standard_csv), "0");
  EXPECT_EQ(csv_number(std::nan(""), standard_csv, true), "");
  // Other units are kept exactly, in fixed notation.
  EXPECT_EQ(csv_number(2.8e-10, standard_csv), "0.00000000028");
  EXPECT_EQ(csv_number(0.1983, swedish_csv), "0,1983");
  EXPECT_EQ(csv_number(1e20, standard_csv), "100000000000000000000");
}

// Clarifications 68 and 86: a Monte Carlo probability never reads "0,0 %" or "100,0 %".
TEST(Probability, CertainAndImpossibleEventsReadAsBounds)
{
  EXPECT_EQ(format_probability(0.0, 10000), "< 0,1 %");
  EXPECT_EQ(format_probability(1.0, 10000), "> 99,9 %");
  EXPECT_EQ(format_probability(0.0, 100), "< 3,0 %");
  EXPECT_EQ(format_probability(1.0, 100), "> 97,0 %");
  EXPECT_EQ(format_probability(Probability{0.0, 0.0}, 10000), "< 0,1 %");
  EXPECT_EQ(format_probability(Probability{1.0, 0.0}, 10000), "> 99,9 %");
  // A few runs in ten thousand hit (or miss): not "0,0 %" or "100,0 %" either.
  EXPECT_EQ(format_probability(0.0003, 10000), "0,03 %");
  EXPECT_EQ(format_probability(0.9997, 10000), "99,97 %");
  EXPECT_EQ(format_probability(0.000001, 1000000), "< 0,01 %");
  EXPECT_EQ(format_probability(0.999999, 1000000), "> 99,99 %");
  EXPECT_EQ(format_probability(0.0006, 10000), "0,1 %");
  EXPECT_EQ(format_probability(0.1983, 10000), "19,8 %");
  EXPECT_EQ(format_probability(std::nan(""), 10000), "–");
}
