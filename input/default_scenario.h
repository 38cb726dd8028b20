// The scenario built into the binary: what `finsim run` projects without a scenario file.
#pragma once
#include <string_view>

namespace finsim {

/// The path, relative to the repository, of the built-in default scenario.
std::string_view default_scenario_name();

/// The full text of the built-in default scenario (scenarios/solleftea-2024.toml).
std::string_view default_scenario_text();

}  // namespace finsim
