#include "output/merger_output.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "engine/statistics.h"
#include "output/display_names.h"
#include "output/montecarlo_output.h"
#include "output/ore.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

/// What the lost base amounts are without the allocation model (clarification 83: never 0 kr).
const char* const not_modelled =
    "ej modellerat: utan [funding.allocation] i varje förbund räknar finsim inte med grundbeloppen (statens del är "
    "förbundens summerad)";

const char* equity_words(EquityOption e)
{
  switch (e) {
    case EquityOption::pooled: return "pooled";
    case EquityOption::returned: return "returned";
    case EquityOption::keep: return "keep";
  }
  return "";
}

/// `/merger`'s kansli + styrelse: the saving per year and whether the admin is the förbund's sum.
void write_admin(h5::Group& g, const MergerImpact& r, const h5::Dataset& year)
{
  const std::string note = admin_summed_note(r.admin_summed, r.admin_summed_amount, r.first_year);
  g.attribute("admin_summed", static_cast<long long>(r.admin_summed.empty() ? 0 : 1));
  g.attribute("admin_summed_kinds", fmt::format("{}", fmt::join(r.admin_summed, "; ")));
  g.attribute("admin_note", note);
  h5::Dataset saving = g.write("admin_saving", r.admin_saving, {&year}, "SEK",
                               "kansli + styrelse of the separate förbund summed less the merged one's (--kansli, "
                               "--styrelse); about 0 where the admin is the förbund's sum (attribute admin_summed)");
  if (!note.empty()) saving.attribute("note", note);
}

/// `/merger`'s value of exits: per kommun its residents' (all payers) and its own, per payer the
/// merged förbund's; the payers only with [valuation].
void write_value_of_exits(h5::Group& g, const MergerImpact& r, const h5::Dataset& kommun, const h5::Dataset& year)
{
  g.write("kommun_value_of_exits", flatten(r.kommun_value_of_exits), {&kommun, &year}, "SEK",
          "value of the residents' exits to work or studies, all payers (Försäkringskassan's, "
          "Arbetsförmedlingen's and the region's too: not what the kommun gains; see "
          "kommun_value_of_exits_own), first horizon ([valuation]; NaN without one); an insats' "
          "value split by its participants served from each kommun");
  g.write("kommun_value_of_exits_own", flatten(r.kommun_value_of_exits_own), {&kommun, &year}, "SEK",
          "the kommun's own value of exits, first horizon: its residents' share of payer "
          "\"kommun\" and all of a payer of its own name ([valuation]; NaN without one)");
  g.attribute("value_horizon", static_cast<long long>(r.value_horizon));
  if (r.payers.empty()) return;
  const h5::Dataset payer = g.label_scale(
      "payer", r.payers, "the payers of [valuation]: a member's name, kommun (the participant's) or region");
  g.write("payer_value_of_exits", flatten(r.payer_value_of_exits), {&payer, &year}, "SEK",
          "the merged förbund's value of exits per payer, first horizon; payer kommun: every kommun "
          "for its own residents (kommun_value_of_exits_own summed, less payers of a kommun's "
          "own name)");
}

}  // namespace

