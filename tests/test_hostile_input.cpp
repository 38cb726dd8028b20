// Input a tester found to get through or break the run (issue "Nothing lost, nothing crashes"):
// each is now an input error naming the key and the fix.
#include <gtest/gtest.h>

#include "input/scenario_reader.h"
#include "models/projection.h"
#include "test_support.h"

using namespace finsim;
using finsim::testing::expect_input_error;
using finsim::testing::minimal_scenario;
using finsim::testing::replace;
using finsim::testing::with_participants;

namespace {

void expect_problem(const std::string& text, const std::string& expected)
{
  expect_input_error([&] { prepare(read_scenario_text(text, "s.toml")); }, expected);
}

const std::string flows = "referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbete = 1 }\n";

}  // namespace

TEST(HostileInput, IntegersBeyondTwoToThe53AreRefusedByKey)
{
  expect_problem(replace(minimal_scenario(), "opening_equity = 100000", "opening_equity = 9007199254740993"),
                 "s.toml:5:18: forbund.opening_equity: = 9007199254740993: ett så stort heltal kan inte läsas exakt "
                 "(högst 2^53 = 9 007 199 254 740 992 till beloppet)");
  expect_problem(replace(minimal_scenario(), "amount = 600000", "amount = -9007199254740993"),
                 "cost.Kansli.amount: = -9007199254740993: ett så stort heltal kan inte läsas exakt (högst 2^53 = 9 "
                 "007 199 254 740 992 till beloppet)");
  expect_problem(with_participants(flows + "capacity = 9223372036854775807\n"),
                 "insats.Team.participants.capacity: = 9223372036854775807: ett så stort heltal kan inte läsas exakt "
                 "(högst 2^53 = 9 007 199 254 740 992 till beloppet)");
  expect_problem(with_participants(flows + "seasonality = [9007199254740993, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
                 "insats.Team.participants.seasonality[0]: = 9007199254740993: ett så stort heltal kan inte läsas "
                 "exakt (högst 2^53 = 9 007 199 254 740 992 till beloppet)");
  // 2^53 itself is read exactly, and then checked against the key's range like any number.
  expect_problem(replace(minimal_scenario(), "opening_equity = 100000", "opening_equity = 9007199254740992"),
                 "forbund.opening_equity: = 9007199254740992: ska vara ett ändligt belopp (kr)");
}

TEST(HostileInput, DistributionsRunCannotDrawFromAreRefusedByValidate)
{
  auto utilisation = [](const std::string& dist) {
    return replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2024-03\"\nutilization = " + dist);
  };
  auto amount = [](const std::string& dist) {
    return replace(minimal_scenario(), "amount = 600000", "amount = " + dist);
  };
  // Each refusal says the distribution cannot be drawn and that its parameters are the cause.
  for (const auto& [text, start] :
       {std::pair{amount("{ dist = \"lognormal\", mean = 600000, sd = 1e160 }"), "cost.Kansli.amount: lognormal"},
        std::pair{amount("{ dist = \"lognormal\", mean = 1e-300, sd = 1 }"), "cost.Kansli.amount: lognormal"},
        std::pair{amount("{ dist = \"gamma\", mean = 1e-300, sd = 1 }"), "cost.Kansli.amount: gamma"},
        std::pair{amount("{ dist = \"gamma\", mean = 600000, sd = 1e100 }"), "cost.Kansli.amount: gamma"},
        std::pair{utilisation("{ dist = \"beta\", mean = 0.5, sd = 1e-300 }"), "insats.Team.utilization: beta"}}) {
    expect_problem(text, std::string(start) + " kan inte dras");
    expect_problem(text, "parametrarna är för stora eller urartade; ge parametrar av vanlig storlek");
  }
}

