// Settles an insats' [participants] table into flow parameters (the rates the scenario leaves
// out come from the calibration, models/calibration.h).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "input/scenario.h"
#include "models/finance_inputs.h"
#include "models/participant_flow.h"
#include "models/value_source.h"

namespace finsim {

struct Calibration;

/// The month an insats' observed period starts: `observed.start`, else the insats' first month.
YearMonth observed_start(const Observed& o, const Insats& insats);

/// The parameters of an insats' flows that come straight from its [participants] table
/// (everything but the run's months, the referral rate, the stay and the opening count).
FlowParameters base_parameters(const Scenario& s, const Insats& insats);

/// The flow parameters of insats `i` over the scenario's horizon. `calibration` supplies derived
/// rates; `values` supplies uncertain numbers (expected values or draws).
FlowParameters flow_parameters(const Scenario& s, std::size_t i, const std::optional<Calibration>& calibration,
                               ValueSource& values);

/// The referral rate of an insats: its own (a draw from `values`) or the calibrated one.
double referrals_per_month(const ParticipantSpec& spec, const std::optional<Calibration>& calibration,
                           ValueSource& values);

/// Adds each insats' volume costs (cost_per_start, cost_per_participant_month) month by month to
/// its finance line. `flows[i]` belongs to insats i (nullopt: no participants).
void add_volume_costs(FinanceInputs& in, const Scenario& s, const std::vector<std::optional<InsatsFlows>>& flows);

}  // namespace finsim
