#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/random_stream.h"
#include "engine/scenario_reader.h"
#include "models/flow_inputs.h"
#include "models/participant_flow.h"
#include "test_support.h"

using namespace finsim;

namespace {

/// One insats with fixed rates: 10 places, 8 active (all women), queue empty.
FlowParameters simple()
{
  FlowParameters p;
  p.months = 24;
  p.first_month = 0;
  p.last_month = 23;
  p.capacity = 10;
  p.referrals_per_month = 4;
  p.queue_abandon = 0.5;
  p.women_share = 1.0;
  p.exit_probability = {0.25, 0.25};
  p.reason_mix[0] = 0.5;  // arbete
  p.reason_mix[9] = 0.5;  // annan
  p.entry_support[women] = {0, 0, 0, 0, 0, 1, 0, 0, 0};  // forsorjningsstod
  p.entry_support[men] = p.entry_support[women];
  p.kommun_shares = {0.75, 0.25};
  for (int g = 0; g < gender_count; ++g) {
    p.exit_support_by_reason[g].setZero();
    for (int r = 0; r < reason_count; ++r) p.exit_support_by_reason[g](r, r == 0 ? support_arbete : 5) = 1.0;
  }
  p.opening_active = 8;
  return p;
}

double total(const std::vector<double>& v)
{
  double s = 0;
  for (double x : v) s += x;
  return s;
}

}  // namespace

TEST(ParticipantFlow, OneMonthStepByStep)
{
  const FlowParameters p = simple();
  ExpectedDraws expected;
  FlowState s = opening_state(p, expected);
  ASSERT_DOUBLE_EQ(s.active_total(), 8.0);
  MonthFlows m;
  step_month(s, p, 0, expected, m);
  // Exits: 8 × 0.25 = 2, half to work. Referrals 4 join the queue; half abandon (2); the 4 free
  // places (10 − 6) take the 2 left waiting.
  EXPECT_DOUBLE_EQ(m.exits[women][0], 1.0);
  EXPECT_DOUBLE_EQ(m.exits[women][9], 1.0);
  EXPECT_DOUBLE_EQ(m.referrals, 4.0);
  EXPECT_DOUBLE_EQ(m.abandoned, 2.0);
  EXPECT_DOUBLE_EQ(m.starts, 2.0);
  EXPECT_DOUBLE_EQ(m.active_end, 8.0);
  EXPECT_DOUBLE_EQ(m.queue_end, 0.0);
  EXPECT_DOUBLE_EQ(m.entry_support[5], 2.0);
  EXPECT_DOUBLE_EQ(m.starts_by_kommun[0], 1.5);
}

TEST(ParticipantFlow, CapacityMakesAQueue)
{
  FlowParameters p = simple();
  p.queue_abandon = 0.0;
  p.referrals_per_month = 6;
  ExpectedDraws expected;
  FlowState s = opening_state(p, expected);
  MonthFlows m;
  step_month(s, p, 0, expected, m);
  EXPECT_DOUBLE_EQ(m.starts, 4.0);  // 10 places − 6 active
  EXPECT_DOUBLE_EQ(m.queue_end, 2.0);
}

TEST(ParticipantFlow, TimeLimitComesBeforeTheHazard)
{
  FlowParameters p = simple();
  p.opening_active = 0;
  p.opening_queue = 10;
  p.referrals_per_month = 0;
  p.queue_abandon = 0;
  p.max_stay_months = 2;
  p.exit_probability = {0.5, 0.5};
  ExpectedDraws expected;
  FlowState s = opening_state(p, expected);
  MonthFlows m0, m1, m2;
  step_month(s, p, 0, expected, m0);  // 10 admitted: the admission month is the first month of stay
  EXPECT_DOUBLE_EQ(m0.starts, 10.0);
  step_month(s, p, 1, expected, m1);  // half leave at the hazard
  EXPECT_DOUBLE_EQ(m1.exits[women][0] + m1.exits[women][9], 5.0);
  EXPECT_DOUBLE_EQ(m1.exits[women][tidsbegransning], 0.0);
  step_month(s, p, 2, expected, m2);  // the rest completed 2 months: they leave at the limit
  EXPECT_DOUBLE_EQ(m2.exits[women][tidsbegransning], 5.0);
  EXPECT_DOUBLE_EQ(m2.exits[women][0] + m2.exits[women][9], 0.0);
}

