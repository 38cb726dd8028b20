// Benchmark: Monte Carlo throughput on bench/large.toml (12 insatser with participants, 10 years,
// correlated inputs) with 1 and 2 threads. Prints runs per second and nanoseconds per
// insats-month (thread time per insats and month of a replication).
// Usage: finsim_bench [SCENARIO.toml] [RUNS]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/monte_carlo.h"
#include "input/scenario_reader.h"
#include "models/calibration.h"

int main(int argc, char* argv[])
{
  using namespace finsim;
  const std::string path = argc > 1 ? argv[1] : FINSIM_SOURCE_DIR "/bench/large.toml";
  const std::uint64_t runs = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 4000;
  try {
    const PreparedScenario prepared = prepare(read_scenario_file(path));
    const Scenario& s = prepared.scenario;
    int with_participants = 0;
    for (const Insats& i : s.insatser) with_participants += i.participants ? 1 : 0;
    const double insats_months = static_cast<double>(with_participants) * s.forbund.months();
    std::printf("scenario %s: %d insatser with participants, %d months, %llu runs\n", path.c_str(), with_participants,
                s.forbund.months(), static_cast<unsigned long long>(runs));
    double single = 0.0;
    for (int threads : {1, 2}) {
      MonteCarloSettings settings;
      settings.runs = runs;
      settings.threads = threads;
      const MonteCarloResults r = run_monte_carlo(prepared, settings);
      const double per_second = static_cast<double>(runs) / r.wall_seconds;
      if (threads == 1) single = per_second;
      std::printf("threads %d: %.3f s, %.0f runs/s, %.0f ns per insats-month, speed-up %.2f\n", threads, r.wall_seconds,
                  per_second, r.wall_seconds * threads * 1e9 / (static_cast<double>(runs) * insats_months),
                  per_second / single);
    }
    std::printf("kernel instruction set: %s\n", kernel_instruction_set());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
