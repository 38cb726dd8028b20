#include <gtest/gtest.h>

#include "input/scenario_reader.h"
#include "test_support.h"

using namespace finsim;

namespace {

using finsim::testing::with_participants;

void expect_problem(const std::string& table, const std::string& expected)
{
  finsim::testing::expect_input_error([&] { read_scenario_text(with_participants(table), "s.toml"); }, expected);
}

const std::string rates = "referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbete = 1 }\n";

}  // namespace

TEST(ParticipantReader, ReadsAFullTable)
{
  const Scenario s = read_scenario_text(with_participants(rates + R"(capacity = 12
women_share = 0.6
referrers = { af = 0.5, kommun = 0.25, region = 0.25 }
kommun_shares = { "Storby kommun" = 0.8, "Lillby kommun" = 0.2 }
entry_support = { women = { sjukpenning = 1 }, men = { a_kassa = 0.5, forsorjningsstod = 0.5 } }
exit_support = { sjukpenning = { arbete = 0.25, sjukpenning = 0.75 } }
max_stay_months = 24
)"),
                                        "s.toml");
  const ParticipantSpec& p = *s.insatser[0].participants;
  EXPECT_EQ(*p.capacity, 12.0);
  EXPECT_EQ(p.referrers[0], 0.5);
  EXPECT_EQ(p.kommun_shares[3], 0.8);
  EXPECT_EQ(p.entry_support[men][3], 0.5);
  EXPECT_TRUE(p.exit_support_row_given[0]);
  EXPECT_EQ(p.exit_support(0, support_arbete), 0.25);
  EXPECT_TRUE(p.exit_reasons_are_counts);
  EXPECT_EQ(p.max_stay_months, 24);
}

TEST(ParticipantReader, SharesMustSumToOne)
{
  expect_problem(rates + "referrers = { af = 0.5, kommun = 0.4 }\n",
                 "insats.Team.participants.referrers: shares sum to 0.9: they must sum to 1 (within 1e-6)");
  expect_problem("referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbete = 0.5, studier = 0.4 }\n",
                 "insats.Team.participants.exit_reasons: shares sum to 0.9: they must sum to 1");
  expect_problem(rates + "entry_support = { sjukpenning = 0.3 }\n",
                 "insats.Team.participants.entry_support: shares sum to 0.3");
}

TEST(ParticipantReader, NegativeRates)
{
  expect_problem(
      "referrals_per_month = -2\nmean_stay_months = 6\nexit_reasons = { arbete = 1 }\n",
      "insats.Team.participants.referrals_per_month: = -2: must be >= 0 and at most 100 000 (people per month)");
  expect_problem(rates + "queue_abandon_per_month = -0.1\n",
                 "insats.Team.participants.queue_abandon_per_month: = -0.1: must be between 0 and 1");
  expect_problem("referrals_per_month = 2\nmean_stay_months = 0.5\nexit_reasons = { arbete = 1 }\n",
                 "insats.Team.participants.mean_stay_months: = 0.5: must be at least 1");
}

TEST(ParticipantReader, MatrixRowsMustSumToOne)
{
  expect_problem(rates + "exit_support = { a_kassa = { arbete = 0.5, a_kassa = 0.3 } }\n",
                 "insats.Team.participants.exit_support.a_kassa: row sums to 0.8: each row of exit_support (entry "
                 "source → exit sources) must sum to 1");
}

TEST(ParticipantReader, CapacityZeroWithReferrals)
{
  expect_problem(rates + "capacity = 0\n",
                 "insats.Team.participants.capacity: = 0 but the insats takes referrals: give the number of places");
}

TEST(ParticipantReader, UnknownReasonNamesGetASuggestion)
{
  expect_problem("referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbte = 3 }\n",
                 "insats.Team.participants.exit_reasons.arbte: unknown exit reason 'arbte' (did you mean 'arbete'?)");
  expect_problem(rates + "entry_support = { sjukpenging = 1 }\n",
                 "unknown source of support at entry 'sjukpenging' (did you mean 'sjukpenning'?)");
}

TEST(ParticipantReader, RatesMustBeGivenOrDerivable)
{
  expect_problem(
      "exit_reasons = { arbete = 1 }\n",
      "insats.Team.participants.referrals_per_month: missing: give referrals_per_month, or observed figures");
  expect_problem("referrals_per_month = 2\nmean_stay_months = 6\n",
                 "insats.Team.participants.exit_reasons: missing: give exit_reasons (counts or shares)");
}

TEST(ParticipantReader, SeasonalityHasTwelveFactorsWithMeanOne)
{
  expect_problem(rates + "seasonality = [1, 1, 1]\n", "must be a list of 12 monthly factors");
  expect_problem(rates + "seasonality = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n",
                 "the 12 factors have mean 1.08333333: their mean must be 1");
}

TEST(ParticipantReader, ObservedFiguresMustHang)
{
  expect_problem("exit_reasons = { arbete = 1 }\nobserved = { months = 8, served = 10, new = 12, exits = 3 }\n",
                 "insats.Team.participants.observed.new: = 12: new participants cannot exceed served (10)");
  expect_problem("observed = { months = 8, served = 10, new = 2, exits = 3, exits_by_reason = { arbete = 1 } }\n",
                 "insats.Team.participants.observed.exits_by_reason: counts sum to 1 but exits = 3");
}
