#include "models/projection.h"

#include <algorithm>

namespace finsim {

PreparedScenario prepare(Scenario s, const std::vector<Override>& overrides)
{
  apply_overrides(s, overrides);
  Calibrations calibrations = calibrate_participants(s);
  return prepare_calibrated(std::move(s), std::move(calibrations));
}

PreparedScenario prepare_calibrated(Scenario s, Calibrations calibrations)
{
  PreparedScenario p{std::move(s), std::move(calibrations), std::nullopt};
  if (p.scenario.year_to_date) {
    // The lines as budgeted: the expected projection before the actuals are known.
    const Projection budgeted = project_expected(p);
    p.year_to_date = plan_year_to_date(p.scenario, budgeted.inputs);
    mark_occurred(*p.year_to_date, p.scenario);
  }
  return p;
}

std::vector<Spell> funded_spells(const Insats& insats, int first, int last)
{
  const std::vector<Uncertain>& budget = insats.budget.values;
  auto unfunded = [&](int month) {
    const Uncertain& b = budget[std::min(static_cast<std::size_t>(month / 12), budget.size() - 1)];
    return b.is_fixed() && b.expected() == 0.0;  // written as 0: a drawn 0 does not count
  };
  std::vector<Spell> spells;
  for (int m = first; m <= last; ++m) {
    if (unfunded(m)) continue;
    if (spells.empty() || spells.back().last != m - 1) spells.push_back({m, m});
    spells.back().last = m;
  }
  return spells;
}

namespace {

/// Insats `i`'s participant flows with this projection's referrals, reason mix and last month.
void project_flows(const Scenario& s, const Calibrations& calibrations, std::size_t i, ValueSource& values,
                   Projection& out)
{
  const Insats& insats = s.insatser[i];
  const ParticipantSpec& spec = *insats.participants;
  // Everything but the referrals, the reason mix and the last month is the same in every call.
  std::optional<Projection::FlowSetting>& setting = out.flow_settings[i];
  if (!setting) {
    const FlowParameters granted = flow_parameters(s, i, calibrations[i], values);
    const int last = std::min(granted.last_month, granted.months - 1);
    std::vector<Spell> spells = funded_spells(insats, granted.first_month, last);
    const bool throughout = spells.size() == 1 && spells[0].first == granted.first_month && spells[0].last == last;
    setting = Projection::FlowSetting{granted, granted, std::move(spells), throughout};
  }
  FlowParameters& p = setting->parameters;
  p.last_month = setting->granted.last_month;
  p.ends_in_run = setting->granted.ends_in_run;
  p.referrals_per_month = referrals_per_month(spec, calibrations[i], values);
  p.reason_mix = values.reason_mix(i, spec);
  if (const std::optional<int>& last = out.last_month[i]; last && *last < p.last_month) {
    p.last_month = *last;
    p.ends_in_run = true;
  }
  if (!out.flows[i]) out.flows[i].emplace();
  if (setting->funded_throughout) {
    values.run_flows(i, 0, p, *out.flows[i]);  // the common case: no year without budget
    return;
  }
  std::vector<Spell> spells;  // the funded spells up to this projection's last month
  for (Spell spell : setting->spells)
    if (spell.first <= p.last_month) spells.push_back({spell.first, std::min(spell.last, p.last_month)});
  // A year written with budget 0 does not run: each funded spell ends as at `to`, and a spell after
  // an unfunded year starts empty. Each spell draws on a stream of its own.
  const FlowParameters granted = p;
  InsatsFlows& total = *out.flows[i];
  InsatsFlows spell_flows;
  for (std::size_t k = 0; k < spells.size() || k == 0; ++k) {
    FlowParameters q = granted;
    q.first_month = spells.empty() ? granted.months : spells[k].first;
    q.last_month = spells.empty() ? granted.months - 1 : spells[k].last;
    q.ends_in_run = spells.empty() || spells[k].last < granted.last_month || granted.ends_in_run;
    if (spells.empty() || spells[k].first != granted.first_month) q.opening_active = q.opening_queue = 0.0;
    values.run_flows(i, static_cast<int>(k), q, k == 0 ? total : spell_flows);
    if (k > 0) add_spell(spell_flows, total);
  }
}

/// The allocation's parts and, with the equity rule, its feedback: year t's state half falls with
/// the excess equity of year t − 2 (clarification 46), which changes the equity of the years
/// after, so the years are settled in order, re-projecting after each deduction that changes.
void apply_allocation(const Scenario& s, ValueSource& values, Projection& out)
{
  const Allocation& a = *s.funding.allocation;
  allocation_parts(s, values, {}, out.allocation);
  if (!a.equity_rule()) return;
  std::vector<double> deductions(static_cast<std::size_t>(s.forbund.years), 0.0);
  for (std::size_t y = 2; y < deductions.size(); ++y) {
    const double d = equity_deduction(a, out.finance.equity[y - 2], out.finance.driftbidrag[y - 2]);
    if (d == deductions[y]) continue;
    deductions[y] = d;
    allocation_parts(s, values, deductions, out.allocation);
    set_state_half(s, out.allocation.state_allocation, out.inputs);
    project_finances(out.inputs, out.finance);
  }
}

}  // namespace

void project(const PreparedScenario& p, ValueSource& values, Projection& out)
{
  const Scenario& s = p.scenario;
  const Calibrations& calibrations = p.calibrations;
  const std::size_t n = s.insatser.size();
  out.last_month.resize(n);
  out.flows.resize(n);
  out.flow_settings.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    out.last_month[i] = values.last_month(i);
    // With actuals to `through`, an early end in the first year can only fall after it.
    if (p.year_to_date && out.last_month[i]) out.last_month[i] = std::max(*out.last_month[i], p.year_to_date->through);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (s.insatser[i].participants) project_flows(s, calibrations, i, values, out);

  finance_inputs(s, values, out.inputs);
  for (std::size_t i = 0; i < n; ++i)
    if (out.last_month[i])
      out.inputs.insatser[i].last_month = std::min(out.inputs.insatser[i].last_month, *out.last_month[i]);
  add_volume_costs(out.inputs, s, out.flows);
  if (p.year_to_date) apply_year_to_date(*p.year_to_date, s, values, out.inputs);
  project_finances(out.inputs, out.finance);
  if (s.funding.allocation) apply_allocation(s, values, out);
  if (p.year_to_date) settle_given_cash(*p.year_to_date, out.inputs, out.finance);
}

Projection project_expected(const PreparedScenario& p)
{
  ExpectedValues expected;
  Projection out;
  project(p, expected, out);
  return out;
}

}  // namespace finsim
