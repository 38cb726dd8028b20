// The budget as the economists' spreadsheet (clarification 89): one row per member's driftbidrag,
// income, cost and insats, its amount per year (the expected values the projection uses), and
// whether each cell may be edited (a distribution is edited in Avancerat, not in a cell).
#pragma once
#include <nlohmann/json.hpp>

#include "input/scenario.h"

namespace finsim::serve {

/// {"first_year", "years", "rows": [{"key", "name", "kind", "section", "amounts", "editable",
/// "utilization", "early_end_probability", "payment"}]}; the caller adds "file".
nlohmann::json budget_table(const Scenario& s);

}  // namespace finsim::serve
