// The run's HDF5 file: its layout is a public contract, described in docs/output-format.md.
#pragma once
#include <string>

#include "engine/scenario.h"
#include <optional>
#include <vector>

#include "models/finance.h"
#include "models/participant_flow.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes the root attributes: engine version, scenario name and source, creation time, and the
/// scenario file's full text.
void write_run_attributes(h5::Group& root, const Scenario& s);

/// Writes group /deterministic: the expected-value projection with its dimension scales, and
/// /deterministic/participants when insatser have participants (`flows[i]` for insats i).
void write_deterministic(h5::Group& root, const Scenario& s, const FinanceProjection& p,
                         const std::vector<std::optional<InsatsFlows>>& flows);

}  // namespace finsim
