// The Monte Carlo's draws of every uncertain number, one replication at a time.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/correlation.h"
#include "engine/scenario.h"
#include "engine/score_quantile.h"
#include "models/finance_inputs.h"

namespace finsim {

/// What a run draws, fixed for all its replications: each distribution in the scenario with
/// its draw frequency and its value at a normal score, and the Gaussian copula of the correlated
/// ones.
struct DrawPlan {
  struct Quantity {
    const Uncertain* uncertain = nullptr;
    bool per_year = false;
    int copula_index = -1;  ///< row in the copula factor, -1 when uncorrelated
    int score = 0;          ///< index in `scores`
    int offset = 0;         ///< first of its values in a replication's values
  };
  int years = 0;
  std::vector<Quantity> quantities;
  /// Values at a normal score, one per distinct distribution (numbers with the same law, such as
  /// every insats' utilisation, share one table).
  std::vector<ScoreQuantile> scores;
  int value_count = 0;  ///< values per replication: one per run-level number, `years` per yearly one
  CopulaFactor copula;
  std::vector<int> copula_quantity;  ///< copula row → index in `quantities`

  /// The plan for `s` (whose correlations the reader has checked).
  explicit DrawPlan(const Scenario& s);
  /// The index in `quantities` of `u` (std::out_of_range when it is not one of them).
  int quantity_of(const Uncertain* u) const
  {
    for (std::size_t i = static_cast<std::size_t>(u->stream_id) & mask_;; i = (i + 1) & mask_) {
      if (lookup_[i].first == u) return lookup_[i].second;
      if (lookup_[i].first == nullptr) throw std::out_of_range("DrawPlan: " + u->path + " is not drawn");
    }
  }

 private:
  /// Open addressing on the numbers' stream ids (already well-mixed hashes), at most half full.
  std::vector<std::pair<const Uncertain*, int>> lookup_;
  std::size_t mask_ = 0;
};

/// The values of one replication: every draw keyed by (seed, replication, the number's key
/// path), so it is the same on any thread and unaffected by other insatser.
class ReplicationValues final : public ValueSource {
 public:
  ReplicationValues(const DrawPlan& plan, std::uint64_t seed, std::uint64_t replication);
  double value(const Uncertain& u, int year) override;
  double occurs(double probability, std::uint64_t stream_id, int year) override;

 private:
  const DrawPlan& plan_;
  std::uint64_t seed_, replication_;
  std::vector<double> values_;  ///< per quantity from its offset: one value, or one per year
};

/// The stream id of the yes/no event tied to the number with `stream_id` (an income coming).
std::uint64_t occurrence_stream(std::uint64_t stream_id);

}  // namespace finsim
