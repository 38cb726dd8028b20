// finsim merge A B [C ...] -o MERGED.toml --name NAME --from YEAR: the merged förbund's scenario
// file, checked by reading it back before it is written, and what the merger returned.
#include <fmt/format.h>
#include <unistd.h>

#include "analysis/merger.h"
#include "analysis/merger_impact.h"
#include "app/commands.h"
#include "app/interrupt.h"
#include "app/memory_check.h"
#include "app/progress_bar.h"
#include "input/scenario_reader.h"
#include "output/atomic_write.h"
#include "output/merger_output.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

/// The impact report: the separate förbund and the merged one with one seed, written with the
/// merged förbund's own groups beside `/merger`.
void report(const Settings& settings, const MergedScenario& merged, std::ostream& out)
{
  install_interrupt_handler();
  std::vector<std::string> inputs = settings.merge_paths;
  inputs.push_back(settings.output_path);
  const int years = read_scenario_text(merged.text, settings.output_path).forbund.years;
  check_memory(years, settings.runs, 0, threads_used(settings.threads));
  h5::File file = h5::File::create(settings.merge_report, inputs);
  ProgressBar bar(settings.runs * (settings.merge_paths.size() + 1), !settings.quiet && isatty(STDERR_FILENO));
  MonteCarloSettings mc = monte_carlo_settings(settings, bar);
  const MergerImpact impact = merger_impact(settings.merge_paths, merged, settings.output_path, mc);
  bar.finish();
  stop_if_interrupted(impact.interrupted, "under sammanslagningens körningar");
  out << '\n' << merger_report(impact);
  write_scenario_groups(file, impact.merged.scenario, {}, project_expected(impact.merged), &impact.merged_results);
  write_merger(file, impact, settings.merge, merged);
  commit_result(file, out);
}

}  // namespace

int merge_command(const Settings& settings, std::ostream& out)
{
  check_output_path(settings.output_path, settings.merge_paths);
  const MergedScenario merged = merge_scenarios(settings.merge_paths, settings.merge);
  const Scenario& check = merged.scenario;  // read back by merge_scenarios before anything is written
  write_atomically(settings.output_path, merged.text);

  out << fmt::format("Sammanslaget förbund: {} från januari {} ({} förbund, {} medlemmar, {} insatser)\n",
                     settings.merge.name, settings.merge.from_year, settings.merge_paths.size(), check.members.size(),
                     check.insatser.size());
  out << fmt::format("Ingående eget kapital {} kr, kassa {} kr\n", format_kronor(merged.opening_equity),
                     format_kronor(merged.opening_cash));
  if (!merged.renamed.empty())
    out << fmt::format("Namn som fanns i flera förbund har fått förbundets namn framför: {}\n",
                       fmt::join(merged.renamed, "; "));
  if (!merged.dropped.empty()) out << fmt::format("Lämnas utanför: {}\n", fmt::join(merged.dropped, "; "));
  double returned = 0.0;
  for (double r : merged.returned) returned += r;
  if (returned > 0.0) {
    TextTable table({"Medlem", "Återbetalt eget kapital"});
    for (std::size_t m = 0; m < merged.members.size(); ++m)
      table.add({merged.members[m], format_kronor(merged.returned[m])});
    table.add({"Summa", format_kronor(returned)});
    out << "Eget kapital som återbetalas till medlemmarna (i proportion till vad var och en betalat in):\n"
        << table.render();
  }
  out << "\nScenario skrivet till " << settings.output_path << '\n';
  if (!settings.merge_report.empty()) report(settings, merged, out);
  return 0;
}

}  // namespace finsim
