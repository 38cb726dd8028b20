#include "app/commands.h"

#include <filesystem>

#include "engine/version.h"
#include "input/default_scenario.h"
#include "input/scenario_reader.h"

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

std::vector<std::string> input_paths(const Settings& settings)
{
  if (settings.scenario_path.empty()) return {};
  return {settings.scenario_path};
}

int execute(const Settings& settings, std::ostream& out)
{
  switch (settings.command) {
    case Command::help: out << settings.help_text; return 0;
    case Command::version: out << "finsim " << engine_version() << '\n'; return 0;
    case Command::run: return run_command(settings, out);
    case Command::validate: return validate_command(settings, out);
  }
  return 0;
}

}  // namespace finsim
