// The run's HDF5 file: its layout is a public contract, described in docs/output-format.md.
#pragma once
#include <string>

#include "engine/scenario.h"
#include "models/finance.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes the root attributes: engine version, scenario name and source, creation time, and the
/// scenario file's full text.
void write_run_attributes(h5::Group& root, const Scenario& s);

/// Writes group /deterministic: the expected-value projection with its dimension scales.
void write_deterministic(h5::Group& root, const Scenario& s, const FinanceProjection& p);

}  // namespace finsim
