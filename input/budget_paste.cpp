#include "input/budget_paste.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "input/input_error.h"

namespace finsim {

bool is_cost(BudgetKind k) { return k != BudgetKind::income && k != BudgetKind::driftbidrag; }

namespace {

/// The spaces a spreadsheet or word processor writes between thousands, as UTF-8.
constexpr std::string_view wide_spaces[] = {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89", "\xE2\x80\x87"};

/// `s` with every space (ordinary, tab, non-breaking, narrow, thin, figure) removed and U+2212 and
/// U+2013 read as '-'.
std::string without_spaces(std::string_view s)
{
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
      continue;
    }
    bool wide = false;
    for (std::string_view w : wide_spaces)
      if (s.substr(i, w.size()) == w) {
        i += w.size();
        wide = true;
        break;
      }
    if (wide) continue;
    if (s.substr(i, 3) == "\xE2\x88\x92" || s.substr(i, 3) == "\xE2\x80\x93") {  // U+2212, U+2013
      out += '-';
      i += 3;
      continue;
    }
    out += s[i++];
  }
  return out;
}

/// `s` without HTML tags such as <i> and </b> (a table copied from a web page or mail), trimmed.
std::string clean_cell(std::string_view s)
{
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      const std::size_t close = s.find('>', i);
      const std::string_view tag =
          close == std::string_view::npos ? std::string_view{} : s.substr(i + 1, close - i - 1);
      const bool is_tag = !tag.empty() && tag.size() <= 12 && std::all_of(tag.begin(), tag.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || c == '/';
      });
      if (is_tag) {
        i = close;
        continue;
      }
    }
    out += s[i];
  }
  // Trim ordinary and wide spaces at both ends.
  auto starts_space = [&](std::size_t at) -> std::size_t {
    if (out[at] == ' ' || out[at] == '\t' || out[at] == '\r') return 1;
    for (std::string_view w : wide_spaces)
      if (std::string_view(out).substr(at, w.size()) == w) return w.size();
    return 0;
  };
  std::size_t from = 0;
  while (from < out.size()) {
    const std::size_t n = starts_space(from);
    if (n == 0) break;
    from += n;
  }
  std::size_t to = out.size();
  while (to > from) {
    bool trimmed = false;
    if (out[to - 1] == ' ' || out[to - 1] == '\t' || out[to - 1] == '\r') {
      --to;
      trimmed = true;
    } else {
      for (std::string_view w : wide_spaces)
        if (to - from >= w.size() && std::string_view(out).substr(to - w.size(), w.size()) == w) {
          to -= w.size();
          trimmed = true;
          break;
        }
    }
    if (!trimmed) break;
  }
  return out.substr(from, to - from);
}

}  // namespace

/// Lower case for ASCII and the Swedish capitals Å, Ä, Ö, É (UTF-8).
std::string swedish_lower(std::string_view s)
{
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      out[i] = static_cast<char>(std::tolower(c));
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

namespace {

std::string lower(std::string_view s) { return swedish_lower(s); }

bool has(std::string_view text, std::string_view word) { return text.find(word) != std::string_view::npos; }

bool has_any(std::string_view text, std::initializer_list<std::string_view> words)
{
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return has(text, w); });
}

