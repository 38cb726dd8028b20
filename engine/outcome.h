// The named outcomes: the one registry of what a projection yields per year (equity, result, …)
// and of the breaches it is checked for. The replication, the statistics, the HDF5 writer and the
// terminal all read it, so a new outcome is one entry here and one line in outcome.cpp.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include "input/scenario.h"
#include "models/projection.h"

namespace finsim {

/// A yearly quantity the Monte Carlo summarises.
enum class Outcome { equity, result, equity_ratio, driftbidrag, costs, cash_min, served, exits_work_studies };

struct OutcomeInfo {
  Outcome id;
  const char* name;       ///< dataset stem in /montecarlo ("equity" → equity_mean, equity_q, …)
  const char* unit;       ///< "SEK", "1", "people"
  const char* long_name;  ///< English description for the file (users read output/display_names)
};

inline constexpr std::array<OutcomeInfo, 8> outcomes{{
    {Outcome::equity, "equity", "SEK", "closing eget kapital"},
    {Outcome::result, "result", "SEK", "årets resultat"},
    {Outcome::equity_ratio, "equity_ratio", "1", "closing equity / driftbidrag"},
    {Outcome::driftbidrag, "driftbidrag", "SEK", "members' contributions accrued"},
    {Outcome::costs, "costs", "SEK", "all costs accrued"},
    {Outcome::cash_min, "cash_min", "SEK", "lowest month-end cash in the year"},
    {Outcome::served, "served", "people", "participants served, all insatser"},
    {Outcome::exits_work_studies, "exits_work_studies", "people", "exits to work or studies, all insatser"},
}};
inline constexpr int outcome_count = static_cast<int>(outcomes.size());

/// The position of `o` in `outcomes` (and in every per-outcome array).
constexpr std::size_t index(Outcome o) { return static_cast<std::size_t>(o); }
constexpr const OutcomeInfo& info(Outcome o) { return outcomes[index(o)]; }

/// Writes outcome `o` of projection `p`, one value per year, into `out` (resized).
void outcome_values(Outcome o, const Projection& p, std::vector<double>& out);

/// The annual report's figure for `o` from an [actual] table, or nullopt when it has none.
std::optional<double> actual_value(const Actual& a, Outcome o);

/// A yearly breach the Monte Carlo counts (clarification 22).
enum class Breach { equity_above_cap, equity_below_floor, cash_negative };

struct BreachInfo {
  Breach id;
  const char* name;  ///< dataset stem: p_<name>, p_any_<name>
  const char* what;  ///< English: what happened in the year (users read output/display_names)
};

inline constexpr std::array<BreachInfo, 3> breaches{{
    {Breach::equity_above_cap, "equity_above_cap", "year-end equity strictly above the cap"},
    {Breach::equity_below_floor, "equity_below_floor", "year-end equity strictly below the floor"},
    {Breach::cash_negative, "cash_negative", "a month-end cash below zero"},
}};
inline constexpr int breach_count = static_cast<int>(breaches.size());
constexpr std::size_t index(Breach b) { return static_cast<std::size_t>(b); }

/// The yearly flags of breach `b` in projection `p`.
const std::vector<bool>& breach_flags(Breach b, const Projection& p);

}  // namespace finsim
