#include <gtest/gtest.h>

#include "input/calendar.h"

using namespace finsim;

TEST(Calendar, ParsesYearMonth)
{
  auto ym = parse_year_month("2024-03");
  ASSERT_TRUE(ym);
  EXPECT_EQ(ym->year, 2024);
  EXPECT_EQ(ym->month, 3);
  EXPECT_EQ(ym->to_string(), "2024-03");
  EXPECT_EQ(ym->yyyymm(), 202403);
}

TEST(Calendar, RejectsMalformedMonths)
{
  for (const char* bad : {"2024-3", "2024-13", "2024-00", "24-03", "2024/03", "2024-03-01", "", "abcd-ef"})
    EXPECT_FALSE(parse_year_month(bad)) << bad;
}

TEST(Calendar, CountsMonthsFromFirstYear)
{
  EXPECT_EQ((YearMonth{2024, 1}.index_from(2024)), 0);
  EXPECT_EQ((YearMonth{2025, 3}.index_from(2024)), 14);
  EXPECT_EQ((YearMonth{2023, 12}.index_from(2024)), -1);
  EXPECT_EQ(month_at(2024, 14), (YearMonth{2025, 3}));
  EXPECT_EQ(month_at(2024, -1), (YearMonth{2023, 12}));
  EXPECT_EQ(month_at(2024, 35), (YearMonth{2026, 12}));
}
