// A budget table pasted from Excel, LibreOffice or Word (issue 27, clarifications 99–100): one
// line per row, tab-separated cells, the first cell the row's name and one column per year. A year
// header row places the columns; section rows ("Verksamhetens intäkter", "Kostnader för insatser",
// "Administration") set the kind of the rows below them; "Summa …" and "Årets resultat" rows are
// checked against the rows they sum and not read in; every cell is read as a Swedish user writes
// an amount ("1 416 000 kr", "(48 000)", "−48 000", "1,5" in a tkr table). docs/serve.md has the rules.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsim {

/// What a pasted row is: the scenario's line kinds, plus the driftbidrag that becomes `[funding]`.
enum class BudgetKind {
  income,
  driftbidrag,
  insats_individual,
  insats_structural,
  kansli,
  styrelse,
  finansiell,
  other
};

/// Lower case for Swedish text in UTF-8 ("ÅRETS Resultat" → "årets resultat"): ASCII and Å, Ä, Ö, É.
std::string swedish_lower(std::string_view s);

/// Whether a row of this kind is a cost (an insats or a [[cost]] line).
bool is_cost(BudgetKind k);

/// One imported row: its name as written, its kind, the section row above it ("" for none), its
/// amounts in kronor per year (column order), and its line in the paste (1-based).
struct PastedRow {
  std::string name;
  BudgetKind kind = BudgetKind::other;
  std::string section;
  std::vector<double> amounts;
  int row = 0;
};

/// A subtotal (or the result row) that does not add up in one year: `expected` is the sum of the
/// rows it covers, `found` what the row says.
struct PastedSubtotal {
  std::string name;
  int row = 0;
  int year = 0;  ///< the calendar year, or the column number (1, 2, …) when the years are not known
  double expected = 0.0;
  double found = 0.0;
};

/// A problem with the paste: its line and column (1-based; 0 for the whole paste or row), its
/// level ("error": it must be mended before saving, "warning", "info") and the Swedish message.
struct PasteProblem {
  int row = 0;
  int column = 0;
  std::string level;
  std::string message;
  std::string field;  ///< a new förbund's field the problem is on ("forbund.name"), "" for the paste
  int member = 0;     ///< a new förbund's member (1-based) the problem is on, 0 for none
};

struct PastedBudget {
  std::vector<int> years;  ///< the columns' years: from the header, else from `first_year`; empty if neither
  std::vector<PastedRow> rows;
  std::vector<PastedSubtotal> subtotals;  ///< only the ones that do not add up
  int subtotals_checked = 0;              ///< how many subtotal and result rows were checked
  std::vector<PasteProblem> problems;
};

/// The most lines a paste may have.
inline constexpr std::size_t max_paste_lines = 50000;

/// Reads a pasted table. `first_year` (0: not known) dates the columns when the table has no year
/// header; a header's years win, with a warning when they differ from it.
PastedBudget read_budget_paste(std::string_view text, int first_year = 0);

/// A cell as kronor: "1 416 000 kr", "1 416 000", "1416000", "0 kr", "−48 000", "-48 000",
/// "(48 000)", "1,5" (× `scale`), "1 416 tkr", "1,5 Mkr", "-" (0), with ordinary, non-breaking
/// (U+00A0), narrow (U+202F) or thin (U+2009) spaces. A cell without a unit is multiplied by
/// `scale` (1 000 in a tkr table). nullopt with `error` (Swedish) when it is no amount.
std::optional<double> read_amount_cell(std::string_view cell, double scale, std::string& error);

}  // namespace finsim
