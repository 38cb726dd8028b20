// The pasted budget table (input/budget_paste) and the new förbund's file (input/new_scenario).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "input/budget_paste.h"
#include "input/new_scenario.h"
#include "input/scenario_reader.h"
#include "test_support.h"

namespace finsim {
namespace {

double cell(const char* text, double scale = 1.0)
{
  std::string error;
  const std::optional<double> x = read_amount_cell(text, scale, error);
  EXPECT_TRUE(x.has_value()) << text << ": " << error;
  return x.value_or(-1.0);
}

TEST(BudgetPaste, EveryCellForm)
{
  EXPECT_EQ(cell("1 416 000 kr"), 1416000);
  EXPECT_EQ(cell("1\xC2\xA0"
                 "416\xC2\xA0"
                 "000 kr"),
            1416000);
  EXPECT_EQ(cell("1\xE2\x80\xAF"
                 "416\xE2\x80\xAF"
                 "000"),
            1416000);
  EXPECT_EQ(cell("1416000"), 1416000);
  EXPECT_EQ(cell("0 kr"), 0);
  EXPECT_EQ(cell("\xE2\x88\x92"
                 "48 000"),
            -48000);
  EXPECT_EQ(cell("-48 000"), -48000);
  EXPECT_EQ(cell("(48 000)"), -48000);
  EXPECT_EQ(cell("1,5"), 1.5);
  EXPECT_EQ(cell("1,5", 1000), 1500);
  EXPECT_EQ(cell("250 tkr"), 250000);
  EXPECT_EQ(cell("1,5 Mkr"), 1500000);
  EXPECT_EQ(cell("1.416.000"), 1416000);
  EXPECT_EQ(cell("-"), 0);
  std::string error;
  EXPECT_FALSE(read_amount_cell("tolv", 1.0, error));
  EXPECT_NE(error.find("tolv"), std::string::npos);
  EXPECT_FALSE(read_amount_cell("1,2,3", 1.0, error));
}

TEST(BudgetPaste, SectionsSubtotalsAndYears)
{
  const PastedBudget b = read_budget_paste(
      "Verksamhetens intäkter\t2024\t2025\n"
      "Driftbidrag från staten\t100\t100\n"
      "Kostnader för insatser\t\t\n"
      "SamCoach\t50\t0\n"
      "Övriga kostnader\t\t\n"
      "Kansli\t30\t30\n"
      "Styrelse\t10\t10\n"
      "Summa styrelse och kansli\t40\t30\n"
      "Fristående\t1\t1\n",
      0);
  ASSERT_EQ(b.years, (std::vector<int>{2024, 2025}));
  ASSERT_EQ(b.rows.size(), 5u);
  EXPECT_EQ(b.rows[0].kind, BudgetKind::driftbidrag);
  EXPECT_EQ(b.rows[1].kind, BudgetKind::insats_individual);
  EXPECT_EQ(b.rows[2].kind, BudgetKind::kansli);
  EXPECT_EQ(b.rows[3].kind, BudgetKind::styrelse);
  EXPECT_EQ(b.rows[4].kind, BudgetKind::other);  // under "Övriga kostnader"
  ASSERT_EQ(b.subtotals.size(), 1u);
  EXPECT_EQ(b.subtotals[0].year, 2025);
  EXPECT_EQ(b.subtotals[0].expected, 40);
  EXPECT_EQ(b.subtotals[0].found, 30);
}

TEST(BudgetPaste, OutOfOrderYearsAndWrongWidths)
{
  PastedBudget b = read_budget_paste("Insatser\t2025\t2024\nA\t1\t2\n", 0);
  ASSERT_FALSE(b.problems.empty());
  EXPECT_EQ(b.problems[0].level, "error");
  EXPECT_EQ(b.problems[0].column, 3);
  b = read_budget_paste("Insatser\t2024\t2025\nA\t1\t2\t3\nB\t1\n", 0);
  EXPECT_TRUE(b.rows.empty());
  EXPECT_EQ(b.problems.size(), 2u);
  b = read_budget_paste(" \n\t\n", 2024);
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_EQ(b.problems[0].level, "error");
}

std::string pasted(const std::string& name)
{
  return testing::read_file(std::string(FINSIM_SOURCE_DIR) + "/tests/pasted/" + name);
}

BudgetKind kind_of(const PastedBudget& b, const std::string& name)
{
  for (const PastedRow& r : b.rows)
    if (r.name == name) return r.kind;
  ADD_FAILURE() << "no row " << name;
  return BudgetKind::other;
}

// Seed 003's "Sammanställning av utfall och budget 2017": the header "Budget 2017 | Utfall 2017 |
// Differens"; only the budget column is read, and the rows' own names give kansli and styrelse
// under the heading "Insatser".
TEST(BudgetPaste, BudgetColumnOfABudgetAndOutcomeTable)
{
  const PastedBudget b = read_budget_paste(pasted("seed-003-budget-2017.tsv"), 2017);
  EXPECT_EQ(b.years, std::vector<int>{2017});
  ASSERT_EQ(b.rows.size(), 6u);
  EXPECT_EQ(b.rows[0].name, "Verksamheter/projekt");
  EXPECT_EQ(b.rows[0].amounts, std::vector<double>{7358500});
  EXPECT_EQ(kind_of(b, "Verksamheter/projekt"), BudgetKind::insats_individual);
  EXPECT_EQ(kind_of(b, "Övriga kostnader"), BudgetKind::other);
  EXPECT_EQ(kind_of(b, "Styrelse arvoden"), BudgetKind::styrelse);
  EXPECT_EQ(kind_of(b, "Kansli"), BudgetKind::kansli);
  EXPECT_TRUE(b.subtotals.empty());  // "Totalt" 9 275 500 adds up
  EXPECT_TRUE(std::any_of(b.problems.begin(), b.problems.end(), [](const PasteProblem& p) {
    return p.level == "info" && p.message.find("\"Utfall 2017\", \"Differens\" läses inte in") != std::string::npos;
  }));
  for (const PasteProblem& p : b.problems) EXPECT_NE(p.level, "error") << p.message;
}

// Seed 004's "Ekonomiskt utfall per 31 augusti": an ID column before the names, "Årsbudget 2023"
// among Utfall, Prognos and Avvikelse, headings in the ID column, costs with a minus, and a bare
// "SUMMA" that is the result.
TEST(BudgetPaste, CodeColumnAnnualBudgetAndBareSumAsResult)
{
  const PastedBudget b = read_budget_paste(pasted("seed-004-ekonomiskt-utfall.tsv"), 2023);
  EXPECT_EQ(b.years, std::vector<int>{2023});
  ASSERT_EQ(b.rows.size(), 19u);
  EXPECT_EQ(b.rows[0].name, "Medel från huvudmännen");
  EXPECT_EQ(b.rows[0].kind, BudgetKind::driftbidrag);
  EXPECT_EQ(b.rows[0].amounts, std::vector<double>{7030000});
  EXPECT_EQ(kind_of(b, "Kansli + Bilkonto (1003)"), BudgetKind::kansli);
  EXPECT_EQ(kind_of(b, "Interimsstyrelse"), BudgetKind::styrelse);
  EXPECT_EQ(kind_of(b, "Samordningsteam Sala"), BudgetKind::insats_individual);
  EXPECT_EQ(kind_of(b, "Kurator Samordningsteam"), BudgetKind::insats_individual);
  EXPECT_EQ(kind_of(b, "Extern medbedömning"), BudgetKind::insats_structural);  // under "Strukturpåverkande"
  EXPECT_EQ(kind_of(b, "Samverkansmedel ofördelat"), BudgetKind::insats_structural);
  double costs = 0;
  for (const PastedRow& r : b.rows)
    if (r.kind != BudgetKind::driftbidrag) costs += r.amounts[0];
  EXPECT_DOUBLE_EQ(costs, 7778370);  // read as positive costs
  EXPECT_TRUE(b.subtotals.empty());  // "SUMMA" −748 370 = 7 030 000 − 7 778 370
  EXPECT_EQ(b.subtotals_checked, 1);
  for (const PasteProblem& p : b.problems) EXPECT_NE(p.level, "error") << p.message;
}

// An annual report's note puts the latest year first: an error that says so.
TEST(BudgetPaste, LatestYearFirstIsAnErrorThatSaysSo)
{
  const PastedBudget b = read_budget_paste(pasted("seed-003-not-1.tsv"), 2016);
  ASSERT_FALSE(b.problems.empty());
  EXPECT_EQ(b.problems[0].level, "error");
  EXPECT_NE(b.problems[0].message.find("det senaste först (2017, 2016)"), std::string::npos) << b.problems[0].message;
}

// Every table in tests/pasted (the seeds' and the fuzzer's findings): each row read in has one
// amount per year, and a header after rows of another width is an error, not a second width.
TEST(BudgetPaste, EveryPastedTableHasOneAmountPerYear)
{
  int tables = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(FINSIM_SOURCE_DIR) + "/tests/pasted")) {
    const PastedBudget b = read_budget_paste(testing::read_file(entry.path().string()), 2024);
    ++tables;
    for (const PastedRow& r : b.rows) EXPECT_EQ(r.amounts.size(), b.years.size()) << entry.path() << " row " << r.row;
  }
  EXPECT_GE(tables, 5);
  const PastedBudget late = read_budget_paste("A\t1\t2\t3\nInsatser\tBudget 2017\tUtfall 2017\nB\t4\t5\t6\n", 2024);
  EXPECT_EQ(late.years, (std::vector<int>{2024, 2025, 2026}));
  EXPECT_TRUE(std::any_of(late.problems.begin(), late.problems.end(),
                          [](const PasteProblem& p) { return p.level == "error" && p.row == 2; }));
}

