// finsim sensitivity SCENARIO: the factors, the tornado around the median case, the Sobol design
// through the Monte Carlo, and the scenario's own Monte Carlo, in the terminal and one HDF5 file.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "analysis/sensitivity.h"
#include "app/commands.h"
#include "app/interrupt.h"
#include "app/memory_check.h"
#include "input/input_error.h"
#include "models/plausibility.h"
#include "output/result_file.h"
#include "output/sensitivity_output.h"
#include "output/summary.h"
#include "output/swedish.h"

namespace finsim {

int sensitivity_command(const Settings& settings, std::ostream& out)
{
  install_interrupt_handler();
  const PreparedScenario prepared = prepare(load_scenario(settings));
  const Scenario& scenario = prepared.scenario;
  const Forbund& f = scenario.forbund;
  SensitivitySettings sensitivity = settings.sensitivity;
  const int year = settings.sensitivity_year.value_or(f.first_year + f.years - 1);
  if (year < f.first_year || year >= f.first_year + f.years)
    throw InputError(fmt::format("--year {}: scenariot omfattar {}–{}; ge ett år inom det", year, f.first_year,
                                 f.first_year + f.years - 1));
  sensitivity.year = year - f.first_year;
  const std::vector<std::string> warnings = plausibility_warnings(prepared);
  for (const std::string& w : warnings) std::cerr << "varning: " << w << '\n';
  const std::size_t factors = sensitivity_factors(scenario, sensitivity.groups).size();
  const std::uint64_t evaluations =
      sensitivity.sobol ? SobolDesign{sensitivity.base_runs, int(factors)}.evaluations() : 0;
  const int threads = threads_used(settings.threads);
  check_memory(f.years, settings.runs, 0, threads);
  if (sensitivity.sobol) check_memory(sobol_design_need(sensitivity, factors, f.years, threads));
  h5::File file = h5::File::create(output_path(settings), input_paths({&scenario}));

  ProgressBar bar(settings.runs + evaluations, !settings.quiet && isatty(STDERR_FILENO));
  MonteCarloSettings mc = monte_carlo_settings(settings, bar);
  mc.memory_estimate = estimated_peak_bytes(f.years, settings.runs, 0, threads);
  const MonteCarloResults montecarlo = run_monte_carlo(prepared, mc);
  stop_if_interrupted(montecarlo.interrupted, "under Monte Carlo-körningen");
  sensitivity.monte_carlo = mc;
  sensitivity.monte_carlo.progress = [&bar, &settings](std::uint64_t done) { bar.update(settings.runs + done); };
  const Sensitivity result = analyse_sensitivity(prepared, sensitivity);
  bar.finish();
  stop_if_interrupted(result.interrupted, "under känslighetsanalysen");
  const Sentences summary = sensitivity_summary(scenario, result, sensitivity);
  out << summary_lines(summary) << sensitivity_report(scenario, result, sensitivity);

  write_scenario_groups(file, scenario, warnings, project_expected(prepared), &montecarlo);
  write_summary(file, summary);
  write_sensitivity(file, scenario, result, sensitivity);
  commit_result(file, out);
  return 0;
}

}  // namespace finsim
