// What a Monte Carlo replication draws: every uncertain number, each insats' early end, renewal,
// reason mix and participant flows, all keyed by (seed, replication, key path).
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/flow_reuse.h"
#include "input/scenario.h"
#include "models/calibration.h"
#include "models/projection.h"
#include "models/stochastic_flow.h"
#include "models/value_source.h"
#include "sampling/correlation.h"
#include "sampling/score_quantile.h"
#include "sampling/stream_keys.h"

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
      if (lookup_[i].first == nullptr) throw std::out_of_range("DrawPlan: " + u->path + " dras inte");
    }
  }

 private:
  /// Open addressing on the numbers' stream ids (already well-mixed hashes), at most half full.
  std::vector<std::pair<const Uncertain*, int>> lookup_;
  std::size_t mask_ = 0;
};

/// Which replication's draws each stream takes. A plain replication: `index` for every stream. A
/// mixed run of a Sobol design (analysis/sensitivity): `other` for the streams of one factor,
/// listed sorted in `switched`, and `index` for every other stream.
struct StreamReplication {
  std::uint64_t index = 0, other = 0;
  const std::vector<std::uint64_t>* switched = nullptr;

  StreamReplication(std::uint64_t replication) : index(replication) {}  // NOLINT: a plain replication
  StreamReplication(std::uint64_t replication, std::uint64_t other_, const std::vector<std::uint64_t>* switched_)
      : index(replication), other(other_), switched(switched_)
  {
  }
  /// The replication index whose draws stream `stream_id` takes.
  std::uint64_t of(std::uint64_t stream_id) const
  {
    if (switched == nullptr) return index;
    return std::binary_search(switched->begin(), switched->end(), stream_id) ? other : index;
  }
};

/// Storage the drawn numbers of a replication reuse from the one before (the driver keeps one per
/// task in its ReplicationWorkspace).
struct DrawScratch {
  std::vector<double> values;
  Eigen::MatrixXd independent;  ///< copula: the independent scores, number × year
  Eigen::VectorXd correlated;
};

/// The numbers of one replication: every draw keyed by (seed, replication, the number's key
/// path), so it is the same on any thread and unaffected by other insatser.
class DrawnNumbers {
 public:
  /// The numbers are kept in `scratch`, which must outlive this object.
  DrawnNumbers(const DrawPlan& plan, std::uint64_t seed, const StreamReplication& replication, DrawScratch& scratch);
  double value(const Uncertain& u, int year) const;
  double occurs(double probability, std::uint64_t stream_id, int year) const;

 private:
  const DrawPlan& plan_;
  std::uint64_t seed_;
  StreamReplication replication_;
  std::vector<double>& values_;  ///< per quantity from its offset: one value, or one per year
};

/// The last active month of an insats after its early-end and renewal draws (clarification 19),
/// or nullopt when it runs as granted. The draws use the stream `stream_id`
/// (continuation_stream(insats.name)).
std::optional<int> drawn_last_month(const Insats& insats, const Forbund& f, std::uint64_t seed,
                                    std::uint64_t replication, std::uint64_t stream_id);

/// The reason mix of a replication: a Dirichlet draw on the exit-reason counts (α = counts, zero
/// counts stay zero), or the given shares. The draw is made in two steps with the same joint
/// law: the share of the group {arbete, studier} against the other nine reasons, then, when
/// `within_groups` is set, the shares within each group (otherwise their expected shares).
std::array<double, reason_count> drawn_reason_mix(const ParticipantSpec& spec, const ReasonStreams& streams,
                                                  std::uint64_t seed, std::uint64_t replication, bool within_groups);

/// What every replication of a run shares: the scenario, the draw plan of its numbers and, per
/// insats, the stream ids and the flow tables that do not change between replications.
struct ReplicationPlan {
  struct InsatsPlan {
    std::uint64_t continuation = 0;  ///< stream of the early-end and renewal draws
    std::uint64_t year_to_date = 0;  ///< stream of the posterior utilisation draw after [year_to_date]
    std::optional<ReasonStreams> reasons;
    std::uint64_t participants = 0;    ///< stream of the participant flows (their first funded spell)
    std::optional<FlowTables> tables;  ///< nullopt: no participants
  };

  const PreparedScenario& prepared;
  const Scenario& scenario;
  const Calibrations& calibrations;
  DrawPlan numbers;
  std::vector<InsatsPlan> insatser;

  explicit ReplicationPlan(const PreparedScenario& p);
};

/// One replication as the projection pipeline sees it: its numbers, its early ends and reason
/// mixes, and its participant flows in stochastic mode (totals only, no breakdowns).
class ReplicationDraws final : public ValueSource {
 public:
  /// `reuse`, when given, copies an insats' flows the workspace simulated before from the same
  /// parameters and stream (engine/flow_reuse) instead of simulating them again.
  ReplicationDraws(const ReplicationPlan& plan, std::uint64_t seed, const StreamReplication& replication,
                   FlowWork& work, DrawScratch& scratch, FlowReuse* reuse = nullptr);
  double value(const Uncertain& u, int year) override { return numbers_.value(u, year); }
  double occurs(double probability, std::uint64_t stream_id, int year) override
  {
    return numbers_.occurs(probability, stream_id, year);
  }
  std::optional<int> last_month(std::size_t i) override;
  bool balance_sheet() const override { return false; }
  std::array<double, reason_count> reason_mix(std::size_t i, const ParticipantSpec& spec) override;
  void run_flows(std::size_t i, int spell, const FlowParameters& p, InsatsFlows& out) override;
  double posterior_utilization(std::size_t i, double alpha, double beta) override;
  double forecast_deviation(int kind, double scale, double df) override;

 private:
  const ReplicationPlan& plan_;
  std::uint64_t seed_;
  StreamReplication replication_;
  FlowWork& work_;
  FlowReuse* reuse_;
  DrawnNumbers numbers_;
};

}  // namespace finsim
