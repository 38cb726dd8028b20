// The Monte Carlo against answers known in closed form, and its reproducibility.
#include <gtest/gtest.h>

#include <array>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "engine/monte_carlo.h"
#include "engine/replication.h"
#include "input/scenario_reader.h"
#include "sampling/lanes.h"
#include "test_support.h"

using namespace finsim;
using finsim::testing::replace;

namespace {

MonteCarloResults run(const std::string& text, std::uint64_t runs, int threads = 2, std::uint64_t grain = 0)
{
  const PreparedScenario p = prepare(read_scenario_text(text, "s.toml"));
  MonteCarloSettings settings;
  settings.runs = runs;
  settings.seed = 2026;
  settings.threads = threads;
  settings.grain = grain;
  settings.keep_paths = 5;
  return run_monte_carlo(p, settings);
}

/// |calculated − expected| <= tolerance, printing all three and the error.
void expect_close(const char* what, double calculated, double expected, double tolerance)
{
  EXPECT_LE(std::fabs(calculated - expected), tolerance)
      << what << ": calculated " << calculated << ", expected " << expected << ", error " << calculated - expected
      << ", tolerance " << tolerance;
}

}  // namespace

TEST(MonteCarlo, NormalGrowthRateHasItsClosedForm)
{
  // The state half grows by g ~ N(0.02, 0.03) in the second year: driftbidrag 2024 is
  // 2 000 000 × (1 + g), normal with mean 2 040 000 and sd 60 000.
  const std::string text = replace(finsim::testing::minimal_scenario(), "state = 1000000",
                                   "state = 1000000\nstate_growth = { dist = \"normal\", mean = 0.02, sd = 0.03 }");
  const std::uint64_t n = 20000;
  const MonteCarloResults r = run(text, n);
  const Summary& d = r.summary(Outcome::driftbidrag, 1);
  const double mean = 2040000.0, sd = 60000.0;
  const double mean_tolerance = 4.0 * sd / std::sqrt(static_cast<double>(n));      // 4 standard errors
  const double sd_tolerance = 4.0 * sd / std::sqrt(2.0 * static_cast<double>(n));  // 4 se of an sd
  expect_close("mean driftbidrag 2025", d.mean, mean, mean_tolerance);
  expect_close("sd driftbidrag 2025", d.sd, sd, sd_tolerance);
  EXPECT_DOUBLE_EQ(d.se, d.sd / std::sqrt(static_cast<double>(n)));
  const boost::math::normal_distribution<> normal(mean, sd);
  for (std::size_t q = 0; q < quantile_levels.size(); ++q) {
    const double level = quantile_levels[q];
    // The sd of a sample quantile: √(p(1 − p)/n) / density at the quantile.
    const double x = boost::math::quantile(normal, level);
    const double tolerance = 4.0 * std::sqrt(level * (1 - level) / n) / boost::math::pdf(normal, x);
    expect_close("driftbidrag 2025 quantile", d.quantiles[q], x, tolerance);
  }
  // The first year has no growth: no spread.
  EXPECT_EQ(r.summary(Outcome::driftbidrag, 0).sd, 0.0);
}

TEST(MonteCarlo, BernoulliIncomeHasItsClosedForm)
{
  const std::string text = finsim::testing::granted(finsim::testing::minimal_scenario()) +
                           "[[income]]\nname = \"ESF\"\namount = 400000\nprobability = 0.3\n";
  const std::uint64_t n = 20000;
  const MonteCarloResults r = run(text, n);
  // Result 2024 = 400 000 (fixed part) + 400 000 × Bernoulli(0.3); the same draw in both years.
  const double p = 0.3, amount = 400000.0;
  const Summary& s = r.summary(Outcome::result, 0);
  const double sd = amount * std::sqrt(p * (1 - p));
  expect_close("mean result 2024", s.mean, 400000.0 + p * amount, 4.0 * sd / std::sqrt(static_cast<double>(n)));
  expect_close("variance result 2024", s.sd * s.sd, sd * sd, 0.05 * sd * sd);
  EXPECT_EQ(s.at(0.50), 400000.0);  // median: the income did not come
  EXPECT_EQ(s.at(0.95), 800000.0);  // P95: it came
  // A single amount is one event for the whole run: 2025 follows 2024.
  EXPECT_EQ(r.summary(Outcome::result, 1).at(0.95) - r.summary(Outcome::result, 1).at(0.50), amount);
  // Equity above the cap (400 000) in 2024: always (equity 500 000 or 900 000).
  EXPECT_EQ(r.p(Breach::equity_above_cap, 0).p, 1.0);
  EXPECT_EQ(r.p(Breach::equity_above_cap, 0).se, 0.0);
}

