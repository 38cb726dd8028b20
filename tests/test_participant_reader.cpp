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
                 "insats.Team.participants.referrers: andelarnas summa är 0,9: den ska vara 1 (på 0,000001 när)");
  expect_problem("referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbete = 0.5, studier = 0.4 }\n",
                 "insats.Team.participants.exit_reasons: andelarnas summa är 0,9: den ska vara 1 (på 0,000001 när)");
  expect_problem(rates + "entry_support = { sjukpenning = 0.3 }\n",
                 "insats.Team.participants.entry_support: andelarnas summa är 0,3: den ska vara 1 (på 0,000001 när)");
}

TEST(ParticipantReader, NegativeRates)
{
  expect_problem(
      "referrals_per_month = -2\nmean_stay_months = 6\nexit_reasons = { arbete = 1 }\n",
      "insats.Team.participants.referrals_per_month: = -2: ska vara ≥ 0 och högst 100 000 (personer per månad)");
  expect_problem(rates + "queue_abandon_per_month = -0.1\n",
                 "insats.Team.participants.queue_abandon_per_month: = -0.1: ska vara mellan 0 och 1 (en andel)");
  expect_problem("referrals_per_month = 2\nmean_stay_months = 0.5\nexit_reasons = { arbete = 1 }\n",
                 "insats.Team.participants.mean_stay_months: = 0.5: ska vara minst 1 (månader");
}

TEST(ParticipantReader, MatrixRowsMustSumToOne)
{
  expect_problem(rates + "exit_support = { a_kassa = { arbete = 0.5, a_kassa = 0.3 } }\n",
                 "insats.Team.participants.exit_support.a_kassa: radens summa är 0,8: varje rad i exit_support (källa "
                 "vid inskrivning → källor vid avslut) ska summera till 1 (på 0,000001 när)");
}

TEST(ParticipantReader, CapacityZeroWithReferrals)
{
  expect_problem(rates + "capacity = 0\n",
                 "insats.Team.participants.capacity: = 0 men insatsen tar emot remisser: ge antalet platser (> 0)");
}

TEST(ParticipantReader, UnknownReasonNamesGetASuggestion)
{
  expect_problem("referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbte = 3 }\n",
                 "insats.Team.participants.exit_reasons.arbte: okänd avslutsorsak 'arbte' (menade du 'arbete'?)");
  expect_problem(
      rates + "entry_support = { sjukpenging = 1 }\n",
      "entry_support.sjukpenging: okänd försörjningskälla vid inskrivning 'sjukpenging' (menade du 'sjukpenning'?)");
}

TEST(ParticipantReader, RatesMustBeGivenOrDerivable)
{
  expect_problem("exit_reasons = { arbete = 1 }\n",
                 "insats.Team.participants.referrals_per_month: saknas: ge referrals_per_month, eller observerade "
                 "siffror (observed) att räkna fram det ur");
  expect_problem("referrals_per_month = 2\nmean_stay_months = 6\n",
                 "insats.Team.participants.exit_reasons: saknas: ge exit_reasons (antal eller andelar), eller "
                 "observed.exits_by_reason");
}

TEST(ParticipantReader, SeasonalityHasTwelveFactorsWithMeanOne)
{
  expect_problem(rates + "seasonality = [1, 1, 1]\n",
                 "participants.seasonality: ska vara en lista med 12 månadsfaktorer");
  expect_problem(rates + "seasonality = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n",
                 "participants.seasonality: de 12 faktorernas medelvärde är 1,08333333: det ska vara 1");
}

TEST(ParticipantReader, ObservedFiguresMustHang)
{
  expect_problem("exit_reasons = { arbete = 1 }\nobserved = { months = 8, served = 10, new = 12, exits = 3 }\n",
                 "insats.Team.participants.observed.new: = 12: nya deltagare kan inte vara fler än served (10)");
  expect_problem("observed = { months = 8, served = 10, new = 2, exits = 3, exits_by_reason = { arbete = 1 } }\n",
                 "insats.Team.participants.observed.exits_by_reason: antalen summerar till 1 men exits = 3: de ska "
                 "stämma överens");
}