bool ends_with(std::string_view s, std::string_view end)
{
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

bool starts_with(std::string_view s, std::string_view start) { return s.substr(0, start.size()) == start; }

/// Whether `s` is digits in groups of three behind `sep` after one to three leading digits:
/// "1.416.000", "1,416,000".
bool grouped(std::string_view s, char sep)
{
  const std::size_t first = s.find(sep);
  if (first == 0 || first > 3 || first == std::string_view::npos) return false;
  for (std::size_t at = first; at != std::string_view::npos;) {
    const std::size_t next = s.find(sep, at + 1);
    const std::size_t end = next == std::string_view::npos ? s.size() : next;
    if (end - at - 1 != 3) return false;
    at = next;
  }
  return true;
}

/// The number in `digits` (digits with ',' or '.' as a Swedish user writes them), or nullopt: a
/// comma is the decimal ("1,5"); dots between groups of three are thousands ("1.416.000", and
/// "1.416.000,50"), as is one dot before exactly three digits ("48.000"); another single dot is a
/// decimal point ("1.5"); commas between groups of three, twice or more, are thousands.
std::optional<double> read_number(std::string digits)
{
  if (digits.empty()) return std::nullopt;
  for (char c : digits)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != ',' && c != '.') return std::nullopt;
  const auto commas = std::count(digits.begin(), digits.end(), ',');
  const auto dots = std::count(digits.begin(), digits.end(), '.');
  auto drop = [](std::string s, char c) {
    s.erase(std::remove(s.begin(), s.end(), c), s.end());
    return s;
  };
  if (commas == 1 && dots > 0) {
    const std::size_t comma = digits.find(',');
    const std::string whole = digits.substr(0, comma);
    if (!grouped(whole, '.')) return std::nullopt;
    digits = drop(whole, '.') + "." + digits.substr(comma + 1);
  } else if (dots > 0 && commas == 0) {
    if (grouped(digits, '.'))
      digits = drop(digits, '.');
    else if (dots > 1)
      return std::nullopt;
  } else if (commas > 1 && dots == 0) {
    if (!grouped(digits, ',')) return std::nullopt;
    digits = drop(digits, ',');
  } else if (commas == 1) {
    std::replace(digits.begin(), digits.end(), ',', '.');
  } else if (commas > 0) {
    return std::nullopt;
  }
  if (digits.empty() || digits.front() == '.' || digits.back() == '.') return std::nullopt;
  char* end = nullptr;
  const double x = std::strtod(digits.c_str(), &end);
  if (end != digits.c_str() + digits.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

/// A calendar year written alone in a header cell ("2024", "Budget 2025", "Utfall 2023 (tkr)").
std::optional<int> header_year(std::string_view cell)
{
  const std::string s = lower(cell);
  int found = 0, year = 0;
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    const bool digits4 = std::all_of(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(i + 4),
                                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (!digits4) continue;
    const bool alone = (i == 0 || !std::isdigit(static_cast<unsigned char>(s[i - 1]))) &&
                       (i + 4 == s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 4])));
    if (!alone) continue;
    const int y = std::atoi(s.substr(i, 4).c_str());
    if (y < 1990 || y > 2100) continue;
    ++found;
    year = y;
    i += 3;
  }
  if (found != 1) return std::nullopt;
  if (has_any(s, {" kr", "kr ", "000"}) || ends_with(s, "kr")) return std::nullopt;
  return year;
}

/// The unit a heading or header names for the cells below it: 1 000 for "tkr", 10⁶ for "Mkr".
std::optional<double> unit_in(std::string_view low)
{
  if (has_any(low, {"mkr", "mnkr", "msek", "miljoner kronor"})) return 1e6;
  if (has_any(low, {"tkr", "tsek", "tusental kronor", "tusen kronor"})) return 1e3;
  return std::nullopt;
}

enum class Section { none, income, insats, individual, structural, admin, finansiell, other_costs, costs };

/// The section a heading names, or nullopt when it is not one finsim knows.
std::optional<Section> heading_section(std::string_view low)
{
  if (has(low, "intäkt")) return Section::income;
  if (has(low, "struktur")) return Section::structural;  // "Strukturpåverkande insatser"
  if (has(low, "individ")) return Section::individual;   // "Individinsatser"
  if (has(low, "insats") || has(low, "projekt")) return Section::insats;
  if (has_any(low, {"administration", "administrativ", "kansli", "styrelse"})) return Section::admin;
  if (has(low, "finansiell")) return Section::finansiell;
  if (has(low, "övrig") && has(low, "kostnad")) return Section::other_costs;
  if (has(low, "kostnad")) return Section::costs;
  return std::nullopt;
}

/// A header cell naming a column that is no budget ("Utfall 2023-08-31", "Prognos 2023",
/// "Differens", "Avvikelse prognos från budget", "Bokslut helår 2016", "Not"): not read in.
bool names_other_column(std::string_view low)
{
  return has_any(low, {"utfall", "prognos", "differens", "avvikelse", "bokslut", "förändring", "jämförelse"}) ||
         low == "not" || low == "noter" || low == "diff";
}

/// A first cell that is an account or line number ("1002", "1001+1003"), not a name.
bool is_code(std::string_view cell)
{
  if (cell.empty() || cell.size() > 20) return false;
  bool digit = false;
  for (char c : cell) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digit = true;
    else if (c != '+' && c != '-' && c != '.' && c != ' ' && c != '/')
      return false;
  }
  return digit;
}

