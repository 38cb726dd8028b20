// finsim merge: three förbund with the allocation model become one; the merged allocation, the
// equity options and the kommun contributions against hand computations.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/merger.h"
#include "analysis/merger_impact.h"
#include "engine/statistics.h"
#include "input/scenario_reader.h"
#include "models/projection.h"
#include "output/merger_output.h"
#include "test_support.h"

namespace finsim {
namespace {

using testing::expect_input_error;
using testing::TempDir;
using testing::write_file;

/// A förbund of FK, AF, Region X and one kommun with its allocation shares, equity and an insats.
std::string forbund(const std::string& name, const std::string& kommun, double population, double s_f, double s_p,
                    double equity, const std::string& insats)
{
  return fmt::format(R"([forbund]
name = "{}"
first_year = 2024
years = 2
opening_equity = {}
opening_cash = {}

[funding]
[funding.allocation]
national_total = 339000000
forbund_count = 80
forsorjningsmatt_share = {}
population_share = {}

[[member]]
name = "Försäkringskassan"
kind = "state"
[[member]]
name = "Arbetsförmedlingen"
kind = "state"
[[member]]
name = "Region X"
kind = "region"
[[member]]
name = "{}"
kind = "kommun"
population = {}

[[cost]]
name = "Kansli"
kind = "kansli"
amount = 500000

[[insats]]
name = "{}"
kind = "individual"
budget = 1000000
)",
                     name, equity, equity, s_f, s_p, kommun, population, insats);
}

struct Three {
  TempDir dir;
  std::vector<std::string> paths;
  Three()
  {
    const std::vector<std::string> texts{forbund("A-förbundet", "A kommun", 30000, 0.01, 0.012, 1000000, "Team"),
                                         forbund("B-förbundet", "B kommun", 10000, 0.004, 0.003, 500000, "Team"),
                                         forbund("C-förbundet", "C kommun", 20000, 0.006, 0.005, 0, "Steget")};
    for (std::size_t i = 0; i < texts.size(); ++i) {
      paths.push_back(dir.file(fmt::format("f{}.toml", i)));
      write_file(paths.back(), texts[i]);
    }
  }
};

MergeOptions options(EquityOption equity = EquityOption::pooled)
{
  MergeOptions o;
  o.name = "Länsförbundet";
  o.from_year = 2024;
  o.equity = equity;
  return o;
}

TEST(Merger, AllocationOfOneForbundWithTheSharesSummedInACountryOfTwoFewer)
{
  Three t;
  const MergedScenario m = merge_scenarios(t.paths, options());
  const Projection p = project_expected(prepare(read_scenario_text(m.text, "merged.toml")));
  const double weight = 0.75 * (0.01 + 0.004 + 0.006) + 0.25 * (0.012 + 0.003 + 0.005);
  const double merged = 400000.0 + (339e6 - 78 * 400000.0) * weight;
  EXPECT_NEAR(p.allocation.state_allocation[0], merged, 1e-6);
  // About the sum of the three less two base amounts (the rest grows by 2 × 400 000 × weight).
  double separate = 0.0;
  for (const std::string& path : t.paths)
    separate += project_expected(prepare(read_scenario_file(path))).allocation.state_allocation[0];
  EXPECT_NEAR(merged, separate - 2 * 400000.0 + 2 * 400000.0 * weight, 1e-6);
  EXPECT_NEAR(p.finance.driftbidrag[0], 2.0 * merged, 1e-6);  // about 4 × 400 000 less in all
  // Kommun contributions after the merger follow the county's populations: a quarter by population.
  for (std::size_t i = 0; i < m.members.size(); ++i) {
    const double share = m.members[i] == "A kommun"   ? 0.5
                         : m.members[i] == "B kommun" ? 1.0 / 6
                         : m.members[i] == "C kommun" ? 1.0 / 3
                                                      : -1;
    if (share > 0) {
      EXPECT_NEAR(p.finance.member_contributions(static_cast<Eigen::Index>(i), 0), 0.5 * merged * share, 1e-6)
          << m.members[i];
    }
  }
  // Members once each: FK, AF, the region, three kommuner; the clashing "Team" renamed, "Steget" kept.
  EXPECT_EQ(m.members.size(), 6U);
  EXPECT_EQ(m.renamed, (std::vector<std::string>{"A-förbundet: Team", "B-förbundet: Team"}));
  EXPECT_NE(m.text.find("name = \"Steget\""), std::string::npos);
  EXPECT_NE(m.text.find("forbund_count = 78"), std::string::npos);
  // Fixed kansli lines summed into one.
  EXPECT_NE(m.text.find("name = \"Kansli\"\namount = 1500000"), std::string::npos) << m.text;
}

TEST(Merger, PooledReturnedAndKeptEquity)
{
  Three t;
  const MergedScenario pooled = merge_scenarios(t.paths, options());
  EXPECT_EQ(pooled.opening_equity, 1500000.0);
  EXPECT_EQ(pooled.opening_cash, 1500000.0);
  const MergedScenario returned = merge_scenarios(t.paths, options(EquityOption::returned));
  EXPECT_EQ(returned.opening_equity, 0.0);
  EXPECT_EQ(returned.opening_cash, 0.0);
  // A's 1 000 000 goes to A's members in proportion to what each paid: FK and AF a quarter each,
  // the region and A kommun a quarter each (one region, one kommun per förbund).
  double total = 0.0;
  for (std::size_t i = 0; i < returned.members.size(); ++i) {
    total += returned.returned[i];
    if (returned.members[i] == "A kommun") {
      EXPECT_NEAR(returned.returned[i], 250000.0, 1e-6);
    }
    if (returned.members[i] == "B kommun") {
      EXPECT_NEAR(returned.returned[i], 125000.0, 1e-6);
    }
    if (returned.members[i] == "Försäkringskassan") {
      EXPECT_NEAR(returned.returned[i], 375000.0, 1e-6);
    }
  }
  EXPECT_NEAR(total, 1500000.0, 1e-6);
  MergeOptions keep = options(EquityOption::keep);
  keep.keep = 900000.0;  // 600 000 returned: 400 000 from A, 200 000 from B
  const MergedScenario kept = merge_scenarios(t.paths, keep);
  EXPECT_EQ(kept.opening_equity, 900000.0);
  for (std::size_t i = 0; i < kept.members.size(); ++i)
    if (kept.members[i] == "A kommun") {
      EXPECT_NEAR(kept.returned[i], 100000.0, 1e-6);
    }
  keep.keep = 2000000.0;
  expect_input_error([&] { merge_scenarios(t.paths, keep); }, "behåll högst så mycket");
}

TEST(Merger, ReferencesFollowTheRenamedEntries)
{
  TempDir dir;
  const std::string extra = R"(
[[income]]
name = "ESF"
amount = 300000
probability = 0.5

[[cost]]
name = "Reserv"
kind = "other"
amount = 100000
unless = "ESF"
)";
  std::vector<std::string> paths{dir.file("a.toml"), dir.file("b.toml")};
  write_file(paths[0], forbund("A-förbundet", "A kommun", 30000, 0.01, 0.012, 0, "Team") + extra);
  write_file(paths[1], forbund("B-förbundet", "B kommun", 10000, 0.004, 0.003, 0, "Team") + extra +
                           "\n[[correlation]]\na = \"insats.Team.budget\"\nb = \"cost.Reserv.amount\"\nrho = 0.5\n");
  write_file(paths[1], testing::replace(testing::read_file(paths[1]), "budget = 1000000",
                                        "budget = { dist = \"normal\", mean = 1000000, sd = 100000 }"));
  write_file(paths[1], testing::replace(testing::read_file(paths[1]), "amount = 100000",
                                        "amount = { dist = \"normal\", mean = 100000, sd = 10000 }"));
  MergeOptions o = options();
  const Scenario merged = read_scenario_text(merge_scenarios(paths, o).text, "m.toml");
  ASSERT_EQ(merged.costs.size(), 3U);  // each förbund's Reserv, then the kansli summed
  EXPECT_EQ(merged.incomes[merged.costs[0].unless_income].name, "A-förbundet: ESF");
  EXPECT_EQ(merged.incomes[merged.costs[1].unless_income].name, "B-förbundet: ESF");
  EXPECT_EQ(merged.correlations.front().a, "insats.B-förbundet: Team.budget");
  o.drop = {"B-förbundet: Team"};
  EXPECT_TRUE(read_scenario_text(merge_scenarios(paths, o).text, "m.toml").correlations.empty());
}

