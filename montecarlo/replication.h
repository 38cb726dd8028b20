// One Monte Carlo replication: draw, run the participant flows and the finance model.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/scenario.h"
#include "models/flow_inputs.h"
#include "models/stochastic_flow.h"
#include "montecarlo/replication_values.h"

namespace finsim {

/// The yearly quantities the Monte Carlo summarises, in output order.
inline constexpr int outcome_count = 8;
inline constexpr std::array<const char*, outcome_count> outcome_names{
    "equity", "result", "equity_ratio", "driftbidrag", "costs", "cash_min", "served", "exits_work_studies"};
inline constexpr std::array<const char*, outcome_count> outcome_units{"SEK", "SEK", "1",      "SEK",
                                                                      "SEK", "SEK", "people", "people"};

/// What one replication produced, per year.
struct ReplicationOutcome {
  std::array<std::vector<double>, outcome_count> values;  ///< outcome × year
  std::vector<bool> above_cap, below_floor, cash_negative;
};

/// The last active month of an insats after its early-end and renewal draws (clarification 19),
/// or nullopt when it runs as granted. The draws use the stream `stream_id`
/// (continuation_stream(insats)).
std::optional<int> drawn_last_month(const Insats& insats, const Forbund& f, std::uint64_t seed,
                                    std::uint64_t replication, std::uint64_t stream_id);
/// The stream of an insats' early-end and renewal draws: `insats.<name>.continuation`.
std::uint64_t continuation_stream(const Insats& insats);

/// The streams of an insats' reason mix: the split between the groups, and within them.
struct ReasonStreams {
  std::uint64_t groups = 0, within = 0;
  explicit ReasonStreams(const std::string& insats_name);
};

/// The reason mix of a replication: a Dirichlet draw on the exit-reason counts (α = counts, zero
/// counts stay zero), or the given shares. The draw is made in two steps with the same joint
/// law: the share of the group {arbete, studier} against the other nine reasons, then, when
/// `within_groups` is set, the shares within each group (otherwise their expected shares).
std::array<double, reason_count> drawn_reason_mix(const ParticipantSpec& spec, const ReasonStreams& streams,
                                                  std::uint64_t seed, std::uint64_t replication, bool within_groups);

/// What every replication of a run shares: the draw plan and, per insats, the stream ids and
/// the flow parameters and tables that do not change between replications.
struct ReplicationPlan {
  struct InsatsPlan {
    std::uint64_t continuation = 0;  ///< stream of the early-end and renewal draws
    std::optional<ReasonStreams> reasons;
    std::uint64_t participants = 0;       ///< stream of the participant flows
    std::optional<FlowParameters> flows;  ///< with expected referrals; nullopt: no participants
    std::optional<FlowTables> tables;
  };

  const Scenario& scenario;
  const std::vector<std::optional<Calibration>>& calibrations;
  DrawPlan draws;
  std::vector<InsatsPlan> insatser;

  ReplicationPlan(const Scenario& s, const std::vector<std::optional<Calibration>>& calibrations);
};

/// Storage a replication reuses from the one before (the Monte Carlo driver keeps one per task).
struct ReplicationWorkspace {
  std::vector<std::optional<FlowParameters>> parameters;  ///< per insats: the plan's, with this replication's draws
  std::vector<std::optional<InsatsFlows>> flows;          ///< per insats (nullopt: no participants)
  FlowWork flow_work;                                     ///< shared by the insatser in turn
  std::vector<std::optional<int>> last_month;             ///< per insats: after early end and renewal
  FinanceInputs finance_inputs;
  FinanceProjection finance;
  ReplicationOutcome outcome;
};

/// Runs replication `replication`: every draw keyed by (seed, replication, key path). The
/// outcome is `work.outcome`, valid until the workspace's next replication.
const ReplicationOutcome& simulate_replication(const ReplicationPlan& plan, std::uint64_t seed,
                                               std::uint64_t replication, ReplicationWorkspace& work);

}  // namespace finsim
