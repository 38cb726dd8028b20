#include "montecarlo/replication.h"

#include <algorithm>
#include <cmath>

#include "engine/random_stream.h"
#include "models/finance.h"
#include "models/stochastic_flow.h"

namespace finsim {

std::uint64_t continuation_stream(const Insats& insats)
{
  return stable_hash("insats." + insats.name + ".continuation");
}

std::optional<int> drawn_last_month(const Insats& insats, const Forbund& f, std::uint64_t seed,
                                    std::uint64_t replication, std::uint64_t stream_id)
{
  if (insats.early_end_probability <= 0.0 && insats.renewal_probability >= 1.0) return std::nullopt;
  RandomStream stream(seed, replication, stream_id);
  const int first = insats.active.first, last = insats.active.last;
  const int to_year = insats.active.to_given ? insats.active.to.year : f.first_year + f.years;
  for (int y = first / 12; y <= last / 12; ++y) {
    const double early = stream.uniform(), when = stream.uniform(), renew = stream.uniform();
    const int begin = std::max(first, 12 * y), end = std::min(last, 12 * y + 11);
    if (early < insats.early_end_probability)
      return begin + std::min(end - begin, static_cast<int>(when * (end - begin + 1)));
    if (f.first_year + y < to_year && end == 12 * y + 11 && renew >= insats.renewal_probability) return end;
  }
  return std::nullopt;
}

ReasonStreams::ReasonStreams(const std::string& insats_name)
{
  const std::string path = "insats." + insats_name + ".participants.exit_reasons";
  groups = stable_hash(path);
  within = stable_hash(path + ".within");
}

std::array<double, reason_count> drawn_reason_mix(const ParticipantSpec& spec, const ReasonStreams& streams,
                                                  std::uint64_t seed, std::uint64_t replication, bool within_groups)
{
  const ReasonWeights& w = spec.reason_weights();
  if (!spec.reason_weights_are_counts()) return normalized_reason_mix(w);
  // Dirichlet from gamma draws with shape = count: a sum of independent gammas is a gamma of the
  // summed shape, independent of the shares within the sum.
  RandomStream groups(seed, replication, streams.groups);
  auto group_draw = [&](int from, int to) {
    double shape = 0.0;
    for (int r = from; r < to; ++r) shape += w[r];
    return shape > 0.0 ? groups.gamma(shape) : 0.0;
  };
  const double work_studies = group_draw(0, 2), other = group_draw(2, given_reason_count);
  ReasonWeights within = w;
  if (within_groups) {
    RandomStream split(seed, replication, streams.within);
    for (int r = 0; r < given_reason_count; ++r) within[r] = w[r] > 0.0 ? split.gamma(w[r]) : 0.0;
  }
  ReasonWeights drawn{};
  auto spread = [&](int from, int to, double group) {
    double sum = 0.0;
    for (int r = from; r < to; ++r) sum += within[r];
    for (int r = from; r < to; ++r) drawn[r] = sum > 0.0 ? group * within[r] / sum : 0.0;
  };
  spread(0, 2, work_studies);
  spread(2, given_reason_count, other);
  return normalized_reason_mix(drawn);
}

ReplicationPlan::ReplicationPlan(const Scenario& s, const std::vector<std::optional<Calibration>>& c)
    : scenario(s), calibrations(c), draws(s), insatser(s.insatser.size())
{
  ExpectedValues expected;
  for (std::size_t i = 0; i < s.insatser.size(); ++i) {
    const Insats& insats = s.insatser[i];
    InsatsPlan& plan = insatser[i];
    plan.continuation = continuation_stream(insats);
    if (!insats.participants) continue;
    plan.reasons.emplace(insats.name);
    plan.participants = stable_hash("insats." + insats.name + ".participants");
    plan.flows = flow_parameters(s, i, c[i], expected);
    plan.tables.emplace(*plan.flows);
  }
}

const ReplicationOutcome& simulate_replication(const ReplicationPlan& plan, std::uint64_t seed,
                                               std::uint64_t replication, ReplicationWorkspace& work)
{
  const Scenario& s = plan.scenario;
  ReplicationValues values(plan.draws, seed, replication);
  const std::size_t n = s.insatser.size();
  std::vector<std::optional<int>>& last = work.last_month;
  last.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    last[i] = drawn_last_month(s.insatser[i], s.forbund, seed, replication, plan.insatser[i].continuation);

  std::vector<std::optional<InsatsFlows>>& flows = work.flows;
  flows.resize(n);
  work.parameters.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Insats& insats = s.insatser[i];
    const ReplicationPlan::InsatsPlan& ip = plan.insatser[i];
    if (!insats.participants) continue;
    // Only referrals, the reason mix and the last month change between replications.
    if (!work.parameters[i]) work.parameters[i] = *ip.flows;
    FlowParameters& p = *work.parameters[i];
    p.referrals_per_month = referrals_per_month(*insats.participants, plan.calibrations[i], values);
    p.reason_mix = drawn_reason_mix(*insats.participants, *ip.reasons, seed, replication, false);
    p.last_month = ip.flows->last_month;
    p.ends_in_run = ip.flows->ends_in_run;
    if (last[i] && *last[i] < p.last_month) {
      p.last_month = *last[i];
      p.ends_in_run = true;
    }
    RandomStream stream(seed, replication, ip.participants);
    if (!flows[i]) flows[i].emplace();
    simulate_flows(p, *ip.tables, stream, nullptr, *flows[i], work.flow_work);  // the outcomes need no breakdowns
  }

  FinanceInputs& inputs = work.finance_inputs;
  finance_inputs(s, values, inputs);
  for (std::size_t i = 0; i < n; ++i)
    if (last[i]) inputs.insatser[i].last_month = std::min(inputs.insatser[i].last_month, *last[i]);
  add_volume_costs(inputs, s, flows);
  const FinanceProjection& p = work.finance;
  project_finances(inputs, work.finance);

  ReplicationOutcome& out = work.outcome;
  const auto years = static_cast<std::size_t>(s.forbund.years);
  out.values[0] = p.equity;
  out.values[1] = p.result;
  out.values[2] = p.equity_ratio;
  out.values[3] = p.driftbidrag;
  out.values[4] = p.costs;
  out.values[5] = p.cash_min;
  out.values[6].assign(years, 0.0);
  out.values[7].assign(years, 0.0);
  for (const auto& f : flows)
    if (f)
      for (std::size_t y = 0; y < years; ++y) {
        out.values[6][y] += f->served[y];
        out.values[7][y] += f->exits_work_studies[y];
      }
  out.above_cap = p.equity_above_cap;
  out.below_floor = p.equity_below_floor;
  out.cash_negative = p.cash_negative;
  return out;
}

}  // namespace finsim
