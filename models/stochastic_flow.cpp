#include "models/stochastic_flow.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/binomial_table.h"

namespace finsim {

namespace {

/// The months in which people already admitted will leave, by gender: at the monthly hazard or
/// at the time limit. Indexed by month of the run; exits after the run are not kept.
class ExitSchedule {
 public:
  explicit ExitSchedule(const FlowParameters& p)
      : months_(p.months), limit_(p.max_stay_months), counts_(4 * static_cast<std::size_t>(p.months), 0)
  {
    for (int g = 0; g < gender_count; ++g) {
      const double q = p.exit_probability[g];
      // Months to the first exit at the hazard: 1 + floor(log u / log(1 − q)), geometric on 1, 2, …
      // (per_log_ 0: everyone leaves after one month; NaN: nobody leaves at the hazard).
      per_log_[g] = q >= 1.0 ? 0.0 : q > 0.0 ? 1.0 / std::log1p(-q) : std::numeric_limits<double>::quiet_NaN();
    }
  }

  /// Schedules someone of gender g active after month `month` who has `trials` more months in
  /// which the hazard applies before the time limit makes them leave (ignored without a limit).
  void schedule(int g, int month, int trials, RandomStream& core)
  {
    double wait = 1.0;
    if (std::isnan(per_log_[g]))
      wait = std::numeric_limits<double>::infinity();
    else if (per_log_[g] != 0.0)
      wait = 1.0 + std::floor(std::log(core.uniform32()) * per_log_[g]);
    if (limit_ > 0 && wait > trials) {
      const int at = month + trials + 1;
      if (at < months_) ++slot(2 + g, at);
    } else if (month + wait < months_) {
      ++slot(g, month + static_cast<int>(wait));
    }
  }

  int hazard(int g, int month) { return slot(g, month); }
  int at_limit(int g, int month) { return slot(2 + g, month); }

 private:
  /// Row 0–1: exits at the hazard by gender; row 2–3: at the limit.
  int& slot(int row, int month) { return counts_[static_cast<std::size_t>(row * months_ + month)]; }

