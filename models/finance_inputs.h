// Settles a scenario's numbers into finance inputs: expected values now, draws in the Monte Carlo.
#pragma once
#include <cstdint>
#include <span>

#include "input/scenario.h"
#include "models/finance.h"
#include "models/value_source.h"

namespace finsim {

/// The value of a yearly series in horizon year `year`: the listed value, or past the list the
/// last value × Π(1 + growth) over the extra years (`growth` may be null: no growth).
double series_value(const Series& s, const Uncertain* growth, int year, ValueSource& values);

/// Splits a state half among the members: equally among state members, half of it equally among
/// regions, half by population among kommuner (`amounts`: one per member).
void split_state_half(const Scenario& s, double state_half, std::span<double> amounts);
/// Sets every member's contribution in `in` from the state half of each year (the members
/// matching it).
void set_state_half(const Scenario& s, const std::vector<double>& state_half, FinanceInputs& in);

/// The driftbidrag of each member in horizon year `year` (members' order).
std::vector<double> member_contributions(const Scenario& s, int year, ValueSource& values);
/// The same, written into `amounts` (one per member).
void member_contributions(const Scenario& s, int year, ValueSource& values, std::span<double> amounts);

/// The finance model's inputs for `s`, with every uncertain number taken from `values`.
FinanceInputs finance_inputs(const Scenario& s, ValueSource& values);
/// The same, written into `in` and reusing its storage (a Monte Carlo replication keeps it from
/// the one before).
void finance_inputs(const Scenario& s, ValueSource& values, FinanceInputs& in);

}  // namespace finsim
