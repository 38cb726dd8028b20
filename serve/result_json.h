// A finsim result file's groups as JSON (clarification 80): each dataset under its name, nested in
// the dataset's dimension order, NaN as null, text datasets as strings; beside them the units and
// dimension names by path ("deterministic/equity": "SEK", "montecarlo/equity_q": ["year", "quantile"]).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "output/hdf5_reader.h"

namespace finsim::serve {

/// One dataset's values nested by its shape.
nlohmann::json dataset_json(const h5::DatasetValues& d);

/// Every dataset of `group` (subgroups as nested objects), adding each one's units and dims
/// under "<group without the leading />/<name>" to `units` and `dims`.
nlohmann::json group_json(const h5::Reader& file, const std::string& group, nlohmann::json& units,
                          nlohmann::json& dims);

/// The Swedish names of the fixed vocabulary (output/display_names): "outcomes" (the sensitivity
/// outputs and "income"), "limits" (the room's, and "none"), "payments" (payment schedules).
nlohmann::json vocabulary_json();

/// Every text value in `answer` (recursively) whose Swedish name differs from it, raw → Swedish
/// (factors, label words, outcomes, limits, payers), for the web page's tables and charts.
nlohmann::json labels_json(const nlohmann::json& answer, int first_year);

/// The answer of a result file: "summary" (the root attribute's sentences), "warnings", the
/// förbund's name and first year, each of `groups` present in the file under its name without
/// the slash, "units" and "dims", "labels" (labels_json), "runs" (with /montecarlo) and
/// "equity_floor".
nlohmann::json result_json(const h5::Reader& file, const std::vector<std::string>& groups);

}  // namespace finsim::serve