TEST(MonteCarlo, EarlyEndStopsAtAUniformMonth)
{
  // With certain early end in 2024 and a full-year insats, the months it runs are uniform on
  // 1..12: its mean 2024 cost is 1 200 000 × 6.5 / 12 = 650 000.
  std::string text = replace(finsim::testing::granted(finsim::testing::minimal_scenario()), "from = \"2024-03\"",
                             "early_end_probability = 1");
  const std::uint64_t n = 12000;
  const MonteCarloResults r = run(text, n);
  const double cost_sd = 100000.0 * std::sqrt((144.0 - 1.0) / 12.0);  // uniform on 1..12 months × 100 000
  expect_close("mean costs 2024", r.summary(Outcome::costs, 0).mean, 600000.0 + 650000.0,
               4.0 * cost_sd / std::sqrt(static_cast<double>(n)));
  EXPECT_EQ(r.summary(Outcome::costs, 1).mean, 600000.0);  // ended: only the kansli in 2025
}

TEST(MonteCarlo, RenewalEndsTheInsatsInDecember)
{
  std::string text = replace(finsim::testing::granted(finsim::testing::minimal_scenario()), "from = \"2024-03\"",
                             "renewal_probability = 0.25");
  const std::uint64_t n = 12000;
  const MonteCarloResults r = run(text, n);
  const double p = 0.25;
  // Renewed in December 2024 with probability 0.25: the 2025 cost is 1 200 000 then, else 0.
  expect_close("mean costs 2025", r.summary(Outcome::costs, 1).mean, 600000.0 + p * 1200000.0,
               4.0 * 1200000.0 * std::sqrt(p * (1 - p) / n));
}

TEST(MonteCarlo, IdenticalForAnyThreadCountAndGrain)
{
  std::string text = replace(finsim::testing::minimal_scenario(), "state = 1000000",
                             "state = { dist = \"lognormal\", mean = 1000000, sd = 50000 }\n"
                             "state_growth = { dist = \"normal\", mean = 0.0, sd = 0.03 }");
  text += R"([insats.participants]
capacity = 15
referrals_per_month = { dist = "gamma", mean = 2, sd = 0.5 }
mean_stay_months = 9
exit_reasons = { arbete = 5, studier = 2, annan = 6 }
)";
  const MonteCarloResults a = run(text, 3000, 1, 1);
  const MonteCarloResults b = run(text, 3000, 2, 7);
  const MonteCarloResults c = run(text, 3000, 2, 0);
  for (const MonteCarloResults* other : {&b, &c}) {
    for (int q = 0; q < outcome_count; ++q)
      for (int y = 0; y < a.years; ++y) {
        EXPECT_EQ(a.summaries[q][y].mean, other->summaries[q][y].mean) << outcomes[q].name << " year " << y;
        EXPECT_EQ(a.summaries[q][y].sd, other->summaries[q][y].sd) << outcomes[q].name;
        EXPECT_EQ(a.summaries[q][y].quantiles, other->summaries[q][y].quantiles) << outcomes[q].name;
      }
    for (int y = 0; y < a.years; ++y) {
      EXPECT_EQ(a.p(Breach::cash_negative, y).p, other->p(Breach::cash_negative, y).p);
      EXPECT_EQ(a.p(Breach::equity_above_cap, y).p, other->p(Breach::equity_above_cap, y).p);
    }
    EXPECT_EQ(a.paths, other->paths);
  }
  EXPECT_GT(a.summary(Outcome::served, 1).sd, 0.0);  // participants do vary
}