void write_merger(h5::Group& root, const MergerImpact& r, const MergeOptions& o, const MergedScenario& m)
{
  h5::Group g = root.group("merger");
  g.attribute("description",
              std::string("The separate förbund and the merged one, run with one seed (common random numbers): "
                          "_q and p_ datasets from the Monte Carlo, the rest from the expected-value runs."));
  g.attribute("name", o.name);
  g.attribute("from", static_cast<long long>(o.from_year));
  g.attribute("equity", std::string(equity_words(o.equity)));
  g.attribute("equity_kept", round_to_ore(o.equity == EquityOption::keep ? o.keep : std::nan("")));
  g.attribute("kansli", round_to_ore(o.kansli.value_or(std::nan(""))));
  g.attribute("styrelse", round_to_ore(o.styrelse.value_or(std::nan(""))));
  g.attribute("dropped", fmt::format("{}", fmt::join(m.dropped, "; ")));
  g.attribute("renamed", fmt::format("{}", fmt::join(m.renamed, "; ")));
  std::vector<long long> years;
  for (int y = 0; y < r.years; ++y) years.push_back(r.first_year + y);
  const h5::Dataset scenario = g.label_scale("scenario", r.scenarios, "the separate förbund, then the merged one");
  const h5::Dataset kommun = g.label_scale("kommun", r.kommuner, "the merged förbund's kommuner");
  const h5::Dataset year = g.scale("year", years, "year", "calendar year");
  const h5::Dataset quantile =
      g.scale("quantile", std::vector<double>(quantile_levels.begin(), quantile_levels.end()), "1", "quantile level");
  g.attribute("lost_base_amounts_count", static_cast<long long>(r.lost_base_amount_count));
  h5::Dataset lost = g.write("lost_base_amounts", r.lost_base_amounts, {&year}, "SEK",
                             "the base amounts the merger loses (one instead of n): the separate förbund's less the "
                             "merged one's; NaN: not modelled (a förbund without [funding.allocation])");
  if (std::any_of(r.lost_base_amounts.begin(), r.lost_base_amounts.end(), [](double x) { return std::isnan(x); }))
    lost.attribute("note", not_modelled);
  const h5::Dataset source = g.label_scale(
      "source", std::vector<std::string>(r.scenarios.begin(), r.scenarios.end() - 1), "the separate förbund merged");
  g.write("equity_brought_in", r.equity_brought_in, {&source}, "SEK",
          "the equity each förbund brings in (its opening equity), pooled unless --equity returns it");
  g.attribute("returned_members", m.members);
  std::vector<double> returned_ore;  // the attribute holds what the dataset equity_returned holds: öre
  for (double x : m.returned) returned_ore.push_back(round_to_ore(x));
  g.attribute("returned_amounts", returned_ore);
  const h5::Dataset member = g.label_scale("member", m.members, "the merged förbund's members");
  g.write("equity_returned", m.returned, {&member}, "SEK",
          "equity returned to each member at the merger (--equity returned or keep; 0 when pooled)");
  auto per_scenario = [&](const char* name, const YearTable& t, const char* units, const char* what) {
    g.write(name, flatten(t), {&scenario, &year}, units, what);
  };
  per_scenario("driftbidrag", r.driftbidrag, "SEK", "members' contributions (expected values)");
  per_scenario("state_allocation", r.state_allocation, "SEK",
               "the state half: the allocation model's, or the state members' contributions without it");
  per_scenario("admin_costs", r.admin_costs, "SEK", "cost kinds kansli and styrelse");
  per_scenario("admin_share", r.admin_share, "1", "admin_costs / all costs");
  per_scenario("served", r.served, "people", "participants served, all insatser (expected)");
  per_scenario("exits_work_studies", r.exits_work_studies, "people", "exits to work or studies (expected)");
  per_scenario("p_equity_above_cap", r.p_equity_above_cap, "1", "P(equity > cap) (Monte Carlo)");
  per_scenario("p_equity_below_floor", r.p_equity_below_floor, "1", "P(equity < floor) (Monte Carlo)");
  per_scenario("p_cash_negative", r.p_cash_negative, "1", "P(a month-end cash < 0 in the year) (Monte Carlo)");
  g.write("equity_ratio_q", r.equity_ratio_q, {&scenario, &year, &quantile}, "1",
          "closing equity / driftbidrag: quantiles (Monte Carlo, type 7)");
  auto per_kommun = [&](const char* name, const YearTable& t, const char* units, const char* what) {
    g.write(name, flatten(t), {&kommun, &year}, units, what);
  };
  per_kommun("kommun_contribution_separate", r.kommun_contribution_separate, "SEK",
             "the kommun's contribution to its own förbund");
  per_kommun("kommun_contribution_merged", r.kommun_contribution_merged, "SEK",
             "the kommun's contribution to the merged förbund");
  per_kommun("kommun_starts", r.kommun_starts, "people", "participants from the kommun who started (merged, expected)");
  per_kommun("kommun_starts_per_10000", r.kommun_starts_per_10000, "people per 10 000 inhabitants",
             "kommun_starts per 10 000 inhabitants (population)");
  write_value_of_exits(g, r, kommun, year);
  write_admin(g, r, year);
}

