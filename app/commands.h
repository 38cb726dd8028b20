// The commands a user runs, one file each (app/<command>_command.cpp): each reads as the run's
// story, settings to written file.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "app/command_line.h"
#include "app/progress_bar.h"
#include "engine/monte_carlo.h"
#include "input/scenario.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Runs `settings.command`, printing to `out`; returns the exit status. Throws InputError for
/// bad input.
int execute(const Settings& settings, std::ostream& out);

/// finsim run: the expected-value projection, the Monte Carlo, the HDF5 file.
int run_command(const Settings& settings, std::ostream& out);
/// finsim validate: every problem at once, or "ok".
int validate_command(const Settings& settings, std::ostream& out);
/// finsim compare: a base and its variants with common random numbers.
int compare_command(const Settings& settings, std::ostream& out);
/// finsim room: the extra yearly spend the limits allow.
int room_command(const Settings& settings, std::ostream& out);
/// finsim sensitivity: the tornado and the Sobol indices.
int sensitivity_command(const Settings& settings, std::ostream& out);
/// finsim export: a result file's datasets as CSV.
int export_command(const Settings& settings, std::ostream& out);
/// finsim report: a result file as a Swedish Excel workbook.
int report_command(const Settings& settings, std::ostream& out);
/// finsim backtest: past years' forecasts against their [actual] outcomes.
int backtest_command(const Settings& settings, std::ostream& out);
/// finsim merge: several förbund's scenarios become the merged förbund's scenario file.
int merge_command(const Settings& settings, std::ostream& out);

/// finsim serve: the workbench, a local web server over a folder of scenarios, until Ctrl-C.
int serve_command(const Settings& settings, std::ostream& out);

/// The scenario the settings name, or the built-in default.
Scenario load_scenario(const Settings& settings);

/// Where the command writes: -o, or output/<scenario-stem>.h5 (compare: <base-stem>-compare.h5,
/// room: <stem>-room.h5).
std::string output_path(const Settings& settings);

/// The files the scenarios were read from (variants with their bases), which the output must not
/// replace. The built-in default scenario is read from no file: leave it out.
std::vector<std::string> input_paths(const std::vector<const Scenario*>& scenarios);

/// The Monte Carlo settings of the command line: runs, seed, threads, grain, kept paths, Ctrl-C,
/// and progress shown on `bar`. Says so when more threads are asked for than there are cores.
MonteCarloSettings monte_carlo_settings(const Settings& settings, ProgressBar& bar);

/// Throws Interrupted when Ctrl-C (or SIGTERM, SIGHUP) stopped the run `when`.
void stop_if_interrupted(bool interrupted, const char* when);

/// Writes the groups every result file has for its (base) scenario: the root attributes,
/// /deterministic (its expected-value `projection`) and, when one was run, /montecarlo.
void write_scenario_groups(h5::File& file, const Scenario& scenario, const std::vector<std::string>& warnings,
                           const Projection& projection, const MonteCarloResults* montecarlo);

/// Puts the file in place unless Ctrl-C came first, and says where it went.
void commit_result(h5::File& file, std::ostream& out);

}  // namespace finsim
