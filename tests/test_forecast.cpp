// The forecast: [year_to_date] with each method against a hand computation, given cash, the
// priors made from a history (their width and their coverage), and the backtest.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>

#include "analysis/backtest.h"
#include "analysis/budget_room.h"
#include "analysis/forecast.h"
#include "input/scenario_reader.h"
#include "models/projection.h"
#include "models/year_to_date.h"
#include "sampling/random_stream.h"
#include "test_support.h"

namespace finsim {
namespace {

using testing::expect_input_error;
using testing::one_year_forbund;
using testing::replace;

/// One year (2025): driftbidrag 2 000 000, a kansli of 600 000 and a team of 1 200 000 with
/// `utilization`, actuals to August booked as accrued (periodiserat): driftbidrag 1 250 000,
/// kansli 380 000, team 700 000.
std::string year_to_date_scenario(const std::string& utilization = "1.0", const std::string& extra = "")
{
  return one_year_forbund("Prognosförbundet", 1000000, 1000000) + R"(
[[cost]]
name = "Kansli"
kind = "kansli"
amount = 600000

[[insats]]
name = "Team"
kind = "individual"
budget = 1200000
utilization = )" +
         utilization + R"(

[year_to_date]
through = "2025-08"
basis = "accrued"
driftbidrag = 1250000
)" + extra +
         R"(
[year_to_date.lines]
"Kansli" = 380000
"Team" = 700000
)";
}

PreparedScenario prepared(const std::string& text, ForecastMethod method)
{
  Scenario s = read_scenario_text(text, "prognos.toml");
  s.year_to_date->method = method;
  return prepare(std::move(s));
}

/// The forecast of `p`: with `runs` > 0 from the Monte Carlo, else the expected projection.
YearForecast forecast(const PreparedScenario& p, std::uint64_t runs)
{
  const Projection expected = project_expected(p);
  ForecastRuns kept(p, runs);
  if (runs > 0) {
    MonteCarloSettings mc;
    mc.runs = runs;
    mc.seed = 7;
    mc.observe = kept.observer();
    run_monte_carlo(p, mc);
  }
  return kept.finish(p, expected, runs > 0);
}

/// |calculated − expected| <= tolerance, printing all three and the error.
void expect_close(const char* what, double calculated, double expected, double tolerance)
{
  EXPECT_LE(std::fabs(calculated - expected), tolerance)
      << what << ": calculated " << calculated << ", expected " << expected << ", error " << calculated - expected
      << ", tolerance " << tolerance;
}

TEST(YearToDate, BudgetMethodIsTheActualPlusTheBudgetOfTheMonthsLeft)
{
  const YearForecast f = forecast(prepared(year_to_date_scenario(), ForecastMethod::budget), 0);
  ASSERT_EQ(f.lines, (std::vector<std::string>{"driftbidrag", "Kansli", "Team"}));
  // The driftbidrag is the decided one: what has arrived is no use (clarification 98).
  expect_close("driftbidrag", f.forecast_mean[0], 2000000.0, 1e-6);
  expect_close("kansli", f.forecast_mean[1], 380000.0 + 600000.0 * 4.0 / 12.0, 1e-6);
  expect_close("team", f.forecast_mean[2], 700000.0 + 1200000.0 * 4.0 / 12.0, 1e-6);
  expect_close("budget of the team", f.budget[2], 1200000.0, 1e-6);
  // Income: forecast − budget; cost: budget − forecast.
  expect_close("deviation driftbidrag", f.deviation_from_budget[0], 0.0, 1e-6);
  expect_close("deviation team", f.deviation_from_budget[2], 1200000.0 - 1100000.0, 1e-6);
  const double result = 2000000.0 - 580000.0 - 1100000.0;
  expect_close("result", f.result_mean, result, 1e-6);
  expect_close("equity", f.equity_mean, 1000000.0 + result, 1e-6);
}

