// Overrides: a scenario with some of its numbers replaced, each named by its key path. The
// analyses (comparison, room, sensitivity, merger) run "this scenario with these numbers
// changed" through this one door.
#pragma once
#include <string>
#include <vector>

#include "input/scenario.h"
#include "sampling/distribution.h"

namespace finsim {

/// One number replaced. `path` is a key path as messages and random streams name it:
/// "forbund.opening_equity", "funding.state", "funding.state_growth",
/// "funding.contributions.<member>", "income.<name>.amount", "income.<name>.probability",
/// "cost.<name>.amount[1]", "cost.<name>.growth", "insats.<name>.budget",
/// "insats.<name>.utilization", "insats.<name>.early_end_probability",
/// "insats.<name>.participants.capacity", … (override_paths lists them all). A yearly series
/// takes "[k]" for year k's element alone; without it the whole series becomes the one value.
struct Override {
  std::string path;
  Distribution value;  ///< Distribution::constant(x) for a plain number

  static Override number(std::string path, double x) { return {std::move(path), Distribution::constant(x)}; }
};

/// Applies `overrides` in order. A series element past the written list ("cost.X.amount[2]" of a
/// one-value amount) first writes the list out to that year, exactly as the scenario implies it
/// (only possible when the last written value and its growth are fixed numbers); later years then
/// grow from the new element as they would had the file listed it. Throws InputError naming an
/// unknown path (with the closest known one), a distribution where only a number fits, or a value
/// outside the key's range.
void apply_overrides(Scenario& s, const std::vector<Override>& overrides);

/// Every key path apply_overrides accepts for `s`, in scenario order (series without "[k]").
std::vector<std::string> override_paths(const Scenario& s);

}  // namespace finsim
