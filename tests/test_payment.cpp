#include <gtest/gtest.h>

#include <vector>

#include "input/enum_names.h"
#include "models/payment.h"

using namespace finsim;

namespace {

/// 24 horizon months with 100 accrued in each month from March of the first year.
std::vector<double> paid_for(Payment p)
{
  std::vector<double> accrual(24, 0.0), paid(24, 0.0);
  for (int m = 2; m < 24; ++m) accrual[m] = 100.0;
  add_payments(p, accrual, 2, paid);
  return paid;
}

}  // namespace

TEST(Payment, MonthlyPaysEachMonthsAccrual)
{
  auto paid = paid_for(Payment::monthly);
  EXPECT_EQ(paid[0], 0.0);
  EXPECT_EQ(paid[2], 100.0);
  EXPECT_EQ(paid[23], 100.0);
}

TEST(Payment, QuarterlyAdvanceNeverPrecedesTheLine)
{
  auto paid = paid_for(Payment::quarterly_advance);
  EXPECT_EQ(paid[0], 0.0);     // January: the line starts in March
  EXPECT_EQ(paid[2], 100.0);   // Q1 accrual (March only) paid in March
  EXPECT_EQ(paid[3], 300.0);   // Q2 in April
  EXPECT_EQ(paid[21], 300.0);  // Q4 of year 2 in October
  EXPECT_EQ(paid[4], 0.0);
}

TEST(Payment, QuarterlyArrearsPaysTheMonthAfterTheQuarter)
{
  auto paid = paid_for(Payment::quarterly_arrears);
  EXPECT_EQ(paid[2], 0.0);
  EXPECT_EQ(paid[3], 100.0);   // Q1 in April
  EXPECT_EQ(paid[12], 300.0);  // Q4 of year 1 in January of year 2
  double total = 0.0;
  for (double x : paid) total += x;
  EXPECT_EQ(total, 2200.0 - 300.0);  // Q4 of the last year falls after the horizon
}

TEST(Payment, AnnualSchedules)
{
  auto advance = paid_for(Payment::annual_advance);
  EXPECT_EQ(advance[2], 1000.0);   // the later of January and the first active month
  EXPECT_EQ(advance[12], 1200.0);  // January of year 2
  auto arrears = paid_for(Payment::annual_arrears);
  EXPECT_EQ(arrears[12], 1000.0);  // year 1 paid January of year 2
  double total = 0.0;
  for (double x : arrears) total += x;
  EXPECT_EQ(total, 1000.0);  // year 2 falls after the horizon
}

TEST(Payment, NamesRoundTrip)
{
  for (const std::string& name : enum_names<Payment>()) EXPECT_EQ(enum_name(*parse_enum<Payment>(name)), name);
  EXPECT_FALSE(parse_enum<Payment>("weekly"));
}