TEST(YearToDate, BudgetToDateIsWhatTheBudgetBooksByThenOnTheBookingBasis)
{
  // Accrued: eight months of each line's year; the deviation positive when better.
  const YearForecast accrued = forecast(prepared(year_to_date_scenario(), ForecastMethod::budget), 0);
  expect_close("driftbidrag, accrued", accrued.budget_to_date[0], 2000000.0 * 8.0 / 12.0, 1e-6);
  expect_close("kansli, accrued", accrued.budget_to_date[1], 400000.0, 1e-6);
  expect_close("team, accrued", accrued.budget_to_date[2], 800000.0, 1e-6);
  expect_close("driftbidrag deviation (income: actual − budget)", accrued.deviation_to_date[0],
               1250000.0 - 2000000.0 * 8.0 / 12.0, 1e-6);
  expect_close("kansli deviation (cost: budget − actual)", accrued.deviation_to_date[1], 400000.0 - 380000.0, 1e-6);
  // Paid: what the schedules pay by the end of August. The kansli monthly (eight months), the team
  // quarterly in arrears (the first two quarters, paid in April and July), the members quarterly in
  // advance (three quarters: January, April, July).
  const std::string text = replace(year_to_date_scenario(), "basis = \"accrued\"", "basis = \"paid\"");
  const YearForecast paid = forecast(prepared(text, ForecastMethod::budget), 0);
  expect_close("driftbidrag, paid", paid.budget_to_date[0], 1500000.0, 1e-6);
  expect_close("kansli, paid", paid.budget_to_date[1], 400000.0, 1e-6);
  expect_close("team, paid", paid.budget_to_date[2], 600000.0, 1e-6);
  expect_close("team deviation", paid.deviation_to_date[2], 600000.0 - 700000.0, 1e-6);
}

TEST(YearToDate, PaceMethodContinuesTheYearSoFar)
{
  const YearForecast f = forecast(prepared(year_to_date_scenario(), ForecastMethod::pace), 0);
  expect_close("driftbidrag (decided)", f.forecast_mean[0], 2000000.0, 1e-6);
  expect_close("kansli", f.forecast_mean[1], 380000.0 * 12.0 / 8.0, 1e-6);
  expect_close("team", f.forecast_mean[2], 700000.0 * 12.0 / 8.0, 1e-6);
}

TEST(YearToDate, ModelWithoutOwnUncertaintyContinuesTheUseSoFarWithTheDefaultBand)
{
  // Lines of no uncertainty of their own: the use so far (kansli 380 000 of 400 000 = 0.95, team
  // 700 000 of 800 000 = 0.875) continues for the months left; the Monte Carlo adds the default
  // deviation of the months left (a Student-t, 3 df, scale 9.4 % of the team's year budget and
  // 5 % of the kansli's), centred on it: the band is never zero wide.
  const YearForecast expected = forecast(prepared(year_to_date_scenario(), ForecastMethod::model), 0);
  expect_close("kansli", expected.forecast_mean[1], 0.95 * 600000.0, 1e-6);
  expect_close("team", expected.forecast_mean[2], 0.875 * 1200000.0, 1e-6);
  const YearForecast model = forecast(prepared(year_to_date_scenario(), ForecastMethod::model), 4000);
  expect_close("driftbidrag P5 = P95 (a decided grant)", model.forecast_at(0, 0.05), model.forecast_at(0, 0.95), 1e-6);
  expect_close("team P50", model.forecast_at(2, 0.50), expected.forecast_mean[2], 8000.0);
  // P95 − P50 = t₃(0.95) × scale × the year budget.
  const double t95 = 2.353363, scale = insats_deviation_scale();
  expect_close("team P95 - P50", model.forecast_at(2, 0.95) - model.forecast_at(2, 0.50), t95 * scale * 1200000.0,
               0.08 * t95 * scale * 1200000.0);
  expect_close("kansli P95 - P50", model.forecast_at(1, 0.95) - model.forecast_at(1, 0.50), t95 * 0.05 * 600000.0,
               0.08 * t95 * 0.05 * 600000.0);
  EXPECT_GT(model.result_q[7] - model.result_q[1], 200000.0);
}

TEST(YearToDate, ModelUpdatesTheUtilisationWithTheYearSoFar)
{
  // Prior Beta(12, 3) (mean 0.8, sd 0.1); used so far 700 000 of 800 000 granted: ū = 0.875 over
  // k = 8 months, posterior Beta(12 + 7, 3 + 1), mean 19/23.
  const PreparedScenario p =
      prepared(year_to_date_scenario(R"({ dist = "beta", mean = 0.8, sd = 0.1 })"), ForecastMethod::model);
  ASSERT_TRUE(p.year_to_date->posterior[0]);
  expect_close("alpha", p.year_to_date->posterior[0]->alpha, 19.0, 1e-9);
  expect_close("beta", p.year_to_date->posterior[0]->beta, 4.0, 1e-9);
  const double expected_team = 700000.0 + 1200000.0 / 12.0 * 4.0 * 19.0 / 23.0;
  const YearForecast deterministic = forecast(p, 0);
  expect_close("team, expected values", deterministic.forecast_mean[2], expected_team, 1e-6);
  expect_close("budget: expected accrual", deterministic.budget[2], 1200000.0 * 0.8, 1e-6);
  // The Monte Carlo's mean over 4 000 draws of the posterior: sd of one draw 400 000 × 0.0774.
  const YearForecast drawn = forecast(p, 4000);
  const double se = 400000.0 * std::sqrt(19.0 * 4.0 / (23.0 * 23.0 * 24.0)) / std::sqrt(4000.0);
  expect_close("team, Monte Carlo mean", drawn.forecast_mean[2], expected_team, 4.0 * se);
  EXPECT_GT(drawn.forecast_at(2, 0.95) - drawn.forecast_at(2, 0.05), 50000.0);
  EXPECT_GE(drawn.forecast_at(2, 0.01), 700000.0);  // the months left cost something, never less
}

