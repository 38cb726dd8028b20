#include "app/commands.h"

#include <filesystem>
#include <unistd.h>
#include <fmt/format.h>

#include "app/interrupt.h"
#include "app/progress_bar.h"
#include "engine/error.h"
#include "engine/scenario_reader.h"
#include "engine/version.h"
#include "models/finance_inputs.h"
#include "models/flow_inputs.h"
#include "montecarlo/monte_carlo.h"
#include "output/montecarlo_output.h"
#include "output/result_file.h"
#include "output/terminal_report.h"

namespace finsim {

Scenario load_scenario(const Settings& settings)
{
  if (settings.scenario_path.empty())
    return read_scenario_text(std::string(default_scenario_text()), std::string(default_scenario_name()));
  return read_scenario_file(settings.scenario_path);
}

std::string output_path(const Settings& settings)
{
  if (!settings.output_path.empty()) return settings.output_path;
  const std::string source =
      settings.scenario_path.empty() ? std::string(default_scenario_name()) : settings.scenario_path;
  return (std::filesystem::path("output") / std::filesystem::path(source).stem()).string() + ".h5";
}

namespace {

int run(const Settings& settings, std::ostream& out)
{
  install_interrupt_handler();
  const Scenario scenario = load_scenario(settings);
  const std::vector<std::optional<Calibration>> calibrations = calibrate_participants(scenario);
  h5::File file = h5::File::create(output_path(settings));

  ExpectedValues expected;
  const std::vector<std::optional<InsatsFlows>> flows = expected_flows(scenario, calibrations, expected);
  FinanceInputs inputs = finance_inputs(scenario, expected);
  add_volume_costs(inputs, scenario, flows);
  const FinanceProjection projection = project_finances(inputs);

  out << finance_table(scenario, projection) << '\n' << flag_lines(scenario, projection);
  if (const std::string table = participant_table(scenario, projection, flows); !table.empty())
    out << '\n' << table << calibration_lines(scenario, calibrations);
  if (scenario.actual) out << '\n' << actual_comparison(scenario, projection);

  std::optional<MonteCarloResults> montecarlo;
  if (!settings.deterministic) {
    ProgressBar bar(settings.runs, !settings.quiet && isatty(STDERR_FILENO));
    MonteCarloSettings mc;
    mc.runs = settings.runs;
    mc.seed = settings.seed;
    mc.threads = settings.threads;
    mc.grain = settings.grain;
    mc.keep_paths = settings.keep_paths;
    mc.progress = [&bar](std::uint64_t done) { bar.update(done); };
    mc.stop = &interrupt_requested();
    montecarlo = run_monte_carlo(scenario, calibrations, mc);
    bar.finish();
    if (montecarlo->interrupted || interrupt_requested())
      throw Interrupted("avbrutet (Ctrl-C) under Monte Carlo-körningen: ingen fil skriven");
    out << '\n' << montecarlo_report(scenario, *montecarlo);
  }

  write_run_attributes(file, scenario);
  write_deterministic(file, scenario, projection, flows);
  if (montecarlo) write_montecarlo(file, scenario, *montecarlo);
  if (interrupt_requested()) throw Interrupted("avbrutet (Ctrl-C): ingen fil skriven");
  file.commit();
  out << "\nResultat skrivet till " << file.target() << '\n';
  return 0;
}

int validate(const Settings& settings, std::ostream& out)
{
  const Scenario scenario = read_scenario_file(settings.scenario_path);
  out << calibration_lines(scenario, calibrate_participants(scenario)) << "ok\n";
  return 0;
}

}  // namespace

int execute(const Settings& settings, std::ostream& out)
{
  switch (settings.command) {
    case Command::help: out << settings.help_text; return 0;
    case Command::version: out << "finsim " << engine_version() << '\n'; return 0;
    case Command::run: return run(settings, out);
    case Command::validate: return validate(settings, out);
  }
  return 0;
}

}  // namespace finsim
