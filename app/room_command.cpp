// finsim room SCENARIO --from YEAR: the scenario's Monte Carlo once, each run's threshold for each
// limit, and the extra yearly spend the limits allow, in the terminal and one HDF5 file.
#include <unistd.h>

#include <iostream>

#include "analysis/budget_room.h"
#include "app/commands.h"
#include "app/interrupt.h"
#include "app/memory_check.h"
#include "models/plausibility.h"
#include "output/result_file.h"
#include "output/room_output.h"
#include "output/summary.h"

namespace finsim {

int room_command(const Settings& settings, std::ostream& out)
{
  install_interrupt_handler();
  const PreparedScenario prepared = prepare(load_scenario(settings));
  const Scenario& scenario = prepared.scenario;
  const std::vector<std::string> warnings = plausibility_warnings(prepared);
  for (const std::string& w : warnings) std::cerr << "varning: " << w << '\n';
  const int years = scenario.forbund.years;
  constexpr std::size_t thresholds_per_run = 4 * sizeof(double);
  check_memory(years, settings.runs, 0, threads_used(settings.threads), thresholds_per_run);
  h5::File file = h5::File::create(output_path(settings), input_paths({&scenario}));

  ProgressBar bar(settings.runs, !settings.quiet && isatty(STDERR_FILENO));
  MonteCarloSettings mc = monte_carlo_settings(settings, bar);
  mc.memory_estimate =
      estimated_peak_bytes(years, settings.runs, 0, threads_used(settings.threads), thresholds_per_run);
  const BudgetRoom room = find_room(prepared, settings.room, mc);
  bar.finish();
  stop_if_interrupted(room.interrupted, "under Monte Carlo-körningen");
  const Sentences summary = room_summary(scenario, room);
  out << summary_lines(summary) << room_report(scenario, room);

  write_scenario_groups(file, scenario, warnings, room.expected, &room.montecarlo);
  write_summary(file, summary);
  write_room(file, scenario, room);
  commit_result(file, out);
  return 0;
}

}  // namespace finsim