/// A header's first cell naming a column of codes: the names are in the next column.
bool names_code_column(std::string_view low)
{
  return low == "id" || low == "nr" || low == "kod" || low == "konto" || low == "kontonr" || low == "ref" ||
         low == "objekt" || low == "ansvar";
}

bool is_subtotal_name(std::string_view low)
{
  return starts_with(low, "summa") || starts_with(low, "s:a") || starts_with(low, "totalt") ||
         starts_with(low, "total ") || low == "total";
}

/// What a subtotal sums, by its name: "summa kostnader för insatser" → "kostnader för insatser".
std::string subtotal_subject(std::string_view low)
{
  for (std::string_view prefix : {"summa", "s:a", "totalt", "total"})
    if (starts_with(low, prefix)) {
      std::string_view rest = low.substr(prefix.size());
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':' || rest.front() == '.'))
        rest.remove_prefix(1);
      return std::string(rest);
    }
  return std::string(low);
}

bool is_result_name(std::string_view low) { return has(low, "resultat"); }

/// An insats whose name says it is for staff, a day, a network or money not yet granted: structural.
bool sounds_structural(std::string_view low)
{
  return has_any(
      low,
      {"utbildning",    "föreläsning", "frukost",    "konferens", "kompetens", "seminari",          "nätverk",
       "vecka",         "folkhäls",    "ointecknad", "ofördela",  "reserv",    "verkstad",          "information",
       "kommunikation", "struktur",    "dagen",      "dag i ",    "dagar",     "utvecklingsarbete", "kartläggning"});
}

/// The kind of a row under `section` named `low`; `guessed` when nothing told it (no section).
BudgetKind row_kind(Section section, std::string_view low, bool& guessed)
{
  guessed = false;
  // The row's own name first ("Kansli" under "Insatser" is kansli), then its section.
  if (has_any(low, {"driftbidrag", "medlemsbidrag", "bidrag från medlem", "medlemsavgift", "huvudmän",
                    "medel från medlem", "tilldelning"}))
    return BudgetKind::driftbidrag;
  if (section == Section::income || has(low, "intäkt")) return BudgetKind::income;
  if (has(low, "styrelse")) return BudgetKind::styrelse;
  if (has_any(low, {"kansli", "förbundschef", "administration", "revision", "lokalhyra"})) return BudgetKind::kansli;
  if (has_any(low, {"finansiell", "bankavgift", "bankkostnad", "ränta", "räntekostnad"})) return BudgetKind::finansiell;
  if (starts_with(low, "övriga kostnad") || starts_with(low, "övrig kostnad") || low == "övrigt")
    return BudgetKind::other;
  if (section == Section::structural) return BudgetKind::insats_structural;
  if (section == Section::individual) return BudgetKind::insats_individual;
  if (section == Section::insats)
    return sounds_structural(low) ? BudgetKind::insats_structural : BudgetKind::insats_individual;
  switch (section) {
    case Section::admin: return BudgetKind::kansli;
    case Section::finansiell: return BudgetKind::finansiell;
    case Section::other_costs:
    case Section::costs: return BudgetKind::other;
    default: break;
  }
  guessed = true;
  return BudgetKind::other;
}

std::string kr_text(double x) { return message_kronor(x) + " kr"; }

std::vector<std::string> split_cells(std::string_view line, char separator)
{
  std::vector<std::string> cells;
  std::size_t from = 0;
  while (true) {
    const std::size_t at = separator ? line.find(separator, from) : std::string_view::npos;
    cells.push_back(clean_cell(line.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from)));
    if (at == std::string_view::npos) break;
    from = at + 1;
  }
  return cells;
}

/// A subtotal or result row waiting for the check at the end (when the sign of the costs is known).
struct PendingCheck {
  std::string name;
  int row = 0;
  bool result = false;           ///< "Årets resultat": income − costs of every row above
  std::vector<std::size_t> sum;  ///< the rows it covers (subtotal)
  std::vector<double> found;
  std::size_t rows_above = 0;  ///< rows read in before it (result)
  bool or_result = false;      ///< a bare "Summa": either its rows or, at the end of a table, the result
};

}  // namespace

