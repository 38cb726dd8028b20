// The state's allocation model: the base and share parts against a hand computation, the yearly
// cut limit, the equity rule with its two-year lag, and its feedback in the Monte Carlo.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "analysis/budget_room.h"
#include "engine/monte_carlo.h"
#include "input/scenario_reader.h"
#include "models/projection.h"
#include "test_support.h"

namespace finsim {
namespace {

using testing::expect_input_error;
using testing::replace;

/// A förbund of FK, AF, a region and two kommuner over `years` years from 2024, funded by the
/// allocation model with the lines of `allocation`; a kansli cost of `cost`.
std::string allocated(int years, const std::string& allocation, const std::string& cost = "4000000")
{
  return "[forbund]\nname = \"Fördelningsförbundet\"\nfirst_year = 2024\nyears = " + std::to_string(years) + R"(
opening_equity = 1000000
opening_cash = 1000000

[funding]
[funding.allocation]
)" + allocation +
         R"(

[[member]]
name = "Försäkringskassan"
kind = "state"
[[member]]
name = "Arbetsförmedlingen"
kind = "state"
[[member]]
name = "Region"
kind = "region"
[[member]]
name = "Storby kommun"
kind = "kommun"
population = 30000
forsorjningsmatt = 3000
population_16_64 = 9600
[[member]]
name = "Lillby kommun"
kind = "kommun"
population = 10000
forsorjningsmatt = 1000
population_16_64 = 2400

[[cost]]
name = "Kansli"
kind = "kansli"
amount = )" +
         cost + "\n";
}

const std::string national = "national_total = 339000000\nforbund_count = 80\n";

void expect_close(const char* what, double calculated, double expected, double tolerance)
{
  EXPECT_LE(std::fabs(calculated - expected), tolerance)
      << what << ": calculated " << calculated << ", expected " << expected << ", error " << calculated - expected;
}

Projection expected_projection(const std::string& text)
{
  return project_expected(prepare(read_scenario_text(text, "a.toml")));
}

TEST(Allocation, BaseAndShareAgainstAHandComputation)
{
  // Shares given: 339 Mkr − 80 × 400 000 = 307 Mkr, × (0.75 × 0.01 + 0.25 × 0.012) = 3 223 500.
  const Projection given =
      expected_projection(allocated(1, national + "forsorjningsmatt_share = 0.01\npopulation_share = 0.012\n"));
  expect_close("base", given.allocation.base[0], 400000.0, 0.0);
  expect_close("share part", given.allocation.share_part[0], 3223500.0, 1e-6);
  expect_close("state allocation", given.allocation.state_allocation[0], 3623500.0, 1e-6);
  // The members match it: driftbidrag = 2 × the state half; the kommun quarter by population.
  expect_close("driftbidrag", given.finance.driftbidrag[0], 7247000.0, 1e-6);
  expect_close("Storby", given.finance.member_contributions(3, 0), 0.25 * 7247000.0 * 0.75, 1e-6);
  // The same shares from the kommuner's figures: (3000 + 1000) / 400 000, (9600 + 2400) / 1 000 000.
  const Projection members = expected_projection(
      allocated(1, national + "national_forsorjningsmatt = 400000\nnational_population_16_64 = 1000000\n"));
  expect_close("from the kommuner", members.allocation.state_allocation[0], 3623500.0, 1e-6);
}

TEST(Allocation, YearlyCutLimit)
{
  // 2025: 400 000 + (250 Mkr − 32 Mkr) × 0.0105 = 2 689 000, below 0.9 × 3 623 500 = 3 261 150.
  const std::string shares = "forsorjningsmatt_share = 0.01\npopulation_share = 0.012\n";
  const Projection p =
      expected_projection(allocated(3, "national_total = [339000000, 250000000, 250000000]\nforbund_count = 80\n" +
                                           shares + "max_yearly_cut = 0.10\n"));
  expect_close("2024 unlimited", p.allocation.cut_limited[0], 0.0, 0.0);
  expect_close("2025 limited", p.allocation.state_allocation[1], 3261150.0, 1e-6);
  expect_close("2025 what the limit adds", p.allocation.cut_limited[1], 3261150.0 - 2689000.0, 1e-6);
  expect_close("2026 limited again", p.allocation.state_allocation[2], 0.9 * 3261150.0, 1e-6);
  for (std::size_t y = 0; y < 3; ++y)
    expect_close("parts add up", p.allocation.state_allocation[y],
                 p.allocation.base[y] + p.allocation.share_part[y] - p.allocation.equity_deduction[y] +
                     p.allocation.cut_limited[y],
                 1e-6);
}

