#include "models/participant_flow.h"

#include <algorithm>
#include <cmath>

#include "sampling/random_stream.h"

namespace finsim {

void MonthFlows::reset(std::size_t kommuner)
{
  referrals = abandoned = starts = active_end = queue_end = exits_work_studies = 0.0;
  referrals_by_gender.fill(0.0);
  starts_by_gender.fill(0.0);
  exits_by_gender.fill(0.0);
  referrals_by_referrer.fill(0.0);
  entry_support.fill(0.0);
  exit_support.fill(0.0);
  for (auto& g : exits) g.fill(0.0);
  starts_by_kommun.assign(kommuner, 0.0);
}

void MonthFlows::total_exits()
{
  exits_work_studies = 0.0;
  for (int g = 0; g < gender_count; ++g) {
    exits_by_gender[g] = 0.0;
    for (double x : exits[g]) exits_by_gender[g] += x;
    exits_work_studies += exits[g][0] + exits[g][1];  // arbete, studier
  }
}

double FlowState::active_total() const
{
  double total = 0.0;
  for (const auto& g : active)
    for (double x : g) total += x;
  return total;
}

FlowTally::FlowTally(const FlowParameters& p, bool breakdowns, InsatsFlows& out)
    : p_(p), breakdowns_(breakdowns), f_(out)
{
  const int years = (p.months + 11) / 12;
  const auto y = static_cast<std::size_t>(years);
  for (auto* v : {&f_.referrals, &f_.starts, &f_.served, &f_.active_end, &f_.queue_end, &f_.abandoned, &f_.exits,
                  &f_.exits_work_studies, &f_.participant_months, &f_.mean_wait_months, &f_.capacity_use})
    v->assign(y, 0.0);
  const int columns = breakdowns ? years : 0;
  const auto kommuner = static_cast<Eigen::Index>(p.kommun_shares.size());
  f_.referrals_by_gender.setZero(gender_count, columns);
  f_.starts_by_gender.setZero(gender_count, columns);
  f_.exits_by_gender.setZero(gender_count, columns);
  f_.referrals_by_referrer.setZero(referrer_count, columns);
  f_.exits_by_reason.setZero(reason_count, columns);
  f_.entry_support.setZero(support_count, columns);
  f_.exit_support.setZero(support_count, columns);
  f_.work_studies_by_entry.setZero(entry_support_count, columns);
  f_.starts_by_kommun.setZero(kommuner, columns);
  f_.served_by_kommun.setZero(kommuner, columns);
  f_.starts_monthly.assign(static_cast<std::size_t>(p.months), 0.0);
  f_.active_end_monthly.assign(static_cast<std::size_t>(p.months), 0.0);
}

void FlowTally::carried(int year, double active, std::span<const double> by_kommun)
{
  f_.served[static_cast<std::size_t>(year)] += active;
  if (breakdowns_)
    for (std::size_t k = 0; k < by_kommun.size(); ++k)
      f_.served_by_kommun(static_cast<Eigen::Index>(k), year) += by_kommun[k];
}

void FlowTally::add(int month, const MonthFlows& m, double active, double queue)
{
  const int y = month / 12;
  f_.starts_monthly[static_cast<std::size_t>(month)] = m.starts;
  f_.active_end_monthly[static_cast<std::size_t>(month)] = m.active_end;
  add_totals(y,
             {m.referrals, m.abandoned, m.starts, m.exits_by_gender[women] + m.exits_by_gender[men],
              m.exits_work_studies, m.active_end, m.queue_end},
             active, queue);
  if (!breakdowns_) return;
  for (int g = 0; g < gender_count; ++g) add_referrals_by_gender(y, g, m.referrals_by_gender[g]);
  add_breakdowns(y, m);
}

void FlowTally::add_totals(int year, const FlowTotals& t, double active, double queue)
{
  const auto y = static_cast<std::size_t>(year);
  f_.referrals[y] += t.referrals;
  f_.starts[y] += t.starts;
  f_.served[y] += t.starts;
  f_.abandoned[y] += t.abandoned;
  f_.exits[y] += t.exits;
  f_.exits_work_studies[y] += t.exits_work_studies;
  f_.participant_months[y] += t.active_months;
  f_.mean_wait_months[y] += t.queue_months;  // a sum until finish()
  f_.capacity_use[y] += t.active_months;     // a sum until finish()
  f_.active_end[y] = active;
  f_.queue_end[y] = queue;
}

void FlowTally::add_referrals_by_gender(int year, int g, double count)
{
  if (breakdowns_) f_.referrals_by_gender(g, year) += count;
}

void FlowTally::add_breakdowns(int y, const MonthFlows& m)
{
  if (!breakdowns_) return;
  for (int g = 0; g < gender_count; ++g) {
    f_.starts_by_gender(g, y) += m.starts_by_gender[g];
    f_.exits_by_gender(g, y) += m.exits_by_gender[g];
  }
  for (int r = 0; r < referrer_count; ++r) f_.referrals_by_referrer(r, y) += m.referrals_by_referrer[r];
  for (int g = 0; g < gender_count; ++g)
    for (int r = 0; r < reason_count; ++r) {
      f_.exits_by_reason(r, y) += m.exits[g][r];
      if (m.exits[g][r] > 0.0)
        f_.work_studies_by_entry.col(y) += m.exits[g][r] * p_.work_studies_by_entry[g].row(r).transpose();
    }
  for (int k = 0; k < support_count; ++k) {
    f_.entry_support(k, y) += m.entry_support[k];
    f_.exit_support(k, y) += m.exit_support[k];
  }
  for (std::size_t k = 0; k < m.starts_by_kommun.size(); ++k) {
    // Served = those carried into the year + the year's starts, kommun by kommun as in total.
    f_.starts_by_kommun(static_cast<Eigen::Index>(k), y) += m.starts_by_kommun[k];
    f_.served_by_kommun(static_cast<Eigen::Index>(k), y) += m.starts_by_kommun[k];
  }
}

void FlowTally::finish()
{
  // The months the insats ran in each year: those the kernels step through.
  const int first = p_.first_month, last = std::min(p_.last_month, p_.months - 1);
  for (std::size_t y = 0; y < f_.starts.size(); ++y) {
    const int from = std::max(first, 12 * static_cast<int>(y)), to = std::min(last, 12 * static_cast<int>(y) + 11);
    const double months = to >= from ? to - from + 1 : 0;
    const double queue_sum = f_.mean_wait_months[y], active_sum = f_.capacity_use[y];
    f_.mean_wait_months[y] = f_.starts[y] > 0.0 ? queue_sum / f_.starts[y] : 0.0;
    f_.capacity_use[y] = months > 0.0 && std::isfinite(p_.capacity) && p_.capacity > 0.0
                             ? active_sum / months / p_.capacity
                             : std::numeric_limits<double>::quiet_NaN();
  }
}

void add_spell(const InsatsFlows& spell, InsatsFlows& total)
{
  auto add = [](std::vector<double>& a, const std::vector<double>& b) {
    for (std::size_t k = 0; k < a.size(); ++k) a[k] += b[k];
  };
  for (auto member :
       {&InsatsFlows::referrals, &InsatsFlows::starts, &InsatsFlows::served, &InsatsFlows::active_end,
        &InsatsFlows::queue_end, &InsatsFlows::abandoned, &InsatsFlows::exits, &InsatsFlows::exits_work_studies,
        &InsatsFlows::participant_months, &InsatsFlows::starts_monthly, &InsatsFlows::active_end_monthly})
    add(total.*member, spell.*member);
  for (auto member : {&InsatsFlows::referrals_by_gender, &InsatsFlows::starts_by_gender, &InsatsFlows::exits_by_gender,
                      &InsatsFlows::referrals_by_referrer, &InsatsFlows::exits_by_reason, &InsatsFlows::entry_support,
                      &InsatsFlows::exit_support, &InsatsFlows::starts_by_kommun, &InsatsFlows::served_by_kommun,
                      &InsatsFlows::work_studies_by_entry})
    total.*member += spell.*member;
  for (std::size_t y = 0; y < total.capacity_use.size(); ++y)
    if (!std::isnan(spell.capacity_use[y]) || spell.participant_months[y] > 0.0 || spell.starts[y] > 0.0) {
      total.capacity_use[y] = spell.capacity_use[y];
      total.mean_wait_months[y] = spell.mean_wait_months[y];
    }
}

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

double stationary_women_share(const FlowParameters& p)
{
  const double stay_w = p.women_share / p.exit_probability[women];
  const double stay_m = (1.0 - p.women_share) / p.exit_probability[men];
  return stay_w + stay_m > 0 ? stay_w / (stay_w + stay_m) : 0.0;
}

namespace {

int bucket_count(const FlowParameters& p) { return p.max_stay_months > 0 ? p.max_stay_months : 1; }

}  // namespace

FlowState opening_state(const FlowParameters& p)
{
  FlowState s;
  const int buckets = bucket_count(p);
  const double opening_women = p.opening_active * stationary_women_share(p);
  const std::array<double, gender_count> opening{opening_women, p.opening_active - opening_women};
  for (int g = 0; g < gender_count; ++g) {
    const std::vector<double> w = stationary_stay(p.exit_probability[g], buckets);
    s.active[g].resize(w.size());
    for (std::size_t k = 0; k < w.size(); ++k) s.active[g][k] = opening[g] * w[k];
  }
  s.queue[women] = p.opening_queue * p.women_share;
  s.queue[men] = p.opening_queue - s.queue[women];
  return s;
}

void step_month(FlowState& s, const FlowParameters& p, int calendar_month, MonthFlows& out)
{
  const int buckets = bucket_count(p);
  ExpectedDraws expected;

  // 1–2. Exits among those active at the start of the month.
  for (int g = 0; g < gender_count; ++g) {
    std::vector<double>& a = s.active[g];
    if (p.max_stay_months > 0) {
      out.exits[g][tidsbegransning] += a[buckets - 1];  // completed the limit: leave first
      a[buckets - 1] = 0.0;
    }
    double leaving = 0.0;
    for (double& c : a) {
      leaving += c * p.exit_probability[g];
      c -= c * p.exit_probability[g];
    }
    for (int r = 0; r < given_reason_count; ++r) out.exits[g][r] += leaving * p.reason_mix[r];
    // Survivors complete one more month.
    if (p.max_stay_months > 0) {
      for (int k = buckets - 1; k > 0; --k) a[k] = a[k - 1];
      a[0] = 0.0;
    }
  }

  // 3. Referrals join the queue.
  const double referred = p.referrals_per_month * p.seasonality[calendar_month];
  const double referred_women = referred * p.women_share;
  out.referrals += referred;
  out.referrals_by_gender[women] += referred_women;
  out.referrals_by_gender[men] += referred - referred_women;
  for (int r = 0; r < referrer_count; ++r) out.referrals_by_referrer[r] += referred * p.referrers[r];
  s.queue[women] += referred_women;
  s.queue[men] += referred - referred_women;

  // 4. The queue loses its abandoners, pro rata to everyone waiting.
  for (int g = 0; g < gender_count; ++g) {
    const double gone = s.queue[g] * p.queue_abandon;
    s.queue[g] -= gone;
    out.abandoned += gone;
  }

  // 5. Free places are filled from the queue, women and men pro rata.
  const double free = std::max(0.0, p.capacity - s.active_total());
  const double waiting = s.queue_total();
  const double admitted = std::min(waiting, free);
  const double admitted_women = waiting > 0.0 ? admitted * s.queue[women] / waiting : 0.0;
  const std::array<double, gender_count> admitted_by{admitted_women, admitted - admitted_women};
  std::array<double, entry_support_count> sources{};
  for (int g = 0; g < gender_count; ++g) {
    s.queue[g] -= admitted_by[g];
    s.active[g][0] += admitted_by[g];
    out.starts_by_gender[g] += admitted_by[g];
    expected.multinomial(admitted_by[g], p.entry_support[g], sources);
    for (int k = 0; k < entry_support_count; ++k) out.entry_support[k] += sources[k];
  }
  out.starts += admitted;
  out.starts_by_kommun.resize(p.kommun_shares.size(), 0.0);
  for (std::size_t k = 0; k < p.kommun_shares.size(); ++k) out.starts_by_kommun[k] += admitted * p.kommun_shares[k];

  out.active_end = s.active_total();
  out.queue_end = s.queue_total();
}

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

InsatsFlows simulate_flows(const FlowParameters& p)
{
  InsatsFlows flows;
  FlowTally tally(p, true, flows);
  FlowState state;
  MonthFlows month;
  std::vector<double> kommun(p.kommun_shares.size());
  ExpectedDraws expected;
  for (int m = p.first_month; m <= p.last_month && m < p.months; ++m) {
    if (m == p.first_month) state = opening_state(p);
    if (m == p.first_month || m % 12 == 0) {
      // Served counts those active when the year (or the insats) begins.
      const double carried = state.active_total();
      expected.multinomial(carried, p.kommun_shares, kommun);
      tally.carried(m / 12, carried, kommun);
    }
    month.reset(p.kommun_shares.size());
    step_month(state, p, (p.calendar_offset + m) % 12, month);
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
    month.total_exits();
    assign_exit_support(p, expected, month);
    tally.add(m, month, state.active_total(), state.queue_total());
  }
  tally.finish();
  return flows;
}

template void assign_exit_support(const FlowParameters&, ExpectedDraws&, MonthFlows&);
template void assign_exit_support(const FlowParameters&, RandomStream&, MonthFlows&);

}  // namespace finsim
