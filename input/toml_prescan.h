// A look at scenario text before toml++ parses it. Debian's toml++ 3.3.0 reaches undefined
// behaviour on a non-ASCII character outside a string (marzer/tomlplusplus#295), which a Swedish
// user writes as an unquoted key (`Sollefteå = 708000`): finsim finds it first and says to quote it.
#pragma once
#include <optional>
#include <string>

#include "input/input_error.h"

namespace finsim {

/// The first non-ASCII character outside strings and comments (basic, literal and multi-line
/// strings are tracked), as a problem at its line and column naming the fix; nullopt when there
/// is none.
std::optional<Problem> non_ascii_outside_strings(const std::string& text, const std::string& source);

}  // namespace finsim
