// finsim validate SCENARIO: every problem at once (exit 1), or the calibration, the plausibility
// warnings and "ok".
#include "app/commands.h"
#include "input/scenario_reader.h"
#include "models/plausibility.h"
#include "models/projection.h"
#include "output/terminal_report.h"

namespace finsim {

int validate_command(const Settings& settings, std::ostream& out)
{
  const PreparedScenario prepared = prepare(read_scenario_file(settings.scenario_path));
  out << calibration_lines(prepared.scenario, prepared.calibrations);
  out << history_lines(prepared.scenario);
  for (const std::string& w : plausibility_warnings(prepared)) out << "varning: " << w << '\n';
  out << "ok\n";
  return 0;
}

}  // namespace finsim
