// A progress bar on stderr for long Monte Carlo runs: runs per second and time left.
#pragma once
#include <chrono>
#include <cstdint>
#include <mutex>

namespace finsim {

/// Draws "[#####.....]  45 %  12 345 körningar/s  3 s kvar" on stderr, at most ten times a
/// second, only when enabled (stderr is a terminal, no --quiet) and the run has lasted a second.
class ProgressBar {
 public:
  ProgressBar(std::uint64_t total, bool enabled);
  /// Thread-safe: called by the workers with the number of finished replications.
  void update(std::uint64_t done);
  /// Clears the bar's line if it was drawn.
  void finish();

 private:
  std::uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
  std::mutex mutex_;
};

}  // namespace finsim
