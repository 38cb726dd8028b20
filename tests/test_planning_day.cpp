// The planning-day analyses: comparison with common random numbers and the budget room, against
// closed forms and exact identities.
#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <iomanip>

#include "analysis/budget_room.h"
#include "analysis/comparison.h"
#include "input/scenario_reader.h"
#include "output/room_output.h"
#include "output/swedish.h"
#include "test_support.h"

namespace finsim {
namespace {

using testing::replace;

/// |calculated − expected| <= tolerance, printing all three and the error.
void expect_close(const std::string& what, double calculated, double expected, double tolerance)
{
  EXPECT_LE(std::fabs(calculated - expected), tolerance)
      << what << ": calculated " << calculated << ", expected " << expected << ", error " << calculated - expected
      << ", tolerance " << tolerance;
}

MonteCarloSettings settings(std::uint64_t runs, int threads = 2)
{
  MonteCarloSettings mc;
  mc.runs = runs;
  mc.seed = 2026;
  mc.threads = threads;
  return mc;
}

/// Three years with uncertain growth and utilisation.
std::string uncertain_base()
{
  return replace(replace(replace(testing::minimal_scenario(), "years = 2", "years = 3"), "state = 1000000",
                         "state = 1000000\nstate_growth = { dist = \"normal\", mean = 0.02, sd = 0.03 }"),
                 "from = \"2024-03\"", "from = \"2024-03\"\nutilization = { dist = \"beta\", mean = 0.85, sd = 0.08 }");
}

PreparedScenario scenario(const std::string& text, const std::string& name)
{
  return prepare(read_scenario_text(text, name));
}

Comparison compare_texts(const std::vector<std::string>& texts, int threads = 2)
{
  std::vector<PreparedScenario> prepared;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    names.push_back(i == 0 ? "bas" : "variant" + std::to_string(i));
    prepared.push_back(scenario(texts[i], names.back() + ".toml"));
  }
  return compare(prepared, names, settings(4000, threads));
}

TEST(Compare, AVariantIdenticalToItsBaseDiffersByExactlyZero)
{
  const Comparison c = compare_texts({uncertain_base(), uncertain_base()});
  ASSERT_EQ(c.differences.size(), 2u);
  const PairedDifference& d = c.differences[1];
  for (int y = 0; y < 3; ++y) {
    EXPECT_EQ(d.equity[std::size_t(y)].mean, 0.0);
    EXPECT_EQ(d.equity[std::size_t(y)].se, 0.0);
    for (double q : d.equity[std::size_t(y)].quantiles) EXPECT_EQ(q, 0.0);
    EXPECT_EQ(d.p_equity_higher[std::size_t(y)], 0.0);
    for (const auto& b : d.breach) {
      EXPECT_EQ(b[std::size_t(y)].p, 0.0);
      EXPECT_EQ(b[std::size_t(y)].se, 0.0);
    }
    EXPECT_TRUE(std::isnan(d.crn_variance_ratio[std::size_t(y)]));
    EXPECT_TRUE(std::isnan(c.differences[0].crn_variance_ratio[std::size_t(y)]));
  }
}

TEST(Compare, AnExtraFixedCostLowersEveryRunsEquityByExactlyItsSum)
{
  const double cost = 120000.0;
  const std::string variant =
      uncertain_base() + "[[cost]]\nname = \"Extra\"\nkind = \"other\"\namount = 120000\npayment = \"monthly\"\n";
  const Comparison c = compare_texts({uncertain_base(), variant});
  for (int y = 0; y < 3; ++y) {
    const Summary& d = c.differences[1].equity[std::size_t(y)];
    const double expected = -cost * (y + 1);
    expect_close("delta_equity mean, year " + std::to_string(y), d.mean, expected, 1e-6);
    EXPECT_LE(d.sd, 1e-6) << "sd of the paired difference, year " << y;
    expect_close("delta_equity P1", d.quantiles.front(), expected, 1e-6);
    expect_close("delta_equity P99", d.quantiles.back(), expected, 1e-6);
    EXPECT_EQ(c.differences[1].p_equity_higher[std::size_t(y)], 0.0);
  }
}

TEST(Compare, CommonRandomNumbersReduceTheVarianceOfADifference)
{
  const std::string variant = replace(uncertain_base(), "mean = 0.85, sd = 0.08", "mean = 0.75, sd = 0.08");
  const Comparison c = compare_texts({uncertain_base(), variant});
  for (int y = 0; y < 3; ++y) {
    const double ratio = c.differences[1].crn_variance_ratio[std::size_t(y)];
    std::cout << "crn_variance_ratio " << 2024 + y << ": " << ratio << '\n';
    EXPECT_GT(ratio, 1.0);
  }
  // Less utilisation: more equity in every run (the same draws, scaled down).
  EXPECT_GT(c.differences[1].equity.back().mean, 0.0);
  EXPECT_EQ(c.differences[1].p_equity_higher.back(), 1.0);
}

TEST(Compare, IsBitIdenticalForOneAndTwoThreads)
{
  const std::string variant = replace(uncertain_base(), "mean = 0.85, sd = 0.08", "mean = 0.75, sd = 0.08");
  const Comparison one = compare_texts({uncertain_base(), variant}, 1);
  const Comparison two = compare_texts({uncertain_base(), variant}, 2);
  for (int y = 0; y < 3; ++y) {
    const Summary &a = one.differences[1].equity[std::size_t(y)], &b = two.differences[1].equity[std::size_t(y)];
    EXPECT_EQ(a.mean, b.mean);
    EXPECT_EQ(a.se, b.se);
    EXPECT_EQ(a.quantiles, b.quantiles);
    EXPECT_EQ(one.differences[1].crn_variance_ratio, two.differences[1].crn_variance_ratio);
    for (std::size_t i = 0; i < breach_count; ++i)
      EXPECT_EQ(one.differences[1].breach[i][std::size_t(y)].se, two.differences[1].breach[i][std::size_t(y)].se);
  }
}

TEST(Compare, RefusesAnotherHorizonOrTheSameName)
{
  const PreparedScenario a = scenario(uncertain_base(), "a.toml");
  const PreparedScenario b = scenario(replace(uncertain_base(), "years = 3", "years = 2"), "b.toml");
  testing::expect_input_error(
      [&] {
        compare({a, b}, {"a", "b"}, settings(10));
      },
      "b.toml: forbund: omfattar 2024–2025 men basen a omfattar 2024–2026");
  testing::expect_input_error([&] { compare({a, a}, {"a", "a"}, settings(10)); }, "a.toml: har samma filnamn \"a\"");
}

/// One year whose only uncertainty is a normal cost C ~ N(1 500 000, 100 000): closing equity
/// 500 000 + 2 000 000 − C − E, normal in closed form. Cash is ample.
std::string normal_equity()
{
  return testing::one_year_forbund("Rumsförbundet", 500000, 5000000) + R"(
[[cost]]
name = "Verksamhet"
kind = "other"
amount = { dist = "normal", mean = 1500000, sd = 100000 }
)";
}