  int months_, limit_;
  std::array<double, gender_count> per_log_{};
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

}  // namespace

InsatsFlows simulate_flows(const FlowParameters& p, RandomStream& core, RandomStream* breakdowns)
{
  InsatsFlows flows;
  simulate_flows(p, core, breakdowns, flows);
  return flows;
}

void simulate_flows(const FlowParameters& p, RandomStream& core, RandomStream* breakdowns, InsatsFlows& out)
{
  FlowTally tally(p, breakdowns != nullptr, out);
  if (p.first_month > p.last_month || p.first_month >= p.months) {
    tally.finish();
    return;
  }
  const int limit = p.max_stay_months;
  const int trials_after_start = limit > 0 ? limit - 1 : -1;
  const ReasonGroups reasons(p.reason_mix);
  const BinomialTable work_studies_of(reasons.work_studies), women_of(p.women_share), abandoning(p.queue_abandon);
  ExitSchedule schedule(p);
  std::array<double, gender_count> active{}, queue{};

  // Opening state: whole people, by gender and stay length as in the stationary state. Someone
  // who has completed k + 1 months leaves at the limit after limit − 1 − k more hazard months.
  const double opening = std::round(std::max(0.0, p.opening_active));
  active[women] = core.binomial(opening, stationary_women_share(p));
  active[men] = opening - active[women];
  const int buckets = limit > 0 ? limit : 1;
  for (int g = 0; g < gender_count; ++g) {
    const std::vector<double> w = stationary_stay(p.exit_probability[g], buckets);
    for (int person = 0; person < static_cast<int>(active[g]); ++person) {
      int k = 0;
      for (double u = core.uniform32(); k + 1 < buckets && u >= w[static_cast<std::size_t>(k)]; ++k)
        u -= w[static_cast<std::size_t>(k)];
      schedule.schedule(g, p.first_month - 1, limit > 0 ? limit - 1 - k : -1, core);
    }
  }
  const double opening_queue = std::round(std::max(0.0, p.opening_queue));
  queue[women] = core.binomial(opening_queue, p.women_share);
  queue[men] = opening_queue - queue[women];

  // Referrals per calendar month: means of at most 30 use exp(−mean) computed once.
  std::array<double, 12> referral_mean{}, referral_exp{};
  for (int c = 0; c < 12; ++c) {
    referral_mean[c] = p.referrals_per_month * p.seasonality[c];
    referral_exp[c] = std::exp(-referral_mean[c]);
  }

  MonthFlows month;
  const std::size_t kommuner = breakdowns ? p.kommun_shares.size() : 0;
  std::vector<double> kommun(kommuner);
  std::array<double, entry_support_count> sources{};
  for (int m = p.first_month; m <= p.last_month && m < p.months; ++m) {
    if (m == p.first_month || m % 12 == 0) {
      // Served counts those active when the year (or the insats) begins.
      const double carried = active[women] + active[men];
      if (breakdowns) breakdowns->multinomial(carried, p.kommun_shares, kommun);
      tally.carried(m / 12, carried, kommun);
    }
    if (breakdowns)
      month.reset(kommuner);
    else
      month.reset_totals();

    // 1–2. Exits: those at the time limit, then those whose hazard month this is.
    for (int g = 0; g < gender_count; ++g) {
      const int at_limit = schedule.at_limit(g, m), hazard = schedule.hazard(g, m);
      active[g] -= at_limit + hazard;
      const double work_studies = work_studies_of.draw(hazard, core);
      month.exits_by_gender[g] = at_limit + hazard;
      month.exits_work_studies += work_studies;
      if (breakdowns) {
        month.exits[g][tidsbegransning] = at_limit;
        month.exits[g][0] = breakdowns->binomial(work_studies, reasons.arbete_within);
        month.exits[g][1] = work_studies - month.exits[g][0];
        breakdowns->multinomial(hazard - work_studies, reasons.other_within,
                                std::span<double>(month.exits[g].data() + 2, given_reason_count - 2));
      }
    }

    // 3. Referrals join the queue.
    const int c = (p.calendar_offset + m) % 12;
    const double referred = referral_mean[c] <= 30.0 ? core.poisson(referral_mean[c], referral_exp[c])
                                                     : core.poisson(referral_mean[c]);
    const double referred_women = women_of.draw(referred, core);
    month.referrals = referred;
    month.referrals_by_gender = {referred_women, referred - referred_women};
    if (breakdowns) breakdowns->multinomial(referred, p.referrers, month.referrals_by_referrer);
    queue[women] += referred_women;
    queue[men] += referred - referred_women;

    // 4. The queue loses its abandoners.
    for (int g = 0; g < gender_count; ++g) {
      const double gone = abandoning.draw(queue[g], core);
      queue[g] -= gone;
      month.abandoned += gone;
    }

    // 5. Free places are filled from the queue; each newcomer's exit month is drawn.
    const double waiting = queue[women] + queue[men];
    const double free = std::max(0.0, std::floor(p.capacity - active[women] - active[men] + 1e-9));
    const double admitted = std::min(waiting, free);
    const double admitted_women = core.hypergeometric(waiting, queue[women], admitted);
    const std::array<double, gender_count> admitted_by{admitted_women, admitted - admitted_women};
    for (int g = 0; g < gender_count; ++g) {
      queue[g] -= admitted_by[g];
      active[g] += admitted_by[g];
      month.starts_by_gender[g] = admitted_by[g];
      for (int person = 0; person < static_cast<int>(admitted_by[g]); ++person)
        schedule.schedule(g, m, trials_after_start, core);
      if (breakdowns) {
        breakdowns->multinomial(admitted_by[g], p.entry_support[g], sources);
        for (int k = 0; k < entry_support_count; ++k) month.entry_support[k] += sources[k];
      }
    }
    month.starts = admitted;
    if (breakdowns) breakdowns->multinomial(admitted, p.kommun_shares, month.starts_by_kommun);
    month.active_end = active[women] + active[men];
    month.queue_end = queue[women] + queue[men];

    if (m == p.last_month && p.ends_in_run) {
      // The insats ends: everyone still active leaves at the time limit, the queue gives up.
      for (int g = 0; g < gender_count; ++g) {
        month.exits_by_gender[g] += active[g];
        month.exits[g][tidsbegransning] += breakdowns ? active[g] : 0.0;
        month.abandoned += queue[g];
        active[g] = queue[g] = 0.0;
      }
    }
    if (breakdowns) assign_exit_support(p, *breakdowns, month);
    tally.add(m, month, active[women] + active[men], queue[women] + queue[men]);
  }
  tally.finish();
}

}  // namespace finsim
