#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/monte_carlo.h"
#include "input/scenario_reader.h"
#include "models/calibration.h"
#include "models/participant_flow.h"
#include "models/projection.h"
#include "models/stochastic_flow.h"
#include "sampling/random_stream.h"
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
  p.reason_mix[0] = 0.5;                                 // arbete
  p.reason_mix[9] = 0.5;                                 // annan
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

/// simple() with one cohort of `people` waiting at the start and nothing else: no one active, no
/// referrals, no abandonment; a time limit of `limit` months and the monthly exit probability
/// `hazard` for both genders.
FlowParameters one_cohort(double people, int limit, double hazard)
{
  FlowParameters p = simple();
  p.opening_active = 0;
  p.opening_queue = people;
  p.referrals_per_month = 0;
  p.queue_abandon = 0;
  p.max_stay_months = limit;
  p.exit_probability = {hazard, hazard};
  return p;
}

/// simple() over three years with a time limit of 6 months, an opening queue and genders told
/// apart, ending after month 29 or running to the end.
FlowParameters three_years(bool ends)
{
  FlowParameters p = simple();
  p.months = 36;
  p.last_month = ends ? 29 : 35;
  p.ends_in_run = ends;
  p.max_stay_months = 6;
  p.opening_queue = 3;
  p.women_share = 0.6;
  p.exit_probability = {0.2, 0.3};
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
  FlowState s = opening_state(p);
  ASSERT_DOUBLE_EQ(s.active_total(), 8.0);
  MonthFlows m;
  step_month(s, p, 0, m);
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
  FlowState s = opening_state(p);
  MonthFlows m;
  step_month(s, p, 0, m);
  EXPECT_DOUBLE_EQ(m.starts, 4.0);  // 10 places − 6 active
  EXPECT_DOUBLE_EQ(m.queue_end, 2.0);
}

TEST(ParticipantFlow, TimeLimitComesBeforeTheHazard)
{
  const FlowParameters p = one_cohort(10, 2, 0.5);
  FlowState s = opening_state(p);
  MonthFlows m0, m1, m2;
  step_month(s, p, 0, m0);  // 10 admitted: the admission month is the first month of stay
  EXPECT_DOUBLE_EQ(m0.starts, 10.0);
  step_month(s, p, 1, m1);  // half leave at the hazard
  EXPECT_DOUBLE_EQ(m1.exits[women][0] + m1.exits[women][9], 5.0);
  EXPECT_DOUBLE_EQ(m1.exits[women][tidsbegransning], 0.0);
  step_month(s, p, 2, m2);  // the rest completed 2 months: they leave at the limit
  EXPECT_DOUBLE_EQ(m2.exits[women][tidsbegransning], 5.0);
  EXPECT_DOUBLE_EQ(m2.exits[women][0] + m2.exits[women][9], 0.0);
}

TEST(ParticipantFlow, StationaryOpeningOverStayLengths)
{
  FlowParameters p = simple();
  p.max_stay_months = 3;
  p.exit_probability = {0.5, 0.5};
  p.opening_active = 7;
  FlowState s = opening_state(p);
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
  const InsatsFlows f = simulate_flows(p);
  EXPECT_DOUBLE_EQ(f.active_end[0], 0.0);
  EXPECT_DOUBLE_EQ(f.queue_end[0], 0.0);
  EXPECT_GT(f.exits_by_reason(tidsbegransning, 0), 0.0);
  EXPECT_EQ(f.starts[1], 0.0);  // nothing after the end
  EXPECT_EQ(f.referrals[1], 0.0);
}

/// Nobody appears or vanishes: opening + arrivals = exits + abandoners + active + queue, every month.
/// Served by kommun sums over the kommuner to served: those carried into the year and the year's
/// starts (norra-vastmanland-2023 summed to 19 of 28, leaving the starts out).
TEST(ParticipantFlow, ServedByKommunSumsToServed)
{
  const InsatsFlows f = simulate_flows(three_years(false));
  for (int y = 0; y < 3; ++y) EXPECT_NEAR(f.served_by_kommun.col(y).sum(), f.served[y], 1e-9) << "year " << y;
  const Projection p = project_expected(
      prepare(read_scenario_file(std::string(FINSIM_SOURCE_DIR) + "/scenarios/norra-vastmanland-2023.toml")));
  for (const auto& flows : p.flows) {
    if (!flows) continue;
    for (std::size_t y = 0; y < flows->served.size(); ++y)
      EXPECT_NEAR(flows->served_by_kommun.col(static_cast<Eigen::Index>(y)).sum(), flows->served[y], 1e-9);
  }
}

