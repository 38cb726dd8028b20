// How a projection settles what the scenario leaves uncertain: expected values, or the draws of
// one Monte Carlo replication (engine/replication_draws.h).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "input/participant_spec.h"
#include "input/scenario.h"
#include "models/participant_flow.h"

namespace finsim {

/// Supplies the value of every uncertain number and runs the participant flows in the matching
/// mode. The deterministic run uses ExpectedValues; a replication supplies its draws.
class ValueSource {
 public:
  virtual ~ValueSource() = default;
  /// The value of `u` in horizon year `year` (0-based).
  virtual double value(const Uncertain& u, int year) = 0;
  /// The weight of an event with `probability`, keyed by `stream_id`, in horizon year `year`:
  /// its probability for expected values, 1 or 0 for a draw.
  virtual double occurs(double probability, std::uint64_t stream_id, int year) = 0;
  /// The last active month of insats `i` after its early-end and renewal draws, or nullopt when
  /// it runs as granted (expected values always do: clarification 7).
  virtual std::optional<int> last_month(std::size_t /*i*/) { return std::nullopt; }
  /// The exit-reason mix of insats `i` (expected: the given shares or counts, normalised).
  virtual std::array<double, reason_count> reason_mix(std::size_t /*i*/, const ParticipantSpec& spec)
  {
    return normalized_reason_mix(spec.reason_weights());
  }
  /// Whether the projection fills the monthly balance sheet (receivables, payables,
  /// equity_month): the expected run does, a Monte Carlo replication summarises none.
  virtual bool balance_sheet() const { return true; }
  /// Insats `i`'s utilisation for the first year's months left under a `[year_to_date]` forecast
  /// (model method): a draw from Beta(alpha, beta), once per run; expected values take its mean.
  virtual double posterior_utilization(std::size_t /*i*/, double alpha, double beta) { return alpha / (alpha + beta); }
  /// The default deviation of the months left of every line of kind `kind` (1 insatser, 2 admin)
  /// under a `[year_to_date]` forecast, as a share of the line's year budget: a Student-t with
  /// `df` degrees of freedom and scale `scale`, once per run; expected values take 0.
  virtual double forecast_deviation(int /*kind*/, double /*scale*/, double /*df*/) { return 0.0; }
  /// Runs funded spell `spell` of insats `i`'s flows with parameters `p` into `out` (expected:
  /// fractional people with every breakdown).
  virtual void run_flows(std::size_t /*i*/, int /*spell*/, const FlowParameters& p, InsatsFlows& out)
  {
    out = simulate_flows(p);
  }
};

/// Expected values: the mean of every distribution and the probability of every event.
class ExpectedValues final : public ValueSource {
 public:
  double value(const Uncertain& u, int) override { return u.expected(); }
  double occurs(double probability, std::uint64_t, int) override { return probability; }
};

}  // namespace finsim