TEST(MonteCarlo, RemovingAnInsatsLeavesOtherDrawsUnchanged)
{
  const std::string base = replace(finsim::testing::minimal_scenario(), "from = \"2024-03\"",
                                   "from = \"2024-03\"\nutilization = { dist = \"beta\", mean = 0.9, sd = 0.05 }\n"
                                   "early_end_probability = 0.2");
  const std::string extra =
      "[[insats]]\nname = \"Extra\"\nkind = \"structural\"\nbudget = 100000\n"
      "utilization = { dist = \"uniform\", min = 0.5, max = 1 }\n";
  const Scenario with = read_scenario_text(base + extra, "with.toml");
  const Scenario without = read_scenario_text(base, "without.toml");
  const DrawPlan plan_with(with), plan_without(without);
  for (std::uint64_t k = 0; k < 50; ++k) {
    DrawScratch scratch_a, scratch_b;
    DrawnNumbers a(plan_with, 7, k, scratch_a), b(plan_without, 7, k, scratch_b);
    for (int y = 0; y < 2; ++y)
      EXPECT_EQ(a.value(with.insatser[0].utilization, y), b.value(without.insatser[0].utilization, y));
    EXPECT_EQ(
        drawn_last_month(with.insatser[0], with.forbund, 7, k, continuation_stream(with.insatser[0].name)),
        drawn_last_month(without.insatser[0], without.forbund, 7, k, continuation_stream(without.insatser[0].name)));
  }
}

namespace {

/// Spearman's rank correlation of two samples without ties.
double spearman(const std::vector<double>& x, const std::vector<double>& y)
{
  auto ranks = [](const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < order.size(); ++i) r[order[i]] = static_cast<double>(i);
    return r;
  };
  const std::vector<double> rx = ranks(x), ry = ranks(y);
  const double mean = (static_cast<double>(x.size()) - 1) / 2.0;
  double sxy = 0, sxx = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    sxy += (rx[k] - mean) * (ry[k] - mean);
    sxx += (rx[k] - mean) * (rx[k] - mean);
  }
  return sxy / sxx;
}

}  // namespace

TEST(MonteCarlo, CorrelatedInputsHaveTheirRankCorrelation)
{
  std::string text = finsim::testing::minimal_scenario();
  text = replace(text, "amount = 600000", "amount = { dist = \"normal\", mean = 600000, sd = 50000 }");
  text = replace(text, "budget = 1200000", "budget = { dist = \"lognormal\", mean = 1200000, sd = 200000 }");
  text += "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"insats.Team.budget\"\nrho = -0.6\n";
  const Scenario s = read_scenario_text(text, "s.toml");
  const DrawPlan plan(s);
  const int n = 20000;
  std::vector<double> x(n), y(n);
  for (int k = 0; k < n; ++k) {
    DrawScratch scratch;
    DrawnNumbers v(plan, 1, static_cast<std::uint64_t>(k), scratch);
    x[k] = v.value(s.costs[0].amount.values[0], 0);
    y[k] = v.value(s.insatser[0].budget.values[0], 0);
  }
  expect_close("Spearman correlation", spearman(x, y), -0.6, 0.02);
}