/// A year whose budget is written as 0 does not run: no referrals, places or participants; those
/// active at the end of the last funded month leave at the time limit, the queue gives up, and
/// the next funded year starts empty (clarification 29). solleftea-2024's SamCoach kept its
/// participants through 2025–2026 at "0 kr per deltagare".
TEST(ParticipantFlow, AZeroBudgetYearDoesNotRun)
{
  std::string text = finsim::testing::replace(finsim::testing::minimal_scenario(), "years = 2", "years = 3");
  text = finsim::testing::replace(text, "budget = 1200000", "budget = [1200000, 0, 1200000]");
  text += R"([insats.participants]
referrals_per_month = 3
capacity = 5
mean_stay_months = 10
opening_queue = 2
exit_reasons = { arbete = 1, annan = 1 }
)";
  const PreparedScenario prepared = prepare(read_scenario_text(text, "s.toml"));
  const Projection projection = project_expected(prepared);
  const InsatsFlows& f = *projection.flows[0];
  EXPECT_EQ(f.active_end[0], 0.0);  // everyone left when 2024's funding ended
  EXPECT_EQ(f.queue_end[0], 0.0);
  EXPECT_EQ(f.referrals[1], 0.0);
  EXPECT_EQ(f.starts[1], 0.0);
  EXPECT_EQ(f.served[1], 0.0);
  EXPECT_EQ(f.participant_months[1], 0.0);
  EXPECT_TRUE(std::isnan(f.capacity_use[1]));
  EXPECT_NEAR(f.served[2], f.starts[2], 1e-9);  // starts empty: nobody carried in
  EXPECT_GT(f.starts[2], 0.0);
  // Everyone who ever came in left by the end of 2024 or is there at the end of 2026.
  const double in = f.referrals[0] + f.referrals[2] + 2.0;
  const double out = f.exits[0] + f.abandoned[0] + f.exits[2] + f.abandoned[2];
  EXPECT_NEAR(in, out + f.active_end[2] + f.queue_end[2], 1e-9);
  EXPECT_NEAR(f.exits_by_reason(tidsbegransning, 0),
              f.exits[0] - f.exits_by_reason.col(0).head(given_reason_count).sum(), 1e-9);
  EXPECT_GT(f.exits_by_reason(tidsbegransning, 0), 0.0);
  // The Monte Carlo has nobody in the unfunded year either.
  MonteCarloSettings settings;
  settings.runs = 200;
  const MonteCarloResults r = run_monte_carlo(prepared, settings);
  EXPECT_EQ(r.summary(Outcome::served, 1).mean, 0.0);
  EXPECT_GT(r.summary(Outcome::served, 2).mean, 0.0);
}

TEST(ParticipantFlow, ConservationExpectedMode)
{
  FlowParameters p = simple();
  p.max_stay_months = 6;
  p.opening_queue = 3;
  p.women_share = 0.6;
  FlowState s = opening_state(p);
  double in = s.active_total() + s.queue_total(), out = 0.0;
  for (int month = 0; month < 24; ++month) {
    MonthFlows m;
    step_month(s, p, month % 12, m);
    m.total_exits();
    in += m.referrals;
    out += m.exits_by_gender[women] + m.exits_by_gender[men] + m.abandoned;
    EXPECT_NEAR(in, out + s.active_total() + s.queue_total(), 1e-9) << "month " << month;
    EXPECT_LE(s.active_total(), p.capacity + 1e-9);
  }
}

/// The same in stochastic mode, year by year, for whole people, with and without an end.
TEST(ParticipantFlow, ConservationStochasticMode)
{
  for (const bool ends : {false, true}) {
    const FlowParameters p = three_years(ends);
    for (std::uint64_t run = 0; run < 50; ++run) {
      RandomStream core(1, run, 99), detail(1, run, 100);
      const InsatsFlows f = simulate_flows(p, core, &detail);
      double in = p.opening_active + p.opening_queue, out = 0.0;
      for (int y = 0; y < 3; ++y) {
        in += f.referrals[y];
        out += f.exits[y] + f.abandoned[y];
        ASSERT_DOUBLE_EQ(in, out + f.active_end[y] + f.queue_end[y]) << "run " << run << " year " << y;
        ASSERT_DOUBLE_EQ(f.exits_by_reason.col(y).sum(), f.exits[y]);
        ASSERT_DOUBLE_EQ(f.exit_support.col(y).sum(), f.exits[y]);
        ASSERT_DOUBLE_EQ(f.starts_by_kommun.col(y).sum(), f.starts[y]);
        ASSERT_DOUBLE_EQ(f.served_by_kommun.col(y).sum(), f.served[y]);
        ASSERT_DOUBLE_EQ(f.referrals_by_gender.col(y).sum(), f.referrals[y]);
        ASSERT_DOUBLE_EQ(f.starts_by_gender.col(y).sum(), f.starts[y]);
        ASSERT_DOUBLE_EQ(f.exits_by_gender.col(y).sum(), f.exits[y]);
      }
      for (double active : f.active_end_monthly) ASSERT_LE(active, p.capacity);
      if (ends) {
        EXPECT_EQ(f.active_end[2], 0.0);
        EXPECT_EQ(f.queue_end[2], 0.0);
      }
    }
  }
}

