// finsim merge A B [C ...] -o MERGED.toml --name NAME --from YEAR: the merged förbund's scenario
// file, checked by reading it back before it is written, and what the merger returned.
#include <fmt/format.h>

#include "analysis/merger.h"
#include "app/commands.h"
#include "input/scenario_reader.h"
#include "output/atomic_write.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

int merge_command(const Settings& settings, std::ostream& out)
{
  check_output_path(settings.output_path, settings.merge_paths);
  const MergedScenario merged = merge_scenarios(settings.merge_paths, settings.merge);
  // The merged file must read back as a scenario before it replaces anything.
  const Scenario check = read_scenario_text(merged.text, settings.output_path);
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
  return 0;
}

}  // namespace finsim
