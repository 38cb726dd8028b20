#include "output/terminal_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <vector>

#include "models/plausibility.h"
#include "models/valuation.h"
#include "output/participant_output.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

std::string cap_label(const Scenario& s) { return fmt::format("{:g} %", s.forbund.equity_cap_share * 100.0); }

}  // namespace

std::string finance_table(const Scenario& s, const FinanceProjection& p)
{
  const Forbund& f = s.forbund;
  const std::string span =
      f.years == 1 ? std::to_string(f.first_year) : fmt::format("{}–{}", f.first_year, f.first_year + f.years - 1);
  std::string out = fmt::format("{}: prognos {} ({})\n\n", f.name, span, s.source);
  TextTable table({"År", "Driftbidrag", "Övriga intäkter", "Kostnader", "Resultat", "Eget kapital", "EK/driftbidrag",
                   "Tak " + cap_label(s), "Lägsta kassa"});
  for (int y = 0; y < f.years; ++y)
    table.add({std::to_string(f.first_year + y), format_kronor(p.driftbidrag[y]), format_kronor(p.income[y]),
               format_kronor(p.costs[y]), format_kronor(p.result[y]), format_kronor(p.equity[y]),
               format_percent(p.equity_ratio[y]), format_kronor(p.equity_cap[y]), format_kronor(p.cash_min[y])});
  out += table.render();
  out += fmt::format("Ingående eget kapital {}, ingående kassa {}", format_kronor(f.opening_equity),
                     format_kronor(f.opening_cash));
  if (f.opening_receivables.amount != 0.0) out += ", fordringar " + format_kronor(f.opening_receivables.amount);
  if (f.opening_payables.amount != 0.0) out += ", skulder " + format_kronor(f.opening_payables.amount);
  out += " (kronor).\n";
  return out;
}

std::string balance_sheet_table(const Scenario& s, const Projection& projection)
{
  const FinanceProjection& p = projection.finance;
  const Forbund& f = s.forbund;
  const double other = other_net_assets(projection.inputs);
  const bool show_other = std::fabs(other) >= 1.0;
  std::vector<std::string> header{"31/12", "Kassa", "Fordringar", "Skulder"};
  if (show_other) header.emplace_back("Övrigt netto");
  header.emplace_back("Eget kapital");
  TextTable table(header);
  for (int y = 0; y < f.years; ++y) {
    const auto m = static_cast<std::size_t>(12 * y + 11);
    std::vector<std::string> row{std::to_string(f.first_year + y), format_kronor(p.cash[m]),
                                 format_kronor(p.receivables[m]), format_kronor(p.payables[m])};
    if (show_other) row.push_back(format_kronor(other));
    row.push_back(format_kronor(p.equity_month[m]));
    table.add(row);
  }
  std::string out = "Balansräkning vid årets slut (kronor):\n" + table.render();
  if (show_other)
    out += fmt::format(
        "Övrigt netto: ingående eget kapital − kassa − fordringar + skulder = {} kr, som inte "
        "ingår i kassa, fordringar eller skulder.\n",
        format_kronor(other));
  return out;
}

std::string flag_lines(const Scenario& s, const FinanceProjection& p)
{
  const Forbund& f = s.forbund;
  std::string out;
  for (int y = 0; y < f.years; ++y) {
    const int year = f.first_year + y;
    if (p.equity_above_cap[y]) {
      if (p.driftbidrag[y] == 0.0)
        out += fmt::format("  EK över {}-taket {}: inget driftbidrag, EK {}\n", cap_label(s), year,
                           format_kronor(p.equity[y]));
      else
        out +=
            fmt::format("  EK över {}-taket {}: {} mot tak {} ({} av driftbidraget)\n", cap_label(s), year,
                        format_kronor(p.equity[y]), format_kronor(p.equity_cap[y]), format_percent(p.equity_ratio[y]));
    }
    if (p.equity_below_floor[y])
      out +=
          fmt::format("  EK under golvet {} {}: {}\n", format_kronor(f.equity_floor), year, format_kronor(p.equity[y]));
    if (p.cash_negative[y])
      out += fmt::format("  Kassan under noll {}: lägst {}\n", year, format_kronor(p.cash_min[y]));
  }
  if (out.empty())
    return fmt::format(
        "Inga flaggor: eget kapital mellan golvet och {}-taket och kassan över noll "
        "varje månad.\n",
        cap_label(s));
  return "Flaggor:\n" + out;
}

