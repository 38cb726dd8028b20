#include "output/terminal_report.h"

#include <fmt/format.h>
#include <vector>

#include "output/swedish.h"

namespace finsim {

namespace {

/// A right-aligned text table with a header row.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render() const
  {
    std::vector<std::size_t> width(rows_.front().size(), 0);
    for (const auto& row : rows_)
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
    std::string out;
    for (const auto& row : rows_) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        out += c == 0 ? pad_right(row[c], width[c]) : "  " + pad_left(row[c], width[c]);
      }
      out += '\n';
    }
    return out;
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

std::string cap_label(const Scenario& s)
{
  return fmt::format("{:g} %", s.forbund.equity_cap_share * 100.0);
}

}  // namespace

std::string finance_table(const Scenario& s, const FinanceProjection& p)
{
  const Forbund& f = s.forbund;
  const std::string span = f.years == 1 ? std::to_string(f.first_year)
                                         : fmt::format("{}–{}", f.first_year, f.first_year + f.years - 1);
  std::string out = fmt::format("{}: prognos {} ({})\n\n", f.name, span, s.source);
  TextTable table({"År", "Driftbidrag", "Övriga intäkter", "Kostnader", "Resultat", "Eget kapital",
                   "EK/driftbidrag", "Tak " + cap_label(s), "Lägsta kassa"});
  for (int y = 0; y < f.years; ++y)
    table.add({std::to_string(f.first_year + y), format_kronor(p.driftbidrag[y]),
               format_kronor(p.income[y]), format_kronor(p.costs[y]), format_kronor(p.result[y]),
               format_kronor(p.equity[y]), format_percent(p.equity_ratio[y]),
               format_kronor(p.equity_cap[y]), format_kronor(p.cash_min[y])});
  out += table.render();
  out += fmt::format("Ingående eget kapital {}, ingående kassa {} (kronor).\n",
                     format_kronor(f.opening_equity), format_kronor(f.opening_cash));
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
        out += fmt::format("  EK över {}-taket {}: {} mot tak {} ({} av driftbidraget)\n",
                           cap_label(s), year, format_kronor(p.equity[y]),
                           format_kronor(p.equity_cap[y]), format_percent(p.equity_ratio[y]));
    }
    if (p.equity_below_floor[y])
      out += fmt::format("  EK under golvet {} {}: {}\n", format_kronor(f.equity_floor), year,
                         format_kronor(p.equity[y]));
    if (p.cash_negative[y])
      out += fmt::format("  Kassan under noll {}: lägst {}\n", year, format_kronor(p.cash_min[y]));
  }
  if (out.empty())
    return fmt::format("Inga flaggor: eget kapital mellan golvet och {}-taket och kassan över noll "
                       "varje månad.\n",
                       cap_label(s));
  return "Flaggor:\n" + out;
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

}  // namespace finsim