TEST(ParticipantFlow, StationaryOpeningOverStayLengths)
{
  FlowParameters p = simple();
  p.max_stay_months = 3;
  p.exit_probability = {0.5, 0.5};
  p.opening_active = 7;
  ExpectedDraws expected;
  FlowState s = opening_state(p, expected);
  // Weights 1 : 0.5 : 0.25 over 1, 2, 3 completed months.
  EXPECT_DOUBLE_EQ(s.active[women][0], 4.0);
  EXPECT_DOUBLE_EQ(s.active[women][1], 2.0);
  EXPECT_DOUBLE_EQ(s.active[women][2], 1.0);
}

TEST(ParticipantFlow, EndOfInsatsEmptiesPlacesAndQueue)
{
  FlowParameters p = simple();
  p.queue_abandon = 0;
  p.referrals_per_month = 6;
  p.last_month = 5;
  p.ends_in_run = true;
  ExpectedDraws expected;
  const InsatsFlows f = simulate_flows(p, expected);
  EXPECT_DOUBLE_EQ(f.active_end[0], 0.0);
  EXPECT_DOUBLE_EQ(f.queue_end[0], 0.0);
  EXPECT_GT(f.exits_by_reason(tidsbegransning, 0), 0.0);
  EXPECT_EQ(f.starts[1], 0.0);  // nothing after the end
  EXPECT_EQ(f.referrals[1], 0.0);
}

/// Nobody appears or vanishes: opening + arrivals = exits + abandoners + active + queue, every month.
template <class Draws>
void expect_conservation(Draws& draws, const char* mode)
{
  FlowParameters p = simple();
  p.max_stay_months = 6;
  p.opening_queue = 3;
  p.women_share = 0.6;
  FlowState s = opening_state(p, draws);
  double in = s.active_total() + s.queue_total(), out = 0.0;
  for (int month = 0; month < 24; ++month) {
    MonthFlows m;
    step_month(s, p, month % 12, draws, m);
    in += m.referrals;
    for (const auto& g : m.exits)
      for (double x : g) out += x;
    out += m.abandoned;
    EXPECT_NEAR(in, out + s.active_total() + s.queue_total(), 1e-9) << mode << " month " << month;
    EXPECT_LE(s.active_total(), p.capacity + 1e-9);
  }
}

TEST(ParticipantFlow, ConservationExpectedMode)
{
  ExpectedDraws expected;
  expect_conservation(expected, "expected");
}

TEST(ParticipantFlow, ConservationStochasticMode)
{
  RandomStream stream(1, 0, 99);
  expect_conservation(stream, "stochastic");
}