TEST(Merger, RefusesWhatCannotBeMerged)
{
  Three t;
  MergeOptions o = options();
  o.from_year = 2025;
  expect_input_error(
      [&] { merge_scenarios(t.paths, o); },
      t.paths[0] + ":3:14: forbund.first_year: = 2024: det sammanslagna förbundet börjar i januari 2025");
  o = options();
  o.drop = {"Nothing"};
  expect_input_error([&] { merge_scenarios(t.paths, o); }, "--drop \"Nothing\": ingen insats med det namnet");
  o.drop = {"Stegett"};
  expect_input_error(
      [&] { merge_scenarios(t.paths, o); },
      "--drop \"Stegett\": ingen insats med det namnet i förbunden som slås samman (menade du \"Steget\"?)");
  o.drop = {"Steget", "A-förbundet: Team"};
  const MergedScenario m = merge_scenarios(t.paths, o);
  EXPECT_EQ(m.dropped.size(), 2U);
  EXPECT_EQ(read_scenario_text(m.text, "m.toml").insatser.size(), 1U);
}

TEST(Merger, RefusesOneKommunWithTwoPopulationsNamingBothValuesAndFiles)
{
  TempDir dir;
  std::vector<std::string> paths{dir.file("a.toml"), dir.file("b.toml")};
  write_file(paths[0], forbund("A-förbundet", "Delad kommun", 30000, 0.01, 0.012, 0, "Team"));
  write_file(paths[1], forbund("B-förbundet", "Delad kommun", 25000, 0.004, 0.003, 0, "Steget"));
  // b.toml's population (line 27) against a.toml's: both values, both files, the fix.
  expect_input_error([&] { merge_scenarios(paths, options()); },
                     paths[1] + ":27:14: member.Delad kommun.population: = 25000, men " + paths[0] + ":27 ger 30000");
  // The same member as a kommun in one förbund and a region in the other is refused too.
  write_file(paths[0], forbund("A-förbundet", "Region Y", 30000, 0.01, 0.012, 0, "Team"));
  write_file(paths[1], testing::replace(forbund("B-förbundet", "B kommun", 25000, 0.004, 0.003, 0, "Steget"),
                                        "Region X", "Region Y"));
  expect_input_error([&] { merge_scenarios(paths, options()); },
                     paths[1] + ":23:8: member.Region Y.kind: = \"region\", men " + paths[0] + ":26 ger \"kommun\"");
  // Equal figures merge into one member.
  write_file(paths[0], forbund("A-förbundet", "Delad kommun", 30000, 0.01, 0.012, 0, "Team"));
  write_file(paths[1], forbund("B-förbundet", "Delad kommun", 30000, 0.004, 0.003, 0, "Steget"));
  EXPECT_EQ(merge_scenarios(paths, options()).members.size(), 4U);
}

