// The value of exits to work or studies ([valuation]) against a hand computation for one insats.
#include <gtest/gtest.h>

#include <cmath>

#include "input/scenario_reader.h"
#include "models/projection.h"
#include "models/valuation.h"
#include "test_support.h"

namespace finsim {
namespace {

using testing::expect_input_error;

std::string valued(const std::string& payer = "Försäkringskassan")
{
  return testing::with_participants(R"(referrals_per_month = 2
mean_stay_months = 12
exit_reasons = { arbete = 3, ordinarie_rehab = 1 }
[insats.participants.entry_support]
women = { forsorjningsstod = 0.5, sjukpenning = 0.5 }
men = { forsorjningsstod = 0.5, sjukpenning = 0.5 }
)") + R"(
[valuation]
year = 2022
years = [1, 3]
discount_rate = 0.05
forsorjningsstod = { cost = 100000, payer = "kommun" }
sjukpenning = { cost = 200000, payer = ")" +
         payer + "\" }\n";
}

TEST(Valuation, OneInsatsAgainstAHandComputation)
{
  const PreparedScenario p = prepare(read_scenario_text(valued(), "v.toml"));
  const Projection projection = project_expected(p);
  ValueOfExits v = value_of_exits(p.scenario, projection);
  ASSERT_EQ(v.payers, (std::vector<std::string>{"Försäkringskassan", "kommun"}));  // in source order
  const double three_years = 1.0 + 1.0 / 1.05 + 1.0 / (1.05 * 1.05);
  EXPECT_NEAR(horizon_factor(3, 0.05), three_years, 1e-15);
  for (int y = 0; y < 2; ++y) {
    // No exit_support given: the exits with reason arbete leave to arbete; half entered on each source.
    const double to_work = projection.flows[0]->exits_work_studies[static_cast<std::size_t>(y)];
    ASSERT_GT(to_work, 1.0);
    EXPECT_NEAR(v.at(0, 1, 0, y), to_work * 0.5 * 100000.0, 1e-6);
    EXPECT_NEAR(v.at(0, 0, 0, y), to_work * 0.5 * 200000.0, 1e-6);
    EXPECT_NEAR(v.at(0, 0, 1, y), to_work * 0.5 * 200000.0 * three_years, 1e-6);
  }
  // Per kommun: the value split by the participants served from each kommun (Storby: the only one).
  const YearTable k = kommun_value_of_exits(p.scenario, projection);
  EXPECT_NEAR(k.col(0).sum(), v.at(0, 0, 0, 0) + v.at(0, 1, 0, 0), 1e-6);
}

TEST(Valuation, PayerMustBeKnown)
{
  expect_input_error([] { read_scenario_text(valued("Försäkringskasan"), "v.toml"); },
                     "did you mean \"Försäkringskassan\"");
}

}  // namespace
}  // namespace finsim
