#include "engine/monte_carlo.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <span>

#include "engine/replication.h"
#include "engine/tsan_edges.h"
#include "sampling/lanes.h"

namespace finsim {

std::size_t bytes_per_replication(int years)
{
  return static_cast<std::size_t>(years) * (outcome_count * sizeof(double) + breach_count);
}

const char* kernel_instruction_set() { return lane_set_name(lane_set()); }

int threads_used(int requested)
{
  const int cores = tbb::info::default_concurrency();
  return requested > 0 ? std::min(requested, cores) : cores;
}

namespace {

bool stop_requested(const std::atomic<bool>* stop) { return stop != nullptr && stop->load(std::memory_order_relaxed); }

/// Every replication's outcomes, column by column: (outcome, year) → one value per replication,
/// and (breach, year) → one flag per replication. Allocated by allocate(), column by column.
struct Columns {
  int years = 0;
  std::uint64_t runs = 0;
  /// Not zeroed when allocated: every replication writes its own values before any is read, so
  /// the pages are first touched by the replications, in parallel, and not by a serial fill.
  std::vector<std::unique_ptr<double[]>> values;
  std::vector<std::vector<unsigned char>> flags;

  /// Takes the memory of `runs` replications over `years`; false when stopped first. With no
  /// runs every column is there and empty, so the summaries are those of no values (NaN).
  bool allocate(int years_, std::uint64_t runs_, const std::atomic<bool>* stop)
  {
    years = years_;
    runs = runs_;
    values.reserve(static_cast<std::size_t>(outcome_count * years));
    for (int c = 0; c < outcome_count * years; ++c) {
      if (stop_requested(stop)) return false;
      values.push_back(std::make_unique_for_overwrite<double[]>(static_cast<std::size_t>(runs)));
    }
    flags.reserve(static_cast<std::size_t>(breach_count * years));
    for (int c = 0; c < breach_count * years; ++c) {
      if (stop_requested(stop)) return false;
      flags.emplace_back(runs);
    }
    return true;
  }
  std::span<double> column(int outcome, int year)
  {
    return {values[static_cast<std::size_t>(outcome * years + year)].get(), static_cast<std::size_t>(runs)};
  }
  unsigned char& flag(int breach, int year, std::uint64_t k)
  {
    return flags[static_cast<std::size_t>(breach * years + year)][k];
  }
  void store(std::uint64_t k, const ReplicationOutcome& o)
  {
    for (int q = 0; q < outcome_count; ++q)
      for (int y = 0; y < years; ++y)
        column(q, y)[k] = o.values[static_cast<std::size_t>(q)][static_cast<std::size_t>(y)];
    for (int b = 0; b < breach_count; ++b)
      for (int y = 0; y < years; ++y)
        flag(b, y, k) = (*o.breaches[static_cast<std::size_t>(b)])[static_cast<std::size_t>(y)];
  }
};

/// Runs every replication into `columns`; false when stopped early.
bool run_replications(const ReplicationPlan& plan, const MonteCarloSettings& settings, tbb::task_arena& arena,
                      Columns& columns)
{
  const std::uint64_t runs = settings.runs;
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> stopped{false};
  const std::uint64_t grain = settings.grain > 0 ? settings.grain : std::max<std::uint64_t>(1, runs / 256);
  int dispatched = 0, finished = 0;  // addresses naming the two happens-before edges
  FINSIM_HAPPENS_BEFORE(&dispatched);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, runs, grain),
                      [&](const tbb::blocked_range<std::uint64_t>& range) {
                        FINSIM_HAPPENS_AFTER(&dispatched);
                        ReplicationWorkspace work;  // reused by the replications of this range
                        work.flow_work.stop = settings.stop;
                        if (settings.reuse_flows) work.reuse.emplace();
                        for (std::uint64_t k = range.begin(); k != range.end(); ++k) {
                          if (settings.stop != nullptr && settings.stop->load(std::memory_order_relaxed)) {
                            stopped = true;
                            FINSIM_HAPPENS_BEFORE(&finished);
                            return;
                          }
                          const StreamReplication draws = settings.design ? settings.design(k) : StreamReplication(k);
                          const ReplicationOutcome& outcome = simulate_replication(plan, settings.seed, draws, work);
                          if (columns.runs > 0) columns.store(k, outcome);
                          if (settings.observe) settings.observe(k, work.projection);
                        }
                        const std::uint64_t now = done.fetch_add(range.size()) + range.size();
                        if (settings.progress) settings.progress(now);
                        FINSIM_HAPPENS_BEFORE(&finished);
                      });
  });
  FINSIM_HAPPENS_AFTER(&finished);
  return !stopped;
}

