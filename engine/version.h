// The engine's version and the scenario built into the binary.
#pragma once
#include <string_view>

namespace finsim {

/// The engine version, "MAJOR.MINOR.PATCH", written into every output file.
const char* engine_version();

/// The path, relative to the repository, of the built-in default scenario.
std::string_view default_scenario_name();

/// The full text of the built-in default scenario (scenarios/solleftea-2024.toml).
std::string_view default_scenario_text();

}  // namespace finsim
