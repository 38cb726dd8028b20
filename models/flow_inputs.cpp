#include "models/flow_inputs.h"

#include <cmath>
#include <fmt/format.h>

#include "engine/error.h"

namespace finsim {

namespace {

double women_share(const ParticipantSpec& spec)
{
  if (spec.women_share) return *spec.women_share;
  if (spec.observed && spec.observed->women && spec.observed->men && *spec.observed->women + *spec.observed->men > 0)
    return *spec.observed->women / (*spec.observed->women + *spec.observed->men);
  return 0.5;
}

std::vector<double> kommun_shares(const Scenario& s, const ParticipantSpec& spec)
{
  std::vector<double> shares;
  double population = 0.0;
  int kommuner = 0;
  for (const Member& m : s.members)
    if (m.kind == MemberKind::kommun) {
      population += m.population;
      ++kommuner;
    }
  for (std::size_t i = 0; i < s.members.size(); ++i) {
    const Member& m = s.members[i];
    if (m.kind != MemberKind::kommun) continue;
    if (!spec.kommun_shares.empty())
      shares.push_back(spec.kommun_shares[i]);
    else
      shares.push_back(population > 0 ? m.population / population : 1.0 / kommuner);
  }
  return shares;
}

/// For each gender and exit reason, the distribution of the source of support at exit.
void exit_support_by_reason(const ParticipantSpec& spec, FlowParameters& p)
{
  for (int g = 0; g < gender_count; ++g) {
    auto& table = p.exit_support_by_reason[g];
    table.setZero();
    for (int r = 0; r < reason_count; ++r)
      for (int s = 0; s < entry_support_count; ++s) {
        const double entered = spec.entry_support[g][s];
        if (entered == 0.0) continue;
        if (spec.exit_support_row_given[s])
          table.row(r) += entered * spec.exit_support.row(s);
        else if (r == 0)
          table(r, support_arbete) += entered;
        else if (r == 1)
          table(r, support_studier) += entered;
        else
          table(r, s) += entered;
      }
  }
}

/// The opening active count at the insats' first active month when the scenario does not give
/// one: from an observed period that starts then (served − new) or ends just before (served −
/// exits); otherwise the last known stock, served − exits.
double default_opening(const Observed& o, const YearMonth& observed_start, const YearMonth& first_active)
{
  if (observed_start == first_active) return o.opening();
  return std::max(0.0, o.served - o.exits);
}

YearMonth observed_start(const Observed& o, const Insats& insats)
{
  return o.start_given ? o.start : insats.active.from;
}

FlowParameters base_parameters(const Scenario& s, const Insats& insats)
{
  const ParticipantSpec& spec = *insats.participants;
  FlowParameters p;
  if (spec.capacity) p.capacity = *spec.capacity;
  p.queue_abandon = spec.queue_abandon_per_month;
  p.seasonality = spec.seasonality;
  p.referrers = spec.referrers;
  p.women_share = women_share(spec);
  p.kommun_shares = kommun_shares(s, spec);
  p.max_stay_months = spec.max_stay_months;
  p.reason_mix = normalized_reason_mix(spec.reason_weights());
  p.entry_support = spec.entry_support;
  exit_support_by_reason(spec, p);
  p.opening_queue = spec.opening_queue;
  return p;
}

struct Fit {
  double starts, exits;
};

Fit fit(FlowParameters p, double referrals, const std::array<double, gender_count>& exit_probability)
{
  p.referrals_per_month = referrals;
  p.exit_probability = exit_probability;
  const InsatsFlows f = simulate_flows(p);
  Fit out{0.0, 0.0};
  for (double x : f.starts) out.starts += x;
  for (double x : f.exits) out.exits += x;
  return out;
}

/// The referral rate whose expected starts over the period equal `target`; nullopt when no rate
/// reaches it (the places are full).
std::optional<double> solve_referrals(const FlowParameters& p, const std::array<double, gender_count>& exit_probability,
                                      double target)
{
  double lo = 0.0, hi = std::max(1.0, 2.0 * target / p.months);
  for (int i = 0; fit(p, hi, exit_probability).starts < target; ++i) {
    if (i == 40) return std::nullopt;
    lo = hi;
    hi *= 2.0;
  }
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    (fit(p, mid, exit_probability).starts < target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

std::vector<std::optional<Calibration>> calibrate_participants(const Scenario& s)
{
  std::vector<std::optional<Calibration>> out(s.insatser.size());
  for (std::size_t i = 0; i < s.insatser.size(); ++i) {
    const Insats& insats = s.insatser[i];
    if (!insats.participants || !insats.participants->observed) continue;
    const ParticipantSpec& spec = *insats.participants;
    const Observed& o = *spec.observed;
    const std::string where = "insats." + insats.name + ".participants.observed";
    FlowParameters p = base_parameters(s, insats);
    const YearMonth start = observed_start(o, insats);
    p.months = o.months;
    p.calendar_offset = start.month - 1;
    p.first_month = 0;
    p.last_month = o.months - 1;
    p.opening_active = o.opening();
    if (p.opening_active < 0)
      throw InputError({Problem{s.source, 0, 0, where,
                                fmt::format("opening_active = {}: served − new must not be negative", p.opening_active)}});

    Calibration c;
    c.observed = o;
    c.start = start;
    c.referrals_derived = !spec.referrals_per_month;
    c.stay_derived = !spec.mean_stay_months;
    std::array<double, gender_count> exit_probability{1.0, 1.0};
    if (!c.stay_derived)
      exit_probability = {1.0 / (*spec.mean_stay_months)[women], 1.0 / (*spec.mean_stay_months)[men]};
    auto referrals_for = [&](const std::array<double, gender_count>& q) -> std::optional<double> {
      if (!c.referrals_derived) return spec.referrals_per_month->expected();
      return solve_referrals(p, q, o.new_participants);
    };
    if (c.stay_derived) {
      // Exits rise with the monthly exit probability: bisect it in (0, 1]. Where no referral rate
      // reaches the new count, places are too full: people must leave faster.
      std::optional<double> referrals = referrals_for({1.0, 1.0});
      if (referrals && fit(p, *referrals, {1.0, 1.0}).exits < o.exits - 0.5)
        throw InputError({Problem{s.source, 0, 0, where,
                                  fmt::format("exits = {} cannot be reached: even if everyone left after one "
                                              "month, {:.1f} would leave in {} months; check served, new and exits",
                                              o.exits, fit(p, *referrals, {1.0, 1.0}).exits, o.months)}});
      double lo = 1e-9, hi = 1.0;
      for (int k = 0; k < 100; ++k) {
        const double mid = 0.5 * (lo + hi);
        referrals = referrals_for({mid, mid});
        (!referrals || fit(p, *referrals, {mid, mid}).exits < o.exits ? lo : hi) = mid;
      }
      exit_probability = {hi, hi};
    }
    const std::optional<double> referrals = referrals_for(exit_probability);
    if (!referrals)
      throw InputError({Problem{s.source, 0, 0, where,
                                fmt::format("new = {} cannot be reached in {} months with capacity {} and a mean "
                                            "stay of {:.1f} months: raise capacity or check the figures",
                                            o.new_participants, o.months, p.capacity, 1.0 / exit_probability[women])}});
    c.referrals_per_month = *referrals;
    c.mean_stay_months = 1.0 / exit_probability[women];
    const Fit result = fit(p, c.referrals_per_month, exit_probability);
    c.fitted_new = result.starts;
    c.fitted_exits = result.exits;
    out[i] = c;
  }
  return out;
}

FlowParameters flow_parameters(const Scenario& s, std::size_t i, const std::optional<Calibration>& calibration,
                               ValueSource& values)
{
  const Insats& insats = s.insatser[i];
  const ParticipantSpec& spec = *insats.participants;
  FlowParameters p = base_parameters(s, insats);
  const Forbund& f = s.forbund;
  p.months = f.months();
  p.calendar_offset = 0;
  p.first_month = insats.active.first;
  p.last_month = insats.active.last;
  p.ends_in_run = insats.active.to_given && insats.active.to.index_from(f.first_year) < f.months();
  p.referrals_per_month = referrals_per_month(spec, calibration, values);
  if (spec.mean_stay_months)
    p.exit_probability = {1.0 / (*spec.mean_stay_months)[women], 1.0 / (*spec.mean_stay_months)[men]};
  else
    p.exit_probability = {1.0 / calibration->mean_stay_months, 1.0 / calibration->mean_stay_months};
  if (spec.opening_active)
    p.opening_active = *spec.opening_active;
  else if (spec.observed)
    p.opening_active = default_opening(*spec.observed, observed_start(*spec.observed, insats), insats.active.from);
  return p;
}

double referrals_per_month(const ParticipantSpec& spec, const std::optional<Calibration>& calibration,
                           ValueSource& values)
{
  return spec.referrals_per_month ? values.value(*spec.referrals_per_month, 0) : calibration->referrals_per_month;
}

std::vector<std::optional<InsatsFlows>> expected_flows(const Scenario& s,
                                                       const std::vector<std::optional<Calibration>>& calibrations,
                                                       ValueSource& values)
{
  std::vector<std::optional<InsatsFlows>> out(s.insatser.size());
  for (std::size_t i = 0; i < s.insatser.size(); ++i)
    if (s.insatser[i].participants) out[i] = simulate_flows(flow_parameters(s, i, calibrations[i], values));
  return out;
}

void add_volume_costs(FinanceInputs& in, const Scenario& s, const std::vector<std::optional<InsatsFlows>>& flows)
{
  for (std::size_t i = 0; i < s.insatser.size(); ++i) {
    if (!flows[i]) continue;
    const ParticipantSpec& spec = *s.insatser[i].participants;
    if (spec.cost_per_start == 0.0 && spec.cost_per_participant_month == 0.0) continue;
    FinanceLine& line = in.insatser[i];
    line.monthly_extra.assign(flows[i]->starts_monthly.size(), 0.0);
    for (std::size_t m = 0; m < line.monthly_extra.size(); ++m)
      line.monthly_extra[m] = spec.cost_per_start * flows[i]->starts_monthly[m] +
                              spec.cost_per_participant_month * flows[i]->active_end_monthly[m];
  }
}

}  // namespace finsim
