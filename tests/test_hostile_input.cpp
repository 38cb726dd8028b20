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
                 "s.toml:5:18: forbund.opening_equity: = 9007199254740993: a whole number this large cannot be read "
                 "exactly (at most 2^53 = 9007199254740992 in size)");
  expect_problem(replace(minimal_scenario(), "amount = 600000", "amount = -9007199254740993"),
                 "cost.Kansli.amount: = -9007199254740993: a whole number this large");
  expect_problem(with_participants(flows + "capacity = 9223372036854775807\n"),
                 "insats.Team.participants.capacity: = 9223372036854775807: a whole number this large");
  expect_problem(with_participants(flows + "seasonality = [9007199254740993, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
                 "insats.Team.participants.seasonality[0]: = 9007199254740993: a whole number this large");
  // 2^53 itself is read exactly, and then checked against the key's range like any number.
  expect_problem(replace(minimal_scenario(), "opening_equity = 100000", "opening_equity = 9007199254740992"),
                 "forbund.opening_equity: = 9007199254740992: must be a finite amount (SEK)");
}

TEST(HostileInput, DistributionsRunCannotDrawFromAreRefusedByValidate)
{
  auto utilisation = [](const std::string& dist) {
    return replace(minimal_scenario(), "from = \"2024-03\"", "from = \"2024-03\"\nutilization = " + dist);
  };
  auto amount = [](const std::string& dist) {
    return replace(minimal_scenario(), "amount = 600000", "amount = " + dist);
  };
  expect_problem(amount("{ dist = \"lognormal\", mean = 600000, sd = 1e160 }"),
                 "cost.Kansli.amount: lognormal cannot be drawn");
  expect_problem(amount("{ dist = \"lognormal\", mean = 1e-300, sd = 1 }"),
                 "cost.Kansli.amount: lognormal cannot be drawn");
  expect_problem(amount("{ dist = \"gamma\", mean = 1e-300, sd = 1 }"), "cost.Kansli.amount: gamma cannot be drawn");
  expect_problem(amount("{ dist = \"gamma\", mean = 600000, sd = 1e100 }"),
                 "cost.Kansli.amount: gamma cannot be drawn");
  expect_problem(utilisation("{ dist = \"beta\", mean = 0.5, sd = 1e-300 }"),
                 "insats.Team.utilization: beta cannot be drawn");
}

TEST(HostileInput, NonFiniteAndImpossibleObservedFiguresAreRefused)
{
  expect_problem(with_participants(flows + "seasonality = [nan, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
                 "insats.Team.participants.seasonality[0]: = nan: must be a monthly factor between 0 and 12");
  const std::string observed = "observed = { months = 12, served = 31, new = 14, exits = 11";
  expect_problem(
      with_participants(flows + observed + ", start = \"2200-01\" }\n"),
      "insats.Team.participants.observed.start: the period 2200-01 … 2200-12 ends after the horizon (2025-12)");
  expect_problem(with_participants(flows + observed + ", start = \"1980-01\" }\n"),
                 "observed.start: = \"1980-01\" is more than 30 years before the horizon starts: give a period from "
                 "1994-01 on");
  expect_problem(with_participants(flows + observed + ", women = 1000, men = 1000 }\n"),
                 "observed.women: women + men = 2000: served by gender cannot exceed served (31)");
  expect_problem(with_participants(flows + observed + ", opening_active = 500 }\n"),
                 "observed.opening_active: = 500: those active at the start cannot exceed served (31)");
  // A missing served is reported as missing, not as new exceeding a served of 0.
  try {
    prepare(
        read_scenario_text(with_participants(flows + "observed = { months = 12, new = 14, exits = 11 }\n"), "s.toml"));
    ADD_FAILURE() << "a missing served was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("observed.served: missing required key"), std::string::npos) << e.what();
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
    EXPECT_NE(std::string(e.what()).find("referrals_per_month: = 1000000000: must be >= 0 and at most 100 000 (people "
                                         "per month)"),
              std::string::npos)
        << e.what();
    EXPECT_EQ(e.problems().size(), 1u) << "a bad value is not also missing: " << e.what();
  }
  expect_problem(with_participants(flows + "opening_active = 1e9\n"),
                 "opening_active: = 1000000000: must be >= 0 and at most 1 000 000 (people)");
  expect_problem(with_participants(flows + "opening_queue = 2000000\n"), "opening_queue: = 2000000: must be >= 0");
  // A distribution's mean must lie in the range; its draws are clamped to it.
  expect_problem(with_participants("referrals_per_month = { dist = \"normal\", mean = 1e9, sd = 1e300 }\n"
                                   "mean_stay_months = 6\nexit_reasons = { arbete = 1 }\n"),
                 "normal distribution has mean 1000000000: must be >= 0 and at most 100 000");
}

TEST(HostileInput, UnquotedSwedishNamesAskForQuotes)
{
  const std::string text = replace(minimal_scenario(), "[funding]\nstate = 1000000",
                                   "[funding]\nstate = 1000000\n[funding.x]\nSollefteå = 708000");
  expect_problem(text,
                 "s.toml:11:1: the name Sollefteå has a character outside ASCII (å, ä, ö, …) without quotes: TOML "
                 "needs such a name in quotes, e.g. \"Sollefteå\" = 708000");
  // In strings and comments they are fine (the seed scenarios are full of them).
  EXPECT_NO_THROW(read_scenario_text(minimal_scenario() + "# Sollefteå, Härnösand\n", "s.toml"));
  // toml++'s own assertions on these inputs are compiled out of Debian's library: refused cleanly.
  expect_problem(minimal_scenario() + "[\n", "s.toml:");
  expect_problem(minimal_scenario() + "r=[}\n", "not valid TOML");
}
