#include "app/commands.h"

#include <filesystem>
#include <fmt/format.h>

#include "engine/error.h"
#include "engine/scenario_reader.h"
#include "engine/version.h"
#include "models/finance_inputs.h"
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
  const Scenario scenario = load_scenario(settings);
  h5::File file = h5::File::create(output_path(settings));

  ExpectedValues expected;
  const FinanceProjection projection = project_finances(finance_inputs(scenario, expected));

  out << finance_table(scenario, projection) << '\n' << flag_lines(scenario, projection);
  if (scenario.actual) out << '\n' << actual_comparison(scenario, projection);

  write_run_attributes(file, scenario);
  write_deterministic(file, scenario, projection);
  file.commit();
  out << "\nResultat skrivet till " << file.target() << '\n';
  return 0;
}

int validate(const Settings& settings, std::ostream& out)
{
  read_scenario_file(settings.scenario_path);
  out << "ok\n";
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
