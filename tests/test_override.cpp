// Overrides by key path: the seam the analyses use to run "this scenario with these numbers
// changed", through the one projection pipeline and the Monte Carlo.
#include <gtest/gtest.h>

#include "engine/monte_carlo.h"
#include "input/override.h"
#include "input/scenario_reader.h"
#include "models/projection.h"
#include "test_support.h"

using namespace finsim;
using finsim::testing::minimal_scenario;
using finsim::testing::replace;

namespace {

Projection projected(const std::string& text, const std::vector<Override>& overrides)
{
  return project_expected(prepare(read_scenario_text(text, "s.toml"), overrides));
}

}  // namespace

TEST(Override, ABudgetAWholeSeriesAndOneYear)
{
  const Projection base = projected(minimal_scenario(), {});
  // The insats from March: 10/12 of the budget in 2024.
  const Projection budget = projected(minimal_scenario(), {Override::number("insats.Team.budget", 600000)});
  EXPECT_NEAR(budget.finance.insats_costs(0, 0), 500000.0, 1e-6);
  EXPECT_NEAR(budget.finance.insats_costs(0, 1), 600000.0, 1e-6);
  // cost.Kansli.amount[1]: the one-value amount is written out to year 1, then replaced there.
  const Projection year = projected(minimal_scenario(), {Override::number("cost.Kansli.amount[1]", 900000)});
  EXPECT_EQ(year.finance.line_costs(0, 0), base.finance.line_costs(0, 0));
  EXPECT_NEAR(year.finance.line_costs(0, 1), 900000.0, 1e-6);
  // The state half: every member's share follows.
  const Projection state = projected(minimal_scenario(), {Override::number("funding.state", 2000000)});
  EXPECT_NEAR(state.finance.driftbidrag[0], 2.0 * base.finance.driftbidrag[0], 1e-6);
}

TEST(Override, AGrowthAProbabilityAndAnOpeningNumber)
{
  const std::string text = replace(minimal_scenario(), "amount = 600000", "amount = 600000\ngrowth = 0.1");
  const Projection grown = projected(text, {Override::number("cost.Kansli.growth", 0.5)});
  EXPECT_NEAR(grown.finance.line_costs(0, 1), 900000.0, 1e-6);
  const Projection equity = projected(minimal_scenario(), {Override::number("forbund.opening_equity", 0)});
  EXPECT_NEAR(equity.finance.equity[0], projected(minimal_scenario(), {}).finance.equity[0] - 100000.0, 1e-6);
}

TEST(Override, UnknownPathsAndBadValuesAreInputErrors)
{
  const Scenario s = read_scenario_text(minimal_scenario(), "s.toml");
  finsim::testing::expect_input_error(
      [&] { prepare(s, {Override::number("insats.Tema.budget", 1)}); },
      "insats.Tema.budget: scenariot har inget sådant tal (menade du \"insats.Team.budget\"?)");
  finsim::testing::expect_input_error([&] { prepare(s, {Override::number("insats.Team.utilization", 2)}); },
                                      "insats.Team.utilization: ersättningsvärdet 2 ska vara mellan 0 och 1");
  finsim::testing::expect_input_error([&] { prepare(s, {Override::number("cost.Kansli.amount[5]", 1)}); },
                                      "cost.Kansli.amount[5]: årsindex 5 ligger utanför horisonten (0 … 1)");
  finsim::testing::expect_input_error([&] { prepare(s, {Override::number("forbund.opening_cash[1]", 1)}); },
                                      "forbund.opening_cash[1]: tar inget årsindex [år]");
}

TEST(Override, TheMonteCarloFromCodeWithOverridesAndASeed)
{
  // A distribution put in by override is drawn on its key path's stream: the same seed gives the
  // same draws, another seed others.
  const Scenario s = read_scenario_text(minimal_scenario(), "s.toml");
  Distribution d;
  d.kind = DistributionKind::beta;
  d.mean = 0.8;
  d.sd = 0.1;
  const PreparedScenario p = prepare(s, {{"insats.Team.utilization", d}});
  MonteCarloSettings settings;
  settings.runs = 400;
  settings.seed = 11;
  const MonteCarloResults a = run_monte_carlo(p, settings), b = run_monte_carlo(p, settings);
  settings.seed = 12;
  const MonteCarloResults c = run_monte_carlo(p, settings);
  EXPECT_EQ(a.summary(Outcome::costs, 1).mean, b.summary(Outcome::costs, 1).mean);
  EXPECT_NE(a.summary(Outcome::costs, 1).mean, c.summary(Outcome::costs, 1).mean);
  EXPECT_NEAR(a.summary(Outcome::costs, 1).mean, 600000.0 + 0.8 * 1200000.0, 4.0 * a.summary(Outcome::costs, 1).se);
}

TEST(Override, ADefaultUtilisationOverriddenTakesTheValueGiven)
{
  // An insats without utilization is taken as granted (1.0) in the expected values; an override
  // (the tornado's P10, a variant's number) replaces that too.
  Scenario s = read_scenario_text(minimal_scenario(), "o.toml");
  ASSERT_FALSE(s.insatser[0].utilization_given);
  EXPECT_EQ(s.insatser[0].utilization.expected(), 1.0);
  apply_overrides(s, {Override::number("insats.Team.utilization", 0.8)});
  EXPECT_EQ(s.insatser[0].utilization.expected(), 0.8);
}