std::optional<double> read_amount_cell(std::string_view cell, double scale, std::string& error)
{
  const std::string shown = clean_cell(cell);
  std::string s = lower(without_spaces(shown));
  auto refuse = [&] {
    error = fmt::format("\"{}\" är inget belopp; skriv t.ex. 1 416 000 kr, 1 416 tkr, −48 000 eller (48 000)",
                        shown.size() > 40 ? shown.substr(0, 40) + "…" : shown);
    return std::nullopt;
  };
  if (s == "-" || s == "--" || s == "-kr" || s == "–") return 0.0;
  bool negative = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = s.substr(1, s.size() - 2);
  }
  double unit = scale;
  for (const auto& [suffix, factor] : std::initializer_list<std::pair<std::string_view, double>>{{"mnkr", 1e6},
                                                                                                 {"mkr", 1e6},
                                                                                                 {"msek", 1e6},
                                                                                                 {"tkr", 1e3},
                                                                                                 {"tsek", 1e3},
                                                                                                 {"kronor", 1.0},
                                                                                                 {"kr.", 1.0},
                                                                                                 {"kr", 1.0},
                                                                                                 {"sek", 1.0},
                                                                                                 {":-", 1.0}}) {
    if (ends_with(s, suffix)) {
      s.resize(s.size() - suffix.size());
      unit = factor;
      break;
    }
  }
  if (!negative && s.size() >= 2 && s.front() == '(' && s.back() == ')') {  // "(48 000) kr"
    negative = true;
    s = s.substr(1, s.size() - 2);
  }
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    if (s.front() == '-') negative = !negative;
    s.erase(0, 1);
  }
  const std::optional<double> x = read_number(s);
  if (!x) return refuse();
  const double value = (negative ? -*x : *x) * unit;
  if (!std::isfinite(value) || std::abs(value) > 1e13) return refuse();
  return value == 0.0 ? 0.0 : value;
}

