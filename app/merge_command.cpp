// finsim merge A B [C ...] -o MERGED.toml --name NAME --from YEAR [--report RESULT.h5]: the merged
// förbund's scenario file (read back before anything is written) and, with --report, the impact
// report. The two are written together: each under a temporary name first, both put in place
// only when both are complete, so a failure or a stop signal leaves the old files as they were.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <optional>

#include "analysis/merger.h"
#include "analysis/merger_impact.h"
#include "app/commands.h"
#include "app/memory_check.h"
#include "app/progress_bar.h"
#include "input/input_error.h"
#include "output/atomic_write.h"
#include "output/merger_output.h"
#include "output/result_file.h"
#include "output/summary.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

/// Whether paths `a` and `b` name one file (also when it does not exist yet).
bool same_file(const std::string& a, const std::string& b)
{
  std::error_code ec, ed;
  const std::filesystem::path x = std::filesystem::weakly_canonical(a, ec),
                              y = std::filesystem::weakly_canonical(b, ed);
  return !ec && !ed ? x == y
                    : std::filesystem::path(a).lexically_normal() == std::filesystem::path(b).lexically_normal();
}

/// The report's result file, in memory; its path is checked before any work: not an input and
/// not the merged scenario's file.
h5::File report_file(const Settings& settings)
{
  if (same_file(settings.merge_report, settings.output_path))
    throw InputError(fmt::format(
        "--report \"{}\": samma fil som -o, det sammanslagna scenariot; ge resultatfilen ett "
        "eget namn, t.ex. {}",
        settings.merge_report, std::filesystem::path(settings.output_path).replace_extension(".h5").string()));
  std::vector<std::string> inputs = settings.merge_paths;
  inputs.push_back(settings.output_path);
  check_output_path(settings.merge_report, inputs, "--report", "effekter.h5");
  return h5::File::create(settings.merge_report, inputs);
}

/// What the merger made: the förbund, the opening position, the names changed and the equity
/// returned.
void print_merged(const Settings& settings, const MergedScenario& merged, std::ostream& out)
{
  out << fmt::format("Sammanslaget förbund: {} från januari {} ({} förbund, {} medlemmar, {} insatser)\n",
                     settings.merge.name, settings.merge.from_year, settings.merge_paths.size(),
                     merged.scenario.members.size(), merged.scenario.insatser.size());
  out << fmt::format("Ingående eget kapital {} kr, kassa {} kr\n", format_kronor(merged.opening_equity),
                     format_kronor(merged.opening_cash));
  out << equity_brought_in(merged);
  if (merged.base_amounts_modelled)
    out << fmt::format(
        "Förlorade grundbelopp: {} (ett i stället för {}): det sammanslagna scenariots fördelningsmodell räknar "
        "med {} förbund färre i landet\n",
        merged.lost_base_amounts, merged.lost_base_amounts + 1, merged.lost_base_amounts);
  else
    out << lost_base_amounts_not_modelled(merged.lost_base_amounts);
  if (!merged.renamed.empty())
    out << fmt::format("Namn som fanns i flera förbund har fått förbundets namn framför: {}\n",
                       fmt::join(merged.renamed, "; "));
  if (!merged.dropped.empty()) out << fmt::format("Lämnas utanför: {}\n", fmt::join(merged.dropped, "; "));
  if (settings.merge_report.empty() && !merged.admin_summed.empty())  // else the report says it after its tables
    out << admin_summed_note(merged.admin_summed, merged.admin_summed_amount, settings.merge.from_year) << '\n';
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
  out.flush();  // before the report's runs
}

/// The impact: the separate förbund and the merged one with one seed.
MergerImpact run_impact(const Settings& settings, const MergedScenario& merged)
{
  check_memory(merged.scenario.forbund.years, settings.runs, 0, threads_used(settings.threads));
  ProgressBar bar(settings.runs * (settings.merge_paths.size() + 1), !settings.quiet && isatty(STDERR_FILENO));
  MonteCarloSettings mc = monte_carlo_settings(settings, bar);
  MergerImpact impact = merger_impact(settings.merge_paths, merged, settings.output_path, mc);
  bar.finish();
  stop_if_interrupted(impact.interrupted, "under sammanslagningens körningar");
  return impact;
}

/// The impact report into `file`, with the merged förbund's own groups beside `/merger`.
void write_report(const Settings& settings, const MergedScenario& merged, const MergerImpact& impact,
                  const Sentences& summary, h5::File& file)
{
  write_scenario_groups(file, impact.merged.scenario, {}, project_expected(impact.merged), &impact.merged_results);
  write_summary(file, summary);
  write_merger(file, impact, settings.merge, merged);
}

/// The merged scenario and the report (when `report`) written into private folders beside their
/// targets, then put in place one right after the other, once both are written and no stop
/// signal came.
void write_outputs(const Settings& settings, const MergedScenario& merged, h5::File* report, std::ostream& out)
{
  const ScratchFolder scenario_folder(settings.output_path);
  const std::string scenario = scenario_folder.file("scenario.toml");
  write_atomically(scenario, merged.text, settings.output_path);
  std::optional<ScratchFolder> result_folder;
  if (report != nullptr) {
    result_folder.emplace(report->target());
    report->write_to(result_folder->file("result.h5"));
  }
  stop_if_interrupted(false, "före skrivningen");
  commit_file(scenario, settings.output_path);
  if (report != nullptr) commit_file(result_folder->file("result.h5"), report->target());
  out << "\nScenario skrivet till " << settings.output_path << '\n';
  if (report != nullptr) out << "Resultat skrivet till " << report->target() << '\n';
}

}  // namespace

int merge_command(const Settings& settings, std::ostream& out)
{
  check_output_path(settings.output_path, settings.merge_paths, "-o", "sammanslaget.toml");
  std::optional<h5::File> report;
  if (!settings.merge_report.empty()) report.emplace(report_file(settings));
  const MergedScenario merged = merge_scenarios(settings.merge_paths, settings.merge);
  // With the impact report, its sentences come first; the runs come before anything is printed.
  std::optional<MergerImpact> impact;
  if (report) impact.emplace(run_impact(settings, merged));
  const Sentences summary = impact ? merger_summary(*impact) : Sentences{};
  out << summary_lines(summary);
  print_merged(settings, merged, out);
  if (impact) {
    out << '\n' << merger_report(*impact);
    write_report(settings, merged, *impact, summary, *report);
  }
  write_outputs(settings, merged, report ? &*report : nullptr, out);
  return 0;
}

}  // namespace finsim
