// Plausibility warnings: allowed numbers that are almost surely mistakes, and calibrations that
// miss the reported figures.
#include <gtest/gtest.h>

#include "input/scenario_reader.h"
#include "models/plausibility.h"
#include "test_support.h"

using namespace finsim;
using finsim::testing::minimal_scenario;
using finsim::testing::replace;

namespace {

std::vector<std::string> warnings_of(const std::string& text)
{
  return plausibility_warnings(prepare(read_scenario_text(text, "s.toml")));
}

/// Exactly one warning, starting with `start`.
void expect_one(const std::vector<std::string>& warnings, const std::string& start)
{
  ASSERT_EQ(warnings.size(), 1u) << (warnings.empty() ? std::string("none") : warnings.front());
  EXPECT_EQ(warnings[0].rfind(start, 0), 0u) << warnings[0];
}

const std::string participants = R"([insats.participants]
referrals_per_month = 2
mean_stay_months = 6
exit_reasons = { arbete = 1 }
)";

}  // namespace

TEST(Plausibility, APlainScenarioHasNone) { EXPECT_TRUE(warnings_of(minimal_scenario() + participants).empty()); }

TEST(Plausibility, GrowthMeantAsPercent)
{
  expect_one(warnings_of(replace(minimal_scenario(), "amount = 600000", "amount = 600000\ngrowth = 3")),
             "cost.Kansli.growth = 3: en årlig tillväxt över 0.5");
}

TEST(Plausibility, AnAmountTenTimesTheDriftbidrag)
{
  // 2 000 000 kr of driftbidrag a year: a kansli of 25 Mkr is a typo, one warning for the line.
  expect_one(warnings_of(replace(minimal_scenario(), "amount = 600000", "amount = 25000000")),
             "cost.Kansli.amount = 25000000 år 2024: mer än 10");
}

TEST(Plausibility, LongStaysAndFloodsOfReferrals)
{
  expect_one(warnings_of(minimal_scenario() + replace(participants, "mean_stay_months = 6", "mean_stay_months = 240")),
             "insats.Team.participants.mean_stay_months = 240");
  expect_one(
      warnings_of(minimal_scenario() + replace(participants, "referrals_per_month = 2", "referrals_per_month = 5000")),
      "insats.Team.participants.referrals_per_month = 5000");
}

TEST(Plausibility, ACalibrationThatMissesTheReportedCounts)
{
  // Referrals and stay are both given, so nothing is fitted: 2 a month give 16 starts in 8 months,
  // not the 18 reported.
  const std::string observed = participants + "observed = { months = 8, served = 63, new = 18, exits = 13 }\n";
  expect_one(warnings_of(minimal_scenario() + observed), "insats.Team.participants.observed: den kalibrerade modellen");
}

TEST(Plausibility, AnOpeningBalanceThatDoesNotBalance)
{
  expect_one(warnings_of(replace(minimal_scenario(), "opening_cash = 100000", "opening_cash = 99000")),
             "forbund: den ingående balansen går inte ihop");
  EXPECT_TRUE(warnings_of(replace(minimal_scenario(), "opening_cash = 100000",
                                  "opening_cash = 99000\nopening_receivables = 1000"))
                  .empty());
}
