// Benchmark: Monte Carlo throughput on bench/large.toml (12 insatser with participants, 10 years,
// correlated inputs) with 1 and 2 threads, against the draws-only yardstick (bench/draws_only.h).
// Prints runs per second, nanoseconds per insats-month (thread time per insats and month of a
// replication), the speed-up from 1 to 2 threads, the instruction sets of the CPU and of the
// kernel, the random numbers the kernel draws per replication (bench/draw_count.h), finsim's speed
// as a share of the draws-only loop's with the kernel's own generator, Philox4x64-10 (the
// yardstick, clarification 95), and with scalar Philox4x32-10 (the generator issue 24 names), and
// the memory a run keeps per stored replication.
// Usage: finsim_bench [SCENARIO.toml] [RUNS]   (the goals are at 100 000 runs)
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "bench/draw_count.h"
#include "bench/draws_only.h"
#include "engine/monte_carlo.h"
#include "input/scenario_reader.h"
#include "models/calibration.h"

namespace {

/// The process's peak resident memory so far (VmHWM), in bytes; 0 where /proc does not say.
std::size_t peak_resident_bytes()
{
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    std::size_t kilobytes = 0;
    if (key == "VmHWM:" && in >> kilobytes) return kilobytes * 1024;
  }
  return 0;
}

}  // namespace

int main(int argc, char* argv[])
{
  using namespace finsim;
  const std::string path = argc > 1 ? argv[1] : FINSIM_SOURCE_DIR "/bench/large.toml";
  const std::uint64_t runs = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 4000;
  const std::uint64_t seed = MonteCarloSettings{}.seed;
  try {
    const PreparedScenario prepared = prepare(read_scenario_file(path));
    const Scenario& s = prepared.scenario;
    int with_participants = 0;
    for (const Insats& i : s.insatser) with_participants += i.participants ? 1 : 0;
    const double insats_months = static_cast<double>(with_participants) * s.forbund.months();
    std::printf("scenario %s: %d insatser with participants, %d months, %llu runs\n", path.c_str(), with_participants,
                s.forbund.months(), static_cast<unsigned long long>(runs));
    __builtin_cpu_init();
    std::printf("instruction sets: CPU AVX2 %s, AVX-512 %s; kernel %s\n", __builtin_cpu_supports("avx2") ? "yes" : "no",
                __builtin_cpu_supports("avx512f") ? "yes" : "no", kernel_instruction_set());

    const std::size_t peak_before = peak_resident_bytes();
    double per_second[3] = {}, equity_mean = 0.0;
    std::size_t peak_growth = 0;
    for (int threads : {1, 2}) {
      MonteCarloSettings settings;
      settings.runs = runs;
      settings.seed = seed;
      settings.threads = threads;
      const MonteCarloResults r = run_monte_carlo(prepared, settings);
      if (threads == 1) {
        peak_growth = peak_resident_bytes() - peak_before;
        equity_mean = r.summary(Outcome::equity, r.years - 1).mean;
      }
      per_second[threads] = static_cast<double>(runs) / r.wall_seconds;
      std::printf("finsim threads %d: %.3f s, %.0f runs/s, %.0f ns per insats-month, speed-up %.2f\n", threads,
                  r.wall_seconds, per_second[threads],
                  r.wall_seconds * threads * 1e9 / (static_cast<double>(runs) * insats_months),
                  per_second[threads] / per_second[1]);
    }

    // The kernel's draws per replication, counted on the bench's counting copy of the kernel.
    const KernelDrawCount count = count_kernel_draws(path, runs, seed, 2);
    if (count.blocks_per_replication <= 0.0) {
      std::printf(
          "kernel draws: not counted (the kernel no longer draws through Random123's Philox4x64: count "
          "its generator's blocks in bench/counting_philox.h)\n");
      return 1;
    }
    if (count.equity_mean_last_year != equity_mean)
      std::printf("warning: the counting copy of the kernel gives another mean equity (%.17g, not %.17g)\n",
                  count.equity_mean_last_year, equity_mean);
    const auto uniforms = static_cast<std::uint64_t>(std::llround(8.0 * count.blocks_per_replication));
    std::printf("kernel draws: %.1f Philox4x64-10 blocks per replication = %llu uniforms of 32 bits (counted)\n",
                count.blocks_per_replication, static_cast<unsigned long long>(uniforms));

    for (const auto& [generator, name] :
         {std::pair{DrawsOnlyGenerator::philox4x64, "Philox4x64-10 (the yardstick: the kernel's generator)"},
          std::pair{DrawsOnlyGenerator::philox4x32, "Philox4x32-10 (scalar, as the issue names it)"}})
      for (int threads : {1, 2}) {
        const DrawsOnlyRun d = draws_only(generator, seed, runs, uniforms, threads);
        const double draws_per_second = static_cast<double>(runs) / d.seconds;
        std::printf("draws-only %s threads %d: %.3f s, %.0f runs/s (mean uniform %.4f); finsim at %.1f %%\n", name,
                    threads, d.seconds, draws_per_second, d.mean_uniform,
                    100.0 * per_second[threads] / draws_per_second);
      }

    const std::size_t bytes = bytes_per_replication(s.forbund.years);
    std::printf(
        "memory per stored run: %zu bytes (%d years × (%d outcomes × 8 + %d breach flags)); 10^7 runs %.2f GB; "
        "measured peak growth of the 1-thread run %.0f bytes per run\n",
        bytes, s.forbund.years, outcome_count, breach_count, 1e7 * static_cast<double>(bytes) / 1e9,
        static_cast<double>(peak_growth) / static_cast<double>(runs));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
