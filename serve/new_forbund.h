// "Nytt förbund" (issue 27): the pasted budget table as JSON (POST /api/budget-table), and a new
// förbund's request read into input/new_scenario's figures, written and read back (POST /api/new).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "input/budget_paste.h"
#include "input/new_scenario.h"

namespace finsim::serve {

/// {"years", "rows": [{"name", "kind", "section", "amounts", "row"}], "subtotals": [{"name", "row",
/// "year", "expected", "found"}], "subtotals_checked", "problems": [{"row", "column", "level", "message"}]}.
nlohmann::json pasted_budget_json(const PastedBudget& b);

/// The request's {"forbund", "members", "funding"?, "rows"} as figures; throws HttpError 400 naming
/// the field whose shape is wrong (a value the reader refuses is left to the read-back).
NewForbund new_forbund_of(const nlohmann::json& body);

/// The written text read back as a scenario (the reader and the projection's preparation):
/// every problem, placed on the pasted row, the member or the field its line came from.
std::vector<PasteProblem> read_back(const NewScenarioText& written, const std::string& source);

/// Problems as JSON: [{"row", "column", "level", "message", "field"?, "member"?}].
nlohmann::json paste_problems_json(const std::vector<PasteProblem>& problems);

}  // namespace finsim::serve
