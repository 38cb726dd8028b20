// The pasted budget table (input/budget_paste) and the new förbund's file (input/new_scenario).
#include <gtest/gtest.h>

#include "input/budget_paste.h"
#include "input/new_scenario.h"
#include "input/scenario_reader.h"

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

}  // namespace
}  // namespace finsim
