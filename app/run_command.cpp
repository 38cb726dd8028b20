// finsim run SCENARIO: read, calibrate, project with expected values, run the Monte Carlo, write.
#include <unistd.h>

#include <iostream>

#include "analysis/forecast.h"
#include "app/commands.h"
#include "app/interrupt.h"
#include "app/memory_check.h"
#include "app/progress_bar.h"
#include "engine/monte_carlo.h"
#include "models/plausibility.h"
#include "models/projection.h"
#include "output/forecast_output.h"
#include "output/montecarlo_output.h"
#include "output/result_file.h"
#include "output/summary.h"
#include "output/terminal_report.h"

namespace finsim {

namespace {

/// The Monte Carlo with a progress bar and Ctrl-C; throws Interrupted when stopped.
MonteCarloResults monte_carlo(const PreparedScenario& prepared, const Settings& settings, ForecastRuns* forecast)
{
  ProgressBar bar(settings.runs, !settings.quiet && isatty(STDERR_FILENO));
  MonteCarloSettings mc = monte_carlo_settings(settings, bar);
  if (forecast != nullptr) mc.observe = forecast->observer();
  mc.memory_estimate = estimated_peak_bytes(prepared.scenario.forbund.years, settings.runs, settings.keep_paths,
                                            threads_used(settings.threads),
                                            forecast != nullptr ? ForecastRuns::bytes_per_run(prepared) : 0);
  MonteCarloResults r = run_monte_carlo(prepared, mc);
  bar.finish();
  stop_if_interrupted(r.interrupted, "under Monte Carlo-körningen");
  return r;
}

}  // namespace

int run_command(const Settings& settings, std::ostream& out)
{
  install_interrupt_handler();
  const PreparedScenario prepared = prepare(load_scenario(settings));
  const Scenario& scenario = prepared.scenario;
  const std::vector<std::string> warnings = plausibility_warnings(prepared);
  for (const std::string& w : warnings) std::cerr << "varning: " << w << '\n';
  // With actuals to date each run keeps its first year's lines for the helårsprognos.
  const std::size_t forecast_per_run = prepared.year_to_date ? ForecastRuns::bytes_per_run(prepared) : 0;
  if (!settings.deterministic)  // before any work: a run that cannot fit is refused now
    check_memory(scenario.forbund.years, settings.runs, settings.keep_paths, threads_used(settings.threads),
                 forecast_per_run);
  const std::vector<std::string> inputs =
      settings.scenario_path.empty() ? std::vector<std::string>{} : input_paths({&scenario});
  h5::File file = h5::File::create(output_path(settings), inputs);

  const Projection projection = project_expected(prepared);

  // With actuals to date: each run's first-year lines are kept for the helårsprognos.
  std::optional<ForecastRuns> forecast_runs;
  if (prepared.year_to_date) forecast_runs.emplace(prepared, settings.deterministic ? 0 : settings.runs);
  std::optional<MonteCarloResults> montecarlo;
  if (!settings.deterministic) {
    montecarlo = monte_carlo(prepared, settings, forecast_runs ? &*forecast_runs : nullptr);
  }
  std::optional<YearForecast> forecast;
  if (forecast_runs) forecast = forecast_runs->finish(prepared, projection, montecarlo.has_value());

  // The answer in sentences first, then the tables.
  Sentences summary = run_summary(scenario, projection, montecarlo ? &*montecarlo : nullptr);
  if (forecast) {
    Sentences year = forecast_summary(*forecast);
    summary.insert(summary.begin(), year.begin(), year.end());
  }
  out << summary_lines(summary) << deterministic_report(scenario, projection, prepared.calibrations);
  if (montecarlo) out << '\n' << montecarlo_report(scenario, *montecarlo) << default_use_note(scenario);
  if (forecast) out << '\n' << forecast_report(scenario, *forecast);

  write_scenario_groups(file, scenario, warnings, projection, montecarlo ? &*montecarlo : nullptr);
  write_summary(file, summary);
  if (forecast) write_forecast(file, *forecast);
  commit_result(file, out);
  return 0;
}

}  // namespace finsim