/// Numbers drawn once per run and numbers drawn each year can share a copula (in separate
/// groups, mentioned in mixed order): in year 2 both groups still have their rank correlations.
TEST(MonteCarlo, RunAndYearGroupsKeepTheirCorrelationsEveryYear)
{
  std::string text = finsim::testing::minimal_scenario();
  text = replace(text, "amount = 600000",
                 "amount = { dist = \"normal\", mean = 600000, sd = 50000 }\n"
                 "growth = { dist = \"normal\", mean = 0.02, sd = 0.01 }");
  text = replace(text, "budget = 1200000",
                 "budget = { dist = \"lognormal\", mean = 1200000, sd = 200000 }\n"
                 "utilization = { dist = \"beta\", mean = 0.8, sd = 0.1 }");
  text += "[[correlation]]\na = \"cost.Kansli.growth\"\nb = \"insats.Team.utilization\"\nrho = 0.5\n";
  text += "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"insats.Team.budget\"\nrho = -0.4\n";
  const Scenario s = read_scenario_text(text, "s.toml");
  const DrawPlan plan(s);
  const int n = 20000;
  std::vector<double> amount(n), budget(n), growth(n), utilization(n);
  for (int k = 0; k < n; ++k) {
    DrawScratch scratch;
    DrawnNumbers v(plan, 1, static_cast<std::uint64_t>(k), scratch);
    amount[k] = v.value(s.costs[0].amount.values[0], 1);
    budget[k] = v.value(s.insatser[0].budget.values[0], 1);
    growth[k] = v.value(s.costs[0].growth, 1);
    utilization[k] = v.value(s.insatser[0].utilization, 1);
  }
  expect_close("Spearman growth–utilization, year 2", spearman(growth, utilization), 0.5, 0.02);
  expect_close("Spearman amount–budget, year 2", spearman(amount, budget), -0.4, 0.02);
  expect_close("Spearman amount–utilization, year 2", spearman(amount, utilization), 0.0, 0.02);
}

TEST(MonteCarlo, BadCorrelationsAreInputErrors)
{
  std::string text = finsim::testing::minimal_scenario();
  text = replace(text, "amount = 600000", "amount = { dist = \"normal\", mean = 600000, sd = 50000 }");
  finsim::testing::expect_input_error(
      [&] {
        read_scenario_text(
            text + "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"insats.Team.budget\"\nrho = 0.5\n", "s.toml");
      },
      "correlation[0].b: \"insats.Team.budget\" är ingen fördelning i scenariot");
  text = replace(text, "budget = 1200000", "budget = { dist = \"normal\", mean = 1200000, sd = 1000 }");
  text = replace(text, "state = 1000000", "state = { dist = \"normal\", mean = 1000000, sd = 1000 }");
  finsim::testing::expect_input_error(
      [&] {
        read_scenario_text(text +
                               "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"insats.Team.budget\"\nrho = 0.9\n"
                               "[[correlation]]\na = \"insats.Team.budget\"\nb = \"funding.state\"\nrho = 0.9\n"
                               "[[correlation]]\na = \"funding.state\"\nb = \"cost.Kansli.amount\"\nrho = -0.9\n",
                           "s.toml");
      },
      "correlation: korrelationerna bildar ingen positivt definit matris");
  finsim::testing::expect_input_error(
      [&] {
        read_scenario_text(
            replace(text, "state = {", "state_growth = { dist = \"normal\", mean = 0, sd = 0.01 }\nstate = {") +
                "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"funding.state_growth\"\nrho = 0.3\n",
            "s.toml");
      },
      "\"cost.Kansli.amount\" dras per körning men \"funding.state_growth\" per år: bara fördelningar som dras lika "
      "ofta kan korreleras (sätt per = \"run\" eller \"year\" på den ena)");
}

TEST(MonteCarlo, StochasticFlowsAgreeWithTheExpectedRun)
{
  std::string text = finsim::testing::with_participants(R"(referrals_per_month = 3
mean_stay_months = 8
exit_reasons = { arbete = 4, studier = 1, annan = 5 }
)");
  const std::uint64_t n = 4000;
  const MonteCarloResults r = run(text, n);
  const auto flows = project_expected(prepare(read_scenario_text(text, "s.toml"))).flows;
  for (int y = 0; y < 2; ++y) {
    expect_close("served", r.summary(Outcome::served, y).mean, flows[0]->served[y],
                 3.0 * r.summary(Outcome::served, y).se);
    expect_close("exits to work or studies", r.summary(Outcome::exits_work_studies, y).mean,
                 flows[0]->exits_work_studies[y], 3.0 * r.summary(Outcome::exits_work_studies, y).se);
  }
}