/// Without breakdowns the core draws are the same: every total is identical, the tables empty.
/// With an opening queue, a binding capacity, and with and without an end in the run.
TEST(ParticipantFlow, BreakdownsLeaveTheTotalsUnchanged)
{
  for (const bool ends : {false, true}) {
    FlowParameters p = three_years(ends);
    p.queue_abandon = 0.1;
    for (std::uint64_t run = 0; run < 20; ++run) {
      RandomStream core_a(3, run, 1), core_b(3, run, 1), detail(3, run, 2);
      const InsatsFlows with = simulate_flows(p, core_a, &detail);
      const InsatsFlows without = simulate_flows(p, core_b, nullptr);
      EXPECT_EQ(with.referrals, without.referrals);
      EXPECT_EQ(with.starts, without.starts);
      EXPECT_EQ(with.served, without.served);
      EXPECT_EQ(with.exits, without.exits);
      EXPECT_EQ(with.exits_work_studies, without.exits_work_studies);
      EXPECT_EQ(with.abandoned, without.abandoned);
      EXPECT_EQ(with.active_end, without.active_end);
      EXPECT_EQ(with.queue_end, without.queue_end);
      EXPECT_EQ(with.participant_months, without.participant_months);
      EXPECT_EQ(with.mean_wait_months, without.mean_wait_months);
      EXPECT_EQ(with.starts_monthly, without.starts_monthly);
      EXPECT_EQ(with.active_end_monthly, without.active_end_monthly);
      EXPECT_EQ(without.exits_by_reason.cols(), 0);
      EXPECT_EQ(with.exits_by_reason.cols(), 3);
    }
  }
}

/// Storage reused from a call with other parameters (another insats) changes nothing.
TEST(ParticipantFlow, ReusedStorageGivesTheSameFlows)
{
  FlowParameters a = simple(), b = three_years(true);
  a.max_stay_months = 9;
  a.opening_queue = 4;
  b.first_month = 5;
  b.capacity = 25;
  b.referrals_per_month = 2.5;
  InsatsFlows reused;
  FlowWork work;
  for (std::uint64_t run = 0; run < 10; ++run)
    for (const FlowParameters* p : {&a, &b}) {
      RandomStream fresh_stream(8, run, 1), reused_stream(8, run, 1);
      const InsatsFlows fresh = simulate_flows(*p, fresh_stream, nullptr);
      simulate_flows(*p, FlowTables(*p), reused_stream, nullptr, reused, work);
      EXPECT_EQ(reused.served, fresh.served) << "run " << run;
      EXPECT_EQ(reused.exits, fresh.exits) << "run " << run;
      EXPECT_EQ(reused.exits_work_studies, fresh.exits_work_studies) << "run " << run;
      EXPECT_EQ(reused.abandoned, fresh.abandoned) << "run " << run;
      EXPECT_EQ(reused.starts_monthly, fresh.starts_monthly) << "run " << run;
      EXPECT_EQ(reused.active_end_monthly, fresh.active_end_monthly) << "run " << run;
      EXPECT_EQ(reused.queue_end, fresh.queue_end) << "run " << run;
    }
}

