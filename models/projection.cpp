#include "models/projection.h"

#include <algorithm>

namespace finsim {

PreparedScenario prepare(Scenario s, const std::vector<Override>& overrides)
{
  apply_overrides(s, overrides);
  PreparedScenario p{std::move(s), {}};
  p.calibrations = calibrate_participants(p.scenario);
  return p;
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
    setting = Projection::FlowSetting{granted, granted};
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
  values.run_flows(i, 0, p, *out.flows[i]);
}

}  // namespace

void project(const Scenario& s, const Calibrations& calibrations, ValueSource& values, Projection& out)
{
  const std::size_t n = s.insatser.size();
  out.last_month.resize(n);
  out.flows.resize(n);
  out.flow_settings.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.last_month[i] = values.last_month(i);
  for (std::size_t i = 0; i < n; ++i)
    if (s.insatser[i].participants) project_flows(s, calibrations, i, values, out);

  finance_inputs(s, values, out.inputs);
  for (std::size_t i = 0; i < n; ++i)
    if (out.last_month[i]) out.inputs.insatser[i].last_month = std::min(out.inputs.insatser[i].last_month, *out.last_month[i]);
  add_volume_costs(out.inputs, s, out.flows);
  project_finances(out.inputs, out.finance);
}

Projection project_expected(const PreparedScenario& p)
{
  ExpectedValues expected;
  Projection out;
  project(p.scenario, p.calibrations, expected, out);
  return out;
}

}  // namespace finsim
