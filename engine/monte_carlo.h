// The Monte Carlo driver: runs replications of the projection pipeline in parallel (oneTBB),
// keeps their outcomes, and summarises them. It owns threads, streams and statistics; the models
// know nothing of them.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/outcome.h"
#include "engine/replication_draws.h"
#include "engine/statistics.h"
#include "input/scenario.h"
#include "models/calibration.h"
#include "models/projection.h"

namespace finsim {

struct MonteCarloSettings {
  std::uint64_t runs = 10000;
  std::uint64_t seed = 1;
  int threads = 0;               ///< 0: all cores; more than the cores there are: the cores
  std::uint64_t grain = 0;       ///< replications per task; 0: chosen by the driver
  std::uint64_t keep_paths = 0;  ///< how many replications' yearly paths to keep
  /// Called now and then from a worker thread with the number of finished replications.
  std::function<void(std::uint64_t)> progress;
  const std::atomic<bool>* stop = nullptr;  ///< set to stop early (Ctrl-C)
  std::size_t memory_estimate = 0;          ///< bytes the caller estimated for the run (0: none), reported
  /// Called from a worker thread after each replication with its index and projection: what an
  /// analysis keeps per run (paired differences, room thresholds). It must only write what
  /// belongs to that replication, so its results, like the driver's, do not depend on threads.
  std::function<void(std::uint64_t replication, const Projection& projection)> observe;
  /// A designed experiment instead of plain replications (the Sobol design of
  /// analysis/sensitivity): evaluation e (0 ≤ e < runs) draws as design(e) says. Nothing is
  /// summarised; the observer keeps what the design needs.
  std::function<StreamReplication(std::uint64_t evaluation)> design;
  /// The design's consecutive evaluations share participant streams (a Sobol row: B, A, then A
  /// with one factor from B): each task keeps its latest flows per insats and copies them where
  /// the parameters and the stream are the same (engine/flow_reuse). The same numbers, bit for bit.
  bool reuse_flows = false;
};

/// The worker threads a run with `requested` threads uses: all cores for 0, never more than the
/// cores there are.
int threads_used(int requested);

/// What a Monte Carlo run found. Per-outcome arrays follow the registry (engine/outcome.h).
struct MonteCarloResults {
  std::uint64_t runs = 0, seed = 0;
  int threads = 0;  ///< the threads used
  double wall_seconds = 0.0;
  std::size_t memory_estimate = 0;  ///< from the settings
  bool interrupted = false;         ///< stopped before all replications ran: nothing is summarised
  int years = 0;
  std::array<std::vector<Summary>, outcome_count> summaries;    ///< outcome × year
  std::array<std::vector<Probability>, breach_count> p_breach;  ///< breach × year
  std::array<Probability, breach_count> p_any_breach;           ///< breach in some year
  std::array<std::vector<double>, outcome_count> paths;         ///< outcome: kept run × year, row-major
  std::uint64_t kept_paths = 0;
  /// Mid-rank percentile of the [actual] outcome within the runs, per outcome (NaN: not given).
  std::array<double, outcome_count> actual_percentile{};

  const Summary& summary(Outcome o, int year) const { return summaries[index(o)][static_cast<std::size_t>(year)]; }
  const Probability& p(Breach b, int year) const { return p_breach[index(b)][static_cast<std::size_t>(year)]; }
  const Probability& p_any(Breach b) const { return p_any_breach[index(b)]; }
};

/// Runs `settings.runs` replications of the prepared scenario `p` (overrides applied, calibrated)
/// and summarises them. Results are identical for any thread count and grain: each replication's
/// draws depend only on (seed, index, key path), and the statistics are computed afterwards in
/// replication order. With no runs (settings.runs = 0, no design) nothing is drawn: every summary
/// is that of no values (NaN mean, sd, se and quantiles), every breach probability NaN, no paths.
MonteCarloResults run_monte_carlo(const PreparedScenario& p, const MonteCarloSettings& settings);

/// `count` columns of `length` values each (zero), allocated one by one with `stop` checked before
/// each: a large run's columns take seconds to allocate, and a stop is heard between them.
/// nullopt when stopped.
std::optional<std::vector<std::vector<double>>> allocate_columns(std::size_t count, std::uint64_t length,
                                                                 const std::atomic<bool>* stop);

/// The instruction set the kernel's lanes use ("avx512", "avx2" or "scalar"; FINSIM_LANES forces
/// one, docs/model.md). Every set gives the same numbers.
const char* kernel_instruction_set();

/// Bytes of memory a run keeps per replication for `years` years (outcomes and flags).
std::size_t bytes_per_replication(int years);

}  // namespace finsim