namespace {

/// Kansli + styrelse in year `y` (`separate`: the förbund's summed): the saving of --kansli and
/// --styrelse, or that the merged förbund keeps the förbund's sum.
std::string admin_sentence(const MergerImpact& r, int y, double separate)
{
  const double merged = r.admin_costs(r.admin_costs.rows() - 1, y);
  if (r.admin_summed.size() == 2)
    return fmt::format("Kansli + styrelse {} kr är summan av förbundens: ingen besparing räknad (se nedan).",
                       format_kronor(merged));
  std::string given = "--kansli och --styrelse", kept;
  if (r.admin_summed.size() == 1) {
    given = r.admin_summed.front() == "kansli" ? "--styrelse" : "--kansli";
    kept = fmt::format("; {} är summan av förbundens, se nedan", r.admin_summed.front());
  }
  return fmt::format("Besparing på kansli + styrelse: {} kr ({} kr separata, {} kr sammanslaget med {}{}).",
                     format_kronor(r.admin_saving[static_cast<std::size_t>(y)]), format_kronor(separate),
                     format_kronor(merged), given, kept);
}

/// Year `y`: every förbund, their sum and the merged one side by side, and what the merger changes.
std::string year_table(const MergerImpact& r, int y)
{
  TextTable table({"Förbund", "Driftbidrag", "Statens del", "Kansli+styrelse", "Andel admin", "EK/DB P5", "P50", "P95",
                   "P(EK > tak)", "P(EK < golv)", "P(kassa < 0)", "Deltagare", "Arbete/studier"},
                  1);
  double driftbidrag = 0.0, state = 0.0, admin = 0.0;
  const std::size_t S = r.scenarios.size(), levels = quantile_levels.size();
  for (std::size_t k = 0; k < S; ++k) {
    const auto row = static_cast<Eigen::Index>(k);
    const std::size_t q = (k * r.years + static_cast<std::size_t>(y)) * levels;
    if (k + 1 < S) {
      driftbidrag += r.driftbidrag(row, y);
      state += r.state_allocation(row, y);
      admin += r.admin_costs(row, y);
    } else {
      table.add({"Summa separata", format_kronor(driftbidrag), format_kronor(state), format_kronor(admin), "", "", "",
                 "", "", "", "", "", ""});
    }
    table.add({k + 1 < S ? r.scenarios[k] : "Sammanslaget: " + r.scenarios[k], format_kronor(r.driftbidrag(row, y)),
               format_kronor(r.state_allocation(row, y)), format_kronor(r.admin_costs(row, y)),
               format_percent(r.admin_share(row, y)), format_percent(r.equity_ratio_q[q + 1]),
               format_percent(r.equity_ratio_q[q + 4]), format_percent(r.equity_ratio_q[q + 7]),
               format_probability(r.p_equity_above_cap(row, y), r.runs),
               format_probability(r.p_equity_below_floor(row, y), r.runs),
               format_probability(r.p_cash_negative(row, y), r.runs), format_decimal(r.served(row, y), 1),
               format_decimal(r.exits_work_studies(row, y), 1)});
  }
  const auto merged = static_cast<Eigen::Index>(S - 1);
  const double lost = r.lost_base_amounts[static_cast<std::size_t>(y)];
  return fmt::format(
      "\n{}:\n{}Sammanslagningen ändrar driftbidraget med {} kr (statens del med {} kr). {} Förlorade grundbelopp: "
      "{} st, {}.\n",
      r.first_year + y, table.render(), format_kronor(r.driftbidrag(merged, y) - driftbidrag),
      format_kronor(r.state_allocation(merged, y) - state), admin_sentence(r, y, admin), r.lost_base_amount_count,
      std::isnan(lost) ? "ej modellerat (se nedan)" : format_kronor(lost) + " kr");
}

/// The merged förbund's value of exits per payer and year (the first horizon), the kommuner first.
std::string value_by_payer(const MergerImpact& r)
{
  std::vector<std::string> head{"Betalare"};
  for (int y = 0; y < r.years; ++y) head.push_back(std::to_string(r.first_year + y));
  TextTable table(head, 1);
  std::vector<std::size_t> order;
  for (std::size_t p = 0; p < r.payers.size(); ++p)
    if (r.payers[p] == "kommun")
      order.insert(order.begin(), p);
    else
      order.push_back(p);
  std::vector<std::string> total{"Summa"};
  for (std::size_t p : order) {
    std::vector<std::string> row{payer_label(r.payers[p])};
    for (int y = 0; y < r.years; ++y)
      row.push_back(format_kronor(r.payer_value_of_exits(static_cast<Eigen::Index>(p), y)));
    table.add(row);
  }
  for (int y = 0; y < r.years; ++y) total.push_back(format_kronor(r.payer_value_of_exits.col(y).sum()));
  table.add(total);
  return fmt::format("\nVärde av avslut per betalare (det sammanslagna förbundet, första horisonten, {} år):\n{}",
                     r.value_horizon, table.render());
}

/// Who pays, who benefits: the first year, per kommun.
std::string who_pays(const MergerImpact& r)
{
  double separate = 0.0, merged = 0.0, starts = 0.0;
  for (Eigen::Index k = 0; k < static_cast<Eigen::Index>(r.kommuner.size()); ++k) {
    separate += r.kommun_contribution_separate(k, 0);
    merged += r.kommun_contribution_merged(k, 0);
    starts += r.kommun_starts(k, 0);
  }
  TextTable who({"Kommun", "Invånare", "Betalar separat", "Betalar sammanslaget", "Andel av kommunernas",
                 "Nya deltagare", "Andel av nya", "Nya per 10 000 inv.", "Eget värde av avslut"},
                1);
  for (Eigen::Index k = 0; k < static_cast<Eigen::Index>(r.kommuner.size()); ++k)
    who.add({r.kommuner[static_cast<std::size_t>(k)], format_kronor(r.population[static_cast<std::size_t>(k)]),
             format_kronor(r.kommun_contribution_separate(k, 0)), format_kronor(r.kommun_contribution_merged(k, 0)),
             format_percent(merged > 0.0 ? r.kommun_contribution_merged(k, 0) / merged : std::nan("")),
             format_decimal(r.kommun_starts(k, 0), 1),
             format_percent(starts > 0.0 ? r.kommun_starts(k, 0) / starts : std::nan("")),
             format_decimal(r.kommun_starts_per_10000(k, 0), 1),
             std::isnan(r.kommun_value_of_exits_own(k, 0)) ? "–" : format_kronor(r.kommun_value_of_exits_own(k, 0))});
  return fmt::format("\nVem betalar, vem får {} (kommunernas bidrag separat {} kr, sammanslaget {} kr):\n{}",
                     r.first_year, format_kronor(separate), format_kronor(merged), who.render()) +
         (r.payers.empty()
              ? "Eget värde av avslut: \"–\", scenariot saknar [valuation].\n"
              : fmt::format("Eget värde av avslut: kommunens eget värde av avslut till arbete eller studier, värderade "
                            "med [valuation] (första horisonten, {} år): det kommunen själv bär, för sina invånare "
                            "(payer = \"kommun\", fördelat efter var deltagarna bor) och med kommunens namn som "
                            "payer. Försäkringskassans, "
                            "Arbetsförmedlingens och regionens värde ingår inte; det visas per betalare nedan.\n",
                            r.value_horizon) +
                    value_by_payer(r));
}

}  // namespace

