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
                 "s.toml:1:1: forbund.years: nyckeln saknas; den krävs (horisonten i kalenderår)");
  expect_problem(replace(minimal_scenario(), "budget = 1200000\n", ""),
                 "insats.Team.budget: nyckeln saknas; den krävs (≥ 0 (kr per år))");
}

TEST(ScenarioReader, WrongTypes)
{
  expect_problem(replace(minimal_scenario(), "years = 2", "years = \"two\""),
                 "s.toml:4:9: forbund.years: = \"two\": ska vara ett heltal (horisonten i kalenderår), inte en sträng");
  expect_problem(replace(minimal_scenario(), "amount = 600000", "amount = true"),
                 "cost.Kansli.amount: = true: ska vara ett tal (≥ 0 (kr per år)), inte ett sanningsvärde (true/false)");
}

TEST(ScenarioReader, NegativeAmounts)
{
  expect_problem(replace(minimal_scenario(), "budget = 1200000", "budget = [1200000, -5]"),
                 "insats.Team.budget[1]: = -5: ska vara ≥ 0 (kr per år)");
}

TEST(ScenarioReader, SharesAndProbabilitiesOutsideZeroOne)
{
  expect_problem(replace(minimal_scenario(), "from = \"2024-03\"", "utilization = 1.3"),
                 "insats.Team.utilization: = 1.3: ska vara mellan 0 och 1 (en andel)");
  expect_problem(minimal_scenario() + "[[income]]\nname = \"ESF\"\namount = 1\nprobability = -0.1\n",
                 "income.ESF.probability: = -0.1: ska vara mellan 0 och 1 (en sannolikhet)");
  expect_problem(replace(minimal_scenario(), "years = 2", "years = 2\nequity_cap_share = 20"),
                 "forbund.equity_cap_share: = 20: ska vara mellan 0 och 1 (en andel)");
}

TEST(ScenarioReader, DatesOutOfOrderOrOutsideTheHorizon)
{
  expect_problem(
      replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2024-03\"\nto = \"2024-02\""),
      "insats.Team.to: = \"2024-02\" ligger före from = \"2024-03\": to ska vara samma månad som from eller senare");
  expect_problem(replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2026-01\""),
                 "insats.Team.from: = \"2026-01\" ligger efter horisontens slut (2025-12): börja inom 2024-01–2025-12");
  // A `to` beyond the horizon is fine.
  EXPECT_NO_THROW(read_scenario_text(
      replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2024-03\"\nto = \"2030-12\""), "s.toml"));
}

TEST(ScenarioReader, MalformedDates)
{
  expect_problem(
      replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2024-3\""),
      "insats.Team.from: = \"2024-3\": ska vara en månad skriven \"ÅÅÅÅ-MM\" inom citattecken, t.ex. \"2024-03\"");
  expect_problem(
      replace(minimal_scenario(), "from = \"2024-03\"", "from = 2024-03-01"),
      "insats.Team.from: = 2024-03-01: ska vara en månad skriven \"ÅÅÅÅ-MM\" inom citattecken, t.ex. \"2024-03\"");
}

TEST(ScenarioReader, ListsLongerThanTheHorizon)
{
  expect_problem(replace(minimal_scenario(), "budget = 1200000", "budget = [1, 2, 3]"),
                 "insats.Team.budget: har 3 värden men horisonten är 2 år: ge högst ett värde per år från first_year");
}

TEST(ScenarioReader, UnknownOwnerGetsASuggestion)
{
  expect_problem(replace(minimal_scenario(), "owner = \"Storby kommun\"", "owner = \"Storby komun\""),
                 "insats.Team.owner: = \"Storby komun\" är inget namn på en [[member]] (menade du \"Storby kommun\"?)");
}

TEST(ScenarioReader, DuplicateNames)
{
  expect_problem(minimal_scenario() + "[[insats]]\nname = \"Team\"\nkind = \"structural\"\nbudget = 1\n",
                 "insats.Team.name: namnet \"Team\" finns redan bland [[insats]]: varje post behöver ett eget namn");
}

TEST(ScenarioReader, UnknownKeysGetDidYouMean)
{
  expect_problem(replace(minimal_scenario(), "budget = 1200000", "budget = 1200000\nutilisation = 0.9"),
                 "insats.Team.utilisation: okänd nyckel (menade du 'utilization'?)");
  expect_problem(
      replace(minimal_scenario(), "kind = \"kansli\"", "kind = \"kansly\""),
      "cost.Kansli.kind: = \"kansly\": ska vara något av kansli, styrelse, finansiell, other (menade du 'kansli'?)");
}

TEST(ScenarioReader, ImpossibleBetaIsAnInputError)
{
  expect_problem(
      replace(minimal_scenario(), "from = \"2024-03\"", "utilization = { dist = \"beta\", mean = 0.92, sd = 0.5 }"),
      "insats.Team.utilization: beta med mean = 0.92 kräver 0 < sd < 0,271293 (roten ur mean × (1 − mean)), men sd = "
      "0.5");
}

