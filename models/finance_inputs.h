// Settles a scenario's numbers into finance inputs: expected values now, draws in the Monte Carlo.
#pragma once
#include <cstdint>
#include <span>

#include "engine/scenario.h"
#include "models/finance.h"

namespace finsim {

/// Supplies the value of every uncertain number. The deterministic run uses expected values;
/// the Monte Carlo supplies draws from a replication's random streams.
class ValueSource {
 public:
  virtual ~ValueSource() = default;
  /// The value of `u` in horizon year `year` (0-based).
  virtual double value(const Uncertain& u, int year) = 0;
  /// The weight of an event with `probability`, keyed by `stream_id`, in horizon year `year`:
  /// its probability for expected values, 1 or 0 for a draw.
  virtual double occurs(double probability, std::uint64_t stream_id, int year) = 0;
};

/// Expected values: the mean of every distribution and the probability of every event.
class ExpectedValues final : public ValueSource {
 public:
  double value(const Uncertain& u, int) override { return u.expected(); }
  double occurs(double probability, std::uint64_t, int) override { return probability; }
};

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