TEST(NewScenario, WrittenFileReadsBack)
{
  NewForbund f;
  f.name = "Samordningsförbundet \"Test\"";
  f.first_year = 2025;
  f.years = 2;
  f.opening_equity = 300000;
  f.opening_cash = 300000;
  f.members = {{"Försäkringskassan", MemberKind::state, std::nullopt, {}},
               {"Arbetsförmedlingen", MemberKind::state, std::nullopt, {}},
               {"Region Norr", MemberKind::region, std::nullopt, {}},
               {"Åkommun", MemberKind::kommun, 5000.0, {}}};
  f.lines = {{"Driftbidrag från staten", BudgetKind::driftbidrag, {1000000, 1000000}, 2, {}, {}},
             {"Coach", BudgetKind::insats_individual, {400000, 420000}, 4, Payment::monthly, 0.9},
             {"Kansli", BudgetKind::kansli, {300000, 300000}, 6, {}, {}}};
  const NewScenarioText t = write_new_scenario(f);
  EXPECT_TRUE(t.problems.empty());
  EXPECT_NE(t.text.find("# inklistrad budget, rad 4"), std::string::npos);
  const Scenario s = read_scenario_text(t.text, "ny.toml");
  EXPECT_EQ(s.forbund.name, f.name);
  ASSERT_EQ(s.insatser.size(), 1u);
  EXPECT_EQ(s.insatser[0].payment, Payment::monthly);
  ASSERT_EQ(s.costs.size(), 1u);
  EXPECT_EQ(s.costs[0].kind, CostKind::kansli);
  ASSERT_TRUE(s.funding.state.has_value());
  EXPECT_EQ(t.origins.size(), static_cast<std::size_t>(std::count(t.text.begin(), t.text.end(), '\n')));
}

