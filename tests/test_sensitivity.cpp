// Sensitivity: the factors, the design's streams, and closed forms for Sobol and the tornado.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "analysis/sensitivity.h"
#include "input/scenario_reader.h"
#include "output/sensitivity_output.h"
#include "test_support.h"

namespace finsim {
namespace {

using testing::replace;

/// One year; equity = 4 000 000 + 2 000 000 − C1 − C2 − C3 with C_i ~ N(2 000 000, σ_i),
/// σ = 100 000, 200 000, 300 000, drawn once per run.
std::string normal_costs(const std::string& extra = "")
{
  std::string text = testing::one_year_forbund("Känslighetsförbundet", 4000000, 4000000);
  for (int i = 1; i <= 3; ++i)
    text += fmt::format(
        "\n[[cost]]\nname = \"C{}\"\nkind = \"other\"\namount = {{ dist = \"normal\", mean = 2000000, "
        "sd = {} }}\n",
        i, 100000 * i);
  return text + extra;
}

SensitivitySettings settings(std::uint64_t base_runs, int threads = 2)
{
  SensitivitySettings s;
  s.base_runs = base_runs;
  s.resamples = 300;
  s.monte_carlo.seed = 2026;
  s.monte_carlo.threads = threads;
  return s;
}

PreparedScenario scenario(const std::string& text) { return prepare(read_scenario_text(text, "k.toml")); }

/// The index of `what` (sobol_first or total) for factor i of the equity in the first year.
double equity_index(const SobolResult& r, const std::vector<double>& what, int factor)
{
  return what[std::size_t(output_index("equity")) * std::size_t(r.design.factors) + std::size_t(factor)];
}

TEST(Sensitivity, FactorsFollowTheScenarioAndCorrelationsGroupThem)
{
  const std::string text = testing::with_participants(
      "referrals_per_month = { dist = \"gamma\", mean = 2, sd = 0.5 }\n"
      "mean_stay_months = 8\nexit_reasons = { arbete = 3, annan = 5 }\n");
  const std::string full = replace(
      replace(text, "state = 1000000", "state = 1000000\nstate_growth = { dist = \"normal\", mean = 0.02, sd = 0.01 }"),
      "from = \"2024-03\"",
      "from = \"2024-03\"\nutilization = { dist = \"beta\", mean = 0.9, sd = 0.05 }\n"
      "early_end_probability = 0.1");
  const Scenario s = read_scenario_text(full +
                                            "\n[[income]]\nname = \"ESF\"\namount = 100000\nprobability = 0.5\n"
                                            "\n[[correlation]]\na = \"funding.state_growth\"\nb = "
                                            "\"insats.Team.utilization\"\nrho = 0.5\n",
                                        "f.toml");
  const std::vector<SensitivityFactor> f = sensitivity_factors(s, {});
  std::vector<std::string> names;
  for (const SensitivityFactor& x : f) names.push_back(x.name);
  EXPECT_EQ(names, (std::vector<std::string>{"funding.state_growth+insats.Team.utilization", "income.ESF.probability",
                                             "insats.Team.participants.referrals_per_month", "insats.Team.continuation",
                                             "insats.Team.participants"}));
  const std::vector<SensitivityFactor> grouped =
      sensitivity_factors(s, {FactorGroup{"Teamet", {"insats.Team.continuation", "insats.Team.participants"}}});
  EXPECT_EQ(grouped.size(), 4u);
  EXPECT_EQ(grouped[3].name, "Teamet");
  EXPECT_EQ(grouped[3].paths, (std::vector<std::string>{"insats.Team.continuation", "insats.Team.participants"}));
  testing::expect_input_error(
      [&] {
        sensitivity_factors(s, {FactorGroup{"X", {"insats.Tem.continuation"}}});
      },
      "X: insats.Tem.continuation är inget osäkert tal i scenariot (menade du 'insats.Team.continuation'?)");
  testing::expect_input_error(
      [&] {
        sensitivity_factors(
            s, {FactorGroup{"X", {"income.ESF.probability"}}, FactorGroup{"X", {"insats.Team.participants"}}});
      },
      "--group: X: namnet ges två gånger");
}

TEST(Sensitivity, SwitchingEveryFactorGivesTheOtherReplicationExactly)
{
  // The factors' streams are every stream the replication draws from: switching all of them is
  // the other replication, bit for bit.
  const std::string text = testing::with_participants(
      "referrals_per_month = { dist = \"gamma\", mean = 2, sd = 0.5 }\n"
      "mean_stay_months = 8\nexit_reasons = { arbete = 3, annan = 5 }\n");
  const PreparedScenario p =
      scenario(replace(replace(text, "state = 1000000",
                               "state = 1000000\nstate_growth = { dist = \"normal\", mean = 0.02, sd = 0.03 }"),
                       "from = \"2024-03\"",
                       "from = \"2024-03\"\nutilization = { dist = \"beta\", mean = 0.9, sd = 0.05 }\n"
                       "early_end_probability = 0.2\nrenewal_probability = 0.8") +
               "\n[[income]]\nname = \"ESF\"\namount = 100000\nprobability = 0.5\n");
  std::vector<std::uint64_t> all;
  for (const SensitivityFactor& f : sensitivity_factors(p.scenario, {}))
    all.insert(all.end(), f.streams.begin(), f.streams.end());
  std::sort(all.begin(), all.end());
  const std::uint64_t runs = 200, shift = 1000;
  std::vector<double> switched(runs), plain(runs);
  MonteCarloSettings mc;
  mc.runs = runs;
  mc.seed = 5;
  mc.design = [&](std::uint64_t e) { return StreamReplication(e, e + shift, &all); };
  mc.observe = [&](std::uint64_t e, const Projection& x) {
    switched[e] = x.finance.equity.back() + x.finance.cash[20];
  };
  run_monte_carlo(p, mc);
  mc.design = [&](std::uint64_t e) { return StreamReplication(e + shift); };
  mc.observe = [&](std::uint64_t e, const Projection& x) { plain[e] = x.finance.equity.back() + x.finance.cash[20]; };
  run_monte_carlo(p, mc);
  EXPECT_EQ(switched, plain);
  // And a run with no factor switched is its own replication.
  mc.design = [&](std::uint64_t e) { return StreamReplication(e); };
  run_monte_carlo(p, mc);
  EXPECT_NE(switched, plain);
}

// A Sobol row (B, A, then A with each factor from B) evaluated with the flows reused where the
// parameters and the stream are the same: every evaluation's numbers equal those simulated afresh,
// bit for bit, for one and two threads and any grain, on the seed scenarios with participants.
TEST(Sensitivity, ReusedFlowsGiveTheSameNumbersAsFlowsSimulatedAfresh)
{
  for (const char* seed : {"skelleftea-norsjo-2018", "solleftea-2016", "mphla-2016"}) {
    const PreparedScenario p =
        prepare(read_scenario_file(std::string(FINSIM_SOURCE_DIR) + "/scenarios/" + seed + ".toml"));
    const std::vector<SensitivityFactor> factors = sensitivity_factors(p.scenario, {});
    ASSERT_GT(factors.size(), 2u) << seed;
    const std::uint64_t n = 12, row = factors.size() + 2;
    MonteCarloSettings mc;
    mc.runs = n * row;
    mc.seed = 3;
    mc.design = [&](std::uint64_t e) {
      const std::uint64_t j = e / row, m = e % row;
      if (m < 2) return StreamReplication(m == 0 ? n + j : j);
      return StreamReplication(j, n + j, &factors[std::size_t(m - 2)].streams);
    };
    const auto evaluate = [&](bool reuse, int threads, std::uint64_t grain) {
      std::vector<double> out(mc.runs * 3);
      mc.reuse_flows = reuse;
      mc.threads = threads;
      mc.grain = grain;
      mc.observe = [&](std::uint64_t e, const Projection& x) {
        out[3 * e] = x.finance.equity.back();
        out[3 * e + 1] = x.finance.cash.back();
        double served = 0.0;
        for (const auto& f : x.flows)
          if (f) served += f->served.back() + f->exits_work_studies.front();
        out[3 * e + 2] = served;
      };
      run_monte_carlo(p, mc);
      return out;
    };
    const std::vector<double> afresh = evaluate(false, 1, 0);
    EXPECT_EQ(evaluate(true, 1, 0), afresh) << seed;
    EXPECT_EQ(evaluate(true, 2, 5), afresh) << seed;
    EXPECT_EQ(evaluate(true, 2, 1), afresh) << seed;
  }
}

TEST(Sensitivity, IndependentNormalAmountsShareTheVarianceByTheirSquares)
{
  const Sensitivity s = analyse_sensitivity(scenario(normal_costs()), settings(8192));
  ASSERT_TRUE(s.sobol);
  const SobolResult& r = *s.sobol;
  const double total = 1.0 + 4.0 + 9.0;
  for (int i = 0; i < 3; ++i) {
    const double expected = double((i + 1) * (i + 1)) / total;
    const std::size_t at = std::size_t(output_index("equity")) * 3 + std::size_t(i);
    const double s1 = equity_index(r, r.indices.first, i), st = equity_index(r, r.indices.total, i);
    std::cout << s.factors[std::size_t(i)].name << ": S1 " << s1 << " [" << r.indices.first_ci[at][0] << ", "
              << r.indices.first_ci[at][1] << "], ST " << st << " [" << r.indices.total_ci[at][0] << ", "
              << r.indices.total_ci[at][1] << "], closed form " << expected << '\n';
    EXPECT_NEAR(s1, expected, 0.02);
    EXPECT_NEAR(st, expected, 0.02);
    EXPECT_LE(r.indices.first_ci[at][0], expected);
    EXPECT_GE(r.indices.first_ci[at][1], expected);
    EXPECT_LE(r.indices.total_ci[at][0], expected);
    EXPECT_GE(r.indices.total_ci[at][1], expected);
  }
  // The tornado: equity swings by 2 × 1.2816 × σ_i, the base is the median case.
  ASSERT_TRUE(s.tornado);
  const double z = boost::math::quantile(boost::math::normal(), 0.9);
  EXPECT_NEAR(s.tornado->base, 6000000.0 - 6000000.0, 1e-6);
  ASSERT_GE(s.tornado->rows.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const TornadoRow& row = s.tornado->rows[std::size_t(i)];  // ranked: C3, C2, C1
    EXPECT_EQ(row.path, fmt::format("cost.C{}.amount", 3 - i));
    EXPECT_NEAR(row.swing(), 2.0 * z * 100000.0 * (3 - i), 1e-3) << row.path;
    EXPECT_GT(row.low, row.high);  // a higher cost, a lower equity
  }
}

TEST(Sensitivity, CorrelatedAmountsGroupedShareTheirJointVariance)
{
  const std::string extra = "\n[[correlation]]\na = \"cost.C1.amount\"\nb = \"cost.C2.amount\"\nrho = 0.6\n";
  const Sensitivity s = analyse_sensitivity(scenario(normal_costs(extra)), settings(8192));
  ASSERT_EQ(s.factors.size(), 2u);
  EXPECT_EQ(s.factors[0].name, "cost.C1.amount+cost.C2.amount");
  // Var(C1 + C2) = σ1² + σ2² + 2ρσ1σ2 with the rank correlation's normal copula (ρ_pearson =
  // 2 sin(πρ/6) for normal margins).
  const double rho = 2.0 * std::sin(M_PI * 0.6 / 6.0);
  const double pair = 1.0 + 4.0 + 2.0 * rho * 1.0 * 2.0, expected = pair / (pair + 9.0);
  const SobolResult& r = *s.sobol;
  std::cout << "group: S1 " << equity_index(r, r.indices.first, 0) << ", ST " << equity_index(r, r.indices.total, 0)
            << ", closed form " << expected << " (Pearson ρ " << rho << ")\n";
  EXPECT_NEAR(equity_index(r, r.indices.first, 0), expected, 0.02);
  EXPECT_NEAR(equity_index(r, r.indices.total, 0), expected, 0.02);
}

TEST(Sensitivity, IsBitIdenticalForOneAndTwoThreads)
{
  SensitivitySettings one = settings(256, 1), two = settings(256, 2);
  one.tornado = two.tornado = false;
  const Sensitivity a = analyse_sensitivity(scenario(normal_costs()), one);
  const Sensitivity b = analyse_sensitivity(scenario(normal_costs()), two);
  // Bit for bit, NaN (a quantity without variance) included.
  const auto same = [](const auto& x, const auto& y) {
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(x[0])) == 0;
  };
  EXPECT_TRUE(same(a.sobol->indices.first, b.sobol->indices.first));
  EXPECT_TRUE(same(a.sobol->indices.total, b.sobol->indices.total));
  EXPECT_TRUE(same(a.sobol->indices.first_ci, b.sobol->indices.first_ci));
  EXPECT_TRUE(same(a.sobol->indices.total_ci, b.sobol->indices.total_ci));
  EXPECT_TRUE(same(a.sobol->indices.variance, b.sobol->indices.variance));
}

TEST(Sensitivity, AGroupMayNotTakeTheNameOfAnotherFactor)
{
  const Scenario s =
      read_scenario_text(normal_costs("\n[[income]]\nname = \"ESF\"\namount = 100000\nprobability = 0.5\n"), "k.toml");
  // The group of C1 and C2 named as C3 is: two factors "cost.C3.amount" in the table and the file.
  testing::expect_input_error(
      [&] {
        sensitivity_factors(s, {FactorGroup{"cost.C3.amount", {"cost.C1.amount", "cost.C2.amount"}}});
      },
      "--group: cost.C3.amount: namnet används redan av faktorn cost.C3.amount; två faktorer kan inte heta likadant");
  // A group named as another group's joined paths.
  const std::string correlated =
      normal_costs("\n[[correlation]]\na = \"cost.C1.amount\"\nb = \"cost.C2.amount\"\nrho = 0.3\n");
  testing::expect_input_error(
      [&] {
        sensitivity_factors(read_scenario_text(correlated, "k.toml"),
                            {FactorGroup{"cost.C1.amount+cost.C2.amount", {"cost.C3.amount"}}});
      },
      "namnet används redan av faktorn cost.C1.amount, cost.C2.amount");
  EXPECT_EQ(sensitivity_factors(s, {FactorGroup{"Kostnader", {"cost.C1.amount", "cost.C2.amount"}}}).size(), 3u);
}

/// Two insatser with participants, one calibrated from observed figures with uncertain referrals,
/// uncertain utilisation and budgets: the tornado's cases touch calibrations and plain numbers.
std::string calibrated_insatser()
{
  return testing::replace(testing::with_participants("referrals_per_month = { dist = \"gamma\", mean = 2, sd = 0.5 }\n"
                                                     "exit_reasons = { arbete = 1 }\n"
                                                     "observed = { months = 8, served = 20, new = 14, exits = 9 }\n"),
                          "budget = 1200000",
                          "budget = { dist = \"normal\", mean = 1200000, sd = 100000 }\n"
                          "utilization = { dist = \"beta\", mean = 0.85, sd = 0.05 }") +
         "\n[[insats]]\nname = \"Andra\"\nkind = \"individual\"\nowner = \"Lillby kommun\"\n"
         "budget = [400000, 500000]\nutilization = { dist = \"beta\", mean = 0.9, sd = 0.05 }\n";
}

TEST(Sensitivity, EachTornadoRowIsTheScenarioWithEveryMedianAndItsOwnValue)
{
  // The tornado prepares the median case once and changes one value per row; each row must be
  // exactly the scenario with every median and the row's value applied from scratch.
  const PreparedScenario p = scenario(calibrated_insatser());
  SensitivitySettings set = settings(64);
  set.output = output_index("result");
  set.year = 1;
  const std::vector<SensitivityFactor> factors = sensitivity_factors(p.scenario, {});
  const Tornado t = tornado(p, factors, set);
  std::vector<Override> medians;
  for (const Uncertain* u : random_quantities(p.scenario))
    medians.push_back(Override::number(u->path, u->clamped(u->distribution.quantile(0.5))));
  const auto from_scratch = [&](std::vector<Override> change) {
    std::vector<Override> all = medians;
    all.insert(all.end(), change.begin(), change.end());
    return output_value(project_expected(prepare(p.scenario, all)), set.output, set.year);
  };
  EXPECT_EQ(t.base, from_scratch({}));
  ASSERT_GE(t.rows.size(), 5u);
  bool calibrated_row = false;
  for (const TornadoRow& row : t.rows) {
    if (row.fixed_swing) continue;
    EXPECT_EQ(row.low, from_scratch({Override::number(row.path, row.input_low)})) << row.path;
    EXPECT_EQ(row.high, from_scratch({Override::number(row.path, row.input_high)})) << row.path;
    calibrated_row = calibrated_row || row.path == "insats.Team.participants.referrals_per_month";
  }
  EXPECT_TRUE(calibrated_row) << "a row that recalibrates the insats";
}

TEST(Sensitivity, AStopIsHeardBeforeTheTornadoAndTheDesignFinish)
{
  const std::atomic<bool> stop{true};
  SensitivitySettings set = settings(1u << 20);  // a design far too long to run
  set.monte_carlo.stop = &stop;
  const Sensitivity both = analyse_sensitivity(scenario(calibrated_insatser()), set);
  EXPECT_TRUE(both.interrupted);
  ASSERT_TRUE(both.tornado);
  EXPECT_TRUE(both.tornado->interrupted);
  set.tornado = false;
  const Sensitivity sobol = analyse_sensitivity(scenario(calibrated_insatser()), set);
  EXPECT_TRUE(sobol.interrupted);
  EXPECT_FALSE(sobol.sobol);
}

TEST(Sensitivity, TheYearToDatePosteriorSwitchesWithItsUtilisation)
{
  // Under the model method the first year's months left draw the utilisation's posterior from a
  // stream of its own: it belongs to the utilisation's factor, or switching every factor would
  // not give the other replication (and its variance would pass for interactions).
  Scenario s = read_scenario_text(testing::replace(testing::minimal_scenario(), "from = \"2024-03\"",
                                                   "from = \"2024-03\"\nutilization = { dist = \"beta\", mean = "
                                                   "0.8, sd = 0.1 }") +
                                      "\n[year_to_date]\nthrough = \"2024-06\"\n[year_to_date.lines]\n"
                                      "\"Team\" = 300000\n",
                                  "ytd.toml");
  s.year_to_date->method = ForecastMethod::model;
  const PreparedScenario p = prepare(std::move(s));
  std::vector<std::uint64_t> all;
  for (const SensitivityFactor& f : sensitivity_factors(p.scenario, {}))
    all.insert(all.end(), f.streams.begin(), f.streams.end());
  std::sort(all.begin(), all.end());
  const std::uint64_t runs = 100, shift = 1000;
  std::vector<double> switched(runs), plain(runs);
  MonteCarloSettings mc;
  mc.runs = runs;
  mc.seed = 5;
  mc.design = [&](std::uint64_t e) { return StreamReplication(e, e + shift, &all); };
  mc.observe = [&](std::uint64_t e, const Projection& x) { switched[e] = x.finance.equity.front(); };
  run_monte_carlo(p, mc);
  mc.design = [&](std::uint64_t e) { return StreamReplication(e + shift); };
  mc.observe = [&](std::uint64_t e, const Projection& x) { plain[e] = x.finance.equity.front(); };
  run_monte_carlo(p, mc);
  EXPECT_EQ(switched, plain);
}

TEST(Sensitivity, TheTerminalShowsIndicesWithinZeroToOneAndSaysWhenThereAreNone)
{
  const Scenario s = read_scenario_text(normal_costs(), "k.toml");
  Sensitivity r;
  r.factors = {SensitivityFactor{"cost.C1.amount", {"cost.C1.amount"}, {}}};
  r.years = 1;
  SobolResult sobol;
  sobol.design = SobolDesign{100, 1};
  const std::size_t quantities = output_count;
  sobol.indices.variance.assign(quantities, 0.25);
  sobol.indices.first.assign(quantities, 0.9);
  sobol.indices.total.assign(quantities, 1.08);  // noise past 1 in a 0/1 outcome
  sobol.indices.first_ci.assign(quantities, {0.6, 1.02});
  sobol.indices.total_ci.assign(quantities, {0.8, 1.31});
  r.sobol = sobol;
  SensitivitySettings set;
  set.tornado = false;
  set.output = output_index("above_cap");
  const std::string text = sensitivity_report(s, r, set);
  EXPECT_NE(text.find("0,900 [0,600 – 1,000] *  1,000 [0,800 – 1,000] *"), std::string::npos) << text;
  EXPECT_NE(text.find("visas begränsad till 0–1"), std::string::npos) << text;
  EXPECT_NE(text.find("Ett 0/1-utfall har variansen p(1 − p)"), std::string::npos) << text;
  EXPECT_EQ(text.find("1,080"), std::string::npos) << text;
  EXPECT_EQ(text.find("1,310"), std::string::npos) << text;
  // An outcome without variance has no indices, in words; no share of a variance that is not there.
  r.sobol->indices.variance.assign(quantities, 0.0);
  const std::string none = sensitivity_report(s, r, set);
  EXPECT_NE(none.find("ett utfall utan varians har inga Sobolindex"), std::string::npos) << none;
  EXPECT_EQ(none.find("av variansen."), std::string::npos) << none;
  EXPECT_DOUBLE_EQ(shown_index(-0.02), 0.0);
  EXPECT_DOUBLE_EQ(shown_index(1.3), 1.0);
  EXPECT_TRUE(std::isnan(shown_index(std::nan(""))));
}

TEST(Sensitivity, ATornadoWithoutSwingSaysSo)
{
  const Scenario s = read_scenario_text(normal_costs(), "k.toml");
  Sensitivity r;
  r.years = 1;
  Tornado t;
  t.base = 0.0;
  t.rows = {TornadoRow{"cost.C1.amount", 1.8e6, 2.2e6, 0.0, 0.0}};
  r.tornado = t;
  SensitivitySettings set;
  set.sobol = false;
  set.output = output_index("above_cap");
  const std::string text = sensitivity_report(s, r, set);
  EXPECT_NE(text.find("Inget utslag av de osäkra faktorerna: i basfallet är utfallet 0"), std::string::npos) << text;
}

/// The tornado of a seed scenario for equity in its last year, the fixed swing ±10 %.
Tornado seed_tornado(const std::string& file)
{
  const PreparedScenario p = prepare(read_scenario_file(std::string(FINSIM_SOURCE_DIR) + "/scenarios/" + file));
  SensitivitySettings set = settings(64);
  set.sobol = false;
  set.year = p.scenario.forbund.years - 1;
  return tornado(p, sensitivity_factors(p.scenario, {}), set);
}

const TornadoRow* find_row(const Tornado& t, const std::string& path)
{
  for (const TornadoRow& r : t.rows)
    if (r.path == path) return &r;
  return nullptr;
}

TEST(Sensitivity, EverySeedTornadoShowsTheFixedAmountsSwungInKronorForLinesThatRun)
{
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(FINSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    ++seeds;
    const Tornado t = seed_tornado(entry.path().filename().string());
    int fixed = 0;
    for (const TornadoRow& r : t.rows) {
      if (!r.fixed_swing) continue;
      ++fixed;
      // Every fixed row is a line with some nonzero year: its amount in its first running year.
      EXPECT_GT(std::fabs(r.input_low), 0.0) << entry.path() << " " << r.path;
      EXPECT_GT(std::fabs(r.input_high), std::fabs(r.input_low)) << entry.path() << " " << r.path;
      EXPECT_NEAR(r.input_high / r.input_low, 1.1 / 0.9, 1e-12) << entry.path() << " " << r.path;
      // Members' contributions never swing one at a time.
      EXPECT_FALSE(r.path.starts_with("funding.contributions.")) << entry.path() << " " << r.path;
    }
    EXPECT_GT(fixed, 0) << entry.path();
  }
  EXPECT_GE(seeds, 5);
}

TEST(Sensitivity, AnInsatsThatEndsBeforeTheShownYearShowsItsFirstYearsBudget)
{
  // Sollefteå 2024: "Ointecknade medel" has 1 010 000 in 2024 and nothing after; the tornado shows 2026.
  const Tornado t = seed_tornado("solleftea-2024.toml");
  const TornadoRow* r = find_row(t, "insats.Ointecknade medel.budget");
  ASSERT_NE(r, nullptr);
  EXPECT_NEAR(r->input_low, 909000.0, 0.5);
  EXPECT_NEAR(r->input_high, 1111000.0, 0.5);
  EXPECT_EQ(r->input_year, 0);
  const Scenario s = read_scenario_file(std::string(FINSIM_SOURCE_DIR) + "/scenarios/solleftea-2024.toml");
  Sensitivity result;
  result.years = s.forbund.years;
  result.tornado = t;
  SensitivitySettings set;
  set.sobol = false;
  set.year = s.forbund.years - 1;
  const std::string text = sensitivity_report(s, result, set);
  EXPECT_NE(text.find("909 000 (2024)"), std::string::npos) << text;
  EXPECT_NE(text.find("(2024; olika per år)"), std::string::npos) << text;  // Kansli differs by year
  EXPECT_EQ(text.find("0,000 – 0,000"), std::string::npos) << text;
}

TEST(Sensitivity, MatchedContributionsSwingTogetherAndBySource)
{
  // Skellefteå–Norsjö 2018: explicit contributions that follow 50/25/25 (6 132 000 a year).
  const Tornado t = seed_tornado("skelleftea-norsjo-2018.toml");
  const TornadoRow* all = find_row(t, "Driftbidrag");
  ASSERT_NE(all, nullptr);
  EXPECT_NEAR(all->input_low, 0.9 * 6132000.0, 0.5);
  const TornadoRow* state = find_row(t, "Driftbidrag staten");
  const TornadoRow* region = find_row(t, "Driftbidrag regionen");
  const TornadoRow* kommuner = find_row(t, "Driftbidrag kommunerna");
  ASSERT_TRUE(state && region && kommuner);
  EXPECT_NEAR(state->input_low, 0.9 * 3066000.0, 0.5);
  EXPECT_NEAR(kommuner->input_low, 0.9 * 1533000.0, 0.5);  // Skellefteå and Norsjö together
  // Moving all of it moves the equity as much as its sources one by one together.
  EXPECT_NEAR(all->swing(), state->swing() + region->swing() + kommuner->swing(), 1.0);
  // The whole driftbidrag leads the fixed amounts; no member alone is a row.
  const auto first_fixed =
      std::find_if(t.rows.begin(), t.rows.end(), [](const TornadoRow& r) { return r.fixed_swing; });
  ASSERT_NE(first_fixed, t.rows.end());
  EXPECT_EQ(first_fixed->path, "Driftbidrag");
  EXPECT_EQ(find_row(t, "funding.contributions.Försäkringskassan"), nullptr);
}

TEST(Sensitivity, TheStateHalfAndTheAllocationModelSwingTheWholeDriftbidrag)
{
  // Sollefteå 2024: state = 1 416 000 a year, matched by the region (a quarter) and the kommun.
  const Tornado state = seed_tornado("solleftea-2024.toml");
  const TornadoRow* r = find_row(state, "Driftbidrag");
  ASSERT_NE(r, nullptr);
  EXPECT_NEAR(r->input_low, 0.9 * 2 * 1416000.0, 0.5);
  EXPECT_EQ(find_row(state, "funding.state"), nullptr);
  // The same state half from the allocation model moves the equity as much.
  const Tornado model = seed_tornado("variants/solleftea-2024-fordelningsmodell.toml");
  const TornadoRow* m = find_row(model, "Driftbidrag");
  ASSERT_NE(m, nullptr);
  EXPECT_NEAR(m->swing(), r->swing(), 0.001 * r->swing());
  EXPECT_NEAR(m->input_low, r->input_low, 0.001 * r->input_low);
}

/// One year with explicit contributions: state `s`, region `r`, kommun `k` (a list when `uncertain`).
std::string explicit_contributions(const std::string& state, const std::string& region, const std::string& kommun)
{
  return replace(testing::one_year_forbund("Bidragsförbundet", 1000000, 1000000), "state = 1000000",
                 "\n[funding.contributions]\n\"Försäkringskassan\" = " + state + "\n\"Region\" = " + region +
                     "\n\"Kommun\" = " + kommun);
}

TEST(Sensitivity, ContributionsOffTheMatchingRuleSwingPerSourceOnly)
{
  const PreparedScenario p = scenario(explicit_contributions("1000000", "300000", "500000"));
  EXPECT_FALSE(state_half_matched(p.scenario));
  SensitivitySettings set = settings(64);
  set.sobol = false;
  const Tornado t = tornado(p, sensitivity_factors(p.scenario, {}), set);
  EXPECT_EQ(find_row(t, "Driftbidrag"), nullptr);
  ASSERT_NE(find_row(t, "Driftbidrag regionen"), nullptr);
  EXPECT_NEAR(find_row(t, "Driftbidrag regionen")->input_high, 330000.0, 0.5);
  EXPECT_TRUE(state_half_matched(scenario(explicit_contributions("1000000", "500000", "500000")).scenario));
}

TEST(Sensitivity, SobolTakesTheMatchedContributionsAsOneFactor)
{
  const std::string normal = "{ dist = \"normal\", mean = 500000, sd = 50000 }";
  // Matched: every uncertain contribution in one factor "Driftbidrag", its streams together.
  const Scenario matched = read_scenario_text(explicit_contributions("1000000", normal, normal), "k.toml");
  std::vector<SensitivityFactor> f = sensitivity_factors(matched, {});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].name, "Driftbidrag");
  EXPECT_EQ(f[0].paths, (std::vector<std::string>{"funding.contributions.Region", "funding.contributions.Kommun"}));
  EXPECT_EQ(f[0].streams.size(), 2u);
  // Off the rule: one factor per funding source.
  const std::string kommun = "{ dist = \"normal\", mean = 200000, sd = 20000 }";
  std::string two_kommuner = replace(explicit_contributions("1000000", normal, kommun), "\n[funding.contributions]",
                                     "\n[[member]]\nname = \"Kommun 2\"\nkind = \"kommun\"\npopulation = 5000\n\n"
                                     "[funding.contributions]");
  two_kommuner =
      replace(two_kommuner, "\"Kommun\" = " + kommun,
              "\"Kommun\" = " + kommun + "\n\"Kommun 2\" = { dist = \"normal\", mean = 100000, sd = 10000 }");
  const Scenario off = read_scenario_text(two_kommuner, "k.toml");
  f = sensitivity_factors(off, {});
  ASSERT_EQ(f.size(), 2u);
  // Kommun 2 is the first member: the kommuner's factor stands at its place.
  EXPECT_EQ(f[0].name, "Driftbidrag kommunerna");
  EXPECT_EQ(f[0].paths, (std::vector<std::string>{"funding.contributions.Kommun 2", "funding.contributions.Kommun"}));
  EXPECT_EQ(f[1].name, "funding.contributions.Region");  // one number: its own path
}