TEST(YearToDate, MissingLineIsForecastFromItsBudgetAndFlagged)
{
  const std::string text = replace(year_to_date_scenario(), "\"Team\" = 700000\n", "");
  const YearForecast f = forecast(prepared(text, ForecastMethod::pace), 0);
  EXPECT_TRUE(f.flagged[2]);
  EXPECT_FALSE(f.flagged[1]);
  EXPECT_TRUE(std::isnan(f.actual_to_date[2]));
  expect_close("team from its budget", f.forecast_mean[2], 1200000.0, 1e-6);
}

TEST(YearToDate, PaceWithNoActiveMonthSoFarFallsBackToTheBudget)
{
  const std::string text =
      replace(year_to_date_scenario(), "utilization = 1.0\n", "utilization = 1.0\nfrom = \"2025-10\"\n");
  const YearForecast f =
      forecast(prepared(replace(text, "\"Team\" = 700000", "\"Team\" = 0"), ForecastMethod::pace), 0);
  EXPECT_TRUE(f.flagged[2]);
  expect_close("team: October to December of its budget", f.forecast_mean[2], 300000.0, 1e-6);
}

TEST(YearToDate, GivenCashShowsInItsMonthAndJoinsTheOtherNetAssets)
{
  const PreparedScenario without = prepared(year_to_date_scenario(), ForecastMethod::budget);
  const PreparedScenario with = prepared(year_to_date_scenario("1.0", "cash = 500000\n"), ForecastMethod::budget);
  const Projection a = project_expected(without), b = project_expected(with);
  expect_close("cash at the end of August", b.finance.cash[7], 500000.0, 1e-6);
  const double gap = 500000.0 - a.finance.cash[7];
  for (std::size_t m = 0; m < 12; ++m) expect_close("cash shifted", b.finance.cash[m], a.finance.cash[m] + gap, 1e-6);
  expect_close("equity unchanged", b.finance.equity[0], a.finance.equity[0], 1e-6);
  expect_close("other net assets", other_net_assets(b.inputs), other_net_assets(a.inputs) - gap, 1e-6);
  for (std::size_t m = 0; m < 12; ++m)
    expect_close("balance sheet",
                 b.finance.cash[m] + b.finance.receivables[m] - b.finance.payables[m] + other_net_assets(b.inputs),
                 b.finance.equity_month[m], 1e-6);
}

TEST(YearToDate, EarlyEndFallsAfterThrough)
{
  const std::string text =
      replace(year_to_date_scenario(), "utilization = 1.0\n", "utilization = 1.0\nearly_end_probability = 1.0\n");
  const YearForecast f = forecast(prepared(text, ForecastMethod::model), 500);
  EXPECT_GE(f.forecast_at(2, 0.01), 700000.0 - 1e-6);
  // Every run ends early, after August: some months left are not spent, so the lowest runs stay
  // below the full year (with the default deviation the highest may exceed it).
  EXPECT_LT(f.forecast_at(2, 0.25), 700000.0 + 400000.0);
}

