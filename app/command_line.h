// Run settings from the command line (Boost.Program_options).
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/budget_room.h"
#include "analysis/merger.h"
#include "analysis/sensitivity.h"

namespace finsim {

/// A command line finsim does not understand. `main` prints it with the usage and exits 2.
class UsageError : public std::runtime_error {
 public:
  UsageError(const std::string& message, std::string usage) : std::runtime_error(message), usage_(std::move(usage)) {}
  const std::string& usage() const { return usage_; }

 private:
  std::string usage_;
};

enum class Command {
  help,
  version,
  run,
  validate,
  compare,
  room,
  sensitivity,
  export_csv,
  report,
  backtest,
  merge,
  serve
};

/// What the user asked for.
struct Settings {
  Command command = Command::help;
  std::string scenario_path;                ///< empty: the built-in default scenario (compare: the base)
  std::vector<std::string> variant_paths;   ///< compare: the variants, in the order given
  std::vector<std::string> backtest_paths;  ///< backtest: the files and folders given
  std::vector<std::string> merge_paths;     ///< merge: the förbund's scenarios
  MergeOptions merge;                       ///< merge: name, year, drops, admin lines, equity
  std::string merge_report;                 ///< merge --report: the impact report's result file
  std::string output_path;                  ///< empty: output/<scenario-stem>.h5 (compare, room: see output_path())
  std::string help_text;                    ///< for Command::help
  bool deterministic = false;               ///< only the expected-value run (no Monte Carlo)
  ForecastMethod forecast_method = ForecastMethod::model;  ///< run --method: the months left after [year_to_date]
  std::uint64_t runs = 10000;
  std::uint64_t seed = 1;
  int threads = 0;          ///< 0: all cores
  std::uint64_t grain = 0;  ///< replications per task; 0: automatic
  std::uint64_t keep_paths = 0;
  bool quiet = false;
  RoomLimits room;  ///< finsim room: the year, the months and the limits
  /// finsim sensitivity: methods, output, fixed swing, design size, groups (the year is
  /// sensitivity_year until the scenario is read).
  SensitivitySettings sensitivity;
  std::optional<int> sensitivity_year;     ///< --year as a calendar year (default: the last)
  std::string result_path;                 ///< export, report: the result file read
  bool tkr = false;                        ///< report: amounts in thousands
  std::string csv_folder;                  ///< export: --csv DIR
  bool standard_csv = false;               ///< export: `,` and `.` instead of the Swedish `;` and `,`
  std::string serve_folder = "scenarios";  ///< serve: the folder of scenarios shown
  std::string serve_host = "127.0.0.1";    ///< serve: the address listened on
  int serve_port = 8080;                   ///< serve: the port (0: any free port)
};

/// Reads the command line. Throws UsageError for unknown commands or options.
Settings parse_command_line(const std::vector<std::string>& args);

/// The general usage text.
std::string general_usage();

}  // namespace finsim
