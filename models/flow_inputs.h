// Settles an insats' [participants] table into flow parameters, deriving missing rates from the
// observed figures (calibration).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "engine/scenario.h"
#include "models/finance_inputs.h"
#include "models/participant_flow.h"

namespace finsim {

/// Rates derived from an insats' observed period so that the expected-value run over that
/// period reproduces the reported new and exit counts.
struct Calibration {
  bool referrals_derived = false;
  bool stay_derived = false;
  double referrals_per_month = 0.0;
  double mean_stay_months = 0.0;
  double fitted_new = 0.0;    ///< starts of the expected-value run over the period
  double fitted_exits = 0.0;  ///< exits of the expected-value run over the period
  Observed observed;
  YearMonth start;  ///< first month of the observed period
};

/// Calibrations for every insats (nullopt where it has no participants or no observed figures).
/// Throws InputError when the figures cannot be reproduced (e.g. capacity too small).
std::vector<std::optional<Calibration>> calibrate_participants(const Scenario& s);

/// The flow parameters of insats `i` over the scenario's horizon. `calibration` supplies derived
/// rates; `values` supplies uncertain numbers (expected values or draws).
FlowParameters flow_parameters(const Scenario& s, std::size_t i, const std::optional<Calibration>& calibration,
                               ValueSource& values);

/// The referral rate of an insats: its own (a draw from `values`) or the calibrated one.
double referrals_per_month(const ParticipantSpec& spec, const std::optional<Calibration>& calibration,
                           ValueSource& values);

/// Runs the flows of every insats with participants in expected-value mode (nullopt for the
/// others).
std::vector<std::optional<InsatsFlows>> expected_flows(const Scenario& s,
                                                       const std::vector<std::optional<Calibration>>& calibrations,
                                                       ValueSource& values);

/// Adds each insats' volume costs (cost_per_start, cost_per_participant_month) month by month to
/// its finance line. `flows[i]` belongs to insats i (nullopt: no participants).
void add_volume_costs(FinanceInputs& in, const Scenario& s, const std::vector<std::optional<InsatsFlows>>& flows);

}  // namespace finsim
