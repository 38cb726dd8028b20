#include <gtest/gtest.h>

#include <cmath>

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
