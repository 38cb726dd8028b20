#include "engine/replication.h"

namespace finsim {

const ReplicationOutcome& simulate_replication(const ReplicationPlan& plan, std::uint64_t seed,
                                               const StreamReplication& replication, ReplicationWorkspace& work)
{
  ReplicationDraws draws(plan, seed, replication, work.flow_work, work.draws, work.reuse ? &*work.reuse : nullptr);
  project(plan.prepared, draws, work.projection);
  ReplicationOutcome& out = work.outcome;
  for (const OutcomeInfo& o : outcomes) outcome_values(o.id, work.projection, out.values[index(o.id)]);
  for (const BreachInfo& b : breaches) out.breaches[index(b.id)] = &breach_flags(b.id, work.projection);
  return out;
}

}  // namespace finsim
