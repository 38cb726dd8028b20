#include <gtest/gtest.h>

#include <filesystem>

#include "input/scenario_reader.h"
#include "test_support.h"

using namespace finsim;
using finsim::testing::expect_input_error;
using finsim::testing::minimal_scenario;
using finsim::testing::replace;

namespace {

void expect_problem(const std::string& text, const std::string& expected)
{
  expect_input_error([&] { read_scenario_text(text, "s.toml"); }, expected);
}

}  // namespace

TEST(ScenarioReader, ReadsTheMinimalScenario)
{
  Scenario s = read_scenario_text(minimal_scenario(), "s.toml");
  EXPECT_EQ(s.forbund.name, "Testförbundet");
  EXPECT_EQ(s.members.size(), 5u);
  EXPECT_EQ(s.insatser[0].owner, 3);
  EXPECT_EQ(s.insatser[0].active.first, 2);
  EXPECT_EQ(s.insatser[0].active.last, 23);
  EXPECT_EQ(s.insatser[0].payment, Payment::quarterly_arrears);
  EXPECT_EQ(s.costs[0].payment, Payment::monthly);
  EXPECT_EQ(s.funding.payment, Payment::quarterly_advance);
  EXPECT_EQ(s.forbund.equity_cap_share, 0.20);
  EXPECT_EQ(s.insatser[0].utilization.expected(), 1.0);
  EXPECT_EQ(s.text, minimal_scenario());
}

TEST(ScenarioReader, ReadsDistributions)
{
  Scenario s =
      read_scenario_text(replace(minimal_scenario(), "from = \"2024-03\"",
                                 "from = \"2024-03\"\nutilization = { dist = \"beta\", mean = 0.92, sd = 0.06 }"),
                         "s.toml");
  EXPECT_EQ(s.insatser[0].utilization.distribution.kind, DistributionKind::beta);
  EXPECT_EQ(s.insatser[0].utilization.expected(), 0.92);
  EXPECT_EQ(s.insatser[0].utilization.path, "insats.Team.utilization");
}

TEST(ScenarioReader, MissingRequiredKeys)
{
  expect_problem(replace(minimal_scenario(), "years = 2\n", ""),
                 "s.toml:1:1: forbund.years: missing required key (the horizon in calendar years)");
  expect_problem(replace(minimal_scenario(), "budget = 1200000\n", ""),
                 "insats.Team.budget: missing required key (>= 0 (SEK per year))");
}

TEST(ScenarioReader, WrongTypes)
{
  expect_problem(replace(minimal_scenario(), "years = 2", "years = \"two\""),
                 "s.toml:4:9: forbund.years: = \"two\": must be a whole number (the horizon in "
                 "calendar years), not a string");
  expect_problem(replace(minimal_scenario(), "amount = 600000", "amount = true"),
                 "cost.Kansli.amount: = true: must be a number (>= 0 (SEK per year)), not a boolean");
}

TEST(ScenarioReader, NegativeAmounts)
{
  expect_problem(replace(minimal_scenario(), "budget = 1200000", "budget = [1200000, -5]"),
                 "insats.Team.budget[1]: = -5: must be >= 0 (SEK per year)");
}

TEST(ScenarioReader, SharesAndProbabilitiesOutsideZeroOne)
{
  expect_problem(replace(minimal_scenario(), "from = \"2024-03\"", "utilization = 1.3"),
                 "insats.Team.utilization: = 1.3: must be between 0 and 1 (a share)");
  expect_problem(minimal_scenario() + "[[income]]\nname = \"ESF\"\namount = 1\nprobability = -0.1\n",
                 "income.ESF.probability: = -0.1: must be between 0 and 1 (a probability)");
  expect_problem(replace(minimal_scenario(), "years = 2", "years = 2\nequity_cap_share = 20"),
                 "forbund.equity_cap_share: = 20: must be between 0 and 1 (a share)");
}

TEST(ScenarioReader, DatesOutOfOrderOrOutsideTheHorizon)
{
  expect_problem(replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2024-03\"\nto = \"2024-02\""),
                 "insats.Team.to: = \"2024-02\" is before from = \"2024-03\": to must be on or after from");
  expect_problem(replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2026-01\""),
                 "insats.Team.from: = \"2026-01\" is after the horizon ends (2025-12)");
  // A `to` beyond the horizon is fine.
  EXPECT_NO_THROW(read_scenario_text(
      replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2024-03\"\nto = \"2030-12\""), "s.toml"));
}

TEST(ScenarioReader, MalformedDates)
{
  expect_problem(replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2024-3\""),
                 "insats.Team.from: = \"2024-3\": must be a month written \"YYYY-MM\" in quotes");
  expect_problem(replace(minimal_scenario(), "from = \"2024-03\"", "from = 2024-03-01"),
                 "insats.Team.from: = 2024-03-01: must be a month written \"YYYY-MM\"");
}

