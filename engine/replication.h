// One Monte Carlo replication: the projection pipeline with one replication's draws.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/outcome.h"
#include "engine/replication_draws.h"
#include "models/projection.h"
#include "models/stochastic_flow.h"

namespace finsim {

/// What one replication produced, per outcome and breach (registry order), per year.
struct ReplicationOutcome {
  std::array<std::vector<double>, outcome_count> values;
  std::array<const std::vector<bool>*, breach_count> breaches{};  ///< into the workspace's projection
};

/// Storage a replication reuses from the one before (the Monte Carlo driver keeps one per task).
struct ReplicationWorkspace {
  FlowWork flow_work;  ///< shared by the insatser in turn
  /// Flows kept from the replications before, when the design shares streams between them
  /// (MonteCarloSettings::reuse_flows); empty otherwise.
  std::optional<FlowReuse> reuse;
  DrawScratch draws;  ///< the drawn numbers
  Projection projection;
  ReplicationOutcome outcome;
};

/// Runs replication `replication` through the projection pipeline: every draw keyed by (seed,
/// replication, key path). The outcome is `work.outcome`, valid until the workspace's next
/// replication.
const ReplicationOutcome& simulate_replication(const ReplicationPlan& plan, std::uint64_t seed,
                                               const StreamReplication& replication, ReplicationWorkspace& work);

}  // namespace finsim
