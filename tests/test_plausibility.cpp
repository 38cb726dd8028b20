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
             "cost.Kansli.growth = 3: en årlig tillväxt över 50 %");
}

TEST(Plausibility, AnAmountTenTimesTheDriftbidrag)
{
  // 2 000 000 kr of driftbidrag a year: a kansli of 25 Mkr is a typo, one warning for the line.
  expect_one(warnings_of(replace(minimal_scenario(), "amount = 600000", "amount = 25000000")),
             "cost.Kansli.amount: 25 000 000 kr år 2024 är mer än 10 gånger årets driftbidrag (2 000 000 kr)");
}

TEST(Plausibility, AShortAmountListNamesTheYearsItFills)
{
  // A four-year horizon: two amounts fill 2026–2027 with the last one, one warning per list.
  const std::string four_years = replace(minimal_scenario(), "years = 2", "years = 4");
  expect_one(warnings_of(replace(four_years, "budget = 1200000", "budget = [800000, 775000]")),
             "insats.Team.budget: 2 belopp för 4 år; 2026–2027 får det sista beloppet (775 000 kr)");
  // One year filled; a growth on the line is said.
  expect_one(warnings_of(replace(four_years, "amount = 600000", "amount = [600000, 610000, 620000]\ngrowth = 0.02")),
             "cost.Kansli.amount: 3 belopp för 4 år; 2027 får det sista beloppet (620 000 kr), uppräknat med den "
             "årliga tillväxten");
  // A single number, a full list, or a line that has ended before the list does: no warning.
  EXPECT_TRUE(warnings_of(four_years).empty());
  EXPECT_TRUE(warnings_of(replace(four_years, "budget = 1200000", "budget = [1, 2, 3, 4]")).empty());
  EXPECT_TRUE(
      warnings_of(replace(four_years, "budget = 1200000", "budget = [800000, 775000]\nto = \"2025-12\"")).empty());
  // The state half listed for two of four years.
  expect_one(warnings_of(replace(four_years, "state = 1000000", "state = [1000000, 1100000]")),
             "funding.state: 2 belopp för 4 år; 2026–2027 får det sista beloppet (1 100 000 kr)");
}

TEST(Plausibility, WarningsSayInWordsNotInFormulas)
{
  // Every warning of these scenarios: its key path stands first, as the place; the rest is words.
  const std::vector<std::string> texts{
      replace(minimal_scenario(), "opening_cash = 100000", "opening_cash = 99000"),
      replace(minimal_scenario(), "amount = 600000", "amount = 25000000\ngrowth = 3"),
      minimal_scenario() + participants + "observed = { months = 8, served = 63, new = 18, exits = 13 }\n",
      replace(replace(minimal_scenario(), "years = 2", "years = 4"), "budget = 1200000", "budget = [1, 2]")};
  for (const std::string& text : texts)
    for (const std::string& w : warnings_of(text)) {
      const std::string words = w.substr(w.find(": ") + 2);
      EXPECT_EQ(words.find('_'), std::string::npos) << w;
      for (const char* formula : {" × ", " * ", " − ", "opening_", "driftbidrag)"})
        EXPECT_EQ(words.find(formula), std::string::npos) << w;
    }
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
