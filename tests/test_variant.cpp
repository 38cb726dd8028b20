// Variants: `extends` and the merge rules (issue "Planning day", clarification 32).
#include <gtest/gtest.h>

#include "input/scenario_reader.h"
#include "input/variant.h"
#include "models/projection.h"
#include "test_support.h"

namespace finsim {
namespace {

using testing::expect_input_error;
using testing::TempDir;
using testing::write_file;

/// The minimal scenario with a second insats, an income and a correlation, to override.
std::string base_text()
{
  return testing::minimal_scenario() + R"(utilization = { dist = "beta", mean = 0.9, sd = 0.05 }
[insats.participants]
capacity = 10
referrals_per_month = 2
mean_stay_months = 8
exit_reasons = { arbete = 5, annan = 5 }

[[insats]]
name = "Grupp"
kind = "structural"
budget = 300000
utilization = { dist = "beta", mean = 0.8, sd = 0.1 }

[[income]]
name = "ESF"
amount = 200000
probability = 0.5

[[correlation]]
a = "insats.Team.utilization"
b = "insats.Grupp.utilization"
rho = 0.5
)";
}

/// A base file and a variant beside it, read as the variant.
class VariantTest : public ::testing::Test {
 protected:
  Scenario read(const std::string& variant, const std::string& base = base_text())
  {
    write_file(dir_.file("base.toml"), base);
    write_file(dir_.file("variant.toml"), "extends = \"base.toml\"\n" + variant);
    return read_scenario_file(dir_.file("variant.toml"));
  }
  std::string path(const std::string& name) const { return dir_.file(name); }
  TempDir dir_;
};

TEST_F(VariantTest, ScalarKeysReplaceTheBase)
{
  const Scenario s = read("[forbund]\nyears = 3\nopening_equity = 250000\n");
  EXPECT_EQ(s.forbund.years, 3);
  EXPECT_EQ(s.forbund.opening_equity, 250000.0);
  EXPECT_EQ(s.forbund.first_year, 2024);  // kept from the base
  EXPECT_EQ(s.forbund.name, "Testförbundet");
}

TEST_F(VariantTest, AnInlineTableIsReplacedWhole)
{
  // The base's beta has mean and sd; a variant's triangular must not inherit them.
  const Scenario s = read(
      "[[insats]]\nname = \"Team\"\nutilization = { dist = \"triangular\", min = 0.5, mode = "
      "0.7, max = 0.9 }\n");
  EXPECT_EQ(s.insatser[0].utilization.distribution.kind, DistributionKind::triangular);
  const Scenario fixed = read(
      "[[insats]]\nname = \"Team\"\nutilization = 0.75\n[[correlation]]\na = \"insats.Team.utilization\"\nb = "
      "\"insats.Grupp.utilization\"\nremove = true\n");
  EXPECT_TRUE(fixed.insatser[0].utilization.is_fixed());
  EXPECT_EQ(fixed.insatser[0].utilization.expected(), 0.75);
}

TEST_F(VariantTest, AMatchingEntryOverridesOnlyTheKeysItGives)
{
  const Scenario s = read("[[insats]]\nname = \"Team\"\nbudget = 900000\n[insats.participants]\ncapacity = 14\n");
  ASSERT_EQ(s.insatser.size(), 2u);
  const Insats& team = s.insatser[0];
  EXPECT_EQ(team.budget.values[0].expected(), 900000.0);
  EXPECT_EQ(team.active.first, 2);  // `from` kept
  EXPECT_EQ(team.utilization.distribution.kind, DistributionKind::beta);
  ASSERT_TRUE(team.participants);
  EXPECT_EQ(team.participants->capacity, 14.0);
  EXPECT_EQ(team.participants->referrals_per_month->expected(), 2.0);  // kept, key by key
  EXPECT_EQ(s.insatser[1].name, "Grupp");
}

TEST_F(VariantTest, RemoveDropsAnEntryAndANewNameAddsOneAtTheEnd)
{
  const Scenario s = read(
      "[[insats]]\nname = \"Ny satsning\"\nkind = \"structural\"\nbudget = 100000\n"
      "[[insats]]\nname = \"Grupp\"\nremove = true\n"
      "[[correlation]]\na = \"insats.Grupp.utilization\"\nb = \"insats.Team.utilization\"\nremove = true\n"
      "[[cost]]\nname = \"Kansli\"\namount = 650000\n");
  ASSERT_EQ(s.insatser.size(), 2u);
  EXPECT_EQ(s.insatser[0].name, "Team");  // keeps the base's position
  EXPECT_EQ(s.insatser[1].name, "Ny satsning");
  EXPECT_TRUE(s.correlations.empty());  // matched as an unordered pair
  EXPECT_EQ(s.costs[0].amount.values[0].expected(), 650000.0);
}

TEST_F(VariantTest, ACorrelationIsMatchedByItsPair)
{
  const Scenario s =
      read("[[correlation]]\na = \"insats.Grupp.utilization\"\nb = \"insats.Team.utilization\"\nrho = -0.3\n");
  ASSERT_EQ(s.correlations.size(), 1u);
  EXPECT_EQ(s.correlations[0].rho, -0.3);
}

TEST_F(VariantTest, RemoveOfAnUnknownNameOrWithOtherKeysIsAnError)
{
  expect_input_error([&] { read("[[insats]]\nname = \"Grup\"\nremove = true\n"); },
                     "variant.toml:3:8: insats[0].name: remove = true: basen har ingen [[insats]] med namnet \"Grup\" "
                     "(menade du \"Grupp\"?)");
  expect_input_error([&] { read("[[insats]]\nname = \"Grupp\"\nremove = true\nbudget = 5\n"); },
                     "variant.toml:4:10: insats[0].remove: remove = true tar bort posten: ge inga andra nycklar "
                     "bredvid (utom det som pekar ut posten)");
  expect_input_error([&] { read("[[member]]\nkind = \"kommun\"\n"); },
                     "member[0].name: en variants [[member]] behöver sitt name");
}

TEST_F(VariantTest, GivingOneWayOfFundingDropsTheOthers)
{
  const Scenario s = read(
      "[funding.contributions]\n\"Försäkringskassan\" = 250000\n\"Arbetsförmedlingen\" = 250000\n\"Region Test\" = "
      "250000\n\"Storby kommun\" = 200000\n\"Lillby kommun\" = 50000\n");
  EXPECT_FALSE(s.funding.state);
  ASSERT_EQ(s.funding.contributions.size(), 5u);
  EXPECT_EQ(s.funding.contributions[4].values[0].expected(), 50000.0);
}

TEST_F(VariantTest, AChainMergesFromTheDeepestBaseUp)
{
  write_file(path("a.toml"), base_text());
  write_file(path("b.toml"), "extends = \"a.toml\"\n[forbund]\nyears = 3\nopening_cash = 1\n");
  write_file(path("c.toml"), "extends = \"b.toml\"\n[forbund]\nopening_cash = 2\n");
  const Scenario s = read_scenario_file(path("c.toml"));
  EXPECT_EQ(s.forbund.years, 3);
  EXPECT_EQ(s.forbund.opening_cash, 2.0);
  ASSERT_EQ(s.files.size(), 3u);
  EXPECT_EQ(s.files[0].path, path("c.toml"));
  EXPECT_EQ(s.files[1].path, path("b.toml"));
  EXPECT_EQ(s.files[2].path, path("a.toml"));
  EXPECT_EQ(s.files[2].text, base_text());
  EXPECT_EQ(s.text.find("extends"), std::string::npos);
}

TEST_F(VariantTest, ACycleIsAnErrorNamingTheChain)
{
  write_file(path("a.toml"), "extends = \"b.toml\"\n");
  write_file(path("b.toml"), "extends = \"c.toml\"\n");
  write_file(path("c.toml"), "extends = \"a.toml\"\n");
  expect_input_error([&] { read_scenario_file(path("a.toml")); },
                     "c.toml:1:11: extends: varianterna bygger på varandra i en ring: " + path("a.toml") + " → " +
                         path("b.toml") + " → " + path("c.toml") + " → " + path("a.toml"));
  write_file(path("self.toml"), "extends = \"self.toml\"\n");
  expect_input_error([&] { read_scenario_file(path("self.toml")); },
                     "extends: varianterna bygger på varandra i en ring");
  write_file(path("lost.toml"), "extends = \"nowhere.toml\"\n");
  expect_input_error([&] { read_scenario_file(path("lost.toml")); },
                     "extends: basen \"" + path("nowhere.toml") + "\" kan inte läsas");
}

TEST_F(VariantTest, AMessagePointsIntoTheFileTheValueWasWrittenIn)
{
  // The bad value is the base's (line 4 of base.toml), reached through the variant.
  const std::string bad_base = testing::replace(base_text(), "years = 2", "years = 0");
  expect_input_error([&] { read("[forbund]\nopening_cash = 3\n", bad_base); },
                     path("base.toml") + ":4:9: forbund.years: = 0");
  // And a bad value written in the variant points into the variant.
  expect_input_error([&] { read("[forbund]\nyears = 0\n"); }, path("variant.toml") + ":3:9: forbund.years: = 0");
  // An unknown key in an entry the variant overrides: the variant's line.
  expect_input_error([&] { read("[[insats]]\nname = \"Team\"\nbudgett = 5\n"); },
                     path("variant.toml") + ":4:1: insats.Team.budgett: okänd nyckel (menade du 'budget'?)");
}

TEST_F(VariantTest, TheMergedTextReadsBackToTheSameProjection)
{
  const Scenario s = read(
      "[forbund]\nyears = 3\n[[insats]]\nname = \"Grupp\"\nremove = true\n[[insats]]\nname = \"Ny\"\nkind = "
      "\"structural\"\nbudget = [100000.5, 2e5]\nutilization = { dist = \"normal\", mean = 0.9, sd = 0.1 }\n"
      "[[correlation]]\na = \"insats.Team.utilization\"\nb = \"insats.Grupp.utilization\"\nremove = true\n"
      "[[correlation]]\na = \"insats.Team.utilization\"\nb = \"insats.Ny.utilization\"\nrho = 0.25\n");
  write_file(path("merged.toml"), s.text);
  const Scenario again = read_scenario_file(path("merged.toml"));
  EXPECT_EQ(again.text, s.text);
  const Projection a = project_expected(prepare(s)), b = project_expected(prepare(again));
  EXPECT_EQ(a.finance.equity, b.finance.equity);
  EXPECT_EQ(a.finance.cash, b.finance.cash);
  EXPECT_EQ(again.correlations.size(), 1u);
}

TEST(Variant, AFileWithoutExtendsKeepsItsOwnText)
{
  const Scenario s = read_scenario_text(base_text(), "plain.toml");
  EXPECT_EQ(s.text, base_text());
  ASSERT_EQ(s.files.size(), 1u);
  EXPECT_EQ(s.files[0].path, "plain.toml");
}

}  // namespace
}  // namespace finsim
