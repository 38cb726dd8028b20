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

TEST(Valuation, AKommunsOwnValueIsWhatItBearsNotWhatForsakringskassanGains)
{
  const PreparedScenario p = prepare(read_scenario_text(valued(), "v.toml"));
  const Projection projection = project_expected(p);
  const ValueOfExits v = value_of_exits(p.scenario, projection);
  // Payers in the valuation's order: Försäkringskassan (sjukpenning), then kommun (försörjningsstöd).
  const YearTable by_payer = payer_value_of_exits(v);
  ASSERT_EQ(by_payer.rows(), 2);
  const YearTable own = kommun_own_value_of_exits(p.scenario, projection);
  const YearTable all = kommun_value_of_exits(p.scenario, projection);
  ASSERT_EQ(own.rows(), 2);  // Storby, Lillby
  for (int y = 0; y < 2; ++y) {
    EXPECT_NEAR(by_payer(0, y), v.at(0, 0, 0, y), 1e-9);
    EXPECT_NEAR(by_payer(1, y), v.at(0, 1, 0, y), 1e-9);
    // The team serves Storby and Lillby 3 : 1 (their populations): each kommun's own value is its
    // residents' part of the försörjningsstöd avoided, a third of what every payer gains there
    // (sjukpenning is twice as dear, half the entries).
    EXPECT_NEAR(own(0, y), 0.75 * v.at(0, 1, 0, y), 1e-6);
    EXPECT_NEAR(own(1, y), 0.25 * v.at(0, 1, 0, y), 1e-6);
    EXPECT_NEAR(all(0, y) + all(1, y), v.at(0, 0, 0, y) + v.at(0, 1, 0, y), 1e-6);
    EXPECT_NEAR(own(0, y), all(0, y) / 3.0, 1e-6);
    EXPECT_NEAR(own(1, y), all(1, y) / 3.0, 1e-6);
  }
  // A payer of a kommun's own name: all of it is that kommun's, wherever the participants live.
  const PreparedScenario q = prepare(read_scenario_text(valued("Lillby kommun"), "v.toml"));
  const Projection qp = project_expected(q);
  const ValueOfExits qv = value_of_exits(q.scenario, qp);
  ASSERT_EQ(qv.payers, (std::vector<std::string>{"Lillby kommun", "kommun"}));
  const YearTable qown = kommun_own_value_of_exits(q.scenario, qp);
  EXPECT_NEAR(qown(0, 1), 0.75 * qv.at(0, 1, 0, 1), 1e-6);
  EXPECT_NEAR(qown(1, 1), 0.25 * qv.at(0, 1, 0, 1) + qv.at(0, 0, 0, 1), 1e-6);
  EXPECT_GT(qv.at(0, 0, 0, 1), 0.0);
}

TEST(Valuation, PayerMustBeKnown)
{
  expect_input_error([] { read_scenario_text(valued("Försäkringskasan"), "v.toml"); },
                     "valuation.sjukpenning.payer: = \"Försäkringskasan\": ska vara \"kommun\" (deltagarens kommun), "
                     "\"region\" eller en medlems namn (menade du \"Försäkringskassan\"?)");
}

}  // namespace
}  // namespace finsim
