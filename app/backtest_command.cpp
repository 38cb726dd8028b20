// finsim backtest FILE|FOLDER...: each past year's scenario (as known before the year, with its
// [actual]) run with one seed; where each actual fell, and how often the bands held.
#include <unistd.h>

#include "analysis/backtest.h"
#include "app/commands.h"
#include "app/interrupt.h"
#include "app/memory_check.h"
#include "app/progress_bar.h"
#include "input/scenario_reader.h"
#include "output/backtest_output.h"
#include "output/result_file.h"
#include "output/summary.h"

namespace finsim {

int backtest_command(const Settings& settings, std::ostream& out)
{
  install_interrupt_handler();
  std::vector<PreparedScenario> prepared;
  std::vector<const Scenario*> scenarios;
  for (const std::string& path : backtest_files(settings.backtest_paths)) {
    Scenario s = read_scenario_file(path);
    check_backtest_case(s);  // every file before any run
    if (s.year_to_date) s.year_to_date->method = settings.forecast_method;
    prepared.push_back(prepare(std::move(s)));
  }
  for (const PreparedScenario& p : prepared) scenarios.push_back(&p.scenario);
  const int years = longest_horizon(prepared);  // not the first file's: the cases run one by one
  const std::size_t kept_per_run = backtest_outcome_count * sizeof(double);
  check_memory(years, settings.runs, 0, threads_used(settings.threads), kept_per_run);
  h5::File file = h5::File::create(output_path(settings), input_paths(scenarios));

  ProgressBar bar(settings.runs * prepared.size(), !settings.quiet && isatty(STDERR_FILENO));
  MonteCarloSettings mc = monte_carlo_settings(settings, bar);
  std::vector<BacktestCase> cases;
  for (const PreparedScenario& p : prepared) {
    cases.push_back(backtest_case(p, mc));
    stop_if_interrupted(cases.back().interrupted, "under backtesten");
  }
  bar.finish();
  const Backtest backtest = summarise_backtest(std::move(cases), settings.runs, settings.seed);
  const Sentences summary = backtest_summary(backtest);
  out << summary_lines(summary) << backtest_report(backtest);

  write_scenario_groups(file, prepared.front().scenario, {}, project_expected(prepared.front()), nullptr);
  write_summary(file, summary);
  write_backtest(file, backtest);
  commit_result(file, out);
  return 0;
}

}  // namespace finsim