TEST(ParticipantFlow, StochasticMeanAgreesWithExpectedPath)
{
  FlowParameters p = simple();
  p.max_stay_months = 8;
  p.women_share = 0.55;
  p.exit_probability = {1.0 / 9.0, 1.0 / 7.0};
  p.referrals_per_month = 1.6;
  p.queue_abandon = 0.1;
  // Without a binding capacity the dynamics are linear and the expected-value mode is the exact
  // mean. (With a full insats, min(queue, free places) makes it a fluid approximation.)
  p.capacity = std::numeric_limits<double>::infinity();
  ExpectedDraws expected;
  const InsatsFlows e = simulate_flows(p, expected);
  const int runs = 4000;
  const double z = 3.0;  // agreement within three standard errors
  struct Figure {
    const char* name;
    double (*get)(const InsatsFlows&);
  };
  const Figure figures[] = {
      {"starts 2nd year", [](const InsatsFlows& f) { return f.starts[1]; }},
      {"exits 2nd year", [](const InsatsFlows& f) { return f.exits[1]; }},
      {"served 1st year", [](const InsatsFlows& f) { return f.served[0]; }},
      {"exits to work 1st year", [](const InsatsFlows& f) { return f.exits_by_reason(0, 0); }},
      {"time-limit exits 2nd year", [](const InsatsFlows& f) { return f.exits_by_reason(tidsbegransning, 1); }},
      {"abandoned 1st year", [](const InsatsFlows& f) { return f.abandoned[0]; }},
      {"exits to arbete at exit 2nd year", [](const InsatsFlows& f) { return f.exit_support(support_arbete, 1); }},
      {"starts by women 1st year", [](const InsatsFlows& f) { return f.starts_by_gender(women, 0); }},
  };
  for (const Figure& fig : figures) {
    double sum = 0, sum2 = 0;
    for (int r = 0; r < runs; ++r) {
      RandomStream stream(2026, static_cast<std::uint64_t>(r), 7);
      const double x = fig.get(simulate_flows(p, stream));
      sum += x;
      sum2 += x * x;
    }
    const double mean = sum / runs;
    const double se = std::sqrt((sum2 - runs * mean * mean) / (runs - 1) / runs);
    const double want = fig.get(e);
    EXPECT_LE(std::fabs(mean - want), z * se) << fig.name << ": calculated " << mean << ", expected " << want
                                             << ", error " << mean - want << ", tolerance " << z * se;
  }
}

TEST(ParticipantFlow, CalibrationReproducesObservedCounts)
{
  std::string text = finsim::testing::minimal_scenario();
  text += R"([insats.participants]
capacity = 60
exit_reasons = { arbete = 5, studier = 2, annan = 6 }
observed = { months = 8, served = 63, new = 18, exits = 13 }
)";
  const Scenario s = read_scenario_text(text, "s.toml");
  const auto c = calibrate_participants(s);
  ASSERT_TRUE(c[0]);
  EXPECT_TRUE(c[0]->referrals_derived);
  EXPECT_TRUE(c[0]->stay_derived);
  EXPECT_NEAR(c[0]->fitted_new, 18.0, 0.01);
  EXPECT_NEAR(c[0]->fitted_exits, 13.0, 0.01);
  // The projection starts at the observed period (the insats' first month 2024-03): 45 active.
  ExpectedValues values;
  const FlowParameters p = flow_parameters(s, 0, c[0], values);
  EXPECT_DOUBLE_EQ(p.opening_active, 45.0);
}

TEST(ParticipantFlow, CalibrationFailsLoudlyWhenCapacityIsTooSmall)
{
  std::string text = finsim::testing::minimal_scenario();
  text += R"([insats.participants]
capacity = 46
mean_stay_months = 40
exit_reasons = { arbete = 1 }
observed = { months = 8, served = 63, new = 18, exits = 13 }
)";
  const Scenario s = read_scenario_text(text, "s.toml");
  finsim::testing::expect_input_error([&] { calibrate_participants(s); },
                                      "s.toml: insats.Team.participants.observed: new = 18 cannot be reached in 8 "
                                      "months with capacity 46 and a mean stay of 40.0 months");
}

TEST(ParticipantFlow, VolumeCostsAddToTheInsats)
{
  std::string text = finsim::testing::minimal_scenario();
  text += R"([insats.participants]
referrals_per_month = 2
mean_stay_months = 6
exit_reasons = { arbete = 1 }
cost_per_start = 1000
cost_per_participant_month = 100
)";
  const Scenario s = read_scenario_text(text, "s.toml");
  ExpectedValues values;
  const auto flows = expected_flows(s, calibrate_participants(s), values);
  FinanceInputs in = finance_inputs(s, values);
  add_volume_costs(in, s, flows);
  const FinanceProjection p = project_finances(in);
  const double volume = 1000.0 * flows[0]->starts[0] + 100.0 * flows[0]->participant_months[0];
  EXPECT_NEAR(p.insats_costs(0, 0), 1000000.0 + volume, 1e-6);
  EXPECT_DOUBLE_EQ(total(flows[0]->starts_monthly), flows[0]->starts[0] + flows[0]->starts[1]);
}
