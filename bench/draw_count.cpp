// Compiled only into finsim_bench_counting, with the namespaces renamed (see counting_philox.h):
// `finsim` here is that target's copy of the kernel.
#include "bench/draw_count.h"

#include "engine/monte_carlo.h"
#include "input/scenario_reader.h"
#include "models/calibration.h"

KernelDrawCount count_kernel_draws(const std::string& path, std::uint64_t runs, std::uint64_t seed, int threads)
{
  using namespace finsim;
  const PreparedScenario prepared = prepare(read_scenario_file(path));
  MonteCarloSettings settings;
  settings.seed = seed;
  settings.threads = threads;
  // What a run draws before its replications (the plan): a run of no replications, as a design so
  // that nothing is summarised.
  settings.runs = 0;
  settings.design = [](std::uint64_t e) { return StreamReplication(e); };
  r123::counted_philox_blocks = 0;
  run_monte_carlo(prepared, settings);
  const std::uint64_t fixed = r123::counted_philox_blocks.exchange(0);
  settings.design = nullptr;
  settings.runs = runs;
  const MonteCarloResults r = run_monte_carlo(prepared, settings);
  const std::uint64_t all = r123::counted_philox_blocks.exchange(0);
  KernelDrawCount count;
  count.blocks_per_replication = runs > 0 ? static_cast<double>(all - fixed) / static_cast<double>(runs) : 0.0;
  count.equity_mean_last_year = r.summary(Outcome::equity, r.years - 1).mean;
  return count;
}