std::string merger_report(const MergerImpact& r)
{
  std::string out = "Sammanslagningens effekter (förväntade värden; risker och EK/driftbidrag från Monte Carlo):\n";
  for (int y = 0; y < r.years; ++y) out += year_table(r, y);
  if (std::any_of(r.lost_base_amounts.begin(), r.lost_base_amounts.end(), [](double x) { return std::isnan(x); }))
    out += lost_base_amounts_not_modelled(r.lost_base_amount_count);
  if (!r.admin_summed.empty()) out += admin_summed_note(r.admin_summed, r.admin_summed_amount, r.first_year) + '\n';
  out += r.dropped ? "Insatser lämnas utanför: deltagare och avslut ändras med dem.\n"
                   : "Deltagare och avslut ändras inte av sammanslagningen (inga insatser lämnas utanför).\n";
  return out + who_pays(r);
}

std::string admin_summed_note(const std::vector<std::string>& kinds, const std::vector<double>& amount, int first_year)
{
  if (kinds.empty()) return "";
  const bool both = kinds.size() == 2;
  const std::string what = both ? "Kansli + styrelse" : kinds.front() == "kansli" ? "Kansli" : "Styrelse";
  const std::string one = both                        ? "ett kansli och en styrelse"
                          : kinds.front() == "kansli" ? "ett kansli"
                                                      : "en styrelse";
  const std::string set = both ? "--kansli BELOPP och --styrelse BELOPP" : "--" + kinds.front() + " BELOPP";
  return fmt::format(
      "{} är summan av förbundens ({} kr {}): ingen besparing är räknad, men ett länsförbund har {}. Ange {} (kr "
      "per år, det sammanslagna förbundets planerade) för att se besparingen.",
      what, format_kronor(amount.empty() ? 0.0 : amount.front()), first_year, one, set);
}

std::string lost_base_amounts_not_modelled(int count)
{
  return fmt::format(
      "Förlorade grundbelopp: det sammanslagna förbundet får ett grundbelopp i stället för {}, men utan "
      "[funding.allocation] i varje förbund modelleras det inte: statens del är här förbundens summerad, så "
      "förlusten av {} grundbelopp per år syns inte i driftbidraget. Ge förbunden [funding.allocation] (samma "
      "national_total, forbund_count och base_amount) för att se vad sammanslagningen kostar i statliga medel.\n",
      count + 1, count);
}

std::string equity_brought_in(const MergedScenario& m)
{
  TextTable table({"Förbund", "Eget kapital", "Andel"}, 1);
  double total = 0.0;
  for (double e : m.equity_brought_in) total += e;
  for (std::size_t f = 0; f < m.forbund.size(); ++f)
    table.add({m.forbund[f], format_kronor(m.equity_brought_in[f]),
               format_percent(total != 0.0 ? m.equity_brought_in[f] / total : std::nan(""))});
  table.add({"Summa", format_kronor(total), total != 0.0 ? format_percent(1.0) : ""});
  return "Eget kapital som förbunden för in:\n" + table.render();
}

}  // namespace finsim