TEST(HostileInput, NonFiniteAndImpossibleObservedFiguresAreRefused)
{
  expect_problem(with_participants(flows + "seasonality = [nan, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
                 "insats.Team.participants.seasonality[0]: = nan: ska vara en månadsfaktor mellan 0 och 12");
  const std::string observed = "observed = { months = 12, served = 31, new = 14, exits = 11";
  expect_problem(with_participants(flows + observed + ", start = \"2200-01\" }\n"),
                 "insats.Team.participants.observed.start: perioden 2200-01 … 2200-12 slutar efter horisonten "
                 "(2025-12): observerade siffror beskriver det som varit");
  expect_problem(with_participants(flows + observed + ", start = \"1980-01\" }\n"),
                 "observed.start: = \"1980-01\" ligger mer än 30 år före horisontens början: ge en period från 1994-01 "
                 "eller senare");
  expect_problem(with_participants(flows + observed + ", women = 1000, men = 1000 }\n"),
                 "observed.women: women + men = 2 000: deltagare per kön kan inte vara fler än served (31)");
  expect_problem(with_participants(flows + observed + ", opening_active = 500 }\n"),
                 "observed.opening_active: = 500: de aktiva vid periodens början kan inte vara fler än served (31)");
  // A missing served is reported as missing, not as new exceeding a served of 0.
  try {
    prepare(
        read_scenario_text(with_participants(flows + "observed = { months = 12, new = 14, exits = 11 }\n"), "s.toml"));
    ADD_FAILURE() << "a missing served was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("observed.served: nyckeln saknas; den krävs"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("cannot exceed served"), std::string::npos) << e.what();
  }
}

TEST(HostileInput, HugeCountsAreRefusedBeforeTheyHang)
{
  try {
    read_scenario_text(
        with_participants("referrals_per_month = 1e9\nmean_stay_months = 6\nexit_reasons = { arbete = 1 }\n"),
        "s.toml");
    ADD_FAILURE() << "1e9 referrals a month were accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "referrals_per_month: = 1000000000: ska vara ≥ 0 och högst 100 000 (personer per månad)"),
              std::string::npos)
        << e.what();
    EXPECT_EQ(e.problems().size(), 1u) << "a bad value is not also missing: " << e.what();
  }
  expect_problem(with_participants(flows + "opening_active = 1e9\n"),
                 "opening_active: = 1000000000: ska vara ≥ 0 och högst 1 000 000 (personer)");
  expect_problem(with_participants(flows + "opening_queue = 2000000\n"),
                 "opening_queue: = 2000000: ska vara ≥ 0 och högst 1 000 000 (personer)");
  // A distribution's mean must lie in the range; its draws are clamped to it.
  expect_problem(with_participants("referrals_per_month = { dist = \"normal\", mean = 1e9, sd = 1e300 }\n"
                                   "mean_stay_months = 6\nexit_reasons = { arbete = 1 }\n"),
                 "fördelningen normal har medelvärdet 1 000 000 000: det ska vara ≥ 0 och högst 100 000");
}

TEST(HostileInput, UnquotedSwedishNamesAskForQuotes)
{
  const std::string text = replace(minimal_scenario(), "[funding]\nstate = 1000000",
                                   "[funding]\nstate = 1000000\n[funding.x]\nSollefteå = 708000");
  expect_problem(text,
                 "s.toml:11:1: namnet Sollefteå har ett tecken utanför ASCII (å, ä, ö, …) utan citattecken: TOML "
                 "kräver citattecken runt ett sådant namn, t.ex. \"Sollefteå\" = 708000");
  // In strings and comments they are fine (the seed scenarios are full of them).
  EXPECT_NO_THROW(read_scenario_text(minimal_scenario() + "# Sollefteå, Härnösand\n", "s.toml"));
  // toml++'s own assertions on these inputs are compiled out of Debian's library: refused cleanly.
  expect_problem(minimal_scenario() + "[\n", "s.toml:");
  expect_problem(minimal_scenario() + "r=[}\n", "felaktig TOML: här står inget giltigt värde");
}