TEST(YearToDate, AnIncomeThatHasComeHasOccurredForTheRun)
{
  // ESF (probability 0.5, one event per run) has brought 200 000 by August: it has come, the
  // whole amount counts in every year, and the cost booked unless it comes is never booked.
  std::string text = year_to_date_scenario("1.0", "") + R"(
[[income]]
name = "ESF"
amount = 300000
probability = 0.5

[[cost]]
name = "Reserv"
kind = "other"
amount = 120000
unless = "ESF"
)";
  text = replace(text, "\"Team\" = 700000\n", "\"Team\" = 700000\n\"ESF\" = 200000\n");
  text = replace(text, "years = 1", "years = 2");
  // [year_to_date.lines] must stay last: move the new lines before [year_to_date].
  const auto at = text.find("[year_to_date]");
  const auto tail = text.find("\n[[income]]");
  text = text.substr(0, at) + text.substr(tail + 1) + "\n" + text.substr(at, tail - at);
  const PreparedScenario p = prepared(text, ForecastMethod::model);
  const Projection e = project_expected(p);
  expect_close("ESF 2026 in full", e.finance.income_lines(0, 1), 300000.0, 1e-6);
  expect_close("Reserv never booked 2026", e.finance.line_costs(1, 1), 0.0, 1e-6);
  const YearForecast f = forecast(p, 200);
  expect_close("ESF 2025: 200 000 + 4/12 of 300 000", f.forecast_at(1, 0.5), 300000.0, 1e-6);
  expect_close("Reserv 2025: not booked", f.forecast_at(3, 0.99), 0.0, 1e-6);
}

TEST(YearToDate, RoomRunsOnAScenarioWithActuals)
{
  RoomLimits limits;
  limits.from_year = 2026;  // the year after the actuals
  MonteCarloSettings mc;
  mc.runs = 200;
  const std::string two_years = replace(year_to_date_scenario(), "years = 1", "years = 2");
  const BudgetRoom r = find_room(prepared(two_years, ForecastMethod::budget), limits, mc);
  EXPECT_TRUE(r.feasible);
  EXPECT_GT(r.max_extra_spend, 0.0);
}

TEST(YearToDate, RoomRefusesExtraSpendInMonthsAlreadyBooked)
{
  // Through 2025-08 the months are booked: no extra spend may start in them, even in a window
  // that ends before `through` (--to 2025-03).
  RoomLimits limits;
  limits.from_year = 2025;
  limits.to = YearMonth{2025, 3};
  MonteCarloSettings mc;
  mc.runs = 10;
  const std::string two_years = replace(year_to_date_scenario(), "years = 1", "years = 2");
  expect_input_error([&] { find_room(prepared(two_years, ForecastMethod::budget), limits, mc); },
                     "prognos.toml: year_to_date.through: = \"2025-08\": --from 2025 lägger den extra utgiften i "
                     "2025-01–2025-03, men månaderna t.o.m. 2025-08 är redan bokförda; ge --from 2026 eller senare");
  limits.to.reset();
  expect_input_error([&] { find_room(prepared(year_to_date_scenario(), ForecastMethod::budget), limits, mc); },
                     "scenariot har inget år efter 2025: förläng horisonten (forbund.years)");
}

TEST(YearToDate, ReaderRefusesBadInput)
{
  expect_input_error([] { read_scenario_text(replace(year_to_date_scenario(), "2025-08", "2026-02"), "y.toml"); },
                     "year_to_date.through: = \"2026-02\": ska vara en månad i horisontens första år 2025");
  expect_input_error(
      [] { read_scenario_text(replace(year_to_date_scenario(), "\"Kansli\" = 380000", "\"Kanslii\" = 1"), "y.toml"); },
      "year_to_date.lines.Kanslii: är inget namn på en intäkt, kostnad eller insats i scenariot (menade du "
      "\"Kansli\"?)");
  expect_input_error(
      [] { read_scenario_text(replace(year_to_date_scenario(), "name = \"Team\"", "name = \"Kansli\""), "y.toml"); },
      "postnamnet \"Kansli\" används två gånger");
}

TEST(History, ReaderMakesAStudentTPredictive)
{
  const std::string text = replace(year_to_date_scenario(), "[year_to_date]",
                                   "early_end_probability = { history = [0, 1, 0, 0] }\n[year_to_date]");
  const Scenario s = read_scenario_text(
      replace(text, "utilization = 1.0", "utilization = { history = [0.92, 0.83, 1.02] }"), "h.toml");
  const Distribution& d = s.insatser[0].utilization.distribution;
  ASSERT_EQ(d.kind, DistributionKind::student_t);
  const double mean = (0.92 + 0.83 + 1.02) / 3.0;
  const double sd =
      std::sqrt(((0.92 - mean) * (0.92 - mean) + (0.83 - mean) * (0.83 - mean) + (1.02 - mean) * (1.02 - mean)) / 2.0);
  expect_close("location", d.mean, mean, 1e-12);
  expect_close("scale", d.sd, sd * std::sqrt(1.0 + 1.0 / 3.0), 1e-12);
  expect_close("df", d.df, 2.0, 0.0);
  expect_close("early end: (k + 1)/(n + 2)", s.insatser[0].early_end_probability, 2.0 / 6.0, 1e-15);
  ASSERT_EQ(s.priors.size(), 2U);
  // A history may centre outside the key's range: the deterministic value is clamped.
  const Scenario over = read_scenario_text(
      replace(year_to_date_scenario(), "utilization = 1.0", "utilization = { history = [1.02, 1.1, 0.99] }"), "h.toml");
  expect_close("clamped", over.insatser[0].utilization.expected(), 1.0, 0.0);
  expect_input_error(
      [] {
        read_scenario_text(replace(year_to_date_scenario(), "utilization = 1.0", "utilization = { history = [0.9] }"),
                           "h.toml");
      },
      "insats.Team.utilization.history: = [0.9]: ska vara en lista med minst två tidigare "
      "observationer");
  expect_input_error(
      [&] { read_scenario_text(replace(text, "[0, 1, 0, 0]", "[0, 0.5]"), "h.toml"); },
      "early_end_probability.history[1]: = 0.5: en sannolikhets historik anger 0 (hände inte) eller 1 (hände)");
}

