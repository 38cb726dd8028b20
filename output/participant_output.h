// Participant figures for output: per insats and year, summed over the förbund, ready to write.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "input/scenario.h"
#include "models/finance.h"
#include "models/participant_flow.h"
#include "models/projection.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes group `participants` inside `deterministic`: label scales (insats, reason, support,
/// gender, kommun, referrer, year) and the datasets of docs/output-format.md. `flows[i]` belongs
/// to insats i; only insatser with flows appear on the `insats` scale.
/// With a `[valuation]`, also `value_of_exits` (insats, payer, value_horizon, year).
void write_participants(h5::Group& deterministic, const Scenario& s, const Projection& projection);

/// The förbund's total over all insatser with participants (nullopt if there are none).
std::optional<InsatsFlows> total_flows(const std::vector<std::optional<InsatsFlows>>& flows);

/// numerator ÷ denominator, NaN when the denominator is 0 (cost per served, shares).
double ratio_or_nan(double numerator, double denominator);

}  // namespace finsim