/// The two-step Dirichlet draw of the reason mix has the Dirichlet's means and variances, and
/// the share to work or studies is the same whether or not the shares within groups are drawn.
TEST(MonteCarlo, ReasonMixIsADirichletDraw)
{
  ParticipantSpec spec;
  spec.exit_reasons = ReasonWeights{12, 3, 21, 7, 1, 2, 0, 0, 0, 4, 0};
  spec.exit_reasons_are_counts = true;
  const double total = 50;
  const int runs = 20000;
  std::array<double, given_reason_count> sum{}, sum2{};
  for (int r = 0; r < runs; ++r) {
    const auto full = drawn_reason_mix(spec, ReasonStreams("Team"), 7, static_cast<std::uint64_t>(r), true);
    const auto grouped = drawn_reason_mix(spec, ReasonStreams("Team"), 7, static_cast<std::uint64_t>(r), false);
    ASSERT_NEAR(full[0] + full[1], grouped[0] + grouped[1], 1e-12) << "replication " << r;
    ASSERT_EQ(full[6], 0.0);  // a zero count stays zero
    for (int k = 0; k < given_reason_count; ++k) {
      sum[k] += full[k];
      sum2[k] += full[k] * full[k];
    }
  }
  const double z = 4.0;  // tolerance in standard errors
  for (int k = 0; k < given_reason_count; ++k) {
    const double a = (*spec.exit_reasons)[k], mean = a / total;
    const double variance = a * (total - a) / (total * total * (total + 1));
    const double calculated = sum[k] / runs, calculated_variance = sum2[k] / runs - calculated * calculated;
    expect_close("Dirichlet mean", calculated, mean, z * std::sqrt(variance / runs) + 1e-12);
    expect_close("Dirichlet variance", calculated_variance, variance, 0.05 * variance + 1e-12);
  }
}

TEST(MonteCarlo, AStopIsHeardBeforeTheColumnsAreAllocated)
{
  // 10^12 runs would need terabytes of columns: a stop set before the run must end it before any
  // is allocated (they are allocated one by one, the flag checked before each), not after.
  const PreparedScenario p = prepare(read_scenario_text(finsim::testing::minimal_scenario(), "s.toml"));
  const std::atomic<bool> stop{true};
  MonteCarloSettings settings;
  settings.runs = 1'000'000'000'000;
  settings.stop = &stop;
  const MonteCarloResults r = run_monte_carlo(p, settings);
  EXPECT_TRUE(r.interrupted);
  EXPECT_FALSE(allocate_columns(3, 1'000'000'000'000, &stop)) << "no column when stopped";
  const std::atomic<bool> go{false};
  const auto columns = allocate_columns(3, 5, &go);
  ASSERT_TRUE(columns);
  EXPECT_EQ(columns->size(), 3u);
  EXPECT_EQ(columns->at(2), std::vector<double>(5, 0.0));
}