TEST(History, ThreeObservationsGiveAWiderBandThanThirty)
{
  // Same mean (0.9) and sample sd (0.1): 3 values, and 30 values at 0.9 ± a.
  const Distribution three = predictive_from_history({0.8, 0.9, 1.0});
  std::vector<double> thirty;
  const double a = 0.1 * std::sqrt(29.0 / 30.0);
  for (int i = 0; i < 15; ++i) thirty.insert(thirty.end(), {0.9 - a, 0.9 + a});
  const Distribution many = predictive_from_history(thirty);
  const double width3 = three.quantile(0.95) - three.quantile(0.05),
               width30 = many.quantile(0.95) - many.quantile(0.05);
  const double normal_width = 2.0 * 1.6448536269514722 * 0.1;  // a normal fitted to the three
  EXPECT_GT(width3, width30);
  EXPECT_GT(width3, 1.9 * normal_width) << "t(2) P5–P95 " << width3 << ", normal " << normal_width;
  expect_close("t(2): 2 × 2.919986 × 0.1 × √(4/3)", width3, 2.0 * 2.919985580 * 0.1 * std::sqrt(4.0 / 3.0), 1e-6);
}

TEST(History, PredictiveBandCoversTheNextObservationNinetyPercentOfTheTime)
{
  // Draw n past observations and one future one from N(10, 2), many times: the future one falls
  // inside the predictive's P5–P95 in 90 % of the trials (exact for a normal law).
  constexpr int trials = 20000;
  constexpr double tolerance = 0.0085;  // 4 binomial standard errors at 90 %
  for (int n : {3, 10}) {
    RandomStream stream(2026, static_cast<std::uint64_t>(n), 1);
    int inside = 0;
    std::vector<double> past(static_cast<std::size_t>(n));
    for (int t = 0; t < trials; ++t) {
      for (double& x : past) x = 10.0 + 2.0 * stream.normal();
      const double future = 10.0 + 2.0 * stream.normal();
      const Distribution d = predictive_from_history(past);
      inside += future >= d.quantile(0.05) && future <= d.quantile(0.95) ? 1 : 0;
    }
    const double coverage = static_cast<double>(inside) / trials;
    std::cout << "coverage of the predictive P5–P95, n = " << n << ": calculated " << coverage
              << ", expected 0.90, error " << coverage - 0.90 << ", tolerance " << tolerance << '\n';
    expect_close(n == 3 ? "coverage, n = 3" : "coverage, n = 10", coverage, 0.90, tolerance);
  }
}

