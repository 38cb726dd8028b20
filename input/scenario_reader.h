// Reads and validates scenario files.
#pragma once
#include <string>

#include "input/scenario.h"

namespace finsim {

/// Scenario files larger than this are refused before they are read.
constexpr std::size_t max_scenario_bytes = 4 * 1024 * 1024;

/// Reads, parses and validates the scenario at `path`. Throws InputError listing every problem
/// found (file, line, column, key, value, what is allowed).
Scenario read_scenario_file(const std::string& path);

/// Parses and validates scenario text; `source` names it in messages and in the output.
Scenario read_scenario_text(std::string text, const std::string& source);

}  // namespace finsim