TEST(Sensitivity, AnEstimateBelowZeroIsShownAsZeroWithinItsUncertainty)
{
  const Scenario s = read_scenario_text(normal_costs(), "k.toml");
  Sensitivity r;
  r.factors = {SensitivityFactor{"cost.C1.amount", {"cost.C1.amount"}, {}}};
  r.years = 1;
  SobolResult sobol;
  sobol.design = SobolDesign{100, 1};
  const std::size_t quantities = output_count;
  sobol.indices.variance.assign(quantities, 0.25);
  sobol.indices.first.assign(quantities, -0.021);
  sobol.indices.total.assign(quantities, 0.4);
  sobol.indices.first_ci.assign(quantities, {-0.05, 0.01});
  sobol.indices.total_ci.assign(quantities, {0.3, 0.5});
  r.sobol = sobol;
  SensitivitySettings set;
  set.tornado = false;
  const std::string text = sensitivity_report(s, r, set);
  EXPECT_NE(text.find("0,000 [0,000 – 0,010] *"), std::string::npos) << text;
  EXPECT_NE(text.find("inom skattningens osäkerhet"), std::string::npos) << text;
  EXPECT_EQ(text.find("-0,021"), std::string::npos) << text;
  EXPECT_EQ(text.find("≈ 0"), std::string::npos) << text;
}

}  // namespace
}  // namespace finsim