std::string participant_table(const Scenario& s, const FinanceProjection& p,
                              const std::vector<std::optional<InsatsFlows>>& flows)
{
  const std::optional<InsatsFlows> total = total_flows(flows);
  if (!total) return "";
  TextTable table({"År", "Insats", "Remisser", "Nya", "Deltagare", "Aktiva 31/12", "Kö 31/12", "Avslut",
                   "Arbete/studier", "Andel", "Väntetid mån", "Beläggning", "Kr/deltagare"});
  auto person = [](double x) { return format_decimal(x, 1); };
  for (int y = 0; y < s.forbund.years; ++y) {
    double cost = 0.0;
    for (std::size_t i = 0; i < flows.size(); ++i) {
      if (!flows[i]) continue;
      const InsatsFlows& f = *flows[i];
      const double insats_cost = p.insats_costs(static_cast<Eigen::Index>(i), y);
      cost += insats_cost;
      table.add({std::to_string(s.forbund.first_year + y), s.insatser[i].name, person(f.referrals[y]),
                 person(f.starts[y]), person(f.served[y]), person(f.active_end[y]), person(f.queue_end[y]),
                 person(f.exits[y]), person(f.exits_work_studies[y]),
                 format_percent(ratio_or_nan(f.exits_work_studies[y], f.exits[y])),
                 format_decimal(f.mean_wait_months[y], 1), format_percent(f.capacity_use[y]),
                 format_kronor(ratio_or_nan(insats_cost, f.served[y]))});
    }
    const InsatsFlows& t = *total;
    table.add({std::to_string(s.forbund.first_year + y), "Totalt", person(t.referrals[y]), person(t.starts[y]),
               person(t.served[y]), person(t.active_end[y]), person(t.queue_end[y]), person(t.exits[y]),
               person(t.exits_work_studies[y]), format_percent(ratio_or_nan(t.exits_work_studies[y], t.exits[y])), "",
               "", format_kronor(ratio_or_nan(cost, t.served[y]))});
  }
  return "Deltagare (förväntade värden):\n" + table.render();
}

std::string calibration_lines(const Scenario& s, const Calibrations& calibrations)
{
  std::string out;
  for (std::size_t i = 0; i < calibrations.size(); ++i) {
    if (!calibrations[i]) continue;
    const Calibration& c = *calibrations[i];
    std::string derived;
    if (c.referrals_derived) derived += "remisser " + format_decimal(c.referrals_per_month, 3) + "/mån";
    if (c.stay_derived)
      derived += (derived.empty() ? "" : ", ") + std::string("medelvistelse ") + format_decimal(c.mean_stay_months, 2) +
                 " mån";
    if (derived.empty()) derived = "inga (alla satser givna)";
    const bool missed = calibration_missed(c);
    out += fmt::format(
        "  {}: härlett {}; modellen ger {} nya (rapporterat {:g}) och {} avslut "
        "(rapporterat {:g}) på {} mån från {}{}\n",
        s.insatser[i].name, derived, format_decimal(c.fitted_new, 2), c.observed.new_participants,
        format_decimal(c.fitted_exits, 2), c.observed.exits, c.observed.months, c.start.to_string(),
        missed ? "  VARNING: mer än en halv person från det rapporterade" : "");
  }
  return out.empty() ? out : "Kalibrering mot rapporterade siffror:\n" + out;
}

std::string history_lines(const Scenario& s)
{
  std::string out;
  for (const HistoryPrior& prior : s.priors) {
    std::string observed;
    for (double x : prior.history) observed += fmt::format("{}{}", observed.empty() ? "" : " ", format_decimal(x, 3));
    const Distribution& d = prior.made;
    const std::size_t n = prior.history.size();
    if (d.kind == DistributionKind::student_t)
      out += fmt::format(
          "  {}: student_t med läge {}, skala {} (s·√(1 + 1/n)), {} frihetsgrader, från {} observationer ({}); "
          "P5–P95 {} – {} före begränsning till nyckelns intervall; deterministiskt värde {}\n",
          prior.path, format_decimal(d.mean, 4), format_decimal(d.sd, 4), format_decimal(d.df, 0), n, observed,
          format_decimal(d.quantile(0.05), 4), format_decimal(d.quantile(0.95), 4),
          format_decimal(prior.deterministic, 4));
    else if (prior.path.ends_with("probability"))
      out += fmt::format("  {}: sannolikheten {} = (k + 1)/(n + 2) med k = {} av n = {} år ({})\n", prior.path,
                         format_decimal(d.value, 4), format_decimal(d.value * (n + 2.0) - 1.0, 0), n, observed);
    else
      out += fmt::format("  {}: fast värde {}: alla {} observationer lika ({})\n", prior.path,
                         format_decimal(d.value, 4), n, observed);
  }
  return out.empty() ? out : fmt::format("Fördelningar gjorda av historik:\n{}", out);
}

std::string actual_comparison(const Scenario& s, const FinanceProjection& p)
{
  if (!s.actual) return "";
  const Actual& a = *s.actual;
  const int y = a.year - s.forbund.first_year;
  TextTable table({"", "Prognos", "Utfall", "Skillnad"});
  auto row = [&](const char* label, double projected, const std::optional<double>& actual) {
    if (!actual) return;
    table.add({label, format_kronor(projected), format_kronor(*actual), format_kronor(*actual - projected)});
  };
  row("Driftbidrag", p.driftbidrag[y], a.driftbidrag);
  row("Övriga intäkter", p.income[y], a.income);
  row("Kostnader", p.costs[y], a.costs);
  row("Resultat", p.result[y], a.result);
  row("Eget kapital", p.equity[y], a.equity);
  return fmt::format("Prognos mot utfall {}:\n", a.year) + table.render();
}