TEST(Backtest, PlacesTheActualInTheForecastAndCountsCoverage)
{
  // A year whose result has a known normal law: a cost of mean 1 000 000, sd 100 000.
  auto year = [](long actual_costs) {
    return one_year_forbund("Backtestförbundet", 500000, 500000) + R"(
[[cost]]
name = "Kostnad"
kind = "other"
amount = { dist = "normal", mean = 1000000, sd = 100000 }
growth = 0

[actual]
year = 2025
costs = )" +
           std::to_string(actual_costs) + "\n";
  };
  MonteCarloSettings mc;
  mc.runs = 4000;
  mc.seed = 3;
  std::vector<BacktestCase> cases;
  for (long costs : {1000000L, 1120000L, 1300000L})
    cases.push_back(backtest_case(prepare(read_scenario_text(year(costs), "b.toml")), mc));
  const std::size_t c = 2;  // costs
  expect_close("percentile at the mean", cases[0].percentile[c], 0.5, 0.02);
  expect_close("percentile at +1.2 sd", cases[1].percentile[c], 0.8849, 0.02);
  EXPECT_EQ(cases[0].inside_50[c], 1.0);
  EXPECT_EQ(cases[1].inside_90[c], 1.0);
  EXPECT_EQ(cases[1].inside_50[c], 0.0);
  EXPECT_EQ(cases[2].inside_90[c], 0.0);
  EXPECT_TRUE(std::isnan(cases[0].percentile[3]));  // no result given
  expect_close("band width: 2 × 1.645 × 100 000 / 2 000 000", cases[0].band_width[c], 0.16449, 0.01);
  const Backtest b = summarise_backtest(cases, mc.runs, mc.seed);
  expect_close("coverage 90", b.coverage_90[c], 2.0 / 3.0, 1e-12);
  expect_close("coverage 50", b.coverage_50[c], 1.0 / 3.0, 1e-12);
  EXPECT_TRUE(std::isnan(b.coverage_90[3]));
  expect_close("binomial: P(X <= 1 | 3, 0.9)", binomial_cdf(1, 3, 0.9), 0.001 + 3 * 0.9 * 0.01, 1e-12);
  expect_input_error([&] { check_backtest_case(read_scenario_text(one_year_forbund("x", 0, 0), "no-actual.toml")); },
                     "no-actual.toml: ett fall i backtesten behöver en tabell [actual] med årets utfall (year, "
                     "driftbidrag, income, costs, result, equity)");
}

/// A constructed year: one line whose whole year is known by construction, its bookings to
/// August under `basis`, and the forecast that must find it again (issue 26).
struct ConstructedCase {
  const char* what;
  std::string lines;     ///< the scenario's lines ([[income]], [[cost]], [[insats]])
  std::string booked;    ///< [year_to_date.lines] entries for the basis
  std::string decided;   ///< [year_to_date.decided] entries ("" for none)
  std::size_t line = 1;  ///< the line's index in /forecast (0 is the driftbidrag)
  double year = 0.0;     ///< the constructed year
  double budget = 0.0;   ///< the line's year budget (the default deviation's base)
};

YearForecast constructed_forecast(const ConstructedCase& c, const char* basis, std::uint64_t runs)
{
  std::string text = one_year_forbund("Konstruerat", 1000000, 1000000) + c.lines +
                     "\n[year_to_date]\nthrough = \"2025-08\"\nbasis = \"" + basis + "\"\n[year_to_date.lines]\n" +
                     c.booked;
  if (!c.decided.empty()) text += "[year_to_date.decided]\n" + c.decided;
  return forecast(prepared(text, ForecastMethod::model), runs);
}

void expect_constructed_year(const ConstructedCase& paid, const ConstructedCase& accrued)
{
  for (const auto& [c, basis] : {std::pair{&paid, "paid"}, std::pair{&accrued, "accrued"}}) {
    SCOPED_TRACE(std::string(c->what) + ", basis " + basis);
    // The expected values find the constructed year within 0.5 %; the Monte Carlo's median of 4 000
    // runs within that plus 4 standard errors of a median of the default deviation (a Student-t with
    // 3 df, density 0.3676 at 0, scale 9.4 % of the year budget at most): 4 × 0.094 × budget ÷
    // (2 × 0.3676 × √4000) = 0.81 % of the budget.
    const double tolerance = 0.005 * c->year;
    const double median_se = insats_deviation_scale() * c->budget / (2.0 * 0.3676 * std::sqrt(4000.0));
    expect_close("expected values", constructed_forecast(*c, basis, 0).forecast_mean[c->line], c->year, tolerance);
    expect_close("Monte Carlo P50", constructed_forecast(*c, basis, 4000).forecast_at(c->line, 0.50), c->year,
                 tolerance + 4.0 * median_se);
  }
}

TEST(YearToDate, AGrantPaidQuarterlyInAdvance)
{
  // 400 000 a year paid quarterly in advance: by August three quarters (January, April, July) are
  // paid, 300 000; accrued, 8/12 of the year. Used in full: the year is 400 000.
  const std::string line = "[[income]]\nname = \"Bidrag\"\namount = 400000\npayment = \"quarterly_advance\"\n";
  expect_constructed_year({"bidrag", line, "\"Bidrag\" = 300000\n", "", 1, 400000.0, 400000.0},
                          {"bidrag", line, "\"Bidrag\" = 266666.67\n", "", 1, 400000.0, 400000.0});
}

