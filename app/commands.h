// The commands a user runs: each reads as the run's story, settings to written file.
#pragma once
#include <ostream>

#include "app/settings.h"
#include "engine/scenario.h"

namespace finsim {

/// Runs `settings.command`, printing to `out`; returns the exit status. Throws InputError for
/// bad input.
int execute(const Settings& settings, std::ostream& out);

/// The scenario the settings name, or the built-in default.
Scenario load_scenario(const Settings& settings);

/// Where the run writes: -o, or output/<scenario-stem>.h5.
std::string output_path(const Settings& settings);

}  // namespace finsim