TEST(Merger, ErrorsNameTheForbundFilesNotTheUnwrittenMergedFile)
{
  TempDir dir;
  std::vector<std::string> paths{dir.file("a.toml"), dir.file("b.toml")};
  const std::string a = forbund("A-förbundet", "A kommun", 30000, 0.01, 0.012, 0, "Team");
  const std::string b = forbund("B-förbundet", "B kommun", 10000, 0.004, 0.003, 0, "Team");
  // Two förbund of one name cannot be told apart.
  write_file(paths[0], a);
  write_file(paths[1], testing::replace(b, "B-förbundet", "A-förbundet"));
  expect_input_error([&] { merge_scenarios(paths, options()); },
                     paths[1] + ":2:8: forbund.name: = \"A-förbundet\", samma namn som i " + paths[0]);
  // A's Team renamed for the clash with B's Team meets B's own "A-förbundet: Team": both files named.
  write_file(paths[1], b + "\n[[insats]]\nname = \"A-förbundet: Team\"\nkind = \"individual\"\nbudget = 5\n");
  expect_input_error([&] { merge_scenarios(paths, options()); },
                     paths[1] +
                         ":39:1: insats.A-förbundet: Team.name: \"A-förbundet: Team\" blir två poster i det "
                         "sammanslagna förbundet, från " +
                         paths[0] + ":34 (A-förbundet) och från " + paths[1] + ":39 (B-förbundet)");
  // A line named like the merged kansli line.
  write_file(paths[0], testing::replace(a, "kind = \"kansli\"", "kind = \"other\""));
  write_file(paths[1], testing::replace(b, "name = \"Kansli\"", "name = \"Kanslikostnad\""));
  expect_input_error(
      [&] { merge_scenarios(paths, options()); },
      paths[0] + ":29:1: cost.Kansli.name: \"Kansli\" blir två poster i det sammanslagna förbundet, från " + paths[0] +
          ":29 (A-förbundet) och från raden Kansli som merge summerar av \"Kanslikostnad\" "
          "(B-förbundet)");
  // The merged text read back: the population shares summed above 1. The message names the
  // förbund's files, not a line of the unwritten merged file.
  write_file(paths[0], forbund("A-förbundet", "A kommun", 30000, 0.01, 0.6, 0, "Team"));
  write_file(paths[1], forbund("B-förbundet", "B kommun", 10000, 0.004, 0.6, 0, "Team"));
  try {
    merge_scenarios(paths, options());
    ADD_FAILURE() << "shares summed above 1 were merged";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("funding.allocation.population_share"), std::string::npos) << what;
    EXPECT_NE(what.find("förbunden: " + paths[0] + ", " + paths[1]), std::string::npos) << what;
    EXPECT_EQ(what.find("scenariot):"), std::string::npos) << what;
  }
}

