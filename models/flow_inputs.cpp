#include "models/flow_inputs.h"

#include <cmath>

#include "models/calibration.h"

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
    auto& work = p.work_studies_by_entry[g];
    table.setZero();
    work.setZero();
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
        // The part of this row leaving to arbete or studier, kept by the source at entry.
        const double to_work = spec.exit_support_row_given[s]
                                   ? spec.exit_support(s, support_arbete) + spec.exit_support(s, support_studier)
                                   : (r == 0 || r == 1 ? 1.0 : 0.0);
        work(r, s) += entered * to_work;
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

}  // namespace

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
