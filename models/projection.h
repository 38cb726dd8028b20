// The one projection pipeline: a scenario with every uncertain number settled by a ValueSource
// becomes participant flows and finance statements. `finsim run`, every Monte Carlo replication,
// the analyses and the tests all project through project().
#pragma once
#include <optional>
#include <vector>

#include "input/override.h"
#include "input/scenario.h"
#include "models/allocation.h"
#include "models/calibration.h"
#include "models/finance.h"
#include "models/finance_inputs.h"
#include "models/participant_flow.h"
#include "models/value_source.h"
#include "models/year_to_date.h"

namespace finsim {

/// A scenario ready to project: its numbers (overrides applied) and its participants'
/// calibration, made once and shared by every projection of it.
struct PreparedScenario {
  Scenario scenario;
  Calibrations calibrations;
  std::optional<YearToDatePlan> year_to_date;  ///< the first year's actuals and their forecast
};

/// Applies `overrides` (key path → number, input/override.h) to `s` and calibrates its
/// participants. Throws InputError for an unknown key path or figures that cannot be reproduced.
PreparedScenario prepare(Scenario s, const std::vector<Override>& overrides = {});
/// `s` (changed from a prepared scenario: an analysis' extra line or override) with the given
/// calibrations, its year-to-date plan made afresh.
PreparedScenario prepare_calibrated(Scenario s, Calibrations calibrations);

/// A run of months in which an insats is funded, [first, last] as horizon month indices.
struct Spell {
  int first = 0, last = 0;
};

/// The funded spells of `insats` within its active months [first, last]: a year whose budget is
/// written as 0 (clarification 29) is a year the insats does not run.
std::vector<Spell> funded_spells(const Insats& insats, int first, int last);

/// One projection: what each insats' participants did and the finance statements.
struct Projection {
  std::vector<std::optional<int>> last_month;     ///< per insats: after early end and renewal
  std::vector<std::optional<InsatsFlows>> flows;  ///< per insats (nullopt: no participants)
  FinanceInputs inputs;                           ///< the finance lines, settled
  AllocationParts allocation;                     ///< the state allocation's parts (with [funding.allocation])
  FinanceProjection finance;                      ///< the statements and the monthly cash
  /// Per insats: the flow parameters as granted and their funded spells, kept from one call to
  /// the next (only the referrals, the reason mix and the last month change), and the working copy.
  struct FlowSetting {
    FlowParameters granted, parameters;
    std::vector<Spell> spells;
    bool funded_throughout = true;  ///< one spell over every granted month: no spells to split
  };
  std::vector<std::optional<FlowSetting>> flow_settings;
};

/// Projects `p` with every uncertain number from `values`, writing into `out` and reusing its
/// storage (a Monte Carlo task keeps one Projection for all its replications of one scenario).
void project(const PreparedScenario& p, ValueSource& values, Projection& out);

/// The expected-value projection (the deterministic run).
Projection project_expected(const PreparedScenario& p);

}  // namespace finsim