constexpr std::uint64_t room_runs = 40000;

BudgetRoom room(const RoomLimits& limits, std::uint64_t runs = room_runs)
{
  return find_room(scenario(normal_equity(), "rum.toml"), limits, settings(runs));
}

TEST(Room, TheFloorLimitGivesTheNormalQuantile)
{
  RoomLimits l;
  l.from_year = 2025;
  const BudgetRoom r = room(l);
  const double z = boost::math::quantile(boost::math::normal(), 0.95);
  const double expected = 1000000.0 - z * 100000.0;  // P(equity < 0) = 5 %
  std::cout << "room (floor): calculated " << r.max_extra_spend << ", closed form " << expected << ", 95 % "
            << r.max_ci[0] << "–" << r.max_ci[1] << '\n';
  expect_close("max_extra_spend", r.max_extra_spend, expected, 0.005 * expected);
  EXPECT_EQ(r.binding, RoomLimit::max_p_below_floor);
  EXPECT_LE(r.max_ci[0], r.max_extra_spend);
  EXPECT_GE(r.max_ci[1], r.max_extra_spend);
  EXPECT_TRUE(std::isnan(r.min_extra_spend));
  EXPECT_EQ(r.max_extra_spend, std::floor(r.max_extra_spend));  // whole kronor
}

TEST(Room, TheEquityTargetGivesTheMedian)
{
  RoomLimits l;
  l.from_year = 2025;
  l.equity_target = 200000.0;
  const BudgetRoom r = room(l);
  const double expected = 800000.0;  // P(equity >= 200 000) = 50 %
  expect_close("max_extra_spend (target)", r.max_extra_spend, expected, 0.005 * expected);
  EXPECT_EQ(r.binding, RoomLimit::equity_target);
}

TEST(Room, TheCapLimitGivesTheLeastSpend)
{
  RoomLimits l;
  l.from_year = 2025;
  l.max_p_above_cap = 0.10;
  const BudgetRoom r = room(l);
  // P(equity > 0.2 × 2 000 000) <= 10 %: E >= 2 100 000 − 1 500 000 − Φ⁻¹(0.1) × 100 000.
  const double expected = 600000.0 - boost::math::quantile(boost::math::normal(), 0.10) * 100000.0;
  expect_close("min_extra_spend", r.min_extra_spend, expected, 0.005 * expected);
  EXPECT_EQ(r.min_extra_spend, std::ceil(r.min_extra_spend));
  EXPECT_LE(r.min_extra_spend, r.max_extra_spend);
}