/// The summaries of every (outcome, year) column, computed in parallel (each column on its own:
/// the same numbers for any thread count); false when stopped.
bool summarize_columns(Columns& columns, tbb::task_arena& arena, const std::atomic<bool>* stop, MonteCarloResults& r)
{
  std::vector<Summary> all(columns.values.size());
  parallel_indices(arena, all.size(), [&](std::size_t c) {
    if (stop_requested(stop)) return;
    all[c] = summarize_in_place({columns.values[c].get(), static_cast<std::size_t>(columns.runs)});
    columns.values[c].reset();
  });
  if (stop_requested(stop)) return false;
  for (int q = 0; q < outcome_count; ++q)
    for (int y = 0; y < columns.years; ++y)
      r.summaries[static_cast<std::size_t>(q)].push_back(all[static_cast<std::size_t>(q * columns.years + y)]);
  return true;
}

/// The share of runs with each breach per year and in some year; false when stopped.
bool breach_probabilities(Columns& columns, const std::atomic<bool>* stop, MonteCarloResults& r)
{
  const int years = columns.years;
  for (int b = 0; b < breach_count; ++b) {
    if (stop_requested(stop)) return false;
    std::size_t any_hits = 0;
    std::vector<std::size_t> hits(static_cast<std::size_t>(years), 0);
    for (std::uint64_t k = 0; k < columns.runs; ++k) {
      bool some = false;
      for (int y = 0; y < years; ++y)
        if (columns.flag(b, y, k)) {
          ++hits[static_cast<std::size_t>(y)];
          some = true;
        }
      any_hits += some;
    }
    for (int y = 0; y < years; ++y)
      r.p_breach[static_cast<std::size_t>(b)].push_back(probability(hits[static_cast<std::size_t>(y)], columns.runs));
    r.p_any_breach[static_cast<std::size_t>(b)] = probability(any_hits, columns.runs);
  }
  return true;
}

/// The kept paths and the percentile of the [actual] outcome.
void paths_and_actual(const Scenario& s, Columns& columns, std::uint64_t keep, MonteCarloResults& r)
{
  r.kept_paths = std::min(keep, columns.runs);
  for (int q = 0; q < outcome_count; ++q)
    for (std::uint64_t k = 0; k < r.kept_paths; ++k)
      for (int y = 0; y < columns.years; ++y) r.paths[static_cast<std::size_t>(q)].push_back(columns.column(q, y)[k]);
  r.actual_percentile.fill(std::numeric_limits<double>::quiet_NaN());
  if (!s.actual) return;
  const int y = s.actual->year - s.forbund.first_year;
  for (const OutcomeInfo& o : outcomes)
    if (const std::optional<double> actual = actual_value(*s.actual, o.id))
      r.actual_percentile[index(o.id)] = mid_rank(columns.column(static_cast<int>(index(o.id)), y), *actual);
}

}  // namespace

MonteCarloResults run_monte_carlo(const PreparedScenario& p, const MonteCarloSettings& settings)
{
  const auto start = std::chrono::steady_clock::now();
  const Scenario& s = p.scenario;
  const ReplicationPlan plan(p);
  MonteCarloResults r;
  r.runs = settings.runs;
  r.seed = settings.seed;
  r.years = s.forbund.years;
  r.threads = threads_used(settings.threads);
  r.memory_estimate = settings.memory_estimate;
  Columns columns;
  tbb::task_arena arena(r.threads);  // the replications and then the statistics
  // A design keeps what its observer keeps. The columns of a large run take seconds to allocate:
  // a stop is heard between them, before the first replication.
  bool complete = columns.allocate(r.years, settings.design ? 0 : r.runs, settings.stop) &&
                  run_replications(plan, settings, arena, columns);
  if (complete && !settings.design) {
    complete = breach_probabilities(columns, settings.stop, r);
    if (complete) paths_and_actual(s, columns, settings.keep_paths, r);
    complete = complete && summarize_columns(columns, arena, settings.stop, r);
  }
  r.interrupted = !complete;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::optional<std::vector<std::vector<double>>> allocate_columns(std::size_t count, std::uint64_t length,
                                                                 const std::atomic<bool>* stop)
{
  std::vector<std::vector<double>> columns;
  columns.reserve(count);
  for (std::size_t c = 0; c < count; ++c) {
    if (stop_requested(stop)) return std::nullopt;
    columns.emplace_back(length);  // each its own: no column is a copy of another
  }
  if (stop_requested(stop)) return std::nullopt;
  return columns;
}

}  // namespace finsim
