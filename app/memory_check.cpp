#include "app/memory_check.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>

#include "engine/monte_carlo.h"
#include "engine/sobol_indices.h"
#include "input/input_error.h"
#include "output/swedish.h"

namespace finsim {

namespace {

/// The first number in `path`, or nullopt (a missing file, "max").
std::optional<std::size_t> number_in(const std::string& path)
{
  std::ifstream in(path);
  std::size_t x = 0;
  if (in >> x) return x;
  return std::nullopt;
}

/// /proc/meminfo's MemAvailable in bytes.
std::optional<std::size_t> mem_available()
{
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::size_t kilobytes = 0;
  std::string unit;
  while (in >> key >> kilobytes >> unit)
    if (key == "MemAvailable:") return kilobytes * 1024;
  return std::nullopt;
}

/// What the cgroup's limit leaves, when there is one.
std::optional<std::size_t> cgroup_left()
{
  for (const auto& [limit, usage] :
       {std::pair{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
        std::pair{"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"}}) {
    const auto l = number_in(limit), u = number_in(usage);
    if (l && u) return *l > *u ? *l - *u : 0;
  }
  return std::nullopt;
}

/// Working storage of one task's replications (flows, finance, outcome): generous for 30 years
/// and dozens of insatser.
constexpr std::size_t workspace_bytes = 2 << 20;

std::string megabytes(std::size_t bytes) { return fmt::format("{:.0f} MB", static_cast<double>(bytes) / 1e6); }

}  // namespace

std::size_t resident_bytes()
{
  std::ifstream in("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

std::size_t available_bytes()
{
  std::size_t out = std::numeric_limits<std::size_t>::max();
  if (auto m = mem_available()) out = std::min(out, *m);
  if (auto c = cgroup_left()) out = std::min(out, *c);
  return out;
}

namespace {

/// The bytes `need` adds for `count` of its option.
std::size_t added_bytes(const MemoryNeed& need, std::uint64_t count)
{
  return static_cast<std::size_t>(count) * need.bytes_each + need.fixed_bytes;
}

}  // namespace

MemoryNeed monte_carlo_need(int years, std::uint64_t runs, std::uint64_t kept_paths, int threads,
                            std::size_t analysis_bytes_per_run)
{
  MemoryNeed need;
  need.count = runs;
  need.bytes_each = bytes_per_replication(years) + analysis_bytes_per_run;
  const std::size_t paths = static_cast<std::size_t>(kept_paths) * outcome_count * static_cast<std::size_t>(years) * 8;
  need.fixed_bytes = paths + static_cast<std::size_t>(threads) * workspace_bytes;
  return need;
}

MemoryNeed sobol_design_need(const SensitivitySettings& s, std::size_t factors, int years, int threads)
{
  const SobolMemoryNeed sobol = sobol_memory(factors, years, s, threads);
  const MemoryNeed workspaces = monte_carlo_need(years, 0, 0, threads);
  MemoryNeed need;
  need.option = "--base-runs";
  need.count = s.base_runs;
  need.bytes_each = sobol.per_base_row;
  need.fixed_bytes = sobol.fixed + workspaces.fixed_bytes;
  const auto count = [](std::uint64_t x) { return format_kronor(double(x)); };  // digits grouped by three
  need.what =
      fmt::format("Sobol-designen ({} basrader × ({} {} + 2) = {} körningar{})", count(s.base_runs), factors,
                  factors == 1 ? "faktor" : "faktorer", count(SobolDesign{s.base_runs, int(factors)}.evaluations()),
                  s.resamples > 0 ? fmt::format(", och bootstrapens {} omdragningar", count(std::uint64_t(s.resamples)))
                                  : std::string());
  need.unit = "basrader";
  return need;
}

std::size_t estimated_peak_bytes(const MemoryNeed& need) { return resident_bytes() + added_bytes(need, need.count); }

void check_memory(const MemoryNeed& need)
{
  const std::size_t held = resident_bytes(), free = available_bytes();
  const std::size_t needed = held + added_bytes(need, need.count);
  // Where nothing says how much is free (no /proc), the sum stays at the largest size, not wrapped.
  const std::size_t available = free > std::numeric_limits<std::size_t>::max() - held ? free : held + free;
  if (needed <= available) return;
  const std::size_t fixed = held + need.fixed_bytes;
  const std::uint64_t fit = available > fixed && need.bytes_each > 0 ? (available - fixed) / need.bytes_each : 0;
  throw MemoryRefused(fmt::format(
      "{} {}: {} behöver ungefär {} minne men {} finns tillgängligt; högst {} {} ryms (eller frigör minne, eller "
      "räkna på färre år)",
      need.option, need.count, need.what, megabytes(needed), megabytes(available), fit, need.unit));
}

std::size_t estimated_peak_bytes(int years, std::uint64_t runs, std::uint64_t kept_paths, int threads,
                                 std::size_t analysis_bytes_per_run)
{
  return estimated_peak_bytes(monte_carlo_need(years, runs, kept_paths, threads, analysis_bytes_per_run));
}

void check_memory(int years, std::uint64_t runs, std::uint64_t kept_paths, int threads,
                  std::size_t analysis_bytes_per_run)
{
  check_memory(monte_carlo_need(years, runs, kept_paths, threads, analysis_bytes_per_run));
}

}  // namespace finsim

namespace finsim {

void check_memory_to_read(const std::string& path, std::uint64_t values, std::size_t bytes_per_value)
{
  const std::size_t available = available_bytes();
  const double needed = static_cast<double>(values) * static_cast<double>(bytes_per_value);
  if (needed <= static_cast<double>(available)) return;
  throw InputError(
      {Problem{path, 0, 0, "",
               fmt::format("filen har {} miljoner värden; att läsa dem behöver omkring {} GB men bara "
                           "{} GB minne finns ledigt: läs filen på en dator med mer minne; inget skrevs",
                           format_decimal(static_cast<double>(values) / 1e6, 0), format_decimal(needed / 1e9, 1),
                           format_decimal(static_cast<double>(available) / 1e9, 1))}});
}

}  // namespace finsim
