#include "app/commands.h"

#include <filesystem>
#include <iostream>

#include "app/interrupt.h"
#include "engine/version.h"
#include "input/default_scenario.h"
#include "input/scenario_reader.h"
#include "output/montecarlo_output.h"
#include "output/result_file.h"

namespace finsim {

Scenario load_scenario(const Settings& settings)
{
  Scenario s = settings.scenario_path.empty()
                   ? read_scenario_text(std::string(default_scenario_text()), std::string(default_scenario_name()))
                   : read_scenario_file(settings.scenario_path);
  if (s.year_to_date) s.year_to_date->method = settings.forecast_method;
  return s;
}

std::string output_path(const Settings& settings)
{
  if (!settings.output_path.empty()) return settings.output_path;
  if (settings.command == Command::backtest) return (std::filesystem::path("output") / "backtest.h5").string();
  const std::string source =
      settings.scenario_path.empty() ? std::string(default_scenario_name()) : settings.scenario_path;
  const char* suffix = settings.command == Command::compare       ? "-compare"
                       : settings.command == Command::room        ? "-room"
                       : settings.command == Command::sensitivity ? "-sensitivity"
                                                                  : "";
  return (std::filesystem::path("output") / std::filesystem::path(source).stem()).string() + suffix + ".h5";
}

std::vector<std::string> input_paths(const std::vector<const Scenario*>& scenarios)
{
  std::vector<std::string> paths;
  for (const Scenario* s : scenarios)
    for (const ScenarioFile& f : s->files) paths.push_back(f.path);
  return paths;
}

MonteCarloSettings monte_carlo_settings(const Settings& settings, ProgressBar& bar)
{
  MonteCarloSettings mc;
  mc.runs = settings.runs;
  mc.seed = settings.seed;
  mc.threads = settings.threads;
  mc.grain = settings.grain;
  mc.keep_paths = settings.keep_paths;
  mc.progress = [&bar](std::uint64_t done) { bar.update(done); };
  mc.stop = &stop_flag();
  if (settings.threads > threads_used(settings.threads))
    std::cerr << "finsim: --threads " << settings.threads << ": datorn har " << threads_used(0) << " kärnor, så "
              << threads_used(0) << " trådar används\n";
  return mc;
}

void stop_if_interrupted(bool interrupted, const char* when)
{
  if (interrupted || interrupt_requested() || stop_flag()) throw Interrupted(when);
}

void write_scenario_groups(h5::File& file, const Scenario& scenario, const std::vector<std::string>& warnings,
                           const Projection& projection, const MonteCarloResults* montecarlo)
{
  write_run_attributes(file, scenario, warnings);
  write_deterministic(file, scenario, projection);
  if (montecarlo != nullptr) write_montecarlo(file, scenario, *montecarlo);
}

void commit_result(h5::File& file, std::ostream& out)
{
  stop_if_interrupted(false, "före skrivningen");
  file.commit();
  out << "\nResultat skrivet till " << file.target() << '\n';
}

int execute(const Settings& settings, std::ostream& out)
{
  switch (settings.command) {
    case Command::help: out << settings.help_text; return 0;
    case Command::version: out << "finsim " << engine_version() << '\n'; return 0;
    case Command::run: return run_command(settings, out);
    case Command::validate: return validate_command(settings, out);
    case Command::compare: return compare_command(settings, out);
    case Command::room: return room_command(settings, out);
    case Command::sensitivity: return sensitivity_command(settings, out);
    case Command::backtest: return backtest_command(settings, out);
    case Command::merge: return merge_command(settings, out);
    case Command::export_csv: return export_command(settings, out);
    case Command::report: return report_command(settings, out);
    case Command::serve: return serve_command(settings, out);
  }
  return 0;
}

}  // namespace finsim