namespace {

/// A note beside the expected-value table when the Monte Carlo may end insatser early.
std::string continuation_note(const Scenario& s)
{
  std::vector<std::string> names;
  for (const Insats& i : s.insatser)
    if (i.early_end_probability > 0.0 || i.renewal_probability < 1.0) names.push_back(i.name);
  if (names.empty()) return "";
  return fmt::format(
      "Obs: tabellen visar insatserna som beviljade. Monte Carlo-körningen låter {} sluta i förtid "
      "eller inte förnyas (sannolikheterna för förtida avslut och förnyelse), så dess eget kapital kan "
      "skilja sig från tabellens.\n",
      fmt::join(names, ", "));
}

}  // namespace

std::string allocation_table(const Scenario& s, const Projection& p)
{
  if (!s.funding.allocation) return "";
  const AllocationParts& a = p.allocation;
  TextTable table({"År", "Grundbelopp", "Andelsdel", "Avdrag (trappa)", "Spärr (max sänkning)", "Statens tilldelning",
                   "Driftbidrag"});
  for (int y = 0; y < s.forbund.years; ++y) {
    const auto i = static_cast<std::size_t>(y);
    table.add({std::to_string(s.forbund.first_year + y), format_kronor(a.base[i]), format_kronor(a.share_part[i]),
               format_kronor(-a.equity_deduction[i]), format_kronor(a.cut_limited[i]),
               format_kronor(a.state_allocation[i]), format_kronor(p.finance.driftbidrag[i])});
  }
  const Allocation& m = *s.funding.allocation;
  const std::string rule =
      m.equity_rule()
          ? fmt::format("trappan: avdrag {} av eget kapital över {} av driftbidraget två år tidigare",
                        format_percent(*m.equity_deduction_share), format_percent(*m.equity_threshold_share))
          : std::string("trappan avstängd: inga tröskelvärden angivna");
  return fmt::format("Statens tilldelning enligt fördelningsmodellen ({}; regionen och kommunerna matchar):\n{}", rule,
                     table.render());
}

std::string valuation_table(const Scenario& s, const Projection& p)
{
  if (!s.valuation) return "";
  ValueOfExits value = value_of_exits(s, p);
  std::vector<std::string> header{"År", "Insats"};
  for (int h : value.horizons) header.push_back(fmt::format("Värde {} år", h));
  for (const std::string& payer : value.payers)
    header.push_back(fmt::format("varav {} ({} år)", payer, value.horizons.front()));
  TextTable table(header, 2);
  // Per year: one row per insats with participants, then the förbund's total (insats −1).
  auto sum = [&](int insats, int payer, int h, int y) {
    double total = 0.0;
    for (int i = 0; i < value.insatser; ++i)
      for (int q = 0; q < static_cast<int>(value.payers.size()); ++q)
        if ((insats < 0 || i == insats) && (payer < 0 || q == payer)) total += value.at(i, q, h, y);
    return total;
  };
  for (int y = 0; y < value.years; ++y) {
    std::vector<int> rows;
    for (int i = 0; i < value.insatser; ++i)
      if (p.flows[static_cast<std::size_t>(i)]) rows.push_back(i);
    rows.push_back(-1);
    for (int i : rows) {
      std::vector<std::string> row{std::to_string(s.forbund.first_year + y),
                                   i < 0 ? std::string("Totalt") : s.insatser[static_cast<std::size_t>(i)].name};
      for (std::size_t h = 0; h < value.horizons.size(); ++h)
        row.push_back(format_kronor(sum(i, -1, static_cast<int>(h), y)));
      for (std::size_t q = 0; q < value.payers.size(); ++q)
        row.push_back(format_kronor(sum(i, static_cast<int>(q), 0, y)));
      table.add(row);
    }
  }
  return fmt::format(
      "Värde av avslut till arbete eller studier (offentlig kostnad som undviks, [valuation] med {}-års "
      "siffror{}):\n{}",
      s.valuation->year,
      s.valuation->discount_rate > 0.0 ? fmt::format(", diskonterat {}", format_percent(s.valuation->discount_rate))
                                       : "",
      table.render());
}

std::string deterministic_report(const Scenario& s, const Projection& p, const Calibrations& calibrations)
{
  std::string out = finance_table(s, p.finance) + continuation_note(s) + '\n' + balance_sheet_table(s, p) + '\n' +
                    flag_lines(s, p.finance);
  if (const std::string table = allocation_table(s, p); !table.empty()) out += '\n' + table;
  if (const std::string table = participant_table(s, p.finance, p.flows); !table.empty())
    out += '\n' + table + calibration_lines(s, calibrations);
  if (const std::string table = valuation_table(s, p); !table.empty()) out += '\n' + table;
  if (s.actual) out += '\n' + actual_comparison(s, p.finance);
  return out;
}

}  // namespace finsim