TEST(ScenarioReader, ListsLongerThanTheHorizon)
{
  expect_problem(replace(minimal_scenario(), "budget = 1200000", "budget = [1, 2, 3]"),
                 "insats.Team.budget: has 3 values but the horizon is 2 years");
}

TEST(ScenarioReader, UnknownOwnerGetsASuggestion)
{
  expect_problem(replace(minimal_scenario(), "owner = \"Storby kommun\"", "owner = \"Storby komun\""),
                 "insats.Team.owner: = \"Storby komun\" is not a [[member]] name (did you mean \"Storby kommun\"?)");
}

TEST(ScenarioReader, DuplicateNames)
{
  expect_problem(minimal_scenario() + "[[insats]]\nname = \"Team\"\nkind = \"structural\"\nbudget = 1\n",
                 "insats.Team.name: duplicate insats name \"Team\"");
}

TEST(ScenarioReader, UnknownKeysGetDidYouMean)
{
  expect_problem(replace(minimal_scenario(), "budget = 1200000", "budget = 1200000\nutilisation = 0.9"),
                 "insats.Team.utilisation: unknown key (did you mean 'utilization'?)");
  expect_problem(
      replace(minimal_scenario(), "kind = \"kansli\"", "kind = \"kansly\""),
      "cost.Kansli.kind: = \"kansly\": must be one of kansli, styrelse, finansiell, other (did you mean 'kansli'?)");
}

TEST(ScenarioReader, ImpossibleBetaIsAnInputError)
{
  expect_problem(
      replace(minimal_scenario(), "from = \"2024-03\"", "utilization = { dist = \"beta\", mean = 0.92, sd = 0.5 }"),
      "insats.Team.utilization: beta with mean 0.92 needs 0 < sd < 0.271293");
}

TEST(ScenarioReader, EmptyFile)
{
  expect_problem("", "s.toml: the scenario is empty");
  expect_problem("\n  \n", "s.toml: the scenario is empty");
}

TEST(ScenarioReader, BinaryGarbage)
{
  expect_problem(std::string("\x7f"
                             "ELF\x02\x01\x01\0\0\0",
                             10),
                 "contains binary data (a NUL byte at offset 7)");
  expect_problem("\xff\xfe\xfd garbage", "s.toml:1:1: not UTF-8 text (byte 0xFF)");
}

TEST(ScenarioReader, HugeFileIsRefusedUnread)
{
  finsim::testing::TempDir dir;
  const std::string path = dir.file("huge.toml");
  {
    std::ofstream(path) << "# x\n";
  }
  std::filesystem::resize_file(path, 100ull * 1024 * 1024);  // sparse: no 100 MB written
  expect_input_error([&] { read_scenario_file(path); },
                     "the file is 104857600 bytes; scenario files are limited to 4194304 bytes");
}

TEST(ScenarioReader, MissingFile)
{
  expect_input_error([] { read_scenario_file("/nonexistent/x.toml"); }, "/nonexistent/x.toml: no such file");
}

TEST(ScenarioReader, ReportsEveryProblemAtOnce)
{
  std::string text = replace(minimal_scenario(), "years = 2", "years = 0");
  text = replace(text, "amount = 600000", "amount = -1");
  text = replace(text, "kind = \"individual\"", "kind = \"individuell\"");
  try {
    read_scenario_text(text, "s.toml");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 3u) << e.what();
    EXPECT_EQ(e.problems()[0].key, "forbund.years");
    EXPECT_EQ(e.problems()[1].key, "cost.Kansli.amount");
    EXPECT_EQ(e.problems()[2].key, "insats.Team.kind");
  }
}

TEST(ScenarioReader, MatchingNeedsEveryKindAndPopulations)
{
  expect_problem(replace(minimal_scenario(), "population = 10000\n", ""),
                 "member.Lillby kommun.population: missing: a kommun needs its population");
  expect_problem(replace(minimal_scenario(), "kind = \"region\"", "kind = \"state\""),
                 "funding.state: the members match the state half only with at least one member of each kind state, "
                 "region and kommun (found 3, 0, 2)");
}

TEST(ScenarioReader, StateAndContributionsExcludeEachOther)
{
  expect_problem(replace(minimal_scenario(), "state = 1000000",
                         "state = 1000000\n[funding.contributions]\n\"Försäkringskassan\" = 1"),
                 "funding: give one of funding.state (the state half), [funding.allocation]");
  expect_problem(replace(minimal_scenario(), "state = 1000000", "[funding.contributions]\n\"Försäkringskasan\" = 1"),
                 "funding.contributions.Försäkringskasan: \"Försäkringskasan\" is not a [[member]] name (did you mean "
                 "\"Försäkringskassan\"?)");
}

TEST(ScenarioReader, UnlessMustNameAnIncome)
{
  expect_problem(minimal_scenario() + "[[cost]]\nname = \"UVAS\"\nkind = \"other\"\namount = 1\nunless = \"MUCF\"\n",
                 "cost.UVAS.unless: = \"MUCF\" names no [[income]]");
}
