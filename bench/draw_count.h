// How many random numbers finsim's kernel draws per replication, counted on a copy of the kernel
// built for the bench (bench/counting_philox.h): every Philox4x64-10 block the Monte Carlo
// computes, over the same runs and seed as the timed run.
#pragma once
#include <cstdint>
#include <string>

struct KernelDrawCount {
  /// Philox4x64-10 blocks per replication: the blocks of `runs` replications less those of a run
  /// of none (the plan's), divided by `runs`. 0 when the kernel no longer draws through
  /// Random123's Philox4x64 (a new generator must then be counted where it computes its blocks).
  double blocks_per_replication = 0.0;
  /// The mean closing equity of the last year: the counting copy must give exactly what the timed
  /// kernel gives, or it is not the same kernel.
  double equity_mean_last_year = 0.0;
};

/// Runs the counting copy of the Monte Carlo on the scenario at `path`.
KernelDrawCount count_kernel_draws(const std::string& path, std::uint64_t runs, std::uint64_t seed, int threads);