/// One cohort admitted in month 0 with hazard 0.3 and a limit of 4 months: the share still in
/// after month j is 0.7^j for j < 4 (hazard months 1–3), and nobody is left after month 4.
TEST(ParticipantFlow, StochasticStaysFollowTheHazardAndTheLimit)
{
  const FlowParameters p = one_cohort(1, 4, 0.3);
  const int runs = 40000;
  std::array<double, 6> in{};
  double limit_exits = 0;
  for (int r = 0; r < runs; ++r) {
    RandomStream core(5, static_cast<std::uint64_t>(r), 1), detail(5, static_cast<std::uint64_t>(r), 2);
    const InsatsFlows f = simulate_flows(p, core, &detail);
    for (int j = 0; j < 6; ++j) in[j] += f.active_end_monthly[j];
    limit_exits += f.exits_by_reason(tidsbegransning, 0);
  }
  const double z = 4.0;  // tolerance in standard errors
  for (int j = 0; j < 6; ++j) {
    const double want = j < 4 ? std::pow(0.7, j) : 0.0;
    const double mean = in[j] / runs, se = std::sqrt(want * (1 - want) / runs);
    EXPECT_LE(std::fabs(mean - want), z * se + 1e-12)
        << "still in after month " << j << ": calculated " << mean << ", expected " << want << ", error " << mean - want
        << ", tolerance " << z * se;
  }
  // Those left after 3 hazard months leave at the limit in month 4: 0.7^3 of the cohort.
  const double share = limit_exits / runs, want = std::pow(0.7, 3), se = std::sqrt(want * (1 - want) / runs);
  EXPECT_LE(std::fabs(share - want), z * se) << "time-limit exits: calculated " << share << ", expected " << want
                                             << ", error " << share - want << ", tolerance " << z * se;
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
  const InsatsFlows e = simulate_flows(p);
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
      {"referrals of women 2nd year", [](const InsatsFlows& f) { return f.referrals_by_gender(women, 1); }},
      {"exits of men 2nd year", [](const InsatsFlows& f) { return f.exits_by_gender(men, 1); }},
  };
  for (const Figure& fig : figures) {
    double sum = 0, sum2 = 0;
    for (int r = 0; r < runs; ++r) {
      RandomStream core(2026, static_cast<std::uint64_t>(r), 7), detail(2026, static_cast<std::uint64_t>(r), 8);
      const double x = fig.get(simulate_flows(p, core, &detail));
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
  std::string text = finsim::testing::with_participants(R"(capacity = 60
exit_reasons = { arbete = 5, studier = 2, annan = 6 }
observed = { months = 8, served = 63, new = 18, exits = 13 }
)");
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
  std::string text = finsim::testing::with_participants(R"(capacity = 46
mean_stay_months = 40
exit_reasons = { arbete = 1 }
observed = { months = 8, served = 63, new = 18, exits = 13 }
)");
  const Scenario s = read_scenario_text(text, "s.toml");
  finsim::testing::expect_input_error(
      [&] { calibrate_participants(s); },
      "s.toml:44:12: insats.Team.participants.observed: new = 18 kan inte nås på 8 månader med capacity = 46 och en "
      "medelvistelse på 40 månader: höj capacity eller kontrollera siffrorna");
}

TEST(ParticipantFlow, VolumeCostsAddToTheInsats)
{
  std::string text = finsim::testing::with_participants(R"(referrals_per_month = 2
mean_stay_months = 6
exit_reasons = { arbete = 1 }
cost_per_start = 1000
cost_per_participant_month = 100
)");
  const Projection projection = project_expected(prepare(read_scenario_text(text, "s.toml")));
  const auto& flows = projection.flows;
  const FinanceProjection& p = projection.finance;
  const double volume = 1000.0 * flows[0]->starts[0] + 100.0 * flows[0]->participant_months[0];
  EXPECT_NEAR(p.insats_costs(0, 0), 1000000.0 + volume, 1e-6);
  EXPECT_DOUBLE_EQ(total(flows[0]->starts_monthly), flows[0]->starts[0] + flows[0]->starts[1]);
}

/// A stop asked for (Ctrl-C) ends even a long replication's flows at the next year: the Monte
/// Carlo then discards what they made. Here the stop is set before the first year.
TEST(ParticipantFlow, AStopEndsTheStochasticFlowsWithinAYear)
{
  FlowParameters p = three_years(false);
  p.referrals_per_month = 1000;
  p.capacity = std::numeric_limits<double>::infinity();
  const FlowTables tables(p);
  FlowWork work;
  InsatsFlows going, stopped;
  RandomStream a(5, 0, 1), b(5, 0, 1);
  simulate_flows(p, tables, a, nullptr, going, work);
  EXPECT_GT(going.starts[2], 0.0);
  const std::atomic<bool> stop{true};
  work.stop = &stop;
  simulate_flows(p, tables, b, nullptr, stopped, work);
  for (int y = 0; y < 3; ++y) EXPECT_EQ(stopped.starts[static_cast<std::size_t>(y)], 0.0) << "year " << y;
}