TEST(YearToDate, AnInsatsPaidQuarterlyInArrearsAtFullUse)
{
  // 1 200 000 invoiced quarterly in arrears: by August the first two quarters are paid (April,
  // July), 600 000; accrued, 800 000. At full use the year is 1 200 000.
  const std::string line =
      "[[insats]]\nname = \"Team\"\nkind = \"individual\"\nbudget = 1200000\n"
      "payment = \"quarterly_arrears\"\n";
  expect_constructed_year({"team", line, "\"Team\" = 600000\n", "", 1, 1200000.0, 1200000.0},
                          {"team", line, "\"Team\" = 800000\n", "", 1, 1200000.0, 1200000.0});
}

TEST(YearToDate, AnInsatsPaidMonthlyAtThreeQuartersUse)
{
  // 1 200 000 paid monthly, used at 75 %: 600 000 by August either way; the year is 900 000.
  const std::string line =
      "[[insats]]\nname = \"Team\"\nkind = \"individual\"\nbudget = 1200000\npayment = \"monthly\"\n";
  expect_constructed_year({"team", line, "\"Team\" = 600000\n", "", 1, 900000.0, 1200000.0},
                          {"team", line, "\"Team\" = 600000\n", "", 1, 900000.0, 1200000.0});
}

TEST(YearToDate, AnAnnualFeePaidInJanuary)
{
  // 48 000 a year paid in full in January: 48 000 booked as paid, 32 000 accrued by August.
  const std::string line =
      "[[cost]]\nname = \"Avgift\"\nkind = \"other\"\namount = 48000\n"
      "payment = \"annual_advance\"\n";
  expect_constructed_year({"avgift", line, "\"Avgift\" = 48000\n", "", 1, 48000.0, 48000.0},
                          {"avgift", line, "\"Avgift\" = 32000\n", "", 1, 48000.0, 48000.0});
}

TEST(YearToDate, AContractedTeamWhoseInvoicesLag)
{
  // A yearly grant by agreement of 1 140 000, invoiced quarterly in arrears, but only the first
  // quarter's invoice is booked by August (285 000; accrued, 500 000 of 760 000): the year is the
  // agreement's.
  const std::string line =
      "[[insats]]\nname = \"Team\"\nkind = \"individual\"\nbudget = 1140000\n"
      "contracted = true\n";
  expect_constructed_year({"team", line, "\"Team\" = 285000\n", "", 1, 1140000.0, 1140000.0},
                          {"team", line, "\"Team\" = 500000\n", "", 1, 1140000.0, 1140000.0});
}

TEST(YearToDate, AReserveWithADecision)
{
  // 100 000 ofördelat: 14 600 booked, and the board has decided 30 000 for the autumn: 44 600.
  const std::string line =
      "[[insats]]\nname = \"Ofördelat\"\nkind = \"structural\"\nbudget = 100000\n"
      "reserve = true\n";
  const std::string decided = "\"Ofördelat\" = 30000\n";
  expect_constructed_year({"reserv", line, "\"Ofördelat\" = 14600\n", decided, 1, 44600.0, 100000.0},
                          {"reserv", line, "\"Ofördelat\" = 14600\n", decided, 1, 44600.0, 100000.0});
}

TEST(YearToDate, ACostThatFollowsAnIncome)
{
  // ESF 300 000 with probability 0.5 has come (150 000 paid quarterly in arrears by August, or
  // 200 000 accrued); the cost it pays for, 300 000 paid monthly, follows it: 200 000 by August
  // either way, and the year is 300 000.
  const std::string lines =
      "[[income]]\nname = \"ESF\"\namount = 300000\nprobability = 0.5\n"
      "payment = \"quarterly_arrears\"\n"
      "[[cost]]\nname = \"ESF-projektet\"\nkind = \"other\"\namount = 300000\n"
      "follows = \"ESF\"\n";
  expect_constructed_year(
      {"följer ESF", lines, "\"ESF\" = 150000\n\"ESF-projektet\" = 200000\n", "", 2, 300000.0, 300000.0},
      {"följer ESF", lines, "\"ESF\" = 200000\n\"ESF-projektet\" = 200000\n", "", 2, 300000.0, 300000.0});
}

