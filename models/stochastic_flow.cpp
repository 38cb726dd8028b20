#include "models/stochastic_flow.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace finsim {

namespace {

/// Months a stay table tells apart: up to the time limit's last hazard month, and never past
/// the run (a later exit is not counted anyway).
int longest_stay(const FlowParameters& p)
{
  return p.max_stay_months > 0 ? std::min(p.max_stay_months - 1, p.months) : p.months;
}

/// The months in which people already admitted will leave, by gender: at the monthly hazard or
/// at the time limit. Indexed by month of the run; exits after the run are not kept.
class ExitSchedule {
 public:
  ExitSchedule(const FlowParameters& p, const std::array<GeometricTable, gender_count>& stay)
      : months_(p.months), limit_(p.max_stay_months), stay_(stay), counts_(4 * static_cast<std::size_t>(p.months), 0)
  {
  }

  /// Schedules someone of gender g active after month `month` who has `trials` more months in
  /// which the hazard applies before the time limit makes them leave (ignored without a limit).
  void schedule(int g, int month, int trials, RandomStream& core)
  {
    const int wait = stay_[g].draw(core);
    if (limit_ > 0 && wait > trials) {
      const int at = month + trials + 1;
      if (at < months_) ++slot(2 + g, at);
    } else if (month + wait < months_) {
      ++slot(g, month + wait);
    }
  }

  int hazard(int g, int month) const { return counts_[index(g, month)]; }
  int at_limit(int g, int month) const { return counts_[index(2 + g, month)]; }

 private:
  /// Row 0–1: exits at the hazard by gender; row 2–3: at the limit.
  std::size_t index(int row, int month) const { return static_cast<std::size_t>(row * months_ + month); }
  int& slot(int row, int month) { return counts_[index(row, month)]; }

  int months_, limit_;
  const std::array<GeometricTable, gender_count>& stay_;
  std::vector<int> counts_;
};

/// The reason mix split into the two groups the core stream draws between (arbete or studier,
/// and the other nine given reasons) and the shares within each group.
struct ReasonGroups {
  double work_studies = 0.0;      ///< P(arbete or studier | exit at the hazard)
  double arbete_within = 0.0;     ///< P(arbete | arbete or studier)
  std::array<double, given_reason_count - 2> other_within{};  ///< reasons 2–10 within the rest

