#include <gtest/gtest.h>

#include <cmath>

#include "input/scenario_reader.h"
#include "models/finance_inputs.h"
#include "test_support.h"

using namespace finsim;
using finsim::testing::minimal_scenario;
using finsim::testing::replace;

namespace {

FinanceProjection project(const std::string& text)
{
  ExpectedValues expected;
  return project_finances(finance_inputs(read_scenario_text(text, "test.toml"), expected));
}

}  // namespace

TEST(Finance, MembersMatchTheStateHalfAndKommunerSplitByPopulation)
{
  auto p = project(minimal_scenario());
  // state half 1 000 000: FK and AF 500 000 each, region 500 000, kommuner 500 000 by 30 000 : 10 000.
  EXPECT_DOUBLE_EQ(p.member_contributions(0, 0), 500000.0);
  EXPECT_DOUBLE_EQ(p.member_contributions(1, 0), 500000.0);
  EXPECT_DOUBLE_EQ(p.member_contributions(2, 0), 500000.0);
  EXPECT_DOUBLE_EQ(p.member_contributions(3, 0), 375000.0);
  EXPECT_DOUBLE_EQ(p.member_contributions(4, 0), 125000.0);
  EXPECT_DOUBLE_EQ(p.driftbidrag[0], 2000000.0);
}

TEST(Finance, InsatsAccruesOverItsActiveMonths)
{
  auto p = project(minimal_scenario());
  // From 2024-03: 10/12 of 1 200 000 in 2024, all of it in 2025.
  EXPECT_NEAR(p.insats_costs(0, 0), 1000000.0, 1e-6);
  EXPECT_NEAR(p.insats_costs(0, 1), 1200000.0, 1e-6);
  EXPECT_NEAR(p.result[0], 2000000.0 - 600000.0 - 1000000.0, 1e-6);
  EXPECT_NEAR(p.equity[0], 100000.0 + 400000.0, 1e-6);
  EXPECT_NEAR(p.equity[1], 500000.0 + 200000.0, 1e-6);
  EXPECT_NEAR(p.equity_cap[0], 400000.0, 1e-6);
  EXPECT_TRUE(p.equity_above_cap[0]);  // 500 000 > 20 % of 2 000 000
}

TEST(Finance, CashFollowsThePaymentSchedules)
{
  auto p = project(minimal_scenario());
  // January: +500 000 (Q1 driftbidrag in advance) − 50 000 (kansli).
  EXPECT_NEAR(p.cash[0], 100000.0 + 500000.0 - 50000.0, 1e-6);
  // April: + Q2 driftbidrag − kansli − Q1 insats (March only: 100 000) in arrears.
  EXPECT_NEAR(p.cash[3] - p.cash[2], 500000.0 - 50000.0 - 100000.0, 1e-6);
  // The lowest month-end cash of 2024 is the lowest of its twelve months.
  double lowest = p.cash[0];
  for (int m = 0; m < 12; ++m) lowest = std::min(lowest, p.cash[m]);
  EXPECT_EQ(p.cash_min[0], lowest);
  // At the end, cash = equity plus the insats' Q4 2025 invoice still unpaid (300 000).
  EXPECT_NEAR(p.cash[23], p.equity[1] + 300000.0, 1e-6);
}

TEST(Finance, ListsCarryForwardGrown)
{
  std::string text = replace(minimal_scenario(), "years = 2", "years = 4");
  text = replace(text, "state = 1000000", "state = [1000000, 1100000]\nstate_growth = 0.1");
  text = replace(text, "amount = 600000", "amount = [600000]\ngrowth = 0.05");
  auto p = project(text);
  EXPECT_NEAR(p.driftbidrag[1], 2200000.0, 1e-6);
  EXPECT_NEAR(p.driftbidrag[2], 2200000.0 * 1.1, 1e-6);
  EXPECT_NEAR(p.driftbidrag[3], 2200000.0 * 1.1 * 1.1, 1e-6);
  EXPECT_NEAR(p.line_costs(0, 0), 600000.0, 1e-6);
  EXPECT_NEAR(p.line_costs(0, 1), 630000.0, 1e-6);  // a single number grows from the second year
  EXPECT_NEAR(p.line_costs(0, 3), 600000.0 * std::pow(1.05, 3), 1e-6);
  // An insats budget has no growth: it repeats its last value.
  EXPECT_NEAR(p.insats_costs(0, 3), 1200000.0, 1e-6);
}

TEST(Finance, ExplicitContributionsReplaceMatching)
{
  std::string text = replace(minimal_scenario(), "state = 1000000",
                             "state_growth = 0.5\n[funding.contributions]\n\"Försäkringskassan\" = 10\n"
                             "\"Arbetsförmedlingen\" = 20\n\"Region Test\" = 30\n\"Storby kommun\" = 40\n"
                             "\"Lillby kommun\" = [50, 60]");
  auto p = project(text);
  EXPECT_DOUBLE_EQ(p.driftbidrag[0], 150.0);
  EXPECT_DOUBLE_EQ(p.member_contributions(0, 1), 15.0);  // grown by state_growth past its list
  EXPECT_DOUBLE_EQ(p.member_contributions(4, 1), 60.0);  // listed
}

TEST(Finance, ProbabilitiesWeighIncomeAndConditionalCosts)
{
  std::string text = minimal_scenario() +
                     "[[income]]\nname = \"MUCF\"\namount = 400000\nprobability = 0.4\n"
                     "[[cost]]\nname = \"Reserv UVAS\"\nkind = \"other\"\namount = 300000\nunless = \"MUCF\"\n";
  auto p = project(text);
  EXPECT_NEAR(p.income[0], 160000.0, 1e-6);
  EXPECT_NEAR(p.line_costs(1, 0), 180000.0, 1e-6);  // 300 000 × (1 − 0.4)
}