PastedBudget read_budget_paste(std::string_view text, int first_year)
{
  PastedBudget out;
  auto problem = [&](int row, int column, const char* level, std::string message) {
    out.problems.push_back({row, column, level, std::move(message), "", 0});
  };

  std::vector<std::string_view> lines;
  for (std::size_t from = 0; from <= text.size();) {
    const std::size_t at = text.find('\n', from);
    std::string_view line = text.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (at == std::string_view::npos) break;
    from = at + 1;
  }
  if (lines.size() > max_paste_lines) {
    problem(
        0, 0, "error",
        fmt::format("tabellen har {} rader; högst {} går att klistra in på en gång", lines.size(), max_paste_lines));
    return out;
  }
  // Excel, LibreOffice and Word copy a table with a tab between cells; a CSV saved by Swedish Excel
  // has ';'.
  const char separator = text.find('\t') != std::string_view::npos  ? '\t'
                         : text.find(';') != std::string_view::npos ? ';'
                                                                    : '\0';

  double scale = 1.0;
  std::vector<int> header_years;
  std::vector<std::size_t> year_columns;     // cell index of each year
  std::vector<std::size_t> skipped_columns;  // the header's columns that are no budget (Utfall, Differens, …)
  std::size_t name_column = 0;               // 1 when the first column holds codes ("ID", "Konto")
  int header_row = 0;
  std::size_t width = 0;  // the number of amount columns (from the header or the first row)
  Section section = Section::none;
  std::string section_name;
  struct Heading {
    std::string low;
    std::size_t first_row;
  };
  std::vector<Heading> headings;
  std::size_t group_start = 0;  // rows since the last heading or subtotal
  std::vector<PendingCheck> checks;
  bool any_text = false;

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int row = static_cast<int>(i) + 1;
    std::vector<std::string> cells = split_cells(lines[i], separator);
    while (!cells.empty() && cells.back().empty() &&
           cells.size() > 1 + std::max(width, year_columns.empty() ? 0 : year_columns.back()))
      cells.pop_back();
    const bool blank = std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); });
    if (blank) continue;
    any_text = true;
    // The name: in the first column, or in the second after a code ("1060  Samordningsteam Sala"),
    // or in the first where a code column is empty for a heading ("INTÄKTER").
    std::size_t at = name_column;
    if (at == 0 && cells.size() > 2 && is_code(cells[0]) && !cells[1].empty()) {
      std::string ignored;
      if (!read_amount_cell(cells[1], 1.0, ignored)) at = 1;
    }
    if (at == 0 && header_years.empty() && cells.size() > 1 && names_code_column(lower(cells[0]))) at = 1;
    while (cells.size() <= at) cells.emplace_back();
    std::string name = cells[at];
    if (name.empty() && at == 1 && !cells[0].empty() && !is_code(cells[0])) name = cells[0];
    const std::string low = lower(name);
    std::vector<std::size_t> filled;
    for (std::size_t c = at + 1; c < cells.size(); ++c)
      if (!cells[c].empty() && std::find(skipped_columns.begin(), skipped_columns.end(), c) == skipped_columns.end())
        filled.push_back(c);

    // A header: every filled cell a year or a column that is no budget ("Utfall 2023"), and at
    // least one budget year. Where a cell says budget or plan, the others with a year are no budget.
    const auto budget_said = std::any_of(filled.begin(), filled.end(), [&](std::size_t c) {
      const std::string l = lower(cells[c]);
      return (has(l, "budget") || has(l, "plan")) && !names_other_column(l);
    });
    const auto is_year_column = [&](std::size_t c) {
      const std::string l = lower(cells[c]);
      return header_year(cells[c]).has_value() && !names_other_column(l) &&
             (!budget_said || has(l, "budget") || has(l, "plan"));
    };
    const auto is_other_column = [&](std::size_t c) {
      const std::string l = lower(cells[c]);
      return names_other_column(l) || (budget_said && header_year(cells[c]) && !is_year_column(c));
    };
    if (!filled.empty() && std::any_of(filled.begin(), filled.end(), is_year_column) &&
        std::all_of(filled.begin(), filled.end(),
                    [&](std::size_t c) { return is_year_column(c) || is_other_column(c); })) {
      std::vector<int> years;
      std::vector<std::size_t> columns, others;
      for (std::size_t c : filled) {
        if (is_year_column(c)) {
          years.push_back(*header_year(cells[c]));
          columns.push_back(c);
        } else {
          others.push_back(c);
        }
      }
      // A first header after rows with amounts (two tables in one paste) must fit their width.
      const bool late = header_years.empty() && width != 0 && width != years.size();
      if (late)
        problem(row, 0, "error",
                fmt::format("rubrikraden med åren står efter rader med {} belopp men har {} år: klistra in en tabell "
                            "i taget, med rubrikraden först",
                            width, years.size()));
      if (header_years.empty() && !late) {
        name_column = at;
        skipped_columns = others;
        if (!others.empty()) {
          std::string list;
          for (std::size_t c : others) list += (list.empty() ? "\"" : ", \"") + cells[c] + "\"";
          problem(row, static_cast<int>(others.front()) + 1, "info",
                  fmt::format("{} läses inte in: finsim läser budgetens kolumner{}", list,
                              budget_said ? "" : " (de med ett årtal)"));
        }
      }
      std::string whole = low;
      for (std::size_t c : filled) {
        whole += ' ';
        whole += lower(cells[c]);
      }
      if (const std::optional<double> u = unit_in(whole)) scale = *u;
      bool in_order = true;
      for (std::size_t k = 1; k < years.size() && in_order; ++k) {
        if (years[k] != years[0] + static_cast<int>(k)) {
          in_order = false;
          // An annual report's notes put the latest year first ("2017-12-31  2016-12-31"): say so.
          const bool latest_first = years[k] == years[k - 1] - 1;
          problem(row, static_cast<int>(columns[k]) + 1, "error",
                  latest_first
                      ? fmt::format("åren står med det senaste först ({}, {}): finsim läser åren i tidsordning; "
                                    "flytta kolumnerna så att {} står först, eller kopiera bara budgetens år",
                                    years[k - 1], years[k], years.back())
                      : fmt::format("året {} står efter {}: åren ska stå i ordning, ett per kolumn ({}, {}, …)",
                                    years[k], years[k - 1], years[0], years[0] + 1));
        }
      }
      if (!header_years.empty() && years != header_years) {
        problem(row, 0, "error",
                fmt::format("en andra rubrikrad med andra år ({}–{} mot {}–{} på rad {}): klistra in en tabell i taget",
                            years.front(), years.back(), header_years.front(), header_years.back(), header_row));
      } else if (header_years.empty() && !late) {
        header_years = years;
        year_columns = columns;
        header_row = row;
        width = years.size();
      }
      if (const std::optional<Section> s = name.empty() ? std::nullopt : heading_section(low)) {
        section = *s;
        section_name = name;
        headings.push_back({low, out.rows.size()});
        group_start = out.rows.size();
      }
      continue;
    }

    // A heading: a name and no amounts.
    if (filled.empty()) {
      if (const std::optional<double> u = unit_in(low)) scale = *u;
      if (is_subtotal_name(low) || is_result_name(low)) continue;
      if (const std::optional<Section> s = heading_section(low)) {
        section = *s;
        section_name = name;
        headings.push_back({low, out.rows.size()});
        group_start = out.rows.size();
      } else if (!unit_in(low)) {
        problem(row, 1, "warning",
                fmt::format("raden \"{}\" har inga belopp och är ingen rubrik finsim känner (intäkter, insatser, "
                            "administration, övriga kostnader): den läses inte in; skriv 0 i cellerna om den ska med",
                            name));
        group_start = out.rows.size();
      }
      continue;
    }

    if (name.empty()) {
      problem(row, 1, "error", "raden har belopp men inget namn: skriv radens namn i första kolumnen");
      continue;
    }

    // The amounts: in the header's year columns, else every cell after the name.
    std::vector<double> amounts;
    std::vector<std::size_t> columns = year_columns;
    if (columns.empty()) {
      const std::size_t n = filled.back() - at;
      if (width == 0) width = n;
      for (std::size_t c = 1; c <= std::max(n, width); ++c) columns.push_back(c + at);
    }
    std::size_t present = 0, extra = 0;
    for (std::size_t c : columns) present += c < cells.size() ? 1 : 0;
    for (std::size_t c : filled)
      if (std::find(columns.begin(), columns.end(), c) == columns.end() || (year_columns.empty() && c > width + at))
        ++extra;
    if (extra > 0) {
      problem(
          row, static_cast<int>(filled.back()) + 1, "error",
          fmt::format("raden \"{}\" har {} belopp men tabellen har {} år{}: ta bort det som inte hör till ett år", name,
                      filled.size(), width, header_row ? fmt::format(" (rubrikraden, rad {})", header_row) : ""));
      continue;
    }
    if (present < width) {
      problem(row, static_cast<int>(cells.size()) + 1, "error",
              fmt::format("raden \"{}\" har {} belopp men tabellen har {} år: skriv 0 för ett år utan belopp", name,
                          present, width));
      continue;
    }
    bool bad = false;
    for (std::size_t k = 0; k < width; ++k) {
      const std::size_t c = columns[k];
      if (cells[c].empty()) {
        amounts.push_back(0.0);
        continue;
      }
      std::string error;
      const std::optional<double> x = read_amount_cell(cells[c], scale, error);
      if (!x) {
        problem(row, static_cast<int>(c) + 1, "error", error);
        bad = true;
      }
      amounts.push_back(x.value_or(0.0));
    }

    if (is_subtotal_name(low) || is_result_name(low)) {
      if (bad) continue;
      PendingCheck check{name, row, is_result_name(low) && !is_subtotal_name(low), {}, amounts, out.rows.size()};
      if (!check.result) {
        // The rows since the heading the subtotal names ("Summa kostnader för insatser" under
        // "Kostnader för insatser"), else since the last heading or subtotal, else every income or
        // cost row above.
        const std::string what = subtotal_subject(low);
        check.or_result = what.empty();
        std::size_t from = group_start;
        for (auto h = headings.rbegin(); h != headings.rend(); ++h)
          if (!what.empty() && (has(h->low, what) || has(what, h->low))) {
            from = h->first_row;
            break;
          }
        for (std::size_t r = from; r < out.rows.size(); ++r) check.sum.push_back(r);
        if (check.sum.empty()) {
          const bool income = has_any(what, {"intäkt", "driftbidrag"}), costs = has(what, "kostnad");
          for (std::size_t r = 0; r < out.rows.size(); ++r)
            if ((income && !is_cost(out.rows[r].kind)) || (costs && is_cost(out.rows[r].kind))) check.sum.push_back(r);
        }
        group_start = out.rows.size();
        if (check.sum.empty()) {
          problem(row, 1, "info",
                  fmt::format("\"{}\" summerar inga rader finsim kan peka ut: den kontrolleras inte", name));
          continue;
        }
      }
      checks.push_back(std::move(check));
      continue;
    }

    bool guessed = false;
    const BudgetKind kind = row_kind(section, low, guessed);
    if (guessed)
      problem(row, 1, "info",
              fmt::format("\"{}\" står inte under någon rubrik: den läses som övrig kostnad; välj en annan sort om "
                          "den är en insats, en intäkt eller kansli",
                          name));
    out.rows.push_back({name, kind, section == Section::none ? "" : section_name, std::move(amounts), row});
  }

  if (!any_text) {
    problem(0, 0, "error",
            "inget att läsa in: kopiera budgettabellen i Excel, LibreOffice eller Word (rader och kolumner) och "
            "klistra in den här");
    return out;
  }
  if (out.rows.empty() && std::none_of(out.problems.begin(), out.problems.end(),
                                       [](const PasteProblem& p) { return p.level == std::string("error"); }))
    problem(0, 0, "error",
            separator == '\0'
                ? "inga rader med belopp: kolumnerna ska skiljas med tabb; kopiera tabellen direkt ur Excel, "
                  "LibreOffice eller Word"
                : "inga rader med belopp: tabellen ska ha radens namn i första kolumnen och ett belopp per år");

  // A table that writes its costs as negative amounts (intäkter + kostnader = resultat): the costs
  // are read as costs.
  int negative = 0, positive = 0;
  for (const PastedRow& r : out.rows)
    if (is_cost(r.kind))
      for (double a : r.amounts) {
        negative += a < 0 ? 1 : 0;
        positive += a > 0 ? 1 : 0;
      }
  const bool costs_negative = negative > positive;
  if (costs_negative) {
    for (PastedRow& r : out.rows)
      if (is_cost(r.kind))
        for (double& a : r.amounts) a = a == 0.0 ? 0.0 : -a;
    problem(0, 0, "info", "kostnaderna står med minustecken i tabellen: de läses som kostnader (positiva belopp)");
  }

  for (const PendingCheck& check : checks) {
    const std::size_t n = check.found.size();
    std::vector<double> expected(n, 0.0), result(n, 0.0);
    for (std::size_t k = 0; k < n; ++k) {
      for (std::size_t r = 0; r < check.rows_above; ++r) {
        const PastedRow& x = out.rows[r];
        if (k < x.amounts.size()) result[k] += is_cost(x.kind) ? -x.amounts[k] : x.amounts[k];
      }
      for (std::size_t r : check.sum) {
        const PastedRow& x = out.rows[r];
        if (k < x.amounts.size()) expected[k] += costs_negative && is_cost(x.kind) ? -x.amounts[k] : x.amounts[k];
      }
    }
    const auto matches = [&](const std::vector<double>& v) {
      for (std::size_t k = 0; k < n; ++k)
        if (std::abs(v[k] - check.found[k]) > 0.5) return false;
      return true;
    };
    if (check.result || (check.or_result && !matches(expected) && matches(result))) expected = result;
    ++out.subtotals_checked;
    for (std::size_t k = 0; k < expected.size(); ++k) {
      if (std::abs(expected[k] - check.found[k]) <= 0.5) continue;
      const int year = k < header_years.size() ? header_years[k]
                       : first_year > 0        ? first_year + static_cast<int>(k)
                                               : static_cast<int>(k) + 1;
      out.subtotals.push_back({check.name, check.row, year, expected[k], check.found[k]});
      problem(check.row, 0, "warning",
              fmt::format("\"{}\" {} säger {} men raderna ovanför ger {}: summan läses inte in, raderna gör det",
                          check.name, year, kr_text(check.found[k]), kr_text(expected[k])));
    }
  }

  if (!header_years.empty()) {
    out.years = header_years;
    if (first_year > 0 && header_years.front() != first_year)
      problem(header_row, 0, "warning",
              fmt::format("tabellens första år är {} men förbundets {}: beloppen läses från {}; ändra första året i "
                          "steget Förbundet om tabellen har rätt",
                          header_years.front(), first_year, first_year));
  } else if (first_year > 0) {
    for (std::size_t k = 0; k < width; ++k) out.years.push_back(first_year + static_cast<int>(k));
  }
  return out;
}

}  // namespace finsim
