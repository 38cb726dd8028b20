// The commands a user runs, one file each (app/<command>_command.cpp): each reads as the run's
// story, settings to written file.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "app/command_line.h"
#include "input/scenario.h"

namespace finsim {

/// Runs `settings.command`, printing to `out`; returns the exit status. Throws InputError for
/// bad input.
int execute(const Settings& settings, std::ostream& out);

/// finsim run: the expected-value projection, the Monte Carlo, the HDF5 file.
int run_command(const Settings& settings, std::ostream& out);
/// finsim validate: every problem at once, or "ok".
int validate_command(const Settings& settings, std::ostream& out);

/// The scenario the settings name, or the built-in default.
Scenario load_scenario(const Settings& settings);

/// Where the run writes: -o, or output/<scenario-stem>.h5.
std::string output_path(const Settings& settings);

/// The files the run reads, which its output must not replace.
std::vector<std::string> input_paths(const Settings& settings);

}  // namespace finsim