TEST(ScenarioReader, EmptyFile)
{
  expect_problem("",
                 "s.toml: scenariot är tomt: det behöver minst tabellerna [forbund], [funding] och [[member]] (se "
                 "docs/scenario-format.md)");
  expect_problem("\n  \n",
                 "s.toml: scenariot är tomt: det behöver minst tabellerna [forbund], [funding] och [[member]] (se "
                 "docs/scenario-format.md)");
}

TEST(ScenarioReader, BinaryGarbage)
{
  expect_problem(std::string("\x7f"
                             "ELF\x02\x01\x01\0\0\0",
                             10),
                 "innehåller binära data (en NUL-byte vid position 7)");
  expect_problem("\xff\xfe\xfd garbage",
                 "s.toml:1:1: ingen UTF-8-text (byten 0xFF): spara scenariot som UTF-8 (TOML:s teckenkodning)");
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
                     "filen är 104 857 600 byte; en scenariofil får vara högst 4 194 304 byte");
}

TEST(ScenarioReader, MissingFile)
{
  expect_input_error([] { read_scenario_file("/nonexistent/x.toml"); },
                     "/nonexistent/x.toml: filen finns inte: ange sökvägen till en scenariofil (.toml)");
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
                 "member.Lillby kommun.population: saknas: en kommun behöver sin population (invånare) för att "
                 "kommunernas fjärdedel av driftbidraget ska kunna fördelas");
  expect_problem(replace(minimal_scenario(), "kind = \"region\"", "kind = \"state\""),
                 "funding.state: medlemmarna matchar statens hälft bara med minst en medlem av varje kind: state, "
                 "region och kommun (här 3, 0 och 2)");
}

TEST(ScenarioReader, StateAndContributionsExcludeEachOther)
{
  expect_problem(replace(minimal_scenario(), "state = 1000000",
                         "state = 1000000\n[funding.contributions]\n\"Försäkringskassan\" = 1"),
                 "funding: ge ett av funding.state (statens hälft), [funding.allocation] (statens fördelningsmodell) "
                 "eller [funding.contributions] (varje medlems belopp), inte flera");
  expect_problem(replace(minimal_scenario(), "state = 1000000", "[funding.contributions]\n\"Försäkringskasan\" = 1"),
                 "funding.contributions.Försäkringskasan: \"Försäkringskasan\" är inget namn på en [[member]] (menade "
                 "du \"Försäkringskassan\"?)");
}

TEST(ScenarioReader, UnlessMustNameAnIncome)
{
  expect_problem(minimal_scenario() + "[[cost]]\nname = \"UVAS\"\nkind = \"other\"\namount = 1\nunless = \"MUCF\"\n",
                 "cost.UVAS.unless: = \"MUCF\" är inget namn på en [[income]]");
}

TEST(ScenarioReader, ASwedishNumberGetsTheHintAtItsLineAndColumn)
{
  const std::string hint = "skriv tal utan mellanslag och med decimalpunkt: 1416000 eller 1_416_000, 0.92";
  // Spaces between the thousands: toml++ stops at the '4' (line 5, column 20).
  expect_problem(replace(minimal_scenario(), "opening_equity = 100000", "opening_equity = 1 416 000"),
                 "s.toml:5:20: felaktig TOML: efter värdet får bara en kommentar (#) eller radslut följa, men här står "
                 "'4'; " +
                     hint);
  // A decimal comma: at the ',' (line 5, column 21).
  expect_problem(replace(minimal_scenario(), "years = 2", "years = 2\nequity_cap_share = 0,92"),
                 "s.toml:5:21: felaktig TOML: efter värdet får bara en kommentar (#) eller radslut följa, men här står "
                 "','; " +
                     hint);
  // In a list and in an inline table.
  expect_problem(replace(minimal_scenario(), "budget = 1200000", "budget = [1 200 000, 1]"), "s.toml:38:13: ");
  expect_problem(replace(minimal_scenario(), "budget = 1200000", "budget = [1 200 000, 1]"), hint);
  expect_problem(replace(minimal_scenario(), "opening_cash = 100000",
                         "opening_cash = 100000\nopening_payables = { amount = 1 416 000, paid = \"2024-01\" }"),
                 "s.toml:7:33: felaktig TOML: i en tabell { } skiljs paren åt med kommatecken");
  // A non-breaking space, as a number copied from a report has it.
  expect_problem(replace(minimal_scenario(), "opening_equity = 100000", "opening_equity = 1\u00a0416\u00a0000"),
                 "s.toml:5:19: ett mellanslag (U+00A0) utanför en sträng: " + hint);
  // Other syntax errors get no hint; toml++'s English never shows.
  try {
    read_scenario_text(replace(minimal_scenario(), "years = 2", "years = 2 x"), "s.toml");
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).find("skriv tal utan"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("expected"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("s.toml:4:11: felaktig TOML"), std::string::npos) << e.what();
  }
}
