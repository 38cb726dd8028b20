#include "montecarlo/monte_carlo.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

// oneTBB from Debian is not built with ThreadSanitizer, so TSan cannot see the happens-before
// edges its scheduler creates. In TSan builds the driver states them itself: everything the
// calling thread wrote happens before each task, and each task happens before the results are
// read. Nothing else is hidden from TSan.
#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);
#define FINSIM_HAPPENS_BEFORE(address) __tsan_release(address)
#define FINSIM_HAPPENS_AFTER(address) __tsan_acquire(address)
#else
#define FINSIM_HAPPENS_BEFORE(address) ((void)(address))
#define FINSIM_HAPPENS_AFTER(address) ((void)(address))
#endif

namespace finsim {

std::size_t bytes_per_replication(int years)
{
  return static_cast<std::size_t>(years) * (outcome_count * sizeof(double) + 3);
}

MonteCarloResults run_monte_carlo(const Scenario& s, const std::vector<std::optional<Calibration>>& calibrations,
                                  const MonteCarloSettings& settings)
{
  const auto start = std::chrono::steady_clock::now();
  const int years = s.forbund.years;
  const std::uint64_t runs = settings.runs;
  const ReplicationPlan plan(s, calibrations);
  MonteCarloResults r;
  r.runs = runs;
  r.seed = settings.seed;
  r.years = years;
  r.threads = settings.threads > 0 ? settings.threads : tbb::info::default_concurrency();

  // Outcomes column by column: (outcome, year) → one value per replication.
  std::vector<std::vector<double>> columns(static_cast<std::size_t>(outcome_count * years), std::vector<double>(runs));
  std::vector<unsigned char> flags(static_cast<std::size_t>(3 * years) * runs);
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> stopped{false};
  const std::uint64_t grain = settings.grain > 0 ? settings.grain : std::max<std::uint64_t>(1, runs / 256);

  int dispatched = 0, finished = 0;  // addresses naming the two happens-before edges
  FINSIM_HAPPENS_BEFORE(&dispatched);
  tbb::task_arena arena(r.threads);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, runs, grain), [&](const tbb::blocked_range<std::uint64_t>& range) {
      FINSIM_HAPPENS_AFTER(&dispatched);
      ReplicationWorkspace work;  // reused by the replications of this range
      for (std::uint64_t k = range.begin(); k != range.end(); ++k) {
        if (settings.stop != nullptr && settings.stop->load(std::memory_order_relaxed)) {
          stopped = true;
          FINSIM_HAPPENS_BEFORE(&finished);
          return;
        }
        const ReplicationOutcome& o = simulate_replication(plan, settings.seed, k, work);
        for (int q = 0; q < outcome_count; ++q)
          for (int y = 0; y < years; ++y) columns[static_cast<std::size_t>(q * years + y)][k] = o.values[q][y];
        for (int y = 0; y < years; ++y) {
          flags[static_cast<std::size_t>(0 * years + y) * runs + k] = o.above_cap[y];
          flags[static_cast<std::size_t>(1 * years + y) * runs + k] = o.below_floor[y];
          flags[static_cast<std::size_t>(2 * years + y) * runs + k] = o.cash_negative[y];
        }
      }
      const std::uint64_t now = done.fetch_add(range.size()) + range.size();
      if (settings.progress) settings.progress(now);
      FINSIM_HAPPENS_BEFORE(&finished);
    });
  });
  FINSIM_HAPPENS_AFTER(&finished);
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (stopped) {
    r.interrupted = true;
    return r;
  }

  for (int q = 0; q < outcome_count; ++q)
    for (int y = 0; y < years; ++y) r.summaries[q].push_back(summarize(columns[static_cast<std::size_t>(q * years + y)]));
  auto yearly = [&](int which, std::vector<Probability>& out, Probability& any) {
    std::size_t any_hits = 0;
    std::vector<std::size_t> hits(static_cast<std::size_t>(years), 0);
    for (std::uint64_t k = 0; k < runs; ++k) {
      bool some = false;
      for (int y = 0; y < years; ++y)
        if (flags[static_cast<std::size_t>(which * years + y) * runs + k]) {
          ++hits[static_cast<std::size_t>(y)];
          some = true;
        }
      any_hits += some;
    }
    for (int y = 0; y < years; ++y) out.push_back(probability(hits[static_cast<std::size_t>(y)], runs));
    any = probability(any_hits, runs);
  };
  yearly(0, r.p_equity_above_cap, r.p_any_equity_above_cap);
  yearly(1, r.p_equity_below_floor, r.p_any_equity_below_floor);
  yearly(2, r.p_cash_negative, r.p_any_cash_negative);

  r.kept_paths = std::min(settings.keep_paths, runs);
  for (int q = 0; q < outcome_count; ++q)
    for (std::uint64_t k = 0; k < r.kept_paths; ++k)
      for (int y = 0; y < years; ++y) r.paths[q].push_back(columns[static_cast<std::size_t>(q * years + y)][k]);

  r.actual_percentile.fill(std::numeric_limits<double>::quiet_NaN());
  if (s.actual) {
    const Actual& a = *s.actual;
    const int y = a.year - s.forbund.first_year;
    const std::array<std::optional<double>, outcome_count> actual{a.equity, a.result, std::nullopt, a.driftbidrag,
                                                                   a.costs, std::nullopt, std::nullopt, std::nullopt};
    for (int q = 0; q < outcome_count; ++q) {
      if (!actual[q]) continue;
      std::vector<double> sorted = columns[static_cast<std::size_t>(q * years + y)];
      std::sort(sorted.begin(), sorted.end());
      r.actual_percentile[q] = mid_rank(sorted, *actual[q]);
    }
  }
  return r;
}

}  // namespace finsim