TEST(Room, TheAnswerIsExactForTheDrawnRuns)
{
  // Spending the answer keeps the limit in the very runs drawn; two kronor more breaks it.
  RoomLimits l;
  l.from_year = 2025;
  const std::uint64_t runs = 2000;
  const BudgetRoom r = room(l, runs);
  const auto p_below_floor = [&](double amount) {
    Scenario s = read_scenario_text(normal_equity(), "rum.toml");
    s.insatser.push_back(room_insats(s, l, amount));
    return run_monte_carlo(prepare(s), settings(runs)).p_any(Breach::equity_below_floor).p;
  };
  EXPECT_LE(p_below_floor(r.max_extra_spend), 0.05);
  EXPECT_GT(p_below_floor(r.max_extra_spend + 2.0), 0.05);
  // The risk curve counts the same runs.
  EXPECT_EQ(r.p_below_floor_any.front(), 0.0);
  EXPECT_EQ(r.extra_spend.size(), 41u);
  expect_close("risk curve top", r.extra_spend.back(), 1.5 * r.max_extra_spend, 1e-6);
}

TEST(Room, AMaximumRoundsDownAndAMinimumUpWithoutSlack)
{
  EXPECT_EQ(krona_down(1814001.49), 1814001.0);
  EXPECT_EQ(krona_up(1814001.49), 1814002.0);
  // A hair above a whole krona is still above it: the minimum must not round down to it.
  const double hair = std::nextafter(std::nextafter(1814001.0, 2e6), 2e6);
  EXPECT_EQ(krona_up(hair), 1814002.0);
  EXPECT_EQ(krona_down(std::nextafter(1814002.0, 0.0)), 1814001.0);
  EXPECT_FALSE(std::signbit(krona_up(-0.3))) << "−0 is written as 0";
  EXPECT_TRUE(std::isinf(krona_down(std::numeric_limits<double>::infinity())));
  EXPECT_TRUE(std::isnan(krona_up(std::numeric_limits<double>::quiet_NaN())));
}

TEST(Room, TheHeadlineTheTableAndTheBoundsAgreeAndKeepTheLimits)
{
  RoomLimits l;
  l.from_year = 2025;
  l.max_p_above_cap = 0.10;
  const BudgetRoom r = room(l, 2000);
  const LimitBound& floor = r.bounds[std::size_t(RoomLimit::max_p_below_floor)];
  const LimitBound& cash = r.bounds[std::size_t(RoomLimit::max_p_cash_negative)];
  const LimitBound& cap = r.bounds[std::size_t(RoomLimit::max_p_above_cap)];
  std::cout << std::setprecision(12) << "floor: exact " << floor.exact << ", shown " << floor.bound << "; cap: exact "
            << cap.exact << ", shown " << cap.bound << '\n';
  ASSERT_EQ(r.binding, RoomLimit::max_p_below_floor);
  EXPECT_EQ(floor.bound, r.max_extra_spend);
  EXPECT_EQ(floor.bound, std::floor(floor.exact)) << "a maximum rounds down";
  EXPECT_EQ(cap.bound, r.min_extra_spend);
  EXPECT_EQ(cap.bound, std::ceil(cap.exact)) << "a minimum rounds up";
  EXPECT_EQ(cash.bound, std::floor(cash.exact));
  EXPECT_EQ(r.max_ci[0], std::floor(r.max_ci[0]));
  EXPECT_EQ(r.min_ci[1], std::ceil(r.min_ci[1]));
  // The headline and the table's rows show the same whole kronor.
  const std::string text = room_report(read_scenario_text(normal_equity(), "rum.toml"), r);
  const auto line_of = [&](const std::string& start) {
    const std::size_t at = text.find("\n" + start);
    return at == std::string::npos ? std::string() : text.substr(at + 1, text.find('\n', at + 1) - at - 1);
  };
  EXPECT_NE(line_of("Utrymme för nya insatser från 2025:").find("högst " + format_kronor(r.max_extra_spend) + " kr"),
            std::string::npos)
      << text;
  EXPECT_NE(line_of("Minst ").find("Minst " + format_kronor(r.min_extra_spend) + " kr"), std::string::npos) << text;
  EXPECT_NE(line_of("P(EK < golv").find("högst " + format_kronor(r.max_extra_spend) + " "), std::string::npos) << text;
  EXPECT_NE(line_of("P(EK > tak").find("minst " + format_kronor(r.min_extra_spend) + " "), std::string::npos) << text;
}

TEST(Room, NoAmountMeetsLimitsMissedWithoutExtraSpend)
{
  RoomLimits l;
  l.from_year = 2025;
  l.equity_target = 1500000.0;  // above every run's equity without extra spend
  const BudgetRoom r = room(l, 2000);
  EXPECT_FALSE(r.feasible);
  EXPECT_TRUE(std::isnan(r.max_extra_spend));
  EXPECT_TRUE(std::isnan(r.min_extra_spend));
  EXPECT_EQ(r.binding, RoomLimit::equity_target);
  expect_close("shortfall", r.shortfall, 0.5, 1e-12);  // 50 % needed, none meet it
}

TEST(Room, RefusesAYearOutsideTheHorizon)
{
  RoomLimits l;
  l.from_year = 2027;
  testing::expect_input_error([&] { room(l, 10); }, "--from 2027: scenariot omfattar 2025–2025");
  l.from_year = 2025;
  l.to = YearMonth{2026, 3};
  testing::expect_input_error([&] { room(l, 10); }, "--to 2026-03");
}

}  // namespace
}  // namespace finsim
