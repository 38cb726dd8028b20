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
