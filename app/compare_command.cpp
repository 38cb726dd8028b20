// finsim compare BASE VARIANT...: every scenario with the same seed and replication indices, the
// variants paired with the base run by run, one HDF5 file.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "analysis/comparison.h"
#include "app/commands.h"
#include "app/interrupt.h"
#include "app/memory_check.h"
#include "input/scenario_reader.h"
#include "models/plausibility.h"
#include "output/comparison_output.h"
#include "output/result_file.h"
#include "output/summary.h"

namespace finsim {

int compare_command(const Settings& settings, std::ostream& out)
{
  install_interrupt_handler();
  std::vector<std::string> paths{settings.scenario_path};
  paths.insert(paths.end(), settings.variant_paths.begin(), settings.variant_paths.end());
  std::vector<PreparedScenario> prepared;
  std::vector<std::string> names;
  std::vector<const Scenario*> scenarios;
  for (const std::string& path : paths) {
    prepared.push_back(prepare(read_scenario_file(path)));
    names.push_back(std::filesystem::path(path).stem().string());
  }
  for (const PreparedScenario& p : prepared) scenarios.push_back(&p.scenario);
  std::vector<std::string> warnings;
  for (std::size_t i = 0; i < prepared.size(); ++i)
    for (const std::string& w : plausibility_warnings(prepared[i])) {
      std::cerr << "varning (" << names[i] << "): " << w << '\n';
      if (i == 0) warnings.push_back(w);
    }
  const Scenario& base = prepared.front().scenario;
  const int years = base.forbund.years;
  // What the comparison keeps per run: every scenario's year-end equity and breach flags.
  const std::size_t kept_per_run = prepared.size() * std::size_t(years) * (sizeof(double) + breach_count);
  check_memory(years, settings.runs, 0, threads_used(settings.threads), kept_per_run);
  h5::File file = h5::File::create(output_path(settings), input_paths(scenarios));

  ProgressBar bar(settings.runs * prepared.size(), !settings.quiet && isatty(STDERR_FILENO));
  MonteCarloSettings mc = monte_carlo_settings(settings, bar);
  mc.memory_estimate = estimated_peak_bytes(years, settings.runs, 0, threads_used(settings.threads), kept_per_run);
  const Comparison comparison = compare(prepared, names, mc);
  bar.finish();
  stop_if_interrupted(comparison.interrupted, "under jämförelsen");
  const Sentences summary = comparison_summary(comparison);
  out << summary_lines(summary) << comparison_report(comparison);

  write_scenario_groups(file, base, warnings, comparison.expected.front(), &comparison.results.front());
  write_summary(file, summary);
  write_comparison(file, comparison, scenarios);
  commit_result(file, out);
  return 0;
}

}  // namespace finsim