// Seed 003's Not 1: one driftbidrag row per member (Norsjö's 80 000 is not its population share):
// each member's own amount, the state's row shared by Försäkringskassan and Arbetsförmedlingen.
TEST(NewScenario, DriftbidragRowsPerMemberBecomeTheirContributions)
{
  NewForbund f;
  f.name = "Samordningsförbundet Skellefteå–Norsjö";
  f.first_year = 2017;
  f.years = 1;
  f.members = {{"Försäkringskassan", MemberKind::state, std::nullopt, {}},
               {"Arbetsförmedlingen", MemberKind::state, std::nullopt, {}},
               {"Västerbottens läns landsting", MemberKind::region, std::nullopt, {}},
               {"Skellefteå kommun", MemberKind::kommun, 72000.0, {}},
               {"Norsjö kommun", MemberKind::kommun, 4150.0, {}}};
  f.lines = {{"Driftbidrag från staten", BudgetKind::driftbidrag, {3271474}, 2, {}, {}},
             {"Driftbidrag från Skellefteå kommun", BudgetKind::driftbidrag, {1653000}, 3, {}, {}},
             {"Driftbidrag från Norsjö kommun", BudgetKind::driftbidrag, {80000}, 4, {}, {}},
             {"Driftbidrag från landsting/region", BudgetKind::driftbidrag, {1533000}, 5, {}, {}},
             {"Kansli", BudgetKind::kansli, {1352000}, 9, {}, {}}};
  const NewScenarioText t = write_new_scenario(f);
  EXPECT_TRUE(t.problems.empty()) << t.problems.front().message;
  const Scenario s = read_scenario_text(t.text, "ny.toml");
  ASSERT_EQ(s.funding.contributions.size(), 5u) << t.text;
  const std::vector<double> expected{1635737, 1635737, 1533000, 1653000, 80000};
  for (std::size_t m = 0; m < 5; ++m) EXPECT_DOUBLE_EQ(s.funding.contributions[m].values[0].expected(), expected[m]);
  EXPECT_NE(t.text.find("\"Norsjö kommun\" = [80000]"), std::string::npos) << t.text;
  EXPECT_NE(t.text.find("# inklistrad budget, rad 4"), std::string::npos);

  // A row that names no member (or two): the state half and the matching, as before.
  f.lines[2].name = "Driftbidrag från kommunerna";
  const NewScenarioText matched = write_new_scenario(f);
  EXPECT_TRUE(read_scenario_text(matched.text, "ny.toml").funding.contributions.empty()) << matched.text;
}

}  // namespace
}  // namespace finsim