  explicit ReasonGroups(const std::array<double, reason_count>& mix)
  {
    work_studies = mix[0] + mix[1];
    arbete_within = work_studies > 0.0 ? mix[0] / work_studies : 0.0;
    double sum = 0.0;
    for (int r = 2; r < given_reason_count; ++r) sum += mix[r];
    for (int r = 2; r < given_reason_count; ++r)
      other_within[r - 2] = sum > 0.0 ? mix[r] / sum : (r == given_reason_count - 1 ? 1.0 : 0.0);
  }
};

/// The monthly loop; `Detailed` compiles it with the breakdowns drawn on `breakdowns`.
template <bool Detailed>
void run_months(const FlowParameters& p, const FlowTables& t, RandomStream& core, RandomStream* breakdowns,
                InsatsFlows& out)
{
  FlowTally tally(p, Detailed, out);
  if (p.first_month > p.last_month || p.first_month >= p.months) {
    tally.finish();
    return;
  }
  const int limit = p.max_stay_months;
  const int trials_after_start = limit > 0 ? limit - 1 : -1;
  const ReasonGroups reasons(p.reason_mix);
  const BinomialTable work_studies_of(reasons.work_studies, 16);  // a month's hazard exits are few
  ExitSchedule schedule(p, t.stay);
  std::array<int, gender_count> active{}, queue{};

  // Opening state: whole people, by gender and stay length as in the stationary state. Someone
  // who has completed k + 1 months leaves at the limit after limit − 1 − k more hazard months.
  const auto opening = static_cast<int>(std::round(std::max(0.0, p.opening_active)));
  active[women] = static_cast<int>(core.binomial(opening, t.opening_women_share));
  active[men] = opening - active[women];
  for (int g = 0; g < gender_count; ++g) {
    const std::vector<double>& below = t.opening_stay[g];
    const int last_bucket = static_cast<int>(below.size()) - 1;
    for (int person = 0; person < active[g]; ++person) {
      const double u = core.uniform32();
      int k = 0;
      while (k < last_bucket && u >= below[static_cast<std::size_t>(k)]) ++k;
      schedule.schedule(g, p.first_month - 1, limit > 0 ? limit - 1 - k : -1, core);
    }
  }
  const auto opening_queue = static_cast<int>(std::round(std::max(0.0, p.opening_queue)));
  queue[women] = static_cast<int>(core.binomial(opening_queue, p.women_share));
  queue[men] = opening_queue - queue[women];

  // Referrals per calendar month (a table per distinct mean).
  std::array<PoissonTable, 12> referrals;
  for (int c = 0; c < 12; ++c) {
    const double mean = p.referrals_per_month * p.seasonality[c];
    referrals[c] = c > 0 && mean == referrals[c - 1].mean() ? referrals[c - 1] : PoissonTable(mean);
  }

  MonthFlows month;
  const std::size_t kommuner = Detailed ? p.kommun_shares.size() : 0;
  std::vector<double> kommun(kommuner);
  std::array<double, entry_support_count> sources{};
  for (int m = p.first_month; m <= p.last_month && m < p.months; ++m) {
    if (m == p.first_month || m % 12 == 0) {
      // Served counts those active when the year (or the insats) begins.
      const double carried = active[women] + active[men];
      if constexpr (Detailed) breakdowns->multinomial(carried, p.kommun_shares, kommun);
      tally.carried(m / 12, carried, kommun);
    }
    if constexpr (Detailed)
      month.reset(kommuner);
    else
      month.reset_totals();

    // 1–2. Exits: those at the time limit, then those whose hazard month this is; how many of
    // the latter go to work or studies.
    std::array<int, gender_count> hazard{}, at_limit{};
    for (int g = 0; g < gender_count; ++g) {
      at_limit[g] = schedule.at_limit(g, m);
      hazard[g] = schedule.hazard(g, m);
      active[g] -= at_limit[g] + hazard[g];
      month.exits_by_gender[g] = at_limit[g] + hazard[g];
    }
    const int hazard_exits = hazard[women] + hazard[men];
    const int work_studies = work_studies_of.draw(hazard_exits, core);
    month.exits_work_studies = work_studies;
    if constexpr (Detailed) {
      const int women_work_studies = breakdowns->hypergeometric(hazard_exits, hazard[women], work_studies);
      const std::array<int, gender_count> to_work_studies{women_work_studies, work_studies - women_work_studies};
      for (int g = 0; g < gender_count; ++g) {
        month.exits[g][tidsbegransning] = at_limit[g];
        month.exits[g][0] = breakdowns->binomial(to_work_studies[g], reasons.arbete_within);
        month.exits[g][1] = to_work_studies[g] - month.exits[g][0];
        breakdowns->multinomial(hazard[g] - to_work_studies[g], reasons.other_within,
                                std::span<double>(month.exits[g].data() + 2, given_reason_count - 2));
      }
    }

    // 3. Referrals join the queue.
    const int c = (p.calendar_offset + m) % 12;
    const int referred = referrals[c].draw(core);
    const int referred_women = t.women_among.draw(referred, core);
    month.referrals = referred;
    month.referrals_by_gender = {static_cast<double>(referred_women), static_cast<double>(referred - referred_women)};
    if constexpr (Detailed) breakdowns->multinomial(referred, p.referrers, month.referrals_by_referrer);
    queue[women] += referred_women;
    queue[men] += referred - referred_women;

    // 4. The queue loses its abandoners.
    for (int g = 0; g < gender_count; ++g) {
      const int gone = t.abandons.draw(queue[g], core);
      queue[g] -= gone;
      month.abandoned += gone;
    }

    // 5. Free places are filled from the queue; each newcomer's exit month is drawn.
    const int waiting = queue[women] + queue[men];
    const int admitted = std::min(waiting, std::max(0, t.places - active[women] - active[men]));
    const int admitted_women = core.hypergeometric(waiting, queue[women], admitted);
    const std::array<int, gender_count> admitted_by{admitted_women, admitted - admitted_women};
    for (int person = 0; person < admitted; ++person)
      schedule.schedule(person < admitted_women ? women : men, m, trials_after_start, core);
    for (int g = 0; g < gender_count; ++g) {
      queue[g] -= admitted_by[g];
      active[g] += admitted_by[g];
      month.starts_by_gender[g] = admitted_by[g];
      if constexpr (Detailed) {
        breakdowns->multinomial(admitted_by[g], p.entry_support[g], sources);
        for (int k = 0; k < entry_support_count; ++k) month.entry_support[k] += sources[k];
      }
    }
    month.starts = admitted;
    if constexpr (Detailed) breakdowns->multinomial(admitted, p.kommun_shares, month.starts_by_kommun);
    month.active_end = active[women] + active[men];
    month.queue_end = waiting - admitted;

    if (m == p.last_month && p.ends_in_run) {
      // The insats ends: everyone still active leaves at the time limit, the queue gives up.
      for (int g = 0; g < gender_count; ++g) {
        month.exits_by_gender[g] += active[g];
        if constexpr (Detailed) month.exits[g][tidsbegransning] += active[g];
        month.abandoned += queue[g];
        active[g] = queue[g] = 0;
      }
    }
    if constexpr (Detailed) assign_exit_support(p, *breakdowns, month);
    tally.add(m, month, active[women] + active[men], queue[women] + queue[men]);
  }
  tally.finish();
}

}  // namespace

FlowTables::FlowTables(const FlowParameters& p)
    : stay{GeometricTable(p.exit_probability[women], longest_stay(p)),
           GeometricTable(p.exit_probability[men], longest_stay(p))},
      opening_women_share(stationary_women_share(p)),
      women_among(p.women_share),
      abandons(p.queue_abandon),
      places(std::isfinite(p.capacity) && p.capacity < std::numeric_limits<int>::max()
                 ? static_cast<int>(std::floor(std::max(0.0, p.capacity) + 1e-9))
                 : std::numeric_limits<int>::max())
{
  const int buckets = p.max_stay_months > 0 ? p.max_stay_months : 1;
  for (int g = 0; g < gender_count; ++g) {
    opening_stay[g] = stationary_stay(p.exit_probability[g], buckets);
    double below = 0.0;
    for (double& share : opening_stay[g]) share = below += share;
  }
}

InsatsFlows simulate_flows(const FlowParameters& p, RandomStream& core, RandomStream* breakdowns)
{
  InsatsFlows flows;
  simulate_flows(p, FlowTables(p), core, breakdowns, flows);
  return flows;
}

void simulate_flows(const FlowParameters& p, const FlowTables& tables, RandomStream& core, RandomStream* breakdowns,
                    InsatsFlows& out)
{
  if (breakdowns != nullptr)
    run_months<true>(p, tables, core, breakdowns, out);
  else
    run_months<false>(p, tables, core, nullptr, out);
}

}  // namespace finsim
