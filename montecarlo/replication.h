// One Monte Carlo replication: draw, run the participant flows and the finance model.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/scenario.h"
#include "models/flow_inputs.h"
#include "montecarlo/replication_values.h"

namespace finsim {

/// The yearly quantities the Monte Carlo summarises, in output order.
inline constexpr int outcome_count = 8;
inline constexpr std::array<const char*, outcome_count> outcome_names{
    "equity", "result", "equity_ratio", "driftbidrag", "costs", "cash_min", "served", "exits_work_studies"};
inline constexpr std::array<const char*, outcome_count> outcome_units{"SEK", "SEK", "1", "SEK", "SEK",
                                                                     "SEK", "people", "people"};

/// What one replication produced, per year.
struct ReplicationOutcome {
  std::array<std::vector<double>, outcome_count> values;  ///< outcome × year
  std::vector<bool> above_cap, below_floor, cash_negative;
};

/// The last active month of an insats after its early-end and renewal draws (clarification 19),
/// or nullopt when it runs as granted.
std::optional<int> drawn_last_month(const Insats& insats, const Forbund& f, std::uint64_t seed,
                                    std::uint64_t replication);

/// The reason mix of a replication: a Dirichlet draw on the exit-reason counts (α = counts, zero
/// counts stay zero), or the given shares. The draw is made in two steps with the same joint
/// law: the share of the group {arbete, studier} against the other nine reasons, then, when
/// `within_groups` is set, the shares within each group (otherwise their expected shares).
std::array<double, reason_count> drawn_reason_mix(const ParticipantSpec& spec, const std::string& insats_name,
                                                  std::uint64_t seed, std::uint64_t replication,
                                                  bool within_groups);

/// Storage a replication reuses from the one before (the Monte Carlo driver keeps one per task).
struct ReplicationWorkspace {
  std::vector<std::optional<InsatsFlows>> flows;  ///< per insats (nullopt: no participants)
};

/// Runs replication `replication`: every draw keyed by (seed, replication, key path).
ReplicationOutcome simulate_replication(const Scenario& s, const std::vector<std::optional<Calibration>>& calibrations,
                                        const DrawPlan& plan, std::uint64_t seed, std::uint64_t replication,
                                        ReplicationWorkspace& work);

}  // namespace finsim