TEST(Allocation, EquityRuleWithItsTwoYearLag)
{
  // Driftbidrag 7 247 000 a year against costs of 4 000 000: equity grows 3 247 000 a year.
  const std::string shares = "forsorjningsmatt_share = 0.01\npopulation_share = 0.012\n";
  const Projection p = expected_projection(allocated(4, national + shares +
                                                            "max_yearly_cut = 0.10\nequity_threshold_share = 0.2\n"
                                                            "equity_deduction_share = 0.5\n"));
  expect_close("2024 no rule", p.allocation.equity_deduction[0], 0.0, 0.0);
  expect_close("2025 no rule", p.allocation.equity_deduction[1], 0.0, 0.0);
  // 2026 from 2024's closing equity: 1 000 000 + 3 247 000 = 4 247 000 over 0.2 × 7 247 000.
  const double excess_2024 = 4247000.0 - 0.2 * 7247000.0;
  expect_close("2026 deduction", p.allocation.equity_deduction[2], 0.5 * excess_2024, 1e-6);
  expect_close("2026 no cut limit in a deduction year", p.allocation.cut_limited[2], 0.0, 0.0);
  expect_close("2026 state allocation", p.allocation.state_allocation[2], 3623500.0 - 0.5 * excess_2024, 1e-6);
  expect_close("2026 the members match the lower state half", p.finance.driftbidrag[2],
               2.0 * (3623500.0 - 0.5 * excess_2024), 1e-6);
  // 2027 from 2025's closing equity, which the rule has not touched yet.
  const double excess_2025 = p.finance.equity[1] - 0.2 * p.finance.driftbidrag[1];
  expect_close("2025 equity", p.finance.equity[1], 1000000.0 + 2 * 3247000.0, 1e-6);
  expect_close("2027 deduction", p.allocation.equity_deduction[3], 0.5 * excess_2025, 1e-6);
  // The rule takes at most the whole allocation: a huge equity leaves the state half at 0.
  const Projection rich = expected_projection(
      testing::replace(allocated(3, national + shares + "equity_threshold_share = 0.0\nequity_deduction_share = 1.0\n"),
                       "opening_equity = 1000000", "opening_equity = 100000000"));
  expect_close("state allocation floored at 0", rich.allocation.state_allocation[2], 0.0, 0.0);
  expect_close("deduction = the whole allocation", rich.allocation.equity_deduction[2], 3623500.0, 1e-6);
  // Without the thresholds the rule is off.
  const Projection off = expected_projection(allocated(4, national + shares));
  for (double d : off.allocation.equity_deduction) EXPECT_EQ(d, 0.0);
}

TEST(Allocation, EquityRuleNarrowsTheEquityBandInTheMonteCarlo)
{
  // An uncertain cost: with the rule, a run with high equity loses state money two years later,
  // one with low equity keeps it: the feedback narrows the band.
  const std::string shares = "forsorjningsmatt_share = 0.01\npopulation_share = 0.012\n";
  const std::string cost = "{ dist = \"normal\", mean = 6500000, sd = 600000 }\ngrowth = 0";
  const std::string rule = "equity_threshold_share = 0.2\nequity_deduction_share = 0.5\n";
  MonteCarloSettings mc;
  mc.runs = 2000;
  mc.seed = 11;
  auto band = [&](const std::string& allocation) {
    const MonteCarloResults r =
        run_monte_carlo(prepare(read_scenario_text(allocated(5, allocation, cost), "m.toml")), mc);
    const Summary& last = r.summary(Outcome::equity, 4);
    return last.at(0.95) - last.at(0.05);
  };
  const double without = band(national + shares), with = band(national + shares + rule);
  std::cout << "P5–P95 of equity 2028: with the equity rule " << with << ", without " << without << ", ratio "
            << with / without << " (expected below 0.8)\n";
  EXPECT_LT(with, 0.8 * without) << "P5–P95 of equity 2028: with the rule " << with << ", without " << without;
}

TEST(Allocation, ReaderAndRoomRefuseWhatTheyCannotUse)
{
  const std::string shares = "forsorjningsmatt_share = 0.01\npopulation_share = 0.012\n";
  expect_input_error(
      [&] { read_scenario_text(allocated(1, "national_total = 1000000\nforbund_count = 80\n" + shares), "n.toml"); },
      "det som fördelas efter försörjningsmått och befolkning skulle bli negativt");
  expect_input_error(
      [&] { read_scenario_text(allocated(1, national + shares + "equity_threshold_share = 0.2\n"), "n.toml"); },
      "behöver både equity_threshold_share och equity_deduction_share");
  expect_input_error([&] { read_scenario_text(allocated(1, national + "population_share = 0.012\n"), "n.toml"); },
                     "funding.allocation.forsorjningsmatt_share: saknas: ge forsorjningsmatt_share");
  expect_input_error(
      [&] {
        read_scenario_text(replace(allocated(1, national + shares), "[funding]\n", "[funding]\nstate = 1000000\n"),
                           "n.toml");
      },
      "inte flera");
  const Scenario ruled = read_scenario_text(
      allocated(3, national + shares + "equity_threshold_share = 0.2\nequity_deduction_share = 0.5\n"), "rule.toml");
  RoomLimits limits;
  limits.from_year = 2024;
  expect_input_error([&] { check_room_limits(ruled, limits); },
                     "det egna kapitalet beror inte linjärt på den extra utgiften");
  limits.from_year = 2025;
  check_room_limits(ruled, limits);  // 2027 is past the horizon: the rule cannot reach the extra spend
}

}  // namespace
}  // namespace finsim
