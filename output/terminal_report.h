// The run's summary for the terminal, in Swedish.
#pragma once
#include <string>

#include "engine/scenario.h"
#include "models/finance.h"

namespace finsim {

/// One row per year: driftbidrag, other income, costs, result, closing equity, equity ratio,
/// cap and lowest month-end cash, with a heading naming the förbund and the scenario.
std::string finance_table(const Scenario& s, const FinanceProjection& p);

/// The flags spelled out, one per line ("EK över 20 %-taket 2025 …"), or a line saying there are
/// none.
std::string flag_lines(const Scenario& s, const FinanceProjection& p);

/// Projection beside the `[actual]` outcome for its year; "" when the scenario has none.
std::string actual_comparison(const Scenario& s, const FinanceProjection& p);

}  // namespace finsim