TEST(MonteCarlo, NoRunsGiveTheSummariesOfNoValues)
{
  // runs = 0 draws nothing: every (outcome, year) has the summary of an empty sample (NaN), every
  // breach probability is NaN, no path is kept; with an [actual] year its percentile is NaN too.
  for (const Scenario& scenario : {read_scenario_text(finsim::testing::minimal_scenario(), "s.toml"),
                                   read_scenario_file(FINSIM_SOURCE_DIR "/scenarios/solleftea-2016.toml")}) {
    const PreparedScenario p = prepare(scenario);
    MonteCarloSettings settings;
    settings.runs = 0;
    settings.keep_paths = 5;
    const MonteCarloResults r = run_monte_carlo(p, settings);
    EXPECT_FALSE(r.interrupted);
    EXPECT_EQ(r.runs, 0u);
    EXPECT_EQ(r.kept_paths, 0u);
    for (const OutcomeInfo& o : outcomes) {
      ASSERT_EQ(r.summaries[index(o.id)].size(), static_cast<std::size_t>(r.years));
      EXPECT_TRUE(r.paths[index(o.id)].empty());
      for (int y = 0; y < r.years; ++y) {
        const Summary& s = r.summary(o.id, y);
        EXPECT_TRUE(std::isnan(s.mean) && std::isnan(s.sd) && std::isnan(s.se));
        for (double q : s.quantiles) EXPECT_TRUE(std::isnan(q));
      }
    }
    for (const BreachInfo& b : breaches) {
      ASSERT_EQ(r.p_breach[index(b.id)].size(), static_cast<std::size_t>(r.years));
      for (int y = 0; y < r.years; ++y) EXPECT_TRUE(std::isnan(r.p(b.id, y).p));
      EXPECT_TRUE(std::isnan(r.p_any(b.id).p));
    }
    for (double percentile : r.actual_percentile) EXPECT_TRUE(std::isnan(percentile));
  }
}

TEST(MonteCarlo, EveryLaneSetThreadCountAndGrainGivesTheSameNumbersOnEverySeedScenario)
{
  // The lane kernels (FINSIM_LANES: scalar, avx2, avx512) against the scalar fallback, with 1 and
  // 2 threads and different grains: the same bits on every seed scenario.
  const LaneSet before = lane_set();
  int scenarios = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(FINSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    ++scenarios;
    const PreparedScenario p = prepare(read_scenario_file(entry.path().string()));
    auto run_with = [&](LaneSet set, int threads, std::uint64_t grain) {
      EXPECT_TRUE(use_lane_set(set));
      MonteCarloSettings settings;
      settings.runs = 300;
      settings.seed = 95;
      settings.threads = threads;
      settings.grain = grain;
      settings.keep_paths = 300;
      return run_monte_carlo(p, settings);
    };
    const MonteCarloResults scalar = run_with(LaneSet::scalar, 1, 1);
    for (LaneSet set : {LaneSet::scalar, LaneSet::avx2, LaneSet::avx512}) {
      if (!lane_set_supported(set)) {
        std::cout << lane_set_name(set) << " is not supported here: not compared\n";
        continue;
      }
      for (const auto& [threads, grain] : {std::pair{2, std::uint64_t{7}}, std::pair{1, std::uint64_t{0}}}) {
        const MonteCarloResults other = run_with(set, threads, grain);
        const std::string what = entry.path().filename().string() + " " + lane_set_name(set) + ", " +
                                 std::to_string(threads) + " threads, grain " + std::to_string(grain);
        // Every run's every outcome, bit for bit (NaN ratios included).
        auto same_bits = [](const auto& a, const auto& b) {
          return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
        };
        for (int q = 0; q < outcome_count; ++q) {
          EXPECT_TRUE(same_bits(scalar.paths[q], other.paths[q])) << what << ' ' << outcomes[q].name;
          for (int y = 0; y < scalar.years; ++y) {
            const std::array<double, 1> a{scalar.summaries[q][y].mean}, b{other.summaries[q][y].mean};
            EXPECT_TRUE(same_bits(a, b)) << what << ' ' << outcomes[q].name;
            EXPECT_TRUE(same_bits(scalar.summaries[q][y].quantiles, other.summaries[q][y].quantiles)) << what;
          }
        }
        for (int b = 0; b < breach_count; ++b) EXPECT_EQ(scalar.p_any_breach[b].p, other.p_any_breach[b].p) << what;
      }
    }
    EXPECT_GT(scalar.summary(Outcome::served, 0).sd + scalar.summary(Outcome::equity, 0).sd, 0.0)
        << entry.path() << ": the runs vary";
  }
  use_lane_set(before);
  EXPECT_GE(scenarios, 5);
}
