// Whether a Monte Carlo run fits in the memory there is: estimated before it starts, so a run too
// large for the machine is refused with what it needs instead of being killed by the kernel.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/sensitivity.h"
#include "input/input_error.h"

namespace finsim {

/// Bytes this process holds now (resident set).
std::size_t resident_bytes();

/// Bytes the process may still take: the smaller of the system's MemAvailable and what the
/// cgroup's memory limit leaves (v2 memory.max − memory.current, or v1).
std::size_t available_bytes();

/// What a command will hold at its peak, sized as the user sized it: `count`, the value of the
/// option `option` the user wrote (or its default), at `bytes_each`, and `fixed_bytes` beside.
struct MemoryNeed {
  std::string option = "--runs";   ///< the option that sizes it, as written: "--runs", "--base-runs"
  std::uint64_t count = 0;         ///< its value
  std::size_t bytes_each = 0;      ///< what one more of it takes
  std::size_t fixed_bytes = 0;     ///< what does not grow with it (workspaces, kept paths, tables)
  std::string what = "körningen";  ///< Swedish, the subject of the refusal: "körningen", "Sobol-designen …"
  std::string unit = "körningar";  ///< Swedish, what `count` counts: "körningar", "basrader"
};

/// The need of a Monte Carlo of `runs` replications over `years` years keeping `kept_paths`
/// paths, with `threads` threads, and `analysis_bytes_per_run` an analysis keeps per run.
MemoryNeed monte_carlo_need(int years, std::uint64_t runs, std::uint64_t kept_paths, int threads,
                            std::size_t analysis_bytes_per_run = 0);

/// The need of `finsim sensitivity`'s Sobol design as the user sized it: --base-runs N gives
/// N × (k + 2) runs, each keeping every output of every year, and N rows in each of the
/// --resamples bootstrap index vectors (without them, each thread's N terms of the asymptotic
/// intervals); the bootstrap's tables and the Monte Carlo tasks' workspaces beside.
MemoryNeed sobol_design_need(const SensitivitySettings& s, std::size_t factors, int years, int threads);

/// The peak: what the process holds now plus `need`.
std::size_t estimated_peak_bytes(const MemoryNeed& need);

/// The refusal of a run that does not fit: an input error (exit 1), which finsim serve answers with 429.
class MemoryRefused : public InputError {
 public:
  using InputError::InputError;
};

/// Throws MemoryRefused when the estimated peak exceeds what is available, naming the option and
/// its value as the user wrote them, how much it needs, how much there is and how many fit.
void check_memory(const MemoryNeed& need);

/// The peak a run of `runs` replications over `years` years keeping `kept_paths` paths reaches:
/// what the process holds now plus the driver's columns and paths and the tasks' workspaces, plus
/// what an analysis keeps per run (`analysis_bytes_per_run`: paired figures, thresholds).
std::size_t estimated_peak_bytes(int years, std::uint64_t runs, std::uint64_t kept_paths, int threads,
                                 std::size_t analysis_bytes_per_run = 0);

/// Throws InputError when the run's estimated peak exceeds what is available, saying how much it
/// needs, how much there is and how many runs would fit.
void check_memory(int years, std::uint64_t runs, std::uint64_t kept_paths, int threads,
                  std::size_t analysis_bytes_per_run = 0);

}  // namespace finsim

namespace finsim {

/// What reading a result file holds per value at the peak: the numbers as doubles and the
/// workbook's cells (report), or the numbers and their CSV text (export).
inline constexpr std::size_t bytes_per_value_in_report = 64;
inline constexpr std::size_t bytes_per_value_in_csv = 96;

/// Throws InputError naming `path` when reading `values` values at `bytes_per_value` each would
/// exceed the memory available.
void check_memory_to_read(const std::string& path, std::uint64_t values, std::size_t bytes_per_value);

}  // namespace finsim
