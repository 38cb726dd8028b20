#include "models/participant_flow.h"

#include <algorithm>
#include <cmath>

#include "engine/random_stream.h"

namespace finsim {

void MonthFlows::reset(std::size_t kommuner)
{
  referrals = abandoned = starts = active_end = queue_end = 0.0;
  referrals_by_referrer.fill(0.0);
  referrals_by_gender.fill(0.0);
  starts_by_gender.fill(0.0);
  entry_support.fill(0.0);
  exit_support.fill(0.0);
  for (auto& g : exits) g.fill(0.0);
  starts_by_kommun.assign(kommuner, 0.0);
}

double FlowState::active_total() const
{
  double total = 0.0;
  for (const auto& g : active)
    for (double x : g) total += x;
  return total;
}

namespace {

/// Share of the stationary active population with k+1 completed months, k = 0..L−1.
std::vector<double> stationary_stay(double exit_probability, int buckets)
{
  std::vector<double> w(static_cast<std::size_t>(buckets));
  double survive = 1.0, sum = 0.0;
  for (auto& x : w) {
    x = survive;
    sum += x;
    survive *= 1.0 - exit_probability;
  }
  for (auto& x : w) x /= sum;
  return w;
}

int bucket_count(const FlowParameters& p) { return p.max_stay_months > 0 ? p.max_stay_months : 1; }

}  // namespace

template <class Draws>
FlowState opening_state(const FlowParameters& p, Draws& draws)
{
  FlowState s;
  const int buckets = bucket_count(p);
  // In the stationary state the active mix by gender is the referral mix weighted by mean stay.
  const double stay_w = p.women_share / p.exit_probability[women];
  const double stay_m = (1.0 - p.women_share) / p.exit_probability[men];
  const double active_women_share = stay_w + stay_m > 0 ? stay_w / (stay_w + stay_m) : 0.0;
  const double opening_women = draws.binomial(p.opening_active, active_women_share);
  const std::array<double, gender_count> opening{opening_women, p.opening_active - opening_women};
  for (int g = 0; g < gender_count; ++g) {
    s.active[g].assign(static_cast<std::size_t>(buckets), 0.0);
    const std::vector<double> w = stationary_stay(p.exit_probability[g], buckets);
    draws.multinomial(opening[g], w, s.active[g]);
  }
  s.queue[women] = draws.binomial(p.opening_queue, p.women_share);
  s.queue[men] = p.opening_queue - s.queue[women];
  return s;
}

template <class Draws>
void step_month(FlowState& s, const FlowParameters& p, int calendar_month, Draws& draws, MonthFlows& out)
{
  const int buckets = bucket_count(p);
  std::array<double, given_reason_count> counts{};
  const std::span<const double> mix(p.reason_mix.data(), given_reason_count);

  // 1–2. Exits among those active at the start of the month.
  for (int g = 0; g < gender_count; ++g) {
    std::vector<double>& a = s.active[g];
    if (p.max_stay_months > 0) {
      out.exits[g][tidsbegransning] += a[buckets - 1];  // completed the limit: leave first
      a[buckets - 1] = 0.0;
    }
    const double leaving = draws.thin(a, p.exit_probability[g]);
    draws.multinomial(leaving, mix, counts);
    for (int r = 0; r < given_reason_count; ++r) out.exits[g][r] += counts[r];
    // Survivors complete one more month.
    if (p.max_stay_months > 0) {
      for (int k = buckets - 1; k > 0; --k) a[k] = a[k - 1];
      a[0] = 0.0;
    }
  }

  // 3. Referrals join the queue.
  const double referred = draws.poisson(p.referrals_per_month * p.seasonality[calendar_month]);
  const double referred_women = draws.binomial(referred, p.women_share);
  std::array<double, referrer_count> by_referrer{};
  draws.multinomial(referred, p.referrers, by_referrer);
  out.referrals += referred;
  out.referrals_by_gender[women] += referred_women;
  out.referrals_by_gender[men] += referred - referred_women;
  for (int r = 0; r < referrer_count; ++r) out.referrals_by_referrer[r] += by_referrer[r];
  s.queue[women] += referred_women;
  s.queue[men] += referred - referred_women;

  // 4. The queue loses its abandoners, pro rata to everyone waiting.
  for (int g = 0; g < gender_count; ++g) {
    const double gone = draws.binomial(s.queue[g], p.queue_abandon);
    s.queue[g] -= gone;
    out.abandoned += gone;
  }

  // 5. Free places are filled from the queue.
  const double free = std::max(0.0, p.capacity - s.active_total());
  const double waiting = s.queue_total();
  const double admitted = std::min(waiting, free);
  const double admitted_women = draws.hypergeometric(waiting, s.queue[women], admitted);
  const std::array<double, gender_count> admitted_by{admitted_women, admitted - admitted_women};
  std::array<double, entry_support_count> sources{};
  for (int g = 0; g < gender_count; ++g) {
    s.queue[g] -= admitted_by[g];
    s.active[g][0] += admitted_by[g];
    out.starts_by_gender[g] += admitted_by[g];
    draws.multinomial(admitted_by[g], p.entry_support[g], sources);
    for (int k = 0; k < entry_support_count; ++k) out.entry_support[k] += sources[k];
  }
  out.starts += admitted;
  out.kommun_scratch.resize(p.kommun_shares.size());
  out.starts_by_kommun.resize(p.kommun_shares.size(), 0.0);
  draws.multinomial(admitted, p.kommun_shares, out.kommun_scratch);
  for (std::size_t k = 0; k < out.kommun_scratch.size(); ++k) out.starts_by_kommun[k] += out.kommun_scratch[k];

  out.active_end = s.active_total();
  out.queue_end = s.queue_total();
}

namespace {

/// Source at exit for the month's exits, drawn per gender and reason.
template <class Draws>
void assign_exit_support(const FlowParameters& p, Draws& draws, MonthFlows& m)
{
  std::array<double, support_count> to{};
  for (int g = 0; g < gender_count; ++g)
    for (int r = 0; r < reason_count; ++r) {
      if (m.exits[g][r] <= 0.0) continue;
      const Eigen::Matrix<double, 1, support_count> row = p.exit_support_by_reason[g].row(r);
      draws.multinomial(m.exits[g][r], std::span<const double>(row.data(), support_count), to);
      for (int k = 0; k < support_count; ++k) m.exit_support[k] += to[k];
    }
}

}  // namespace

template <class Draws>
InsatsFlows simulate_flows(const FlowParameters& p, Draws& draws)
{
  const int years = (p.months + 11) / 12;
  const auto kommuner = static_cast<Eigen::Index>(p.kommun_shares.size());
  InsatsFlows f;
  for (auto* v : {&f.referrals, &f.starts, &f.served, &f.active_end, &f.queue_end, &f.abandoned, &f.exits,
                  &f.exits_work_studies, &f.participant_months, &f.mean_wait_months, &f.capacity_use})
    v->assign(static_cast<std::size_t>(years), 0.0);
  f.referrals_by_referrer = YearTable::Zero(referrer_count, years);
  f.referrals_by_gender = YearTable::Zero(gender_count, years);
  f.starts_by_gender = YearTable::Zero(gender_count, years);
  f.exits_by_gender = YearTable::Zero(gender_count, years);
  f.exits_by_reason = YearTable::Zero(reason_count, years);
  f.entry_support = YearTable::Zero(support_count, years);
  f.exit_support = YearTable::Zero(support_count, years);
  f.starts_by_kommun = YearTable::Zero(kommuner, years);
  f.served_by_kommun = YearTable::Zero(kommuner, years);
  f.starts_monthly.assign(static_cast<std::size_t>(p.months), 0.0);
  f.active_end_monthly.assign(static_cast<std::size_t>(p.months), 0.0);
  std::vector<double> queue_sum(years, 0.0), active_sum(years, 0.0), active_months(years, 0.0);

  FlowState state;
  MonthFlows month;
  std::vector<double> kommun(p.kommun_shares.size());
  for (int m = p.first_month; m <= p.last_month && m < p.months; ++m) {
    const int y = m / 12;
    if (m == p.first_month) state = opening_state(p, draws);
    if (m == p.first_month || m % 12 == 0) {
      // Served counts those active when the year (or the insats) begins.
      const double carried = state.active_total();
      f.served[y] += carried;
      draws.multinomial(carried, p.kommun_shares, kommun);
      for (Eigen::Index k = 0; k < kommuner; ++k) f.served_by_kommun(k, y) += kommun[k];
    }
    month.reset(p.kommun_shares.size());
    step_month(state, p, (p.calendar_offset + m) % 12, draws, month);
    if (m == p.last_month && p.ends_in_run) {
      // The insats ends: everyone still active leaves at the time limit, the queue gives up.
      for (int g = 0; g < gender_count; ++g) {
        for (double& a : state.active[g]) {
          month.exits[g][tidsbegransning] += a;
          a = 0.0;
        }
        month.abandoned += state.queue[g];
        state.queue[g] = 0.0;
      }
    }
    assign_exit_support(p, draws, month);

    f.referrals[y] += month.referrals;
    f.starts[y] += month.starts;
    f.served[y] += month.starts;
    f.abandoned[y] += month.abandoned;
    f.starts_monthly[m] = month.starts;
    f.active_end_monthly[m] = month.active_end;
    f.participant_months[y] += month.active_end;
    queue_sum[y] += month.queue_end;
    active_sum[y] += month.active_end;
    active_months[y] += 1.0;
    for (int r = 0; r < referrer_count; ++r) f.referrals_by_referrer(r, y) += month.referrals_by_referrer[r];
    for (int g = 0; g < gender_count; ++g) {
      f.referrals_by_gender(g, y) += month.referrals_by_gender[g];
      f.starts_by_gender(g, y) += month.starts_by_gender[g];
      for (int r = 0; r < reason_count; ++r) {
        f.exits_by_reason(r, y) += month.exits[g][r];
        f.exits_by_gender(g, y) += month.exits[g][r];
        f.exits[y] += month.exits[g][r];
      }
    }
    for (int k = 0; k < support_count; ++k) {
      f.entry_support(k, y) += month.entry_support[k];
      f.exit_support(k, y) += month.exit_support[k];
    }
    for (Eigen::Index k = 0; k < kommuner; ++k) f.starts_by_kommun(k, y) += month.starts_by_kommun[k];
    f.active_end[y] = state.active_total();
    f.queue_end[y] = state.queue_total();
  }
  for (int y = 0; y < years; ++y) {
    f.exits_work_studies[y] = f.exits_by_reason(0, y) + f.exits_by_reason(1, y);
    f.mean_wait_months[y] = f.starts[y] > 0.0 ? queue_sum[y] / f.starts[y] : 0.0;
    f.capacity_use[y] = active_months[y] > 0.0 && std::isfinite(p.capacity) && p.capacity > 0.0
                            ? active_sum[y] / active_months[y] / p.capacity
                            : std::numeric_limits<double>::quiet_NaN();
  }
  return f;
}

template FlowState opening_state(const FlowParameters&, ExpectedDraws&);
template FlowState opening_state(const FlowParameters&, RandomStream&);
template void step_month(FlowState&, const FlowParameters&, int, ExpectedDraws&, MonthFlows&);
template void step_month(FlowState&, const FlowParameters&, int, RandomStream&, MonthFlows&);
template InsatsFlows simulate_flows(const FlowParameters&, ExpectedDraws&);
template InsatsFlows simulate_flows(const FlowParameters&, RandomStream&);

}  // namespace finsim