/// The expected starts of every insats of the scenario at `path` in year `y`, per kommun of its own.
std::vector<double> own_starts(const std::string& path, int y)
{
  const Projection p = project_expected(prepare(read_scenario_file(path)));
  std::vector<double> starts;
  for (const std::optional<InsatsFlows>& f : p.flows)
    if (f)
      for (Eigen::Index k = 0; k < f->starts_by_kommun.rows(); ++k) {
        if (starts.size() <= static_cast<std::size_t>(k)) starts.push_back(0.0);
        starts[static_cast<std::size_t>(k)] += f->starts_by_kommun(k, y);
      }
  return starts;
}

TEST(Merger, EachInsatsKeepsTheKommunSharesOfItsOwnForbund)
{
  TempDir dir;
  const std::string flows =
      "[insats.participants]\nreferrals_per_month = 3\nmean_stay_months = 6\nexit_reasons = { arbete = 1, annan = 3 "
      "}\n";
  std::vector<std::string> paths{dir.file("solleftea.toml"), dir.file("kramfors.toml"), dir.file("two.toml")};
  write_file(paths[0], forbund("Sollefteå", "Sollefteå kommun", 18800, 0.01, 0.012, 0, "SamCoach") + flows);
  write_file(paths[1], forbund("Kramfors", "Kramfors kommun", 18300, 0.004, 0.003, 0, "Steget") + flows);
  // A förbund of two kommuner: its insats by their populations (3 : 1), not by the county's.
  write_file(paths[2],
             testing::replace(forbund("Två", "Storby kommun", 30000, 0.006, 0.005, 0, "Team") + flows, "[[cost]]",
                              "[[member]]\nname = \"Lillby kommun\"\nkind = \"kommun\"\n"
                              "population = 10000\n\n[[cost]]"));
  const MergedScenario m = merge_scenarios(paths, options());
  EXPECT_NE(m.text.find("kommun_shares = { \"Sollefteå kommun\" = 1 }"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("kommun_shares = { \"Lillby kommun\" = 0.25, \"Storby kommun\" = 0.75 }"), std::string::npos);
  MonteCarloSettings mc;
  mc.runs = 20;
  const MergerImpact r = merger_impact(paths, m, dir.file("merged.toml"), mc);
  ASSERT_EQ(r.kommuner,
            (std::vector<std::string>{"Sollefteå kommun", "Kramfors kommun", "Storby kommun", "Lillby kommun"}));
  for (int y = 0; y < 2; ++y) {
    // SamCoach served only Sollefteå, Steget only Kramfors, Team Storby and Lillby 3 : 1.
    const std::vector<double> two = own_starts(paths[2], y);
    EXPECT_NEAR(r.kommun_starts(0, y), own_starts(paths[0], y).at(0), 1e-9);
    EXPECT_NEAR(r.kommun_starts(1, y), own_starts(paths[1], y).at(0), 1e-9);
    EXPECT_NEAR(r.kommun_starts(2, y), two.at(0), 1e-9);
    EXPECT_NEAR(r.kommun_starts(3, y), two.at(1), 1e-9);
    EXPECT_GT(r.kommun_starts(0, y), 0.0);
  }
}

TEST(MergerImpact, SeparateAndMergedSideBySideWithCommonRandomNumbers)
{
  Three t;
  const MergedScenario m = merge_scenarios(t.paths, options());
  MonteCarloSettings mc;
  mc.runs = 300;
  mc.seed = 5;
  const MergerImpact r = merger_impact(t.paths, m, t.dir.file("merged.toml"), mc);
  ASSERT_EQ(r.scenarios, (std::vector<std::string>{"A-förbundet", "B-förbundet", "C-förbundet", "Länsförbundet"}));
  for (int y = 0; y < 2; ++y) {
    const double separate = r.driftbidrag(0, y) + r.driftbidrag(1, y) + r.driftbidrag(2, y);
    const double weight = 0.75 * 0.02 + 0.25 * 0.02;
    // Two base amounts less, matched by the members, plus the larger rest's share.
    EXPECT_NEAR(r.driftbidrag(3, y), separate - 2.0 * (2 * 400000.0 - 2 * 400000.0 * weight), 1e-6);
    EXPECT_NEAR(r.state_allocation(3, y), r.driftbidrag(3, y) / 2.0, 1e-6);
    // Kansli 3 × 500 000 summed into one line: the admin costs are unchanged.
    EXPECT_NEAR(r.admin_costs(3, y), 1500000.0, 1e-6);
    EXPECT_NEAR(r.admin_share(0, y), 500000.0 / (500000.0 + 1000000.0), 1e-12);
  }
  // Two base amounts lost a year (clarification 83), and the equity each förbund brings in.
  EXPECT_EQ(r.lost_base_amount_count, 2);
  EXPECT_EQ(r.lost_base_amounts, (std::vector<double>{800000.0, 800000.0}));
  EXPECT_EQ(r.equity_brought_in, (std::vector<double>{1000000.0, 500000.0, 0.0}));
  const std::string report = merger_report(r);
  EXPECT_NE(report.find("Förlorade grundbelopp: 2 st, 800 000 kr."), std::string::npos) << report;
  EXPECT_EQ(report.find("ej modellerat"), std::string::npos);
  // Kommun contributions: separate = the kommun quarter of its own förbund; merged by the county's population.
  ASSERT_EQ(r.kommuner, (std::vector<std::string>{"A kommun", "B kommun", "C kommun"}));
  EXPECT_NEAR(r.kommun_contribution_separate(0, 0), r.driftbidrag(0, 0) / 4.0, 1e-6);
  EXPECT_NEAR(r.kommun_contribution_merged(0, 0), r.driftbidrag(3, 0) / 4.0 * 0.5, 1e-6);
  EXPECT_NEAR(r.kommun_contribution_merged(1, 0), r.driftbidrag(3, 0) / 4.0 / 6.0, 1e-6);
  // No [valuation]: the kommuner's value of exits is NaN, one per kommun and year.
  ASSERT_EQ(r.kommun_value_of_exits.rows(), 3);
  ASSERT_EQ(r.kommun_value_of_exits.cols(), 2);
  EXPECT_TRUE(std::isnan(r.kommun_value_of_exits(2, 1)));
  for (std::size_t k = 0; k < 4; ++k)
    for (std::size_t q = 1; q < quantile_levels.size(); ++q)
      EXPECT_LE(r.equity_ratio_q[k * 2 * quantile_levels.size() + q - 1],
                r.equity_ratio_q[k * 2 * quantile_levels.size() + q]);
}

/// Three förbund whose insatser have participants (half on försörjningsstöd, half on sjukpenning
/// at entry) and a [valuation]: kommun bears försörjningsstöd, Försäkringskassan sjukpenning.
struct ThreeValued : Three {
  ThreeValued()
  {
    const std::string flows = R"(
[insats.participants]
referrals_per_month = 3
mean_stay_months = 6
exit_reasons = { arbete = 1, annan = 1 }
[insats.participants.entry_support]
women = { forsorjningsstod = 0.5, sjukpenning = 0.5 }
men = { forsorjningsstod = 0.5, sjukpenning = 0.5 }

[valuation]
year = 2022
years = [1, 5]
forsorjningsstod = { cost = 100000, payer = "kommun" }
sjukpenning = { cost = 100000, payer = "Försäkringskassan" }
)";
    for (const std::string& path : paths) write_file(path, testing::read_file(path) + flows);
  }
};

