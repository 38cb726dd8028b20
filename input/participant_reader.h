// Reads the [insats.participants] table of a scenario.
#pragma once
#include <toml++/toml.h>

#include <optional>
#include <string>

#include "input/participant_spec.h"
#include "input/scenario.h"
#include "input/toml_fields.h"

namespace finsim {

/// Reads `participants` from the insats table `insats` at `path` ("insats.SamCoach"), recording
/// problems in `fields`. `scenario` supplies the members (for kommun shares) and the horizon,
/// `active` the insats' months (an observed period starts at its first by default).
std::optional<ParticipantSpec> read_participants(TomlFields& fields, const toml::table& insats, const std::string& path,
                                                 const Scenario& scenario, const ActiveMonths& active);

}  // namespace finsim