TEST(Finance, ZeroDriftbidragGivesNanRatioAndAFlag)
{
  auto p = project(replace(minimal_scenario(), "state = 1000000", "state = 0"));
  EXPECT_TRUE(std::isnan(p.equity_ratio[0]));
  EXPECT_TRUE(p.equity_above_cap[0]);
  EXPECT_TRUE(p.equity_below_floor[0]);  // costs with no income
}

TEST(Finance, MonthEndCashBelowZeroIsFlagged)
{
  auto p = project(replace(minimal_scenario(), "opening_cash = 100000", "opening_cash = -600000"));
  EXPECT_TRUE(p.cash_negative[0]);
  EXPECT_LT(p.cash_min[0], 0.0);
}

/// Inputs and a projection reused from another scenario give the same projection as fresh ones
/// (a Monte Carlo replication reuses them from the one before).
TEST(Finance, ReusedStorageGivesTheSameProjection)
{
  const Scenario small = read_scenario_text(finsim::testing::minimal_scenario(), "small.toml");
  std::string text = finsim::testing::minimal_scenario();
  text = finsim::testing::replace(text, "years = 2", "years = 3");
  text += R"(
[[income]]
name = "Projekt"
amount = [200000, 100000]
payment = "quarterly_arrears"

[[cost]]
name = "Lokal"
kind = "other"
amount = 120000
payment = "annual_advance"
)";
  const Scenario large = read_scenario_text(text, "large.toml");
  ExpectedValues expected;
  FinanceInputs in;
  FinanceProjection out;
  for (const Scenario* s : {&large, &small, &large}) {
    finance_inputs(*s, expected, in);
    project_finances(in, out);
    const FinanceProjection fresh = project_finances(finance_inputs(*s, expected));
    EXPECT_EQ(out.equity, fresh.equity);
    EXPECT_EQ(out.result, fresh.result);
    EXPECT_EQ(out.driftbidrag, fresh.driftbidrag);
    EXPECT_EQ(out.costs, fresh.costs);
    EXPECT_EQ(out.cash, fresh.cash);
    EXPECT_EQ(out.cash_min, fresh.cash_min);
    EXPECT_EQ(out.equity_above_cap, fresh.equity_above_cap);
    EXPECT_EQ(out.insats_costs, fresh.insats_costs);
    EXPECT_EQ(out.line_costs, fresh.line_costs);
    EXPECT_EQ(out.income_lines, fresh.income_lines);
  }
}

/// cash + receivables − payables + other net assets = equity_month in every month, to the krona;
/// both series non-negative (clarifications 26–27).
void expect_balance(const Scenario& s, const FinanceProjection& p)
{
  const double other = s.forbund.other_net_assets();
  ASSERT_EQ(p.equity_month.size(), static_cast<std::size_t>(s.forbund.months()));
  for (std::size_t m = 0; m < p.cash.size(); ++m) {
    EXPECT_NEAR(p.cash[m] + p.receivables[m] - p.payables[m] + other, p.equity_month[m], 0.5) << "month " << m;
    EXPECT_GE(p.receivables[m], 0.0);
    EXPECT_GE(p.payables[m], 0.0);
  }
  for (int y = 0; y < s.forbund.years; ++y)
    EXPECT_NEAR(p.equity_month[static_cast<std::size_t>(12 * y + 11)], p.equity[static_cast<std::size_t>(y)], 0.5);
}

TEST(Finance, OpeningItemsAndPrepaymentsMakeTheBalanceSheet)
{
  // Members pay a quarter ahead (payables: income received ahead), the insats is invoiced a quarter
  // behind (payables: costs not yet paid); the opening payables go out in March, the receivables
  // stay open past the horizon.
  const std::string text = replace(minimal_scenario(), "opening_cash = 100000",
                                   "opening_cash = 100000\nopening_payables = { amount = 40000, paid = \"2024-03\" }\n"
                                   "opening_receivables = { amount = 15000, received = \"2030-01\" }");
  const Scenario s = read_scenario_text(text, "test.toml");
  EXPECT_EQ(s.forbund.opening_payables.month, 2);
  EXPECT_EQ(s.forbund.opening_receivables.month, 72);
  ExpectedValues expected;
  const FinanceProjection p = project_finances(finance_inputs(s, expected));
  expect_balance(s, p);
  EXPECT_NEAR(s.forbund.other_net_assets(), 100000.0 - 100000.0 - 15000.0 + 40000.0, 1e-9);
  // January: a quarter of the driftbidrag received ahead (2/3 of it not yet earned) and the
  // opening payables still owed; the kansli is paid as it accrues, the insats starts in March.
  EXPECT_NEAR(p.payables[0], 2000000.0 / 4.0 * 2.0 / 3.0 + 40000.0, 0.5);
  EXPECT_NEAR(p.receivables[0], 15000.0, 0.5);
  EXPECT_NEAR(p.cash[2] - p.cash[1], -40000.0 - 50000.0, 0.5);  // March: opening payables and the kansli
  EXPECT_NEAR(p.receivables.back(), 15000.0, 0.5);              // never received within the horizon
}

TEST(Finance, OpeningItemBeforeTheHorizonIsAnInputError)
{
  finsim::testing::expect_input_error(
      [] {
        read_scenario_text(replace(minimal_scenario(), "opening_cash = 100000",
                                   "opening_cash = 100000\nopening_payables = { amount = 1, paid = \"2023-12\" }"),
                           "test.toml");
      },
      "test.toml:7:41: forbund.opening_payables.paid: = \"2023-12\" ligger före horisontens början (2024-01): en "
      "ingående post betalas under horisonten eller senare");
}