TEST(MergerImpact, WithoutKansliAndStyrelseTheMergedForbundKeepsTheirSumAndSaysSo)
{
  ThreeValued t;
  const MergedScenario m = merge_scenarios(t.paths, options());
  EXPECT_EQ(m.admin_summed, (std::vector<std::string>{"kansli", "styrelse"}));
  EXPECT_EQ(m.admin_summed_amount, (std::vector<double>{1500000.0, 1500000.0}));
  MonteCarloSettings mc;
  mc.runs = 20;
  const MergerImpact r = merger_impact(t.paths, m, t.dir.file("merged.toml"), mc);
  ASSERT_EQ(r.admin_saving.size(), 2U);
  EXPECT_NEAR(r.admin_saving[0], 0.0, 1e-6);
  const std::string report = merger_report(r);
  EXPECT_NE(report.find("Kansli + styrelse 1 500 000 kr är summan av förbundens: ingen besparing räknad"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("Kansli + styrelse är summan av förbundens (1 500 000 kr 2024): ingen besparing är räknad, "
                        "men ett länsförbund har ett kansli och en styrelse. Ange --kansli BELOPP och --styrelse "
                        "BELOPP"),
            std::string::npos)
      << report;
  EXPECT_EQ(report.find("kansli + styrelse med 0 kr"), std::string::npos);
  // Only --kansli: the styrelse (none in these förbund) is still the förbund's sum, and the note says so.
  MergeOptions o = options();
  o.kansli = 900000.0;
  const MergedScenario k = merge_scenarios(t.paths, o);
  EXPECT_EQ(k.admin_summed, (std::vector<std::string>{"styrelse"}));
  EXPECT_NE(admin_summed_note(k.admin_summed, k.admin_summed_amount, 2024)
                .find("Styrelse är summan av förbundens (0 kr 2024): ingen besparing är räknad, men ett länsförbund "
                      "har en styrelse. Ange --styrelse BELOPP"),
            std::string::npos);
}

TEST(MergerImpact, TheSavingOfKansliAndStyrelse)
{
  ThreeValued t;
  MergeOptions o = options();
  o.kansli = 900000.0;
  o.styrelse = 100000.0;
  const MergedScenario m = merge_scenarios(t.paths, o);
  EXPECT_TRUE(m.admin_summed.empty());
  MonteCarloSettings mc;
  mc.runs = 20;
  const MergerImpact r = merger_impact(t.paths, m, t.dir.file("merged.toml"), mc);
  // Three kansli of 500 000 become one of 900 000 and a styrelse of 100 000: 500 000 saved a year.
  ASSERT_EQ(r.admin_saving.size(), 2U);
  for (double saving : r.admin_saving) EXPECT_NEAR(saving, 500000.0, 1e-6);
  const std::string report = merger_report(r);
  EXPECT_NE(report.find("Besparing på kansli + styrelse: 500 000 kr (1 500 000 kr separata, 1 000 000 kr "
                        "sammanslaget med --kansli och --styrelse)."),
            std::string::npos)
      << report;
  EXPECT_EQ(report.find("är summan av förbundens"), std::string::npos) << report;
}

TEST(MergerImpact, TheValueOfExitsPerPayerAndEachKommunsOwn)
{
  ThreeValued t;
  const MergedScenario m = merge_scenarios(t.paths, options());
  MonteCarloSettings mc;
  mc.runs = 20;
  const MergerImpact r = merger_impact(t.paths, m, t.dir.file("merged.toml"), mc);
  // Per payer: Försäkringskassan's sjukpenning and the kommuner's försörjningsstöd, equal halves
  // by construction; each kommun's own value is its residents' försörjningsstöd only.
  ASSERT_EQ(r.payers, (std::vector<std::string>{"Försäkringskassan", "kommun"}));  // the sources' order
  EXPECT_EQ(r.value_horizon, 1);
  for (int y = 0; y < 2; ++y) {
    const double fk = r.payer_value_of_exits(0, y), kommun = r.payer_value_of_exits(1, y);
    EXPECT_GT(kommun, 0.0);
    EXPECT_NEAR(kommun, fk, 1e-6 * fk);
    EXPECT_NEAR(r.kommun_value_of_exits_own.col(y).sum(), kommun, 1e-6 * kommun);
    EXPECT_NEAR(r.kommun_value_of_exits.col(y).sum(), kommun + fk, 1e-6 * kommun);
    for (Eigen::Index k = 0; k < 3; ++k) {
      EXPECT_NEAR(r.kommun_value_of_exits_own(k, y), r.kommun_value_of_exits(k, y) / 2.0, 1e-6);
    }
  }
  const std::string report = merger_report(r);
  EXPECT_NE(report.find("Eget värde av avslut"), std::string::npos) << report;
  EXPECT_NE(report.find("Värde av avslut per betalare (det sammanslagna förbundet, första horisonten, 1 år)"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("Kommunerna (var och en för sina invånare)"), std::string::npos) << report;
  EXPECT_NE(report.find("Försäkringskassan"), std::string::npos) << report;
}

}  // namespace
}  // namespace finsim
