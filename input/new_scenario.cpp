#include "input/new_scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "input/enum_names.h"
#include "input/input_error.h"

namespace finsim {

namespace {

/// The width of UTF-8 text in characters (for the comments' column).
std::size_t width(const std::string& s)
{
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// A number as TOML writes it: whole kronor without decimals, other values in their shortest form.
std::string number(double x)
{
  if (std::abs(x) < 1e15 && x == std::round(x)) return fmt::format("{}", static_cast<long long>(x));
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string list(const std::vector<double>& xs)
{
  std::string out = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? ", " : "") + number(xs[i]);
  return out + "]";
}

template <class E>
std::string enum_text(E value)
{
  return toml_quoted(enum_name(value));
}

bool names_state(const std::string& name)
{
  const std::string low = swedish_lower(name);
  for (const char* w : {"staten", "statlig", "statens", "försäkringskassan", "arbetsförmedlingen", "från stat"})
    if (low.find(w) != std::string::npos) return true;
  return false;
}

/// A member's name as a driftbidrag row may write it: "Hallstahammars kommun" → "hallstahammar".
std::string member_stem(const std::string& name)
{
  std::string low = swedish_lower(name);
  for (std::string_view end : {" kommun", " stad"})
    if (low.size() > end.size() && low.ends_with(end)) low.resize(low.size() - end.size());
  if (low.size() > 3 && low.back() == 's') low.pop_back();  // the genitive: "Norbergs"
  return low;
}

/// The member a driftbidrag row that does not name the state is from: its name or stem in the row
/// ("Driftbidrag från Skellefteå kommun"), or "landsting"/"region" for the one region member;
/// -1 when no member or more than one fits.
int member_of_row(const std::vector<NewMember>& members, const std::string& row)
{
  const std::string low = swedish_lower(row);
  int found = -1, regions = 0, region = -1;
  for (std::size_t m = 0; m < members.size(); ++m) {
    if (members[m].kind == MemberKind::region) {
      ++regions;
      region = static_cast<int>(m);
    }
    if (members[m].kind == MemberKind::state) continue;
    const std::string stem = member_stem(members[m].name);
    if (low.find(swedish_lower(members[m].name)) != std::string::npos ||
        (stem.size() >= 3 && low.find(stem) != std::string::npos)) {
      if (found >= 0) return -1;
      found = static_cast<int>(m);
    }
  }
  if (found < 0 && regions == 1 && low.find("kommun") == std::string::npos &&
      (low.find("landsting") != std::string::npos || low.find("region") != std::string::npos))
    found = region;
  return found;
}

/// The text being written, a line at a time, each with where it came from.
struct Writer {
  NewScenarioText out;

  void put(const std::string& code, const std::string& comment, LineOrigin origin = {})
  {
    std::string line = code;
    if (!comment.empty()) {
      if (line.empty()) {
        line = "# " + comment;
      } else {
        line.append(std::max<std::size_t>(1, 40 - std::min<std::size_t>(40, width(line))), ' ');
        line += "# " + comment;
      }
    }
    out.text += line + "\n";
    out.origins.push_back(std::move(origin));
  }
  void blank() { put("", ""); }
  /// A comment above a group of tables, after a blank line.
  void heading(const std::string& text)
  {
    blank();
    put("", text);
    headed = true;
  }
  bool headed = false;  ///< the last line is a heading: the next table follows it directly
  void problem(int row, const char* level, std::string message)
  {
    out.problems.push_back({row, 0, level, std::move(message), "", 0});
  }
};

std::string pasted(int row)
{
  return row > 0 ? fmt::format("inklistrad budget, rad {}", row) : "inskriven i steget Budget";
}

/// `amounts` cut to the horizon (with a problem when longer), at least one value.
std::vector<double> in_horizon(Writer& w, const NewLine& l, int years)
{
  std::vector<double> xs = l.amounts;
  if (years > 0 && static_cast<int>(xs.size()) > years) {
    w.problem(l.row, "info",
              fmt::format("\"{}\" har {} år men förbundet {}: de sista åren läses inte in", l.name, xs.size(), years));
    xs.resize(static_cast<std::size_t>(years));
  }
  return xs;
}

double year_value(const std::vector<double>& xs, std::size_t k)
{
  return xs.empty() ? 0.0 : xs[std::min(k, xs.size() - 1)];
}

}  // namespace

std::string toml_quoted(const std::string& s)
{
  std::string out = "\"";
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\u{:04X}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

NewScenarioText write_new_scenario(const NewForbund& f)
{
  Writer w;
  const int last_year = f.first_year + std::max(f.years, 1) - 1;
  const std::string years =
      last_year > f.first_year ? fmt::format("{}–{}", f.first_year, last_year) : std::to_string(f.first_year);
  w.put("", fmt::format("{}: budget {}, skriven av finsim serve (Nytt förbund).", f.name, years));
  w.put("", "Varje rad säger varifrån den kom: stegen Förbundet och Medlemmar eller den inklistrade budgeten.");
  w.put("", "Antaganden som inte står i budgeten: betalningarna enligt finsims förval (medlemmarna kvartalsvis i");
  w.put("", "förskott, insatserna kvartalsvis i efterskott, kostnaderna månadsvis) där inget annat valts, och");
  w.put("", "förbrukningsgraden: väntevärdet räknar med budgeten som beviljad, Monte Carlo med finsims förval.");
  w.blank();

  const LineOrigin step{0, 0, "forbund"};
  auto field = [](const char* name) { return LineOrigin{0, 0, std::string("forbund.") + name}; };
  w.put("[forbund]", "", step);
  w.put("name = " + toml_quoted(f.name), "steget Förbundet", field("name"));
  w.put("first_year = " + std::to_string(f.first_year), "steget Förbundet", field("first_year"));
  w.put("years = " + std::to_string(f.years), "steget Förbundet", field("years"));
  w.put("opening_equity = " + number(f.opening_equity),
        "steget Förbundet: från senaste årsredovisningens balansräkning", field("opening_equity"));
  w.put("opening_cash = " + number(f.opening_cash), "steget Förbundet: från senaste årsredovisningens balansräkning",
        field("opening_cash"));
  w.put("equity_cap_share = " + number(f.equity_cap_share), "steget Förbundet: taket för eget kapital",
        field("equity_cap_share"));
  w.put("equity_floor = 0", "ett samordningsförbund får inte låna", field("equity_floor"));
  w.blank();

  // The driftbidrag: the state half given, the members' own amounts, or from the pasted rows.
  std::vector<const NewLine*> driftbidrag;
  for (const NewLine& l : f.lines)
    if (l.kind == BudgetKind::driftbidrag) driftbidrag.push_back(&l);
  const bool by_member =
      std::any_of(f.members.begin(), f.members.end(), [](const NewMember& m) { return !m.contribution.empty(); });
  const std::size_t n_years = static_cast<std::size_t>(std::max(f.years, 1));
  std::vector<double> pasted_total(n_years, 0.0);
  for (const NewLine* l : driftbidrag)
    for (std::size_t k = 0; k < n_years; ++k) pasted_total[k] += year_value(l->amounts, k);

  // Pasted rows that name each region and kommun ("Driftbidrag från Norsjö kommun") and the state:
  // each member's own amount, the state's row shared equally by the state's members.
  std::vector<int> row_member(driftbidrag.size(), -1);
  bool by_rows = !by_member && !f.state && !driftbidrag.empty();
  int state_members = 0;
  for (const NewMember& m : f.members) state_members += m.kind == MemberKind::state ? 1 : 0;
  bool any_state_row = false;
  for (std::size_t r = 0; r < driftbidrag.size() && by_rows; ++r) {
    if (names_state(driftbidrag[r]->name)) {
      any_state_row = true;
      continue;
    }
    row_member[r] = member_of_row(f.members, driftbidrag[r]->name);
    by_rows = row_member[r] >= 0 &&
              std::count(row_member.begin(), row_member.begin() + static_cast<long>(r), row_member[r]) == 0;
  }
  for (std::size_t m = 0; m < f.members.size() && by_rows; ++m)
    if (f.members[m].kind != MemberKind::state)
      by_rows = std::find(row_member.begin(), row_member.end(), static_cast<int>(m)) != row_member.end();
  by_rows = by_rows && any_state_row && state_members > 0;

  w.put("[funding]", "", LineOrigin{0, 0, "funding"});
  std::vector<double> state;  // the state half per year, for the check
  if (by_member || by_rows) {
    // Written below as [funding.contributions].
  } else if (f.state) {
    state = *f.state;
    w.put("state = " + list(state), "steget Medlemmar: statens hälft (Försäkringskassan och Arbetsförmedlingen)",
          LineOrigin{0, 0, "funding.state"});
  } else {
    std::vector<const NewLine*> state_rows;
    for (const NewLine* l : driftbidrag)
      if (names_state(l->name)) state_rows.push_back(l);
    if (!state_rows.empty()) {
      state.assign(n_years, 0.0);
      std::string rows;
      for (const NewLine* l : state_rows) {
        for (std::size_t k = 0; k < n_years; ++k) state[k] += year_value(l->amounts, k);
        rows += (rows.empty() ? "" : ", ") + std::to_string(l->row);
      }
      w.put("state = " + list(state),
            fmt::format("inklistrad budget, rad {} (\"{}\"): statens hälft", rows, state_rows.front()->name),
            LineOrigin{state_rows.front()->row, 0, "funding.state"});
    } else if (driftbidrag.size() == 1) {
      state.assign(n_years, 0.0);
      for (std::size_t k = 0; k < n_years; ++k) state[k] = pasted_total[k] / 2;
      w.put("state = " + list(state),
            fmt::format("inklistrad budget, rad {} (\"{}\"): hälften är statens", driftbidrag[0]->row,
                        driftbidrag[0]->name),
            LineOrigin{driftbidrag[0]->row, 0, "funding.state"});
    } else {
      w.problem(driftbidrag.empty() ? 0 : driftbidrag[0]->row, "error",
                driftbidrag.empty()
                    ? "driftbidraget saknas: klistra in raden \"Driftbidrag från staten\" eller ange statens del i "
                      "steget Medlemmar"
                    : "finsim ser inte vilken driftbidragsrad som är statens: döp den till \"Driftbidrag från "
                      "staten\" eller ange statens del i steget Medlemmar");
      w.put("state = 0", "saknas: ange statens del", LineOrigin{0, 0, "funding.state"});
    }
  }
  if (f.funding_payment)
    w.put("payment = " + enum_text(*f.funding_payment), "steget Medlemmar", LineOrigin{0, 0, "funding.payment"});
  else
    w.put("payment = \"quarterly_advance\"", "förval: medlemmarna betalar kvartalsvis i förskott",
          LineOrigin{0, 0, "funding.payment"});
  if (by_rows) {
    w.blank();
    w.put("[funding.contributions]", "inklistrad budget: en driftbidragsrad per medlem", LineOrigin{0, 0, "funding"});
    std::vector<double> state_total(n_years, 0.0);
    std::string state_rows;
    for (std::size_t r = 0; r < driftbidrag.size(); ++r)
      if (row_member[r] < 0) {
        for (std::size_t k = 0; k < n_years; ++k) state_total[k] += year_value(driftbidrag[r]->amounts, k);
        state_rows += (state_rows.empty() ? "" : ", ") + std::to_string(driftbidrag[r]->row);
      }
    for (std::size_t m = 0; m < f.members.size(); ++m) {
      std::vector<double> amounts(n_years, 0.0);
      std::string origin;
      int row = 0;
      if (f.members[m].kind == MemberKind::state) {
        for (std::size_t k = 0; k < n_years; ++k) amounts[k] = state_total[k] / state_members;
        origin = fmt::format("inklistrad budget, rad {}: statens del, lika mellan {} statliga medlemmar", state_rows,
                             state_members);
      } else {
        const std::size_t r = static_cast<std::size_t>(
            std::find(row_member.begin(), row_member.end(), static_cast<int>(m)) - row_member.begin());
        for (std::size_t k = 0; k < n_years; ++k) amounts[k] = year_value(driftbidrag[r]->amounts, k);
        row = driftbidrag[r]->row;
        origin = fmt::format("inklistrad budget, rad {}", row);
      }
      w.put(toml_quoted(f.members[m].name) + " = " + list(amounts), origin,
            LineOrigin{row, static_cast<int>(m) + 1, "contribution"});
    }
  }
  if (by_member) {
    w.blank();
    w.put("[funding.contributions]", "steget Medlemmar: varje medlems bidrag per år", LineOrigin{0, 0, "funding"});
    for (std::size_t m = 0; m < f.members.size(); ++m)
      w.put(toml_quoted(f.members[m].name) + " = " + list(f.members[m].contribution), "steget Medlemmar",
            LineOrigin{0, static_cast<int>(m) + 1, "contribution"});
  }

  // The pasted driftbidrag against the funding written: the members match the state half (50/25/25).
  // Only the state's rows pasted: the members' part is not in the budget to check.
  const bool only_state_rows =
      std::all_of(driftbidrag.begin(), driftbidrag.end(), [](const NewLine* l) { return names_state(l->name); });
  if (!by_rows && !driftbidrag.empty() && !(only_state_rows && !by_member) && (by_member || !state.empty())) {
    for (std::size_t k = 0; k < n_years; ++k) {
      double total = 0.0;
      if (by_member)
        for (const NewMember& m : f.members) total += year_value(m.contribution, k);
      else
        total = 2 * year_value(state, k);
      if (std::abs(total - pasted_total[k]) > 0.5) {
        w.problem(
            driftbidrag[0]->row, "warning",
            fmt::format("driftbidraget {} är {} kr i budgeten men {} kr med {}: finsim räknar med det senare",
                        f.first_year + static_cast<int>(k), message_kronor(pasted_total[k]), message_kronor(total),
                        by_member ? "medlemmarnas bidrag" : "statens hälft och medlemmarnas matchning (50/25/25)"));
        break;
      }
    }
  }
  w.blank();

  for (std::size_t m = 0; m < f.members.size(); ++m) {
    const NewMember& member = f.members[m];
    const LineOrigin origin{0, static_cast<int>(m) + 1, "member"};
    w.put("[[member]]", "", origin);
    w.put("name = " + toml_quoted(member.name), fmt::format("steget Medlemmar, rad {}", m + 1), origin);
    w.put("kind = " + enum_text(member.kind), fmt::format("steget Medlemmar, rad {}", m + 1), origin);
    if (member.population)
      w.put("population = " + number(*member.population), "invånare 16–64 år (fördelar kommunernas del)", origin);
  }

  // The lines: insatser, then other income, then costs, each in the paste's order.
  std::map<std::string, int> seen;
  auto unique = [&](const NewLine& l, const char* table) {
    const std::string key = std::string(table) + "\n" + l.name;
    const auto [at, fresh] = seen.emplace(key, l.row);
    if (!fresh)
      w.problem(l.row, "error",
                fmt::format("två rader heter \"{}\" (rad {} och {}): ge dem olika namn eller slå ihop dem", l.name,
                            at->second, l.row));
  };
  auto put_line = [&](const NewLine& l, const char* table, const char* amount_key, const std::string& kind) {
    unique(l, table);
    const LineOrigin origin{l.row, 0, ""};
    if (!w.headed) w.blank();
    w.headed = false;
    w.put(fmt::format("[[{}]]", table), "", origin);
    w.put("name = " + toml_quoted(l.name), pasted(l.row), origin);
    if (!kind.empty()) w.put("kind = " + kind, pasted(l.row) + ", sorten vald i steget Budget", origin);
    w.put(fmt::format("{} = {}", amount_key, list(in_horizon(w, l, f.years))), pasted(l.row), origin);
    if (l.payment) w.put("payment = " + enum_text(*l.payment), "steget Budget", origin);
    if (l.utilization && std::string_view(table) == "insats")
      w.put("utilization = " + number(*l.utilization), "steget Budget", origin);
  };
  bool any = false;
  for (const NewLine& l : f.lines) {
    if (l.kind != BudgetKind::insats_individual && l.kind != BudgetKind::insats_structural) continue;
    if (!any) w.heading("Kostnader för insatser");
    any = true;
    put_line(l, "insats", "budget",
             enum_text(l.kind == BudgetKind::insats_individual ? InsatsKind::individual : InsatsKind::structural));
  }
  any = false;
  for (const NewLine& l : f.lines) {
    if (l.kind != BudgetKind::income) continue;
    if (!any) w.heading("Övriga intäkter");
    any = true;
    put_line(l, "income", "amount", "");
  }
  any = false;
  for (const NewLine& l : f.lines) {
    std::optional<CostKind> kind;
    if (l.kind == BudgetKind::kansli) kind = CostKind::kansli;
    if (l.kind == BudgetKind::styrelse) kind = CostKind::styrelse;
    if (l.kind == BudgetKind::finansiell) kind = CostKind::finansiell;
    if (l.kind == BudgetKind::other) kind = CostKind::other;
    if (!kind) continue;
    if (!any) w.heading("Övriga kostnader: kansli, styrelse och finansiella kostnader");
    any = true;
    put_line(l, "cost", "amount", enum_text(*kind));
    if (l.utilization)
      w.problem(l.row, "info", fmt::format("\"{}\" är en kostnad: förbrukningsgrad gäller bara insatser", l.name));
  }
  for (const NewLine& l : f.lines)
    if (l.name.empty()) w.problem(l.row, "error", "en rad saknar namn: skriv radens namn");
  return std::move(w.out);
}

}  // namespace finsim