namespace {

/// The message of the InputError `text` raises (every problem, one per line).
std::string message_of(const std::string& text)
{
  try {
    prepare(read_scenario_text(text, "s.toml"));
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return "";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(HostileInput, MessagesNameWhereAndOnlyWhatIsWrong)
{
  // A missing kommun population points at its [[member]] table.
  EXPECT_TRUE(has(message_of(replace(minimal_scenario(), "population = 10000\n", "")),
                  "s.toml:24:1: member.Lillby kommun.population: saknas: en kommun behöver sin population"))
      << message_of(replace(minimal_scenario(), "population = 10000\n", ""));
  // A wrong kind is reported once, with no false "a kommun needs its population" for the region.
  const std::string kind = message_of(replace(minimal_scenario(), "kind = \"region\"", "kind = \"landsting\""));
  EXPECT_TRUE(has(kind, "member.Region Test.kind: = \"landsting\": ska vara något av state, region, kommun")) << kind;
  EXPECT_FALSE(has(kind, "needs its population")) << kind;
  EXPECT_FALSE(has(kind, "at least one member of each kind")) << kind;
  // An owner that names no member when the names are listed, or none when there are none.
  EXPECT_TRUE(has(message_of(replace(minimal_scenario(), "owner = \"Storby kommun\"", "owner = \"Xyz\"")),
                  "insats.Team.owner: = \"Xyz\" är inget namn på en [[member]]; medlemmarna: Försäkringskassan, "
                  "Arbetsförmedlingen"));
  // A negative sd says its value.
  EXPECT_TRUE(has(message_of(replace(minimal_scenario(), "amount = 600000",
                                     "amount = { dist = \"normal\", mean = 600000, sd = -5 }")),
                  "cost.Kansli.amount: normal kräver ett ändligt mean och sd ≥ 0, men mean = 600000, sd = -5"));
  // An unknown exit_support entry lists the allowed ones.
  EXPECT_TRUE(has(message_of(with_participants(flows + "exit_support = { \"lön\" = { arbete = 1 } }\n")),
                  "okänd försörjningskälla vid inskrivning 'lön'; tillåtna: sjukpenning, sjukersattning"));
  // `from` after the horizon is said as such, even with a `to`.
  EXPECT_TRUE(has(message_of(replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2027-01\"\nto = \"2026-12\"")),
                  "insats.Team.from: = \"2027-01\" ligger efter horisontens slut (2025-12)"));
  // A month in a year past 2200 is a month, not malformed.
  const std::string late = replace(replace(minimal_scenario(), "first_year = 2024", "first_year = 2200"),
                                   "from = \"2024-03\"", "from = \"2200-03\"\nto = \"2201-12\"");
  EXPECT_NO_THROW(read_scenario_text(late, "s.toml"));
  // A calibration that cannot be reached points at its observed table.
  EXPECT_TRUE(has(message_of(with_participants("capacity = 46\nmean_stay_months = 40\nexit_reasons = { arbete = 1 }\n"
                                               "observed = { months = 8, served = 63, new = 18, exits = 13 }\n")),
                  "s.toml:44:12: insats.Team.participants.observed: new = 18 kan inte nås"));
}

TEST(HostileInput, ADuplicateCorrelationPointsAtTheSecond)
{
  const std::string text =
      replace(minimal_scenario(), "amount = 600000", "amount = { dist = \"normal\", mean = 600000, sd = 1000 }") +
      "[[insats]]\nname = \"B\"\nkind = \"structural\"\nbudget = { dist = \"normal\", mean = 1000, sd = 10 }\n"
      "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"insats.B.budget\"\nrho = 0.2\n"
      "[[correlation]]\na = \"insats.B.budget\"\nb = \"cost.Kansli.amount\"\nrho = 0.3\n";
  const std::string m = message_of(text);
  EXPECT_TRUE(has(m,
                  "s.toml:48:1: correlation[1]: paret \"insats.B.budget\" – \"cost.Kansli.amount\" korreleras redan "
                  "(correlation[0])"))
      << m;
}

TEST(HostileInput, LongKeysAndValuesAreShortenedToValidUtf8)
{
  const std::string key(1 << 20, 'k');
  const std::string m = message_of(replace(minimal_scenario(), "years = 2", "years = 2\n" + key + " = 1"));
  EXPECT_LT(m.size(), 1000u) << "a 1 MB key echoed whole";
  EXPECT_TRUE(has(m, "…: okänd nyckel")) << m.substr(0, 300);
  // 59 ASCII characters, then å: a cut at 60 bytes would split it.
  const std::string value = std::string(59, 'a') + "åååå";
  const std::string v = message_of(replace(minimal_scenario(), "years = 2", "years = \"" + value + "\""));
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    const std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    ASSERT_NE(n, 0u) << "invalid UTF-8 at byte " << i << ": " << v;
    for (std::size_t k = 1; k < n; ++k) ASSERT_EQ(static_cast<unsigned char>(v[i + k]) & 0xC0, 0x80) << v;
    i += n - 1;
  }
}

TEST(HostileInput, TomlSeesOnlyAsciiAndNamesStayTheSame)
{
  // Names with å, ä, ö read as written; a problem after one on the same line keeps its column.
  const std::string text =
      replace(minimal_scenario(), "name = \"Storby kommun\"\nkind = \"kommun\"\npopulation = 30000",
              "name = \"Storby kommun\"\nkind = \"kommun\"\npopulation = 30000 # Sollefteå, Härnösand");
  const Scenario s =
      read_scenario_text(replace(text, "name = \"Testförbundet\"", "name = \"Sollefteå–Ånge\""), "s.toml");
  EXPECT_EQ(s.forbund.name, "Sollefteå–Ånge");
  EXPECT_EQ(s.members[0].name, "Försäkringskassan");
  const std::string bad =
      replace(minimal_scenario(), "name = \"Testförbundet\"", "name = \"Åäö\"\nx = { a = \"ö\", b = 1 }");
  EXPECT_TRUE(has(message_of(bad), "s.toml:3:1: forbund.x: okänd nyckel")) << message_of(bad);
  expect_problem(replace(minimal_scenario(), "opening_cash = 100000", "opening_cash = 100000\nnote = 'Sollefteå'"),
                 "s.toml:7:17: ett tecken utanför ASCII (å, ä, ö, …) i en sträng inom '…': skriv strängen inom dubbla "
                 "citattecken, \"…\"");
  // A value glued to a quoted name (a fuzzer finding): refused as TOML, never undefined behaviour.
  expect_problem(replace(minimal_scenario(), "opening_cash = 100000", "opening_cash = 1\"Arbetsförmedlingen\""),
                 "s.toml:6:17: felaktig TOML i ett tal: här väntades en siffra, men här står '\"'");
  expect_problem(replace(minimal_scenario(), "name = \"Testförbundet\"", "name = \"Test\\ö\""),
                 "an escapesekvens finns inte i TOML");
}
