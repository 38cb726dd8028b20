// The engine's version, written into every output file.
#pragma once

namespace finsim {

/// The engine version, "MAJOR.MINOR.PATCH".
const char* engine_version();

}  // namespace finsim
