#include "output/result_file.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

#include "engine/version.h"
#include "input/enum_names.h"
#include "models/year_to_date.h"
#include "output/ore.h"
#include "output/participant_output.h"

namespace finsim {

namespace {

std::string iso8601_now()
{
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

template <class Item>
std::vector<std::string> names(const std::vector<Item>& items)
{
  std::vector<std::string> out;
  for (const Item& i : items) out.push_back(i.name);
  return out;
}

std::vector<double> as_numbers(const std::vector<bool>& flags)
{
  return std::vector<double>(flags.begin(), flags.end());
}

}  // namespace

const std::vector<YearlyDataset>& yearly_datasets()
{
  static const std::vector<YearlyDataset> table{
      {"driftbidrag", "SEK", "members' contributions accrued in the year", false, false,
       [](const Projection& p) { return p.finance.driftbidrag; }},
      {"income", "SEK", "other income ([[income]] lines) accrued in the year", false, false,
       [](const Projection& p) { return p.finance.income; }},
      {"costs", "SEK", "all costs (cost lines and insatser) accrued in the year", false, false,
       [](const Projection& p) { return p.finance.costs; }},
      {"result", "SEK", "årets resultat = driftbidrag + income - costs", false, false,
       [](const Projection& p) { return p.finance.result; }},
      {"state_allocation", "SEK",
       "the state half from the allocation model = allocation_base + allocation_share_part - "
       "allocation_equity_deduction + allocation_cut_limited",
       false, true, [](const Projection& p) { return p.allocation.state_allocation; }},
      {"allocation_base", "SEK", "the base amount every förbund gets", false, true,
       [](const Projection& p) { return p.allocation.base; }},
      {"allocation_share_part", "SEK",
       "(national_total - forbund_count x base_amount) x (weighted försörjningsmått and population shares)", false,
       true, [](const Projection& p) { return p.allocation.share_part; }},
      {"allocation_equity_deduction", "SEK",
       "the equity rule's deduction: deduction share x the excess of year t-2's closing equity over the "
       "threshold share of that year's driftbidrag",
       false, true, [](const Projection& p) { return p.allocation.equity_deduction; }},
      {"allocation_cut_limited", "SEK",
       "what the yearly cut limit adds to keep the allocation at (1 - max_yearly_cut) x the year before", false, true,
       [](const Projection& p) { return p.allocation.cut_limited; }},
      {"equity", "SEK", "closing eget kapital = opening + result", false, false,
       [](const Projection& p) { return p.finance.equity; }},
      {"equity_ratio", "1", "closing equity / driftbidrag (NaN if no driftbidrag)", false, false,
       [](const Projection& p) { return p.finance.equity_ratio; }},
      {"equity_cap", "SEK", "equity_cap_share x driftbidrag", false, false,
       [](const Projection& p) { return p.finance.equity_cap; }},
      {"cash_min", "SEK", "lowest month-end cash in the year", false, false,
       [](const Projection& p) { return p.finance.cash_min; }},
      {"equity_above_cap", "1", "1 if closing equity > cap (or no driftbidrag)", true, false,
       [](const Projection& p) { return as_numbers(p.finance.equity_above_cap); }},
      {"equity_below_floor", "1", "1 if closing equity < equity_floor", true, false,
       [](const Projection& p) { return as_numbers(p.finance.equity_below_floor); }},
      {"cash_negative", "1", "1 if some month-end cash < 0 in the year", true, false,
       [](const Projection& p) { return as_numbers(p.finance.cash_negative); }},
  };
  return table;
}

void write_run_attributes(h5::Group& root, const Scenario& s, const std::vector<std::string>& warnings)
{
  root.attribute("file_type", std::string(result_file_type));
  root.attribute("format_version", result_format_version);
  root.attribute("finsim_version", std::string(engine_version()));
  root.attribute("scenario_name", s.forbund.name);
  root.attribute("scenario_source", s.source);
  root.attribute("created", iso8601_now());
  root.attribute("scenario_toml", s.text);
  std::vector<std::string> paths, texts;
  for (const ScenarioFile& f : s.files) {
    paths.push_back(f.path);
    texts.push_back(f.text);
  }
  root.attribute("scenario_files", paths);
  root.attribute("scenario_file_texts", texts);
  std::string lines;
  for (const std::string& w : warnings) lines += (lines.empty() ? "" : "\n") + w;
  root.attribute("warnings", lines);
}

void write_summary(h5::Group& root, const std::vector<std::string>& sentences) { root.attribute("summary", sentences); }

void write_deterministic(h5::Group& root, const Scenario& s, const Projection& projection)
{
  const FinanceProjection& p = projection.finance;
  const Forbund& f = s.forbund;
  h5::Group g = root.group("deterministic");
  g.attribute("description", std::string("Expected-value projection: every distribution at its mean, every "
                                         "probability as a weight."));
  g.attribute("first_year", static_cast<long long>(f.first_year));
  // Amounts in öre, as every amount the file holds (output/ore.h).
  g.attribute("opening_equity", round_to_ore(f.opening_equity));
  g.attribute("opening_cash", round_to_ore(projection.inputs.opening_cash));
  g.attribute("opening_payables", round_to_ore(f.opening_payables.amount));
  g.attribute("opening_receivables", round_to_ore(f.opening_receivables.amount));
  g.attribute("other_net_assets", round_to_ore(other_net_assets(projection.inputs)));
  g.attribute("equity_cap_share", f.equity_cap_share);
  g.attribute("equity_floor", round_to_ore(f.equity_floor));

  std::vector<long long> years, months;
  for (int y = 0; y < f.years; ++y) years.push_back(f.first_year + y);
  for (int m = 0; m < f.months(); ++m) months.push_back(month_at(f.first_year, m).yyyymm());
  const h5::Dataset year = g.scale("year", years, "year", "calendar year");
  const h5::Dataset month = g.scale("month", months, "YYYYMM", "calendar month as YYYYMM");
  const h5::Dataset member = g.label_scale("member", names(s.members), "member (medlem)");
  const h5::Dataset insats = g.label_scale("insats", names(s.insatser), "insats");
  const h5::Dataset line = g.label_scale("line", names(s.costs), "cost line ([[cost]])");
  const h5::Dataset income_line = g.label_scale("income_line", names(s.incomes), "other income line ([[income]])");

  for (const YearlyDataset& d : yearly_datasets()) {
    if (d.allocation && !s.funding.allocation) continue;
    const std::vector<double> values = d.values(projection);
    if (d.flag)
      g.write_flags(d.name, std::vector<bool>(values.begin(), values.end()), {&year}, d.description);
    else
      g.write(d.name, values, {&year}, d.units, d.description);
  }
  g.write("cash", p.cash, {&month}, "SEK", "cash (likvida medel) at the end of the month");
  g.write(
      "receivables", p.receivables, {&month}, "SEK",
      "kortfristiga fordringar at month end: accrued and not yet received, prepaid costs, opening receivables left");
  g.write("payables", p.payables, {&month}, "SEK",
          "kortfristiga skulder at month end: accrued and not yet paid, income received ahead, opening payables left");
  g.write("equity_month", p.equity_month, {&month}, "SEK",
          "eget kapital at month end = cash + receivables - payables + other_net_assets");
  g.write("member_contributions", flatten(p.member_contributions), {&member, &year}, "SEK",
          "driftbidrag per member, accrued");
  g.write("insats_costs", flatten(p.insats_costs), {&insats, &year}, "SEK",
          "cost per insats, accrued (budget x utilization over active months)");
  g.write("line_costs", flatten(p.line_costs), {&line, &year}, "SEK", "cost per [[cost]] line, accrued");
  std::vector<std::string> kinds;
  for (const Cost& c : s.costs) kinds.emplace_back(enum_name(c.kind));
  g.write_texts("line_kind", kinds, line,
                "the cost line's kind (kind in [[cost]]): kansli, styrelse, finansiell or other")
      .attribute("units", std::string("1"));
  g.write("income_lines", flatten(p.income_lines), {&income_line, &year}, "SEK",
          "other income per [[income]] line, accrued");

  if (s.actual) {
    const Actual& a = *s.actual;
    h5::Group actual = g.group("actual");
    actual.attribute("year", static_cast<long long>(a.year));
    auto put = [&](const char* name, const std::optional<double>& v) {
      if (v) actual.write_scalar(name, *v, "SEK", fmt::format("actual {} {} from the annual report", name, a.year));
    };
    put("driftbidrag", a.driftbidrag);
    put("income", a.income);
    put("costs", a.costs);
    put("result", a.result);
    put("equity", a.equity);
  }
  write_participants(g, s, projection);
}

}  // namespace finsim
