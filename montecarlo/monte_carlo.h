// The Monte Carlo driver: runs replications in parallel (oneTBB), keeps their outcomes, and
// summarises them. It owns threads, streams and statistics; the models know nothing of them.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/scenario.h"
#include "models/flow_inputs.h"
#include "montecarlo/replication.h"
#include "montecarlo/statistics.h"

namespace finsim {

struct MonteCarloSettings {
  std::uint64_t runs = 10000;
  std::uint64_t seed = 1;
  int threads = 0;             ///< 0: all cores
  std::uint64_t grain = 0;     ///< replications per task; 0: chosen by the driver
  std::uint64_t keep_paths = 0;  ///< how many replications' yearly paths to keep
  /// Called now and then from a worker thread with the number of finished replications.
  std::function<void(std::uint64_t)> progress;
  const std::atomic<bool>* stop = nullptr;  ///< set to stop early (Ctrl-C)
};

/// What a Monte Carlo run found.
struct MonteCarloResults {
  std::uint64_t runs = 0, seed = 0;
  int threads = 0;
  double wall_seconds = 0.0;
  bool interrupted = false;  ///< stopped before all replications ran: nothing is summarised
  int years = 0;
  std::array<std::vector<Summary>, outcome_count> summaries;  ///< outcome × year
  std::vector<Probability> p_equity_above_cap, p_equity_below_floor, p_cash_negative;  ///< per year
  Probability p_any_equity_above_cap, p_any_equity_below_floor, p_any_cash_negative;
  std::array<std::vector<double>, outcome_count> paths;  ///< outcome: kept run × year, row-major
  std::uint64_t kept_paths = 0;
  /// Mid-rank percentile of the [actual] outcome within the forecast, per outcome (NaN: not given).
  std::array<double, outcome_count> actual_percentile;
};

/// Runs `settings.runs` replications of `s` and summarises them. Results are identical for any
/// thread count and grain: each replication's draws depend only on (seed, index, key path), and
/// the statistics are computed afterwards in replication order.
MonteCarloResults run_monte_carlo(const Scenario& s, const std::vector<std::optional<Calibration>>& calibrations,
                                  const MonteCarloSettings& settings);

/// Bytes of memory a run keeps per replication for `years` years (outcomes and flags).
std::size_t bytes_per_replication(int years);

}  // namespace finsim