TEST(YearToDate, TheForecastKeysRefuseWhatCannotBe)
{
  const std::string base =
      one_year_forbund("Fel", 1000000, 1000000) + "[[income]]\nname = \"ESF\"\namount = 300000\nprobability = 0.5\n";
  const std::string cost = "[[cost]]\nname = \"Projekt\"\nkind = \"other\"\namount = 300000\n";
  expect_input_error([&] { read_scenario_text(base + cost + "contracted = true\nreserve = true\n", "a.toml"); },
                     "cost.Projekt.reserve: en post kan inte både vara avtalad (contracted) och en reserv (reserve)");
  expect_input_error([&] { read_scenario_text(base + cost + "follows = \"ESF\"\nunless = \"ESF\"\n", "b.toml"); },
                     "cost.Projekt.follows: kan inte stå tillsammans med unless");
  expect_input_error([&] { read_scenario_text(base + cost + "follows = \"EFS\"\n", "c.toml"); },
                     "cost.Projekt.follows: = \"EFS\" är inget namn på en [[income]] (menade du \"ESF\"?)");
  expect_input_error(
      [&] {
        read_scenario_text(base + cost +
                               "[year_to_date]\nthrough = \"2025-08\"\n[year_to_date.decided]\n"
                               "\"Projekt\" = 1000\n",
                           "d.toml");
      },
      "\"Projekt\" är ingen reserv");
}

TEST(YearToDate, ACostThatFollowsAnIncomeIsBookedOnlyAsFarAsItComes)
{
  // No year to date: the deterministic run books 300 000 × 0.5; each run books all or nothing,
  // exactly when the income comes.
  const std::string text = one_year_forbund("Följer", 1000000, 1000000) +
                           "[[income]]\nname = \"ESF\"\namount = 300000\nprobability = 0.5\n"
                           "[[cost]]\nname = \"ESF-projektet\"\nkind = \"other\"\namount = 300000\n"
                           "follows = \"ESF\"\n";
  const PreparedScenario p = prepare(read_scenario_text(text, "foljer.toml"));
  const Projection e = project_expected(p);
  expect_close("expected income", e.finance.income_lines(0, 0), 150000.0, 1e-6);
  expect_close("expected cost", e.finance.line_costs(0, 0), 150000.0, 1e-6);
  int came = 0;
  MonteCarloSettings mc;
  mc.runs = 400;
  mc.seed = 3;
  std::vector<std::pair<double, double>> runs(mc.runs);
  mc.observe = [&](std::uint64_t k, const Projection& r) {
    runs[k] = {r.finance.income_lines(0, 0), r.finance.line_costs(0, 0)};
  };
  run_monte_carlo(p, mc);
  for (const auto& [income, cost] : runs) {
    EXPECT_EQ(income, cost);
    came += income > 0.0 ? 1 : 0;
  }
  EXPECT_GT(came, 150);
  EXPECT_LT(came, 250);
}

TEST(Backtest, EachFileIsOneCaseByItsRealPathInTheOrderFirstNamed)
{
  testing::TempDir dir;
  const std::filesystem::path past = dir.path() / "past";
  std::filesystem::create_directory(past);
  for (const char* name : {"b.toml", "a.toml", "notes.txt"}) testing::write_file((past / name).string(), "");
  const std::string folder = past.string(), a = (past / "a.toml").string(), b = (past / "b.toml").string();
  const std::string other_spelling = (dir.path() / "past" / ".." / "past").string();
  std::filesystem::create_symlink(past / "b.toml", dir.path() / "link.toml");
  const std::vector<std::string> files =
      backtest_files({b, folder, other_spelling, a, (dir.path() / "link.toml").string(), b});
  EXPECT_EQ(files, (std::vector<std::string>{b, a})) << "b first (named first), then the folder's a; no repeats";
}

TEST(Backtest, ALinkLoopOrAFolderWithoutScenariosIsRefusedByName)
{
  testing::TempDir dir;
  const std::filesystem::path past = dir.path() / "past";
  std::filesystem::create_directory(past);
  std::filesystem::create_symlink("loop.toml", past / "loop.toml");
  expect_input_error([&] { backtest_files({past.string()}); },
                     (past / "loop.toml").string() + ": symboliska länkar i en slinga; ta bort länken");
  expect_input_error([&] { backtest_files({(past / "loop.toml").string()}); }, "symboliska länkar i en slinga");
  std::filesystem::remove(past / "loop.toml");
  expect_input_error([&] { backtest_files({past.string()}); }, past.string() + ": mappen har inga .toml-filer");
}

TEST(Backtest, TheMemoryCheckUsesTheLongestHorizon)
{
  std::vector<PreparedScenario> cases;
  for (const char* years : {"years = 1", "years = 3", "years = 2"})
    cases.push_back(prepare(read_scenario_text(replace(year_to_date_scenario(), "years = 1", years), "h.toml")));
  EXPECT_EQ(longest_horizon(cases), 3) << "the longest case, not the first";
}

}  // namespace
}  // namespace finsim
