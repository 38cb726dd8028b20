#include "output/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "analysis/sensitivity.h"
#include "engine/statistics.h"
#include "engine/version.h"
#include "input/enum_names.h"
#include "input/input_error.h"
#include "output/display_names.h"
#include "output/forecast_output.h"
#include "output/montecarlo_output.h"
#include "output/room_output.h"
#include "output/sensitivity_output.h"
#include "output/swedish.h"

namespace finsim {

std::string html_escape(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string json_string(std::string_view text)
{
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // U+2028 and U+2029 (E2 80 A8/A9) end a line in older JavaScript.
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (c < 0x20 || c == 0x7F)
          out += fmt::format("\\u{:04x}", unsigned(c));
        else
          out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string css_string(std::string_view text)
{
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || ch == '"' || ch == '\\' || ch == '<' || ch == '>' || ch == '&')
      out += fmt::format("\\{:x} ", unsigned(c));
    else
      out += ch;
  }
  return out + "\"";
}

std::string inline_script(std::string_view script)
{
  // Inside a script "</script" (any case) would end the element and "<!--" changes how the parser
  // reads on; in JavaScript they can only stand in strings, comments or regular expressions, where
  // "<\/" and "<\!--" mean the same.
  std::string out;
  out.reserve(script.size());
  for (std::size_t i = 0; i < script.size(); ++i) {
    if (script[i] == '<' && i + 1 < script.size()) {
      if (script[i + 1] == '/') {
        std::string word(script.substr(i + 2, 6));
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (word == "script") {
          out += "<\\/";
          ++i;
          continue;
        }
      }
      if (script.substr(i + 1, 3) == "!--") {
        out += "<\\!";
        ++i;
        continue;
      }
    }
    out += script[i];
  }
  return out;
}

std::string read_chart_js(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || text.str().empty())
    throw InputError(
        fmt::format("Chart.js saknas ({}): HTML-rapportens diagram bäddas in därifrån; installera paketet "
                    "libjs-chart.js (sudo apt-get install libjs-chart.js) och försök igen; inget skrevs",
                    path));
  return text.str();
}

namespace {

// ---------------------------------------------------------------------------------------------
// JSON for the charts' data

std::string json_number(double x)
{
  if (!std::isfinite(x)) return "null";
  return fmt::format("{}", x);
}

std::string json_numbers(const std::vector<double>& values)
{
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += json_number(values[i]);
  }
  return out + "]";
}

std::string json_texts(const std::vector<std::string>& texts)
{
  std::string out = "[";
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) out += ',';
    out += json_string(texts[i]);
  }
  return out + "]";
}

/// A JSON object from its members, each value already JSON.
std::string json_object(const std::vector<std::pair<std::string, std::string>>& members)
{
  std::string out = "{";
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out += ',';
    out += json_string(members[i].first);
    out += ':';
    out += members[i].second;
  }
  return out + "}";
}

// ---------------------------------------------------------------------------------------------
// What the sections read from the result file

struct Result {
  const h5::Reader& file;
  std::vector<double> years;
  int first_year = 0, last_year = 0;
  std::uint64_t runs = 10000;
  std::string forbund;

  explicit Result(const h5::Reader& f) : file(f)
  {
    years = values("/deterministic/year");
    first_year = years.empty() ? 0 : int(years.front());
    last_year = years.empty() ? 0 : int(years.back());
    for (const char* group : {"/montecarlo", "/compare", "/room", "/backtest"})
      if (file.has(group) && file.has_attribute(group, "runs")) {
        runs = std::uint64_t(std::max(1.0, file.number_attribute(group, "runs")));
        break;
      }
    forbund = attribute("/", "scenario_name");
  }
  std::vector<double> values(const std::string& path) const { return file.read(path).values; }
  std::vector<std::string> texts(const std::string& path) const { return file.read(path).texts; }
  bool has(const std::string& path) const { return file.has(path); }
  std::string attribute(const std::string& object, const std::string& name) const
  {
    return file.has_attribute(object, name) ? file.string_attribute(object, name) : "";
  }
  double number(const std::string& object, const std::string& name) const
  {
    return file.has_attribute(object, name) ? file.number_attribute(object, name) : std::nan("");
  }
  double scalar(const std::string& path) const
  {
    const std::vector<double> v = values(path);
    return v.empty() ? std::nan("") : v.front();
  }
  std::string period() const
  {
    return first_year == last_year ? fmt::format("{}", first_year) : fmt::format("{}–{}", first_year, last_year);
  }
  std::string cap_label() const
  {
    const double share = number("/deterministic", "equity_cap_share");
    return std::isnan(share) ? std::string("Tak") : "Tak " + format_limit_percent(share);
  }
  std::vector<std::string> summary() const
  {
    return file.has_attribute("/", "summary") ? file.string_list_attribute("/", "summary") : std::vector<std::string>{};
  }
};

/// The index of a quantile level in the stored quantile scale (P5 = 0.05 → 1).
std::size_t level(double q)
{
  for (std::size_t k = 0; k < quantile_levels.size(); ++k)
    if (std::fabs(quantile_levels[k] - q) < 1e-9) return k;
  return 0;
}

std::string kr(double x) { return format_kronor(x); }
std::string kr_words(double x) { return std::isfinite(x) ? format_kronor(x) + " kr" : std::string("–"); }

// ---------------------------------------------------------------------------------------------
// Tables

struct Cell {
  std::string text;  ///< shown, escaped when written
  bool number = false;
  double value = std::nan("");  ///< the number behind the text (a data-v attribute), NaN for none
  bool bold = false;
  bool wrap = false;  ///< a longer text that may break over lines (others stay on one line)
};

Cell txt(const std::string& s, bool bold = false) { return Cell{s, false, std::nan(""), bold}; }
Cell words(const std::string& s) { return Cell{s, false, std::nan(""), false, true}; }
Cell dash() { return Cell{"–", true}; }
Cell money(double x, bool bold = false) { return Cell{kr(x), true, x, bold}; }
Cell percent(double x) { return Cell{format_percent(x), true, x, false}; }
Cell decimal(double x, int decimals) { return Cell{format_decimal(x, decimals), true, x, false}; }
Cell year_cell(double y) { return Cell{fmt::format("{:.0f}", y), false, y, false}; }

class Table {
 public:
  explicit Table(std::vector<std::string> header, std::string id = "", std::string css = "")
      : header_(std::move(header)), id_(std::move(id)), css_(std::move(css))
  {
  }
  void row(std::vector<Cell> cells, const std::string& css = "")
  {
    rows_.push_back(std::move(cells));
    classes_.push_back(css);
  }
  bool empty() const { return rows_.empty(); }
  std::string render() const
  {
    std::string out = "<table";
    if (!id_.empty()) out += " id=\"" + html_escape(id_) + "\"";
    if (!css_.empty()) out += " class=\"" + html_escape(css_) + "\"";
    out += ">";
    if (std::any_of(header_.begin(), header_.end(), [](const std::string& h) { return !h.empty(); })) {
      out += "<thead><tr>";
      for (std::size_t c = 0; c < header_.size(); ++c) {
        // A column of numbers has its heading at the right, over the numbers.
        const bool numbers = c > 0 && std::any_of(rows_.begin(), rows_.end(), [&](const std::vector<Cell>& row) {
                               return c < row.size() && row[c].number;
                             });
        out += std::string(numbers ? "<th class=\"n\">" : "<th>") + html_escape(header_[c]) + "</th>";
      }
      out += "</tr></thead>";
    }
    out += "<tbody>";
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      out += classes_[r].empty() ? "<tr>" : "<tr class=\"" + html_escape(classes_[r]) + "\">";
      for (std::size_t c = 0; c < rows_[r].size(); ++c) {
        const Cell& cell = rows_[r][c];
        const bool head = c == 0;
        std::string css = cell.number ? "n" : cell.wrap || head ? "" : "t";
        if (cell.bold) css += css.empty() ? "b" : " b";
        out += head ? "<th scope=\"row\"" : "<td";
        // A row of one cell (a group's heading) spans the table.
        if (rows_[r].size() == 1 && header_.size() > 1) out += fmt::format(" colspan=\"{}\"", header_.size());
        if (!css.empty()) out += fmt::format(" class=\"{}\"", css);
        if (std::isfinite(cell.value)) out += fmt::format(" data-v=\"{}\"", json_number(cell.value));
        out += fmt::format(">{}</{}>", html_escape(cell.text), head ? "th" : "td");
      }
      out += "</tr>";
    }
    return out + "</tbody></table>\n";
  }

 private:
  std::vector<std::string> header_;
  std::string id_, css_;
  std::vector<std::vector<Cell>> rows_;
  std::vector<std::string> classes_;
};

// ---------------------------------------------------------------------------------------------
// The page

class Page {
 public:
  explicit Page(const Result& r) : r_(r) {}

  /// Starts a section (a printed page of its own) with its heading and a line in the contents.
  /// `short_title` names it in the contents (the title when empty).
  void section(const std::string& id, const std::string& title, const std::string& short_title = "")
  {
    end_section();
    html_ += "<section id=\"" + html_escape(id) + "\">\n<h2>" + html_escape(title) + "</h2>\n";
    contents_.emplace_back(id, short_title.empty() ? title : short_title);
    open_ = true;
  }
  void end_section()
  {
    if (open_) html_ += "</section>\n";
    open_ = false;
  }
  void heading(const std::string& title) { html_ += "<h3>" + html_escape(title) + "</h3>\n"; }
  void paragraph(const std::string& text, const std::string& css = "")
  {
    html_ += (css.empty() ? "<p>" : "<p class=\"" + css + "\">") + html_escape(text) + "</p>\n";
  }
  /// The answer in words: the sentences in a box, first.
  void answer(const std::vector<std::string>& sentences)
  {
    if (sentences.empty()) return;
    html_ += "<div class=\"answer\">";
    for (const std::string& s : sentences) html_ += "<p>" + html_escape(s) + "</p>";
    html_ += "</div>\n";
  }
  void table(const Table& t) { html_ += "<div class=\"table\">" + t.render() + "</div>"; }
  void raw(const std::string& html) { html_ += html; }

  /// A chart: its title above the canvas, its data for the script (`kind` names the drawing
  /// function), `height` in CSS pixels.
  void chart(const std::string& kind, const std::string& title, std::vector<std::pair<std::string, std::string>> data,
             int height = 340, const std::string& note = "")
  {
    const std::string id = fmt::format("diagram-{}", charts_.size() + 1);
    html_ += "<figure class=\"chart-box\"><figcaption>" + html_escape(title) + "</figcaption><div class=\"chart\" " +
             fmt::format("style=\"height:{}px\"", height) + "><canvas id=\"" + id + "\" role=\"img\" aria-label=\"" +
             html_escape(title) + "\"></canvas></div>";
    if (!note.empty()) html_ += "<p class=\"note\">" + html_escape(note) + "</p>";
    html_ += "</figure>\n";
    data.insert(data.begin(), {"kind", json_string(kind)});
    data.insert(data.begin(), {"id", json_string(id)});
    charts_.push_back(json_object(data));
  }

  const std::string& html() const { return html_; }
  const std::vector<std::pair<std::string, std::string>>& contents() const { return contents_; }
  std::string charts_json() const
  {
    std::string out = "[";
    for (std::size_t i = 0; i < charts_.size(); ++i) {
      if (i > 0) out += ",\n";
      out += charts_[i];
    }
    return out + "]";
  }
  std::string probability(double p) const { return format_probability(p, r_.runs); }
  Cell chance(double p) const { return Cell{format_probability(p, r_.runs), true, p, false}; }

 private:
  const Result& r_;
  std::string html_;
  std::vector<std::pair<std::string, std::string>> contents_;
  std::vector<std::string> charts_;
  bool open_ = false;
};

/// The yearly key table from `group` ("/deterministic", or "/compare" with `scenario` as the row).
Table key_table(const Result& r, const std::string& group, std::size_t scenario, std::size_t n_years,
                const std::string& id)
{
  Table t({"År", "Driftbidrag (kr)", "Övriga intäkter (kr)", "Kostnader (kr)", "Årets resultat (kr)",
           "Eget kapital (kr)", "EK/driftbidrag", r.cap_label() + " (kr)", "Lägsta kassa (kr)"},
          id, "key");
  const std::vector<std::string> names{"driftbidrag", "income",       "costs",      "result",
                                       "equity",      "equity_ratio", "equity_cap", "cash_min"};
  std::vector<std::vector<double>> data;
  for (const std::string& n : names) data.push_back(r.values(group + "/" + n));
  const std::vector<double> years = r.values(group + "/year");
  for (std::size_t y = 0; y < n_years && y < years.size(); ++y) {
    std::vector<Cell> row{year_cell(years[y])};
    for (std::size_t c = 0; c < names.size(); ++c) {
      const double x = data[c][scenario * n_years + y];
      row.push_back(names[c] == "equity_ratio" ? percent(x) : money(x, names[c] == "equity"));
    }
    t.row(row);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Sections

void summary_section(Page& page, const Result& r)
{
  page.section("sammanfattning", "Sammanfattning");
  page.answer(r.summary());
  if (r.has("/backtest")) {
    const std::vector<std::string> cases = r.file.labels("/backtest/case");
    page.heading(fmt::format("Nyckeltal per år (förväntade värden) för det första fallet{}, {}",
                             cases.empty() ? std::string() : ", " + cases.front(), r.period()));
  } else {
    page.heading(fmt::format("Nyckeltal per år (förväntade värden), {}", r.period()));
  }
  page.table(key_table(r, "/deterministic", 0, r.years.size(), "nyckeltal"));
  // The expected-value run's flags with their amounts, as the workbook's Sammanfattning.
  const std::vector<double> equity = r.values("/deterministic/equity"), cap = r.values("/deterministic/equity_cap"),
                            cash_min = r.values("/deterministic/cash_min");
  const double floor = r.number("/deterministic", "equity_floor");
  std::vector<std::string> flags;
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    const int year = int(r.years[y]);
    if (equity[y] > cap[y])
      flags.push_back(fmt::format("{}: eget kapital {} är {} över taket {}.", year, kr_words(equity[y]),
                                  kr_words(equity[y] - cap[y]), kr_words(cap[y])));
    if (equity[y] < floor)
      flags.push_back(fmt::format("{}: eget kapital {} är {} under golvet {}.", year, kr_words(equity[y]),
                                  kr_words(floor - equity[y]), kr_words(floor)));
    if (cash_min[y] < 0.0) flags.push_back(fmt::format("{}: kassan är som lägst {}.", year, kr_words(cash_min[y])));
  }
  if (flags.empty())
    flags.push_back("Med förväntade värden ligger eget kapital inom golv och tak och kassan över noll alla år.");
  page.raw("<ul class=\"flags\">");
  for (const std::string& f : flags) page.raw("<li>" + html_escape(f) + "</li>");
  page.raw("</ul>\n");
  if (r.has("/montecarlo")) {
    page.paragraph(fmt::format(
        "Över hela perioden ({} körningar): {} {}, {} {}, {} {}.", format_kronor(double(r.runs)),
        breach_any_label(Breach::equity_above_cap), page.probability(r.scalar("/montecarlo/p_any_equity_above_cap")),
        breach_any_label(Breach::equity_below_floor),
        page.probability(r.scalar("/montecarlo/p_any_equity_below_floor")), breach_any_label(Breach::cash_negative),
        page.probability(r.scalar("/montecarlo/p_any_cash_negative"))));
  }
  const std::string warnings = r.attribute("/", "warnings");
  if (!warnings.empty()) {
    const auto n = std::count(warnings.begin(), warnings.end(), '\n') + 1;
    page.paragraph(n == 1 ? "En varning om indata: se Om siffrorna sist i rapporten."
                          : fmt::format("{} varningar om indata: se Om siffrorna sist i rapporten.", n),
                   "note");
  }
}

void equity_section(Page& page, const Result& r)
{
  page.section("eget-kapital", "Eget kapital och risker");
  const std::size_t levels = quantile_levels.size();
  const std::vector<double> q = r.values("/montecarlo/equity_q"), mean = r.values("/montecarlo/equity_mean"),
                            cap = r.values("/deterministic/equity_cap");
  const double floor = r.number("/deterministic", "equity_floor");
  const auto band = [&](double at) {
    std::vector<double> v;
    for (std::size_t y = 0; y < r.years.size(); ++y) v.push_back(q[y * levels + level(at)]);
    return v;
  };
  page.chart(
      "fan", fmt::format("Eget kapital vid årets slut, {} körningar", format_kronor(double(r.runs))),
      {{"years", json_numbers(r.years)},
       {"p5", json_numbers(band(0.05))},
       {"p25", json_numbers(band(0.25))},
       {"p50", json_numbers(band(0.50))},
       {"p75", json_numbers(band(0.75))},
       {"p95", json_numbers(band(0.95))},
       {"cap", json_numbers(cap)},
       {"floor", json_numbers(std::vector<double>(r.years.size(), floor))},
       {"cap_label", json_string(r.cap_label() + " av driftbidraget")}},
      340,
      "Det mörka bandet rymmer hälften av körningarna (P25–P75), det ljusa nio av tio (P5–P95); linjen är medianen. "
      "Över taket ska överskottet användas; under golvet är förbundets buffert för liten.");
  Table fan({"År", "P5 (kr)", "P25 (kr)", "Median (kr)", "P75 (kr)", "P95 (kr)", "Medel (kr)", r.cap_label() + " (kr)",
             "Golv (kr)"},
            "eget-kapital-tabell");
  for (std::size_t y = 0; y < r.years.size(); ++y)
    fan.row({year_cell(r.years[y]), money(q[y * levels + level(0.05)]), money(q[y * levels + level(0.25)]),
             money(q[y * levels + level(0.50)], true), money(q[y * levels + level(0.75)]),
             money(q[y * levels + level(0.95)]), money(mean[y]), money(cap[y]), money(floor)});
  page.table(fan);
  page.heading("Risker per år");
  Table risks({"År", breach_label(Breach::equity_above_cap), breach_label(Breach::equity_below_floor),
               breach_label(Breach::cash_negative)},
              "risker");
  std::vector<std::vector<double>> p;
  for (const BreachInfo& b : breaches) p.push_back(r.values(std::string("/montecarlo/p_") + b.name));
  for (std::size_t y = 0; y < r.years.size(); ++y)
    risks.row({year_cell(r.years[y]), page.chance(p[0][y]), page.chance(p[1][y]), page.chance(p[2][y])});
  page.table(risks);
  page.paragraph(fmt::format("Andelen av {} körningar där det händer. \"{}\" och \"{}\" betyder att ingen respektive "
                             "varje körning träffade (ensidiga 95 %-gränser).",
                             format_kronor(double(r.runs)), page.probability(0.0), page.probability(1.0)),
                 "note");
}

void income_statement_section(Page& page, const Result& r)
{
  page.section("resultatrakning", "Resultaträkning (förväntade värden)", "Resultaträkning");
  std::vector<std::string> header{"Post (kr)"};
  for (double y : r.years) header.push_back(fmt::format("{:.0f}", y));
  Table t(header, "resultatrakning-tabell", "statement");
  const std::size_t Y = r.years.size();
  const auto block = [&](const std::string& title, const std::string& labels, const std::string& values,
                         const std::string& total_label, const std::string& total) {
    const std::vector<std::string> names = r.file.labels(labels);
    const std::vector<double> v = r.values(values);
    if (names.empty() && total_label.empty()) return;
    t.row({txt(title, true)}, "group");
    for (std::size_t i = 0; i < names.size(); ++i) {
      std::vector<Cell> row{txt(names[i])};
      for (std::size_t y = 0; y < Y; ++y) row.push_back(money(v[i * Y + y]));
      t.row(row, "item");
    }
    if (total_label.empty()) return;
    std::vector<Cell> row{txt(total_label, true)};
    const std::vector<double> sum = r.values(total);
    for (std::size_t y = 0; y < Y; ++y) row.push_back(money(sum[y], true));
    t.row(row, "sum");
  };
  block("Driftbidrag", "/deterministic/member", "/deterministic/member_contributions", "Summa driftbidrag",
        "/deterministic/driftbidrag");
  block("Övriga intäkter", "/deterministic/income_line", "/deterministic/income_lines", "Summa övriga intäkter",
        "/deterministic/income");
  block("Kostnader", "/deterministic/line", "/deterministic/line_costs", "", "");
  block("Insatser", "/deterministic/insats", "/deterministic/insats_costs", "Summa kostnader", "/deterministic/costs");
  std::vector<Cell> row{txt("Årets resultat", true)};
  const std::vector<double> result = r.values("/deterministic/result");
  for (std::size_t y = 0; y < Y; ++y) row.push_back(money(result[y], true));
  t.row(row, "total");
  page.table(t);
}

void participants_section(Page& page, const Result& r)
{
  const std::string g = "/deterministic/participants/";
  page.section("deltagare", "Deltagare (förväntade värden)", "Deltagare");
  const std::vector<std::string> insatser = r.file.labels(g + "insats"), reasons = r.file.labels(g + "reason");
  const std::vector<double> years = r.values(g + "year");
  const std::size_t Y = years.size();
  const std::vector<std::string> names{"referrals", "starts", "served", "active_end", "queue_end", "exits"};
  std::vector<std::vector<double>> v;
  for (const std::string& n : names) v.push_back(r.values(g + n));
  const std::vector<double> share = r.values(g + "share_work_studies");
  Table t({"Insats", "År", "Remisser", "Startade", "Deltagare", "Aktiva vid årets slut", "Kö vid årets slut", "Avslut",
           "Andel till arbete eller studier"},
          "deltagare-tabell");
  for (std::size_t i = 0; i < insatser.size(); ++i)
    for (std::size_t y = 0; y < Y; ++y) {
      std::vector<Cell> row{txt(y == 0 ? insatser[i] : ""), year_cell(years[y])};
      for (std::size_t d = 0; d < names.size(); ++d) row.push_back(decimal(v[d][i * Y + y], 1));
      row.push_back(percent(share[i * Y + y]));
      t.row(row, y == 0 ? "first" : "");
    }
  page.table(t);
  page.paragraph(
      "Förväntade värden, så deltagarna är inte hela personer. Deltagare: aktiva vid förra årets slut och "
      "de som startade under året.",
      "note");
  // The förbund's exits by reason and year, reasons without exits left out.
  const std::vector<double> total = r.values(g + "forbund_exits_by_reason");
  std::string series = "[";
  for (std::size_t k = 0; k < reasons.size(); ++k) {
    std::vector<double> per_year(total.begin() + std::ptrdiff_t(k * Y), total.begin() + std::ptrdiff_t((k + 1) * Y));
    if (std::all_of(per_year.begin(), per_year.end(), [](double x) { return !(x > 0.0); })) continue;
    if (series.size() > 1) series += ',';
    series += json_object({{"label", json_string(label_word(reasons[k]))}, {"values", json_numbers(per_year)}});
  }
  series += "]";
  if (series.size() > 2)
    page.chart("stacked", "Förbundets avslut per orsak och år", {{"years", json_numbers(years)}, {"series", series}},
               300);
}

/// The month-end index of December of each year in the monthly series.
std::size_t december(std::size_t y) { return 12 * y + 11; }

void balance_section(Page& page, const Result& r)
{
  page.section("balansrakning", "Balansräkning (förväntade värden)", "Balansräkning");
  std::vector<std::string> header{"Per 31 december (kr)", fmt::format("Ingående {}", r.first_year)};
  for (double y : r.years) header.push_back(fmt::format("{:.0f}", y));
  Table t(header, "balansrakning-tabell", "statement");
  const double other = r.number("/deterministic", "other_net_assets");
  const std::vector<std::tuple<std::string, std::string, std::string>> rows{
      {"Kassa och bank", "cash", "opening_cash"},
      {"Kortfristiga fordringar", "receivables", "opening_receivables"},
      {"Kortfristiga skulder", "payables", "opening_payables"}};
  for (const auto& [label, dataset, opening] : rows) {
    const std::vector<double> v = r.values("/deterministic/" + dataset);
    std::vector<Cell> row{txt(label), money(r.number("/deterministic", opening))};
    for (std::size_t y = 0; y < r.years.size(); ++y) row.push_back(money(v[december(y)]));
    t.row(row);
  }
  const bool remainder = std::isfinite(other) && std::fabs(other) >= 0.5;
  if (remainder) {
    std::vector<Cell> row{txt("Övriga nettotillgångar (ingående balans)")};
    for (std::size_t y = 0; y <= r.years.size(); ++y) row.push_back(money(other));
    t.row(row);
  }
  const std::vector<double> equity = r.values("/deterministic/equity_month");
  std::vector<Cell> row{txt("Eget kapital", true), money(r.number("/deterministic", "opening_equity"), true)};
  for (std::size_t y = 0; y < r.years.size(); ++y) row.push_back(money(equity[december(y)], true));
  t.row(row, "total");
  page.table(t);
  page.paragraph(remainder ? "Kassa + fordringar − skulder + övriga nettotillgångar = eget kapital."
                           : "Kassa + fordringar − skulder = eget kapital.",
                 "note");
}

void cash_flow_section(Page& page, const Result& r)
{
  page.section("kassaflode", "Kassaflöde (förväntade värden)", "Kassaflöde");
  const std::vector<double> cash = r.values("/deterministic/cash"),
                            receivables = r.values("/deterministic/receivables"),
                            payables = r.values("/deterministic/payables"), result = r.values("/deterministic/result"),
                            cash_min = r.values("/deterministic/cash_min"), months = r.values("/deterministic/month");
  std::vector<std::string> header{"Kassaflödesanalys (kr)"};
  for (double y : r.years) header.push_back(fmt::format("{:.0f}", y));
  Table t(header, "kassaflode-tabell", "statement");
  std::vector<Cell> opening{txt("Kassa vid årets början")}, res{txt("Årets resultat")},
      recv{txt("Minskning (+) / ökning (−) av fordringar")}, pay{txt("Ökning (+) / minskning (−) av skulder")},
      closing{txt("Kassa vid årets slut", true)}, lowest{txt("Lägsta kassa under året")};
  double cash_before = r.number("/deterministic", "opening_cash"),
         recv_before = r.number("/deterministic", "opening_receivables"),
         pay_before = r.number("/deterministic", "opening_payables");
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    const std::size_t d = december(y);
    opening.push_back(money(cash_before));
    res.push_back(money(result[y]));
    recv.push_back(money(recv_before - receivables[d]));
    pay.push_back(money(payables[d] - pay_before));
    closing.push_back(money(cash[d], true));
    lowest.push_back(money(cash_min[y]));
    cash_before = cash[d], recv_before = receivables[d], pay_before = payables[d];
  }
  for (auto* row : {&opening, &res, &recv, &pay}) t.row(*row);
  t.row(closing, "total");
  t.row(lowest);
  page.table(t);
  static const char* short_months[] = {"jan", "feb", "mar", "apr", "maj", "jun",
                                       "jul", "aug", "sep", "okt", "nov", "dec"};
  std::vector<std::string> labels;
  for (double m : months) {
    const int yyyymm = int(m), month = yyyymm % 100;
    labels.push_back(fmt::format("{} {}", month >= 1 && month <= 12 ? short_months[month - 1] : "?", yyyymm / 100));
  }
  page.chart("cash", "Kassa vid varje månads slut", {{"labels", json_texts(labels)}, {"cash", json_numbers(cash)}}, 300,
             "Betalningarna följer varje posts betalningsplan; kassan kan gå under noll mellan två inbetalningar "
             "även när året går med överskott.");
}

void room_section(Page& page, const Result& r)
{
  const std::string g = "/room/";
  page.section("utrymme", fmt::format("Utrymme för nya insatser från {:.0f}", r.number("/room", "from")), "Utrymme");
  page.answer(r.summary());
  const double max = r.scalar(g + "max_extra_spend"), min = r.scalar(g + "min_extra_spend");
  const std::vector<double> max_ci = r.values(g + "max_extra_spend_ci"), min_ci = r.values(g + "min_extra_spend_ci");
  const std::vector<std::string> binding = r.texts(g + "binding_limit");
  const std::optional<RoomLimit> limit = limit_named(binding.empty() ? "" : binding.front());
  Table facts({"", "Belopp per år (kr)", "95 %-intervall (kr)"}, "utrymme-svar");
  facts.row({txt("Högst extra utgift", true), money(max, true),
             txt(std::isfinite(max) ? fmt::format("{}–{}", kr(max_ci[0]), kr(max_ci[1])) : "–")});
  if (std::isfinite(min) || std::isfinite(r.number("/room", "max_p_above_cap")))
    facts.row({txt("Minst extra utgift (för taket)"), money(min),
               txt(std::isfinite(min) ? fmt::format("{}–{}", kr(min_ci[0]), kr(min_ci[1])) : "–")});
  page.table(facts);
  page.paragraph("Bindande villkor: " +
                 (limit             ? room_limit_label(*limit)
                  : binding.empty() ? std::string("inget")
                                    : room_limit_label(binding.front())) +
                 ".");
  // Each limit: the bound it gives alone and its probability with no extra spend.
  const std::vector<std::string> limits = r.file.labels(g + "limit");
  const std::vector<double> bound = r.values(g + "limit_bound"), at_zero = r.values(g + "limit_p_at_zero");
  Table table({"Villkor", "Gräns", "Högsta belopp enligt villkoret (kr)", "Sannolikhet utan extra utgift"},
              "utrymme-villkor");
  for (std::size_t i = 0; i < limits.size(); ++i) {
    const std::optional<RoomLimit> l = limit_named(limits[i]);
    if (!l) continue;
    const double setting = r.number("/room", limits[i]);
    if (!std::isfinite(setting)) continue;
    std::string shown = *l == RoomLimit::equity_target
                            ? fmt::format("minst {} med {} sannolikhet", kr_words(setting),
                                          format_limit_percent(r.number("/room", "target_probability")))
                        : *l == RoomLimit::max_p_above_cap ? "högst " + format_limit_percent(setting)
                                                           : "högst " + format_limit_percent(setting);
    table.row({txt(limit_label(*l)), txt(shown), money(i < bound.size() ? bound[i] : std::nan("")),
               page.chance(i < at_zero.size() ? at_zero[i] : std::nan(""))});
  }
  if (!table.empty()) page.table(table);
  // The risk curve.
  const std::vector<double> extra = r.values(g + "extra_spend");
  struct Curve {
    std::string label, dataset, limit;
    bool at_least = false;
  };
  const std::vector<Curve> curves{{"P(EK under golvet något år)", "p_below_floor_any", "max_p_below_floor"},
                                  {"P(kassan under noll någon månad)", "p_cash_negative_any", "max_p_cash_negative"},
                                  {"P(EK över taket sista året)", "p_above_cap_last", "max_p_above_cap"},
                                  {"P(målet för eget kapital nås)", "p_equity_target_met", "target_probability", true}};
  std::string series = "[";
  std::vector<std::pair<std::string, std::vector<double>>> shown;
  for (const Curve& c : curves) {
    const std::vector<double> v = r.values(g + c.dataset);
    if (std::none_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); })) continue;
    double lim = r.number("/room", c.limit);
    if (c.at_least && !std::isfinite(r.number("/room", "equity_target"))) lim = std::nan("");
    if (series.size() > 1) series += ',';
    series += json_object({{"label", json_string(c.label)}, {"values", json_numbers(v)}, {"limit", json_number(lim)}});
    shown.emplace_back(c.label, v);
  }
  series += "]";
  page.chart("room", "Risk mot extra utgift per år (streckat: gränserna)",
             {{"extra", json_numbers(extra)},
              {"curves", series},
              {"answer", json_number(max)},
              {"answer_label", json_string("Svaret: " + kr_words(max))}},
             340);
  std::vector<std::string> header{"Extra per år (kr)"};
  for (const auto& [label, v] : shown) header.push_back(label);
  Table curve(header, "utrymme-kurva");
  for (std::size_t i = 0; i < extra.size(); i += 4) {
    std::vector<Cell> row{money(extra[i])};
    for (const auto& [label, v] : shown) row.push_back(page.chance(v[i]));
    curve.row(row);
  }
  page.heading("Risken vid några belopp");
  page.table(curve);
}

void comparison_section(Page& page, const Result& r)
{
  const std::string g = "/compare/";
  page.section("jamforelse", "Jämförelse av scenarier", "Jämförelse");
  page.answer(r.summary());
  const std::vector<std::string> scenarios = r.file.labels(g + "scenario");
  const std::vector<double> years = r.values(g + "year"), q = r.values(g + "equity_q"),
                            above = r.values(g + "p_equity_above_cap"), below = r.values(g + "p_equity_below_floor"),
                            cash = r.values(g + "p_cash_negative"), delta = r.values(g + "delta_equity_mean"),
                            higher = r.values(g + "p_equity_higher");
  const std::size_t Y = years.size(), levels = quantile_levels.size();
  std::string series = "[";
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    std::vector<double> p5, p50, p95;
    for (std::size_t y = 0; y < Y; ++y) {
      p5.push_back(q[(s * Y + y) * levels + level(0.05)]);
      p50.push_back(q[(s * Y + y) * levels + level(0.50)]);
      p95.push_back(q[(s * Y + y) * levels + level(0.95)]);
    }
    if (s > 0) series += ',';
    series += json_object({{"name", json_string(s == 0 ? scenarios[s] + " (bas)" : scenarios[s])},
                           {"p5", json_numbers(p5)},
                           {"p50", json_numbers(p50)},
                           {"p95", json_numbers(p95)}});
  }
  series += "]";
  const std::vector<double> cap = r.has(g + "equity_cap") ? r.values(g + "equity_cap") : std::vector<double>{};
  page.chart("compare", "Eget kapital per scenario: median (heldragen) och P5–P95 (streckade)",
             {{"years", json_numbers(years)},
              {"scenarios", series},
              {"cap", json_numbers(std::vector<double>(cap.begin(), cap.begin() + std::min(cap.size(), Y)))},
              {"cap_label", json_string(r.cap_label() + " (" + scenarios.front() + ")")}},
             340);
  Table t({"Scenario", "År", "EK P5 (kr)", "EK median (kr)", "EK P95 (kr)", "Skillnad mot basen, medel (kr)",
           "P(EK > basens)", "P(EK > tak)", "P(EK < golv)", "P(kassa < 0)"},
          "jamforelse-tabell");
  for (std::size_t s = 0; s < scenarios.size(); ++s)
    for (std::size_t y = 0; y < Y; ++y) {
      const std::size_t at = s * Y + y;
      t.row({txt(y == 0 ? (s == 0 ? scenarios[s] + " (bas)" : scenarios[s]) : ""), year_cell(years[y]),
             money(q[at * levels + level(0.05)]), money(q[at * levels + level(0.50)], true),
             money(q[at * levels + level(0.95)]), s == 0 ? dash() : money(delta[at]),
             s == 0 ? dash() : page.chance(higher[at]), page.chance(above[at]), page.chance(below[at]),
             page.chance(cash[at])},
            y == 0 ? "first" : "");
    }
  page.table(t);
  if (r.has(g + "driftbidrag"))
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      page.heading(fmt::format("{}: nyckeltal per år (förväntade värden)", scenarios[s]));
      page.table(key_table(r, "/compare", s, Y, ""));
    }
}

/// How the sensitivity output's values read: kronor, a share or a count.
std::string output_text(double x, const std::string& units, bool share)
{
  if (units == "SEK") return kr(x);
  if (share) return format_percent(x);
  return format_decimal(x, 1);
}

void tornado_part(Page& page, const Result& r, const std::string& output, int year)
{
  const std::string g = "/sensitivity/";
  const std::string units = r.file.read(g + "tornado_low").units;
  const int index = std::max(0, output_index(output));
  const bool share = output == "equity_ratio" || index >= outcome_count;
  const StoredTornado tornado = read_tornado(r.file);
  const double base = tornado.base;
  const std::vector<std::string>& rows = tornado.rows;
  const std::vector<double>&low = tornado.low, &high = tornado.high, &input_low = tornado.input_low,
        &input_high = tornado.input_high, &fixed = tornado.fixed;
  const std::vector<std::size_t>& order = tornado.order;
  const std::string swing =
      std::isnan(tornado.fixed_swing) ? std::string("F") : format_limit_percent(tornado.fixed_swing);
  const std::size_t in_chart = std::min<std::size_t>(order.size(), 15);
  std::vector<std::string> labels;
  std::vector<double> chart_low, chart_high;
  for (std::size_t n = 0; n < in_chart; ++n) {
    labels.push_back(factor_label(rows[order[n]], r.first_year));
    chart_low.push_back(low[order[n]]);
    chart_high.push_back(high[order[n]]);
  }
  const std::string unit_word = units == "SEK" ? " kr" : "";
  double reach = 0.0;  // the axis reaches as far from the base as the widest bar, and a little more
  for (std::size_t n = 0; n < in_chart; ++n)
    reach = std::max({reach, std::fabs(chart_low[n] - base), std::fabs(chart_high[n] - base)});
  page.heading(fmt::format("Tornado: {} {} med varje faktor låg och hög", sensitivity_output_label(index), year));
  page.chart("tornado",
             fmt::format("Kring basvärdet {}{} (varje fördelning i sin median){}", output_text(base, units, share),
                         unit_word, order.size() > in_chart ? fmt::format("; de {} största utslagen", in_chart) : ""),
             {{"labels", json_texts(labels)},
              {"low", json_numbers(chart_low)},
              {"high", json_numbers(chart_high)},
              {"base", json_number(base)},
              {"reach", json_number(reach)},
              {"unit", json_string(units == "SEK" ? "kr"
                                   : share        ? "pct"
                                                  : "num")}},
             std::min(520, 90 + 26 * int(in_chart)));
  const auto input_text = [&](double x, bool is_fixed) {
    return is_fixed || std::fabs(x) >= 100.0 ? kr(x) : format_decimal(x, 3);
  };
  const std::string out_unit = units == "SEK" ? " (kr)" : "";
  Table t({"Faktor", "Indata låg", "Indata hög", "Utfall låg" + out_unit, "Utfall hög" + out_unit, "Utslag" + out_unit,
           "År för indata", "Slag"},
          "tornado-tabell");
  for (std::size_t i : order) {
    const bool is_fixed = fixed[i] != 0.0;
    const Cell year_text = txt(tornado.input_year_text(i));
    t.row({txt(factor_label(rows[i], r.first_year)), Cell{input_text(input_low[i], is_fixed), true, input_low[i]},
           Cell{input_text(input_high[i], is_fixed), true, input_high[i]},
           Cell{output_text(low[i], units, share), true, low[i]},
           Cell{output_text(high[i], units, share), true, high[i]},
           Cell{output_text(std::fabs(high[i] - low[i]), units, share), true, std::fabs(high[i] - low[i]), true},
           year_text, txt(is_fixed ? "fast belopp ±" + swing : "osäkert tal (P10–P90)")});
  }
  page.table(t);
  const std::string left_out = r.attribute("/sensitivity", "tornado_left_out");
  if (!left_out.empty()) {
    std::string names;
    std::istringstream parts(left_out);
    for (std::string part; std::getline(parts, part, ',');) {
      while (!part.empty() && part.front() == ' ') part.erase(0, 1);
      if (part.empty()) continue;
      if (!names.empty()) names += ", ";
      names += factor_label(part, r.first_year);
    }
    page.paragraph("Utan percentiler och därför inte i tornadon: " + names + ".", "note");
  }
}

void sobol_part(Page& page, const Result& r, const std::string& output, int year)
{
  const std::string g = "/sensitivity/";
  const std::vector<std::string> factors = r.file.labels(g + "factor"), outputs = r.file.labels(g + "outcome");
  const std::vector<double> years = r.values(g + "year"), first = r.values(g + "sobol_first"),
                            total = r.values(g + "sobol_total"), first_ci = r.values(g + "sobol_first_ci"),
                            total_ci = r.values(g + "sobol_total_ci");
  std::size_t o = 0, y = 0;
  while (o < outputs.size() && outputs[o] != output) ++o;
  while (y < years.size() && int(years[y]) != year) ++y;
  if (o == outputs.size() || y == years.size()) return;
  const std::size_t n_out = outputs.size(), n_years = years.size();
  const auto at = [&](std::size_t f) { return (f * n_out + o) * n_years + y; };
  std::vector<std::size_t> order(factors.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double ta = total[at(a)], tb = total[at(b)];
    return (std::isnan(tb) && !std::isnan(ta)) || ta > tb;
  });
  const int index = std::max(0, output_index(output));
  page.heading(fmt::format("Sobolindex för {} {}: vilka osäkerheter som driver spridningen",
                           sensitivity_output_label(index), year));
  // The chart: the factors that account for at least half a percent of the variance, at most 15.
  std::size_t in_chart = 0;
  while (in_chart < std::min<std::size_t>(order.size(), 15) && shown_index(total[at(order[in_chart])]) >= 0.005)
    ++in_chart;
  std::vector<std::string> labels;
  std::vector<double> shown;
  for (std::size_t n = 0; n < in_chart; ++n) {
    labels.push_back(factor_label(factors[order[n]], r.first_year));
    shown.push_back(shown_index(total[at(order[n])]));
  }
  if (in_chart > 0)
    page.chart("sobol",
               in_chart < order.size()
                   ? "Totalt index (ST): andelen av spridningen som faktorn står för, ensam och tillsammans med andra "
                     "(faktorer under 0,005 visas bara i tabellen)"
                   : "Totalt index (ST): andelen av spridningen som faktorn står för, ensam och tillsammans med andra",
               {{"labels", json_texts(labels)}, {"total", json_numbers(shown)}},
               std::min(520, 90 + 26 * int(in_chart)));
  Table t({"Faktor", "ST", "ST 95 %-intervall", "S1", "S1 95 %-intervall"}, "sobol");
  bool clamped = false;
  const auto index_cell = [&](double x) {
    clamped = clamped || (std::isfinite(x) && shown_index(x) != x);
    return Cell{format_decimal(shown_index(x), 2), true, x};
  };
  const auto interval = [&](double lo, double hi) {
    clamped = clamped || (std::isfinite(lo) && shown_index(lo) != lo) || (std::isfinite(hi) && shown_index(hi) != hi);
    return Cell{format_decimal(shown_index(lo), 2) + "–" + format_decimal(shown_index(hi), 2), true};
  };
  for (std::size_t f : order) {
    const std::size_t k = at(f);
    t.row({txt(factor_label(factors[f], r.first_year)), index_cell(total[k]),
           interval(total_ci[2 * k], total_ci[2 * k + 1]), index_cell(first[k]),
           interval(first_ci[2 * k], first_ci[2 * k + 1])});
  }
  page.table(t);
  page.paragraph(
      "ST är andelen av utfallets varians som försvinner om faktorn blir känd (ensam och i samspel), S1 faktorns egen "
      "andel. Intervallen är 95 % från " +
          interval_source(r.file) + "." +
          std::string(clamped ? " Index visas inom 0–1: en skattning under 0 eller över 1 ligger inom skattningens "
                                "osäkerhet (filen behåller skattningen)."
                              : ""),
      "note");
}

void sensitivity_section(Page& page, const Result& r)
{
  const std::string output = r.attribute("/sensitivity", "output");
  const int year = int(r.number("/sensitivity", "year"));
  const int index = std::max(0, output_index(output));
  page.section("kanslighet", fmt::format("Känslighet: {} {}", sensitivity_output_label(index), year), "Känslighet");
  page.answer(r.summary());
  if (r.has("/sensitivity/tornado_low")) tornado_part(page, r, output, year);
  if (r.has("/sensitivity/sobol_total")) sobol_part(page, r, output, year);
}

void forecast_section(Page& page, const Result& r)
{
  const std::string g = "/forecast/";
  const std::string through = r.attribute("/forecast", "through");
  const int month = through.size() == 7 ? std::atoi(through.substr(5, 2).c_str()) : 0;
  page.section("prognos",
               fmt::format("Helårsprognos {} med utfall till och med {} {}", r.first_year,
                           month >= 1 && month <= 12 ? month_name(month) : "?", r.first_year),
               "Helårsprognos");
  page.answer(r.summary());
  const std::optional<ForecastMethod> method = parse_enum<ForecastMethod>(r.attribute("/forecast", "method"));
  page.paragraph(fmt::format("Metod för månaderna som är kvar: {}.", method ? method_words(*method) : "okänd"));
  const std::vector<std::string> lines = r.texts(g + "line");
  const std::vector<double> budget = r.values(g + "budget"), actual = r.values(g + "actual_to_date"),
                            mean = r.values(g + "forecast_mean"), deviation = r.values(g + "deviation_from_budget"),
                            q = r.values(g + "forecast_q"), flagged = r.values(g + "forecast_from_budget");
  const std::vector<double> own =
      r.has(g + "own_forecast") ? r.values(g + "own_forecast") : std::vector<double>(lines.size(), std::nan(""));
  const std::vector<std::string> assumption =
      r.has(g + "assumption") ? r.texts(g + "assumption") : std::vector<std::string>(lines.size());
  const bool any_own = std::any_of(own.begin(), own.end(), [](double x) { return std::isfinite(x); });
  const std::size_t levels = quantile_levels.size();
  std::vector<std::string> header{
      "Post",
      "Årsbudget (kr)",
      fmt::format("Utfall t.o.m. {} (kr)", month >= 1 && month <= 12 ? month_name(month) : "?"),
      "Prognos, medel (kr)",
      "P5 (kr)",
      "Median (kr)",
      "P95 (kr)",
      "Avvikelse från budget (kr)"};
  if (any_own) header.push_back("Förbundets prognos (kr)");
  header.push_back("Antagande");
  Table t(header, "prognos-tabell", "wide");
  const auto line_name = [](const std::string& l) { return l == "driftbidrag" ? std::string("Driftbidrag") : l; };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::vector<Cell> row{txt(line_name(lines[i])),
                          money(budget[i]),
                          money(actual[i]),
                          money(mean[i], true),
                          money(q[i * levels + level(0.05)]),
                          money(q[i * levels + level(0.50)]),
                          money(q[i * levels + level(0.95)]),
                          money(deviation[i])};
    if (any_own) row.push_back(money(own[i]));
    row.push_back(words(flagged[i] == 1.0 ? "inget utfall: som modellerat" : assumption[i]));
    t.row(row);
  }
  const auto total = [&](const std::string& label, double m, const std::vector<double>& band) {
    std::vector<Cell> row{
        txt(label, true),         txt(""), txt(""), money(m, true), money(band[level(0.05)]), money(band[level(0.50)]),
        money(band[level(0.95)]), txt("")};
    if (any_own) row.push_back(txt(""));
    row.push_back(txt(""));
    t.row(row, "total");
  };
  total(fmt::format("Resultat {}", r.first_year), r.scalar(g + "result_mean"), r.values(g + "result_q"));
  total(fmt::format("Eget kapital 31 december {}", r.first_year), r.scalar(g + "equity_mean"),
        r.values(g + "equity_q"));
  page.table(t);
  if (r.has(g + "own_result") && std::isfinite(r.scalar(g + "own_result"))) {
    const double own_result = r.scalar(g + "own_result"), rank = r.scalar(g + "own_result_rank");
    const std::vector<double> result_q = r.values(g + "result_q");
    std::string text = fmt::format("Förbundets egen prognos för resultatet: {}.", kr_words(own_result));
    if (std::isfinite(rank))
      text +=
          fmt::format(" Den ligger vid {} av finsims körningar ({} P5–P95).", format_percent(rank),
                      own_result >= result_q[level(0.05)] && own_result <= result_q[level(0.95)] ? "inom" : "utanför");
    page.paragraph(text);
  }
  page.paragraph(
      "Avvikelse: prognosens medelvärde mot budget, positiv när den är bättre (högre intäkt, lägre kostnad).", "note");
  // Every line but the driftbidrag, which would dwarf the rest.
  std::vector<std::string> labels;
  std::vector<double> a, b;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] == "driftbidrag") continue;
    labels.push_back(line_name(lines[i]));
    a.push_back(budget[i]);
    b.push_back(q[i * levels + level(0.50)]);
  }
  if (!labels.empty())
    page.chart("bars", "Årsbudget och prognos (median) per post, utom driftbidraget",
               {{"labels", json_texts(labels)},
                {"a", json_numbers(a)},
                {"b", json_numbers(b)},
                {"a_label", json_string("Årsbudget")},
                {"b_label", json_string("Prognos (median)")}},
               std::min(520, 90 + 30 * int(labels.size())));
}

void merger_section(Page& page, const Result& r)
{
  const std::string g = "/merger/";
  page.section(
      "sammanslagning",
      fmt::format("Sammanslagning: {} från {:.0f}", r.attribute("/merger", "name"), r.number("/merger", "from")),
      "Sammanslagning");
  page.answer(r.summary());
  const std::vector<std::string> scenarios = r.texts(g + "scenario");
  const std::vector<double> years = r.values(g + "year");
  const std::size_t S = scenarios.size(), Y = years.size(), levels = quantile_levels.size();
  const std::vector<double> drift = r.values(g + "driftbidrag"), state = r.values(g + "state_allocation"),
                            admin = r.values(g + "admin_costs"), share = r.values(g + "admin_share"),
                            ratio = r.values(g + "equity_ratio_q"), cap = r.values(g + "p_equity_above_cap"),
                            floor = r.values(g + "p_equity_below_floor"), cash = r.values(g + "p_cash_negative"),
                            served = r.values(g + "served"), work = r.values(g + "exits_work_studies");
  const auto name = [&](std::size_t k) { return k + 1 == S ? "Sammanslaget: " + scenarios[k] : scenarios[k]; };
  page.heading("Pengar och deltagare per år (förväntade värden)");
  Table money_table({"År", "Förbund", "Driftbidrag (kr)", "Statens del (kr)", "Kansli + styrelse (kr)", "Andel admin",
                     "Deltagare", "Till arbete eller studier"},
                    "sammanslagning-pengar");
  for (std::size_t y = 0; y < Y; ++y) {
    double sums[3] = {0.0, 0.0, 0.0};
    for (std::size_t k = 0; k < S; ++k) {
      const std::size_t at = k * Y + y;
      if (k + 1 == S)
        money_table.row({year_cell(years[y]), txt("Summa separata", true), money(sums[0], true), money(sums[1], true),
                         money(sums[2], true), txt(""), txt(""), txt("")},
                        "sum");
      else
        sums[0] += drift[at], sums[1] += state[at], sums[2] += admin[at];
      money_table.row(
          {k == 0 ? year_cell(years[y]) : year_cell(years[y]), txt(name(k), k + 1 == S), money(drift[at]),
           money(state[at]), money(admin[at]), percent(share[at]), decimal(served[at], 0), decimal(work[at], 0)},
          k == 0 ? "first" : "");
      if (k + 1 == S)
        money_table.row(
            {year_cell(years[y]), txt("Skillnad (sammanslaget − separata)", true), money(drift[at] - sums[0], true),
             money(state[at] - sums[1], true), money(admin[at] - sums[2], true), txt(""), txt(""), txt("")},
            "sum");
    }
  }
  page.table(money_table);
  page.heading("Eget kapital och risker per år (Monte Carlo)");
  Table risk_table({"År", "Förbund", "EK/driftbidrag P5", "EK/driftbidrag median", "EK/driftbidrag P95", "P(EK > tak)",
                    "P(EK < golv)", "P(kassa < 0)"},
                   "sammanslagning-risker");
  for (std::size_t y = 0; y < Y; ++y)
    for (std::size_t k = 0; k < S; ++k) {
      const std::size_t at = k * Y + y, q = at * levels;
      risk_table.row({year_cell(years[y]), txt(name(k), k + 1 == S), percent(ratio[q + level(0.05)]),
                      percent(ratio[q + level(0.50)]), percent(ratio[q + level(0.95)]), page.chance(cap[at]),
                      page.chance(floor[at]), page.chance(cash[at])},
                     k == 0 ? "first" : "");
    }
  page.table(risk_table);
  if (r.has(g + "admin_saving")) {
    const std::vector<double> saving = r.values(g + "admin_saving");
    std::string line = "Besparing på kansli + styrelse (förbundens summerade minus det sammanslagnas): ";
    for (std::size_t y = 0; y < Y && y < saving.size(); ++y)
      line += fmt::format("{}{:.0f}: {}", y ? ", " : "", years[y], kr_words(saving[y]));
    page.paragraph(line + ".");
    const std::string note = r.attribute("/merger", "admin_note");
    if (!note.empty()) page.paragraph(note, "note");
  }
  if (r.has(g + "lost_base_amounts") && r.has(g + "equity_brought_in")) {
    const int count = int(r.number("/merger", "lost_base_amounts_count"));
    const std::vector<double> lost = r.values(g + "lost_base_amounts");
    bool modelled = true;
    std::string line = fmt::format("Förlorade grundbelopp: {} (ett i stället för {}): ", count, count + 1);
    for (std::size_t y = 0; y < Y && y < lost.size(); ++y) {
      modelled = modelled && std::isfinite(lost[y]);
      line += fmt::format("{}{:.0f}: {}", y ? ", " : "", years[y],
                          std::isfinite(lost[y]) ? kr_words(lost[y]) : std::string("ej modellerat"));
    }
    page.paragraph(line + ".");
    if (!modelled)
      page.paragraph(
          "Utan statens fördelningsmodell i varje förbunds scenario räknar finsim inte med grundbeloppen: "
          "statens del är förbundens summerad, så förlusten syns inte i driftbidraget.",
          "note");
    const std::vector<std::string> sources = r.texts(g + "source");
    const std::vector<double> equity = r.values(g + "equity_brought_in");
    Table t({"Förbund", "Eget kapital som förs in (kr)"}, "sammanslagning-eget-kapital");
    double total = 0.0;
    for (std::size_t f = 0; f < sources.size() && f < equity.size(); ++f) {
      t.row({txt(sources[f]), money(equity[f])});
      total += equity[f];
    }
    t.row({txt("Summa", true), money(total, true)}, "sum");
    page.table(t);
  }
  if (r.has(g + "payer_value_of_exits")) {
    page.heading(fmt::format("Värde av avslut per betalare (första horisonten, {:.0f} år)",
                             r.number("/merger", "value_horizon")));
    const std::vector<double> value = r.values(g + "payer_value_of_exits");
    const std::vector<std::string> payers = r.texts(g + "payer");
    std::vector<std::string> header{"Betalare"};
    for (double y : years) header.push_back(fmt::format("{:.0f} (kr)", y));
    Table t(header, "sammanslagning-betalare");
    std::vector<std::size_t> order;
    for (std::size_t p = 0; p < payers.size(); ++p)
      order.insert(payers[p] == "kommun" ? order.begin() : order.end(), p);
    std::vector<double> total(Y, 0.0);
    for (std::size_t p : order) {
      std::vector<Cell> row{txt(payer_label(payers[p]))};
      for (std::size_t y = 0; y < Y; ++y) {
        row.push_back(money(value[p * Y + y]));
        total[y] += value[p * Y + y];
      }
      t.row(row);
    }
    std::vector<Cell> row{txt("Summa", true)};
    for (double x : total) row.push_back(money(x, true));
    t.row(row, "sum");
    page.table(t);
  }
  // Who pays, who benefits, in the first year.
  const std::vector<std::string> kommuner = r.texts(g + "kommun");
  const std::vector<double> separate = r.values(g + "kommun_contribution_separate"),
                            merged = r.values(g + "kommun_contribution_merged"), starts = r.values(g + "kommun_starts"),
                            per = r.values(g + "kommun_starts_per_10000"),
                            value = r.values(g + (r.has(g + "kommun_value_of_exits_own") ? "kommun_value_of_exits_own"
                                                                                         : "kommun_value_of_exits"));
  page.heading(fmt::format("Vem betalar, vem får ({:.0f})", years.front()));
  double merged_total = 0.0, starts_total = 0.0;
  for (std::size_t k = 0; k < kommuner.size(); ++k) {
    merged_total += merged[k * Y];
    starts_total += starts[k * Y];
  }
  Table t(
      {"Kommun", "Betalar separat (kr)", "Betalar sammanslaget (kr)", "Skillnad (kr)", "Andel av kommunernas betalning",
       "Nya deltagare", "Andel av nya deltagare", "Nya per 10 000 invånare", "Eget värde av avslut (kr)"},
      "sammanslagning-kommuner");
  std::vector<double> a, b, change;
  for (std::size_t k = 0; k < kommuner.size(); ++k) {
    t.row({txt(kommuner[k]), money(separate[k * Y]), money(merged[k * Y]), money(merged[k * Y] - separate[k * Y], true),
           percent(merged_total != 0.0 ? merged[k * Y] / merged_total : std::nan("")), decimal(starts[k * Y], 1),
           percent(starts_total != 0.0 ? starts[k * Y] / starts_total : std::nan("")), decimal(per[k * Y], 1),
           money(value[k * Y])});
    a.push_back(separate[k * Y]);
    b.push_back(merged[k * Y]);
    change.push_back(merged[k * Y] - separate[k * Y]);
  }
  page.table(t);
  page.paragraph(
      "Eget värde av avslut: det kommunen själv betalar för sina invånare, första horisonten; "
      "Försäkringskassans, Arbetsförmedlingens och regionens värde står per betalare ovan.",
      "note");
  const int height = std::min(520, 90 + 30 * int(kommuner.size()));
  page.raw("<div class=\"pair\">");
  page.chart("bars", fmt::format("Kommunernas bidrag {:.0f}: separat och sammanslaget", years.front()),
             {{"labels", json_texts(kommuner)},
              {"a", json_numbers(a)},
              {"b", json_numbers(b)},
              {"a_label", json_string("Separat")},
              {"b_label", json_string("Sammanslaget")}},
             height);
  page.chart("change", "Förändring per kommun (till höger: betalar mer)",
             {{"labels", json_texts(kommuner)}, {"values", json_numbers(change)}}, height);
  page.raw("</div>\n");
}

void backtest_section(Page& page, const Result& r)
{
  const std::string g = "/backtest/";
  page.section("backtest", "Backtest: tidigare års prognoser mot utfallen", "Backtest");
  page.answer(r.summary());
  const std::vector<std::string> cases = r.file.labels(g + "case"), outcomes_ = r.file.labels(g + "outcome");
  const std::vector<double> years = r.values(g + "year"), actual = r.values(g + "actual"),
                            q = r.values(g + "forecast_q"), percentile = r.values(g + "percentile"),
                            in90 = r.values(g + "inside_90"), in50 = r.values(g + "inside_50"),
                            cover90 = r.values(g + "coverage_90"), cover50 = r.values(g + "coverage_50");
  const std::size_t O = outcomes_.size(), levels = quantile_levels.size();
  const auto outcome_name = [](const std::string& o) {
    return o == "income" ? std::string("Övriga intäkter") : stored_label(o);
  };
  page.heading("Täckning: andel av fallen inom bandet");
  Table cover({"Utfall", "Inom 90 %-bandet (väntat 90 %)", "Inom 50 %-bandet (väntat 50 %)"}, "backtest-tackning");
  // A share of a few past years: "2 av 3 (67 %)".
  const auto share_of_cases = [&](std::size_t o, const std::vector<double>& inside) {
    int n = 0, in = 0;
    for (std::size_t c = 0; c < cases.size(); ++c)
      if (std::isfinite(actual[c * O + o])) {
        ++n;
        in += inside[c * O + o] == 1.0 ? 1 : 0;
      }
    return Cell{fmt::format("{} av {} ({:.0f} %)", in, n, n > 0 ? 100.0 * in / n : 0.0), true,
                n > 0 ? double(in) / n : std::nan("")};
  };
  for (std::size_t o = 0; o < O; ++o)
    if (std::isfinite(cover90[o]) || std::isfinite(cover50[o]))
      cover.row({txt(outcome_name(outcomes_[o])), share_of_cases(o, in90), share_of_cases(o, in50)});
  page.table(cover);
  page.heading("Varje tidigare år");
  Table t({"Fall", "År", "Utfall", "Faktiskt (kr)", "P5 (kr)", "Median (kr)", "P95 (kr)", "Percentil", "Inom 90 %",
           "Inom 50 %"},
          "backtest-tabell");
  for (std::size_t c = 0; c < cases.size(); ++c) {
    bool first = true;
    for (std::size_t o = 0; o < O; ++o) {
      const std::size_t at = c * O + o;
      if (std::isnan(actual[at])) continue;
      t.row({txt(first ? cases[c] : ""), year_cell(years[c]), txt(outcome_name(outcomes_[o])), money(actual[at], true),
             money(q[at * levels + level(0.05)]), money(q[at * levels + level(0.50)]),
             money(q[at * levels + level(0.95)]), page.chance(percentile[at]), txt(in90[at] == 1.0 ? "ja" : "nej"),
             txt(in50[at] == 1.0 ? "ja" : "nej")},
            first ? "first" : "");
      first = false;
    }
  }
  page.table(t);
}

/// A warning with the key paths it names in Swedish ("insats.MySam.budget: …" → "Budget: MySam: …").
std::string readable_warning(const std::string& warning)
{
  std::string out;
  std::size_t start = 0;
  while (start <= warning.size()) {
    std::size_t end = warning.find(' ', start);
    if (end == std::string::npos) end = warning.size();
    std::string word = warning.substr(start, end - start);
    std::string tail;
    while (!word.empty() && std::strchr(":,;.)", word.back()) != nullptr) {
      tail.insert(tail.begin(), word.back());
      word.pop_back();
    }
    if (holds_raw_name(word)) {
      const std::string label = key_path_label(word);
      if (label != word) word = label;
    }
    if (start > 0) out += ' ';
    out += word;
    out += tail;
    start = end + 1;
  }
  return out;
}

/// "2026-12-06T06:15:16Z" as "2026-12-06 06:15 UTC".
std::string created_text(const std::string& iso)
{
  if (iso.size() >= 16 && iso[10] == 'T') return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
  return iso;
}

void about_section(Page& page, const Result& r)
{
  page.section("om", "Om siffrorna");
  const bool mc = r.has("/montecarlo");
  page.paragraph(
      "Resultaträkning, balansräkning och kassaflöde är finsims projektion med förväntade värden: varje osäkert tal "
      "på sitt väntevärde, månad för månad, med betalningar enligt varje posts betalningsplan.");
  page.paragraph(mc ? fmt::format("Percentilerna och sannolikheterna kommer från {} Monte Carlo-körningar där varje "
                                  "osäkert tal dras ur sin fördelning; P5–P95 rymmer nio av tio körningar. \"{}\" och "
                                  "\"{}\" betyder att ingen respektive varje körning träffade (ensidiga 95 %-gränser).",
                                  format_kronor(double(r.runs)), page.probability(0.0), page.probability(1.0))
                    : std::string("Ingen Monte Carlo kördes för denna fil, så här finns inga percentiler eller "
                                  "sannolikheter för förbundets egna år."));
  page.paragraph(
      "Scenariots antaganden och resultatfilen med varje tal, enhet och beskrivning finns i filerna nedan; "
      "arbetsboken (finsim report utan --html) visar scenariots text.");
  const auto attr_number = [&](const char* group, const char* name) {
    return r.has(group) && r.file.has_attribute(group, name) ? fmt::format("{:.0f}", r.number(group, name))
                                                             : std::string();
  };
  std::string seed;
  for (const char* group : {"/montecarlo", "/compare", "/room", "/sensitivity", "/backtest"})
    if (seed.empty()) seed = attr_number(group, "seed");
  Table facts({"", ""}, "om-filen");
  facts.row({txt("Förbund"), txt(r.forbund)});
  facts.row({txt("Scenario"), txt(r.attribute("/", "scenario_source"))});
  facts.row({txt("Resultatfil"), txt(std::filesystem::path(r.file.path()).filename().string())});
  facts.row({txt("Monte Carlo-körningar"), txt(mc || r.has("/compare") || r.has("/room") || r.has("/backtest")
                                                   ? format_kronor(double(r.runs))
                                                   : std::string("inga (förväntade värden)"))});
  facts.row({txt("Slumpfrö"), txt(seed.empty() ? std::string("–") : seed)});
  facts.row({txt("Resultatet skrivet av"), txt("finsim " + r.attribute("/", "finsim_version"))});
  facts.row({txt("Skapat"), txt(created_text(r.attribute("/", "created")))});
  facts.row({txt("Rapporten skriven av"), txt(fmt::format("finsim {}", engine_version()))});
  page.table(facts);
  const std::string warnings = r.attribute("/", "warnings");
  if (!warnings.empty()) {
    page.heading("Varningar om indata");
    page.raw("<ul class=\"warnings\">");
    std::istringstream lines(warnings);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) page.raw("<li>" + html_escape(readable_warning(line)) + "</li>");
    page.raw("</ul>\n");
  }
}

/// What the report is about, for its title: the analysis the file holds, or the run's years.
std::string report_title(const Result& r)
{
  if (r.has("/merger")) return fmt::format("Sammanslagning från {:.0f}", r.number("/merger", "from"));
  if (r.has("/compare")) return fmt::format("Jämförelse av scenarier {}", r.period());
  if (r.has("/room")) return fmt::format("Utrymme för nya insatser från {:.0f}", r.number("/room", "from"));
  if (r.has("/sensitivity")) return fmt::format("Känslighetsanalys {}", r.period());
  if (r.has("/backtest")) return "Backtest: tidigare års prognoser mot utfallen";
  if (r.has("/forecast")) return fmt::format("Helårsprognos {}", r.first_year);
  if (!r.has("/montecarlo")) return fmt::format("Budget och eget kapital {} (förväntade värden)", r.period());
  return fmt::format("Budget, eget kapital och risker {}", r.period());
}

constexpr const char* style_sheet = R"CSS(
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f4; color: #1b1b1b; font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 15px; line-height: 1.45; }
header.top { background: #1F4E79; color: #fff; padding: 16px 32px 14px; }
header.top .forbund { font-size: 16px; font-weight: 600; letter-spacing: .01em; }
header.top h1 { margin: 2px 0 4px; font-size: 26px; font-weight: 600; }
header.top .meta { margin: 0; font-size: 13px; opacity: .85; }
nav { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #c9d2dc; padding: 8px 32px; }
nav a { color: #1F4E79; margin-right: 18px; text-decoration: none; font-size: 14px; white-space: nowrap; }
nav a:hover { text-decoration: underline; }
nav button.print { float: right; font: inherit; font-size: 14px; color: #1F4E79; background: #fff; border: 1px solid #1F4E79; border-radius: 4px; padding: 1px 12px; cursor: pointer; }
main { max-width: 1140px; margin: 0 auto; padding: 6px 20px 40px; }
section { background: #fff; margin: 18px 0; padding: 16px 24px 20px; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h2 { color: #1F4E79; font-size: 22px; margin: 0 0 10px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.answer { background: #fff7e0; border-left: 5px solid #d99a00; padding: 8px 14px; margin: 4px 0 14px; font-size: 16.5px; }
.answer p { margin: 4px 0; }
.table { overflow-x: auto; }
table { border-collapse: collapse; font-size: 14px; margin: 4px 0 10px; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e1e5ea; text-align: left; vertical-align: top; }
thead th { background: #DDEBF7; font-weight: 600; vertical-align: bottom; border-bottom: 2px solid #9DC3E6; }
tbody th { font-weight: 400; }
.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
thead th.n { white-space: normal; }
.b { font-weight: 700; }
.t { white-space: nowrap; }
table.wide { width: 100%; }
#prognos td:last-child { min-width: 15em; }
tr.sum > * { font-weight: 600; border-top: 1px solid #888; }
tr.total > * { font-weight: 700; border-top: 2px solid #333; }
tr.group > th { padding-top: 10px; font-weight: 700; }
tr.item > th { padding-left: 24px; }
tr.first > * { border-top: 2px solid #9DC3E6; }
table.key tbody td:nth-child(6) { background: #f3f7fb; }
figure.chart-box { margin: 12px 0 14px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.chart { position: relative; width: 100%; max-width: 1000px; }
.pair { display: flex; gap: 24px; break-inside: avoid; page-break-inside: avoid; }
.pair > figure { flex: 1 1 0; min-width: 0; }
.note { color: #4a4a4a; font-size: 13.5px; }
ul.flags, ul.warnings { margin: 6px 0 10px; padding-left: 22px; }
.noscript { background: #fde8e8; padding: 6px 12px; }
@media print {
  body { background: #fff; font-size: 10pt; }
  nav, .noscript { display: none; }
  header.top { background: none; color: #000; padding: 0 0 3mm; border-bottom: 2px solid #1F4E79; margin-bottom: 4mm; }
  header.top .forbund { font-size: 11pt; }
  header.top h1 { font-size: 17pt; color: #1F4E79; }
  header.top .meta { font-size: 9pt; opacity: 1; color: #444; }
  main { max-width: none; margin: 0; padding: 0; }
  section { background: none; box-shadow: none; border-radius: 0; margin: 0; padding: 0; break-before: page; page-break-before: always; }
  section:first-of-type { break-before: auto; page-break-before: auto; }
  h2 { font-size: 15pt; margin-bottom: 3mm; }
  h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
  h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
  .answer { font-size: 11pt; padding: 2mm 4mm; }
  table { font-size: 9pt; }
  th, td { padding: 1px 7px; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .table { overflow: visible; }
  .note, figcaption { font-size: 9pt; }
  figure.chart-box { margin: 2mm 0 3mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)CSS";

constexpr const char* drawing_script = R"JS(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('finsim-data').textContent);
  var button = document.getElementById('skriv-ut');
  if (button) button.addEventListener('click', function () { window.print(); });
  if (typeof Chart === 'undefined') return;
  var C = { blue: '#1F4E79', mid: '#2E75B6', light: '#9DC3E6', red: '#C00000', grey: '#7F7F7F', green: '#548235',
            orange: '#C55A11', purple: '#7030A0' };
  var palette = [C.blue, C.green, C.orange, C.purple, C.grey];
  Chart.defaults.font.size = 13;
  Chart.defaults.font.family = '"Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';
  Chart.defaults.color = '#222';
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.devicePixelRatio = Math.max(window.devicePixelRatio || 1, 2);
  Chart.defaults.plugins.legend.position = 'bottom';
  Chart.defaults.plugins.legend.labels.boxWidth = 28;
  function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0'); }
  function kr(x) {
    if (x === null || x === undefined || !isFinite(x)) return '–';
    var r = Math.round(x);
    return (r < 0 ? '-' : '') + grouped(Math.abs(r));
  }
  function pct(x, d) {
    if (x === null || x === undefined || !isFinite(x)) return '–';
    return (100 * x).toFixed(d).replace('.', ',') + ' %';
  }
  function num(x) { return (x === null || !isFinite(x)) ? '–' : String(Math.round(10 * x) / 10).replace('.', ','); }
  function hidden() { return function (item, chartData) { return !chartData.datasets[item.datasetIndex].hideInLegend; }; }
  function moneyTip(ctx) {
    var v = ctx.parsed.x !== undefined && ctx.chart.options.indexAxis === 'y' ? ctx.parsed.x : ctx.parsed.y;
    return (ctx.dataset.tip || ctx.dataset.label) + ': ' + kr(v) + ' kr';
  }
  var draw = {};
  draw.fan = function (c) {
    var line = function (label, values, color, width, dash, tip) {
      return { label: label, tip: tip, data: values, borderColor: color, backgroundColor: color, borderWidth: width,
               borderDash: dash || [], pointRadius: 0, fill: false, order: 1 };
    };
    var edge = function (label, values, fill, color, tip) {
      return { label: label, tip: tip, data: values, borderWidth: 0, borderColor: 'rgba(0,0,0,0)', pointRadius: 0,
               backgroundColor: color, fill: fill, hideInLegend: fill === false, order: 2 };
    };
    var median = line('Median', c.p50, C.blue, 3, [], 'Median');
    median.pointRadius = 3;
    median.order = 0;  // drawn last, on top of the bands
    return {
      type: 'line',
      data: { labels: c.years.map(String), datasets: [
        edge('P95', c.p95, false, 'rgba(0,0,0,0)', 'P95'),
        edge('P5–P95: nio av tio körningar', c.p5, '-1', 'rgba(157,195,230,0.55)', 'P5'),
        edge('P75', c.p75, false, 'rgba(0,0,0,0)', 'P75'),
        edge('P25–P75: hälften av körningarna', c.p25, '-1', 'rgba(46,117,182,0.45)', 'P25'),
        median,
        line(c.cap_label, c.cap, C.red, 2, [], 'Tak'),
        line('Golv', c.floor, C.grey, 2, [7, 4], 'Golv')
      ] },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { labels: { filter: hidden() } }, tooltip: { callbacks: { label: moneyTip } } },
        scales: { y: { ticks: { callback: kr }, title: { display: true, text: 'kr' } } }
      }
    };
  };
  draw.cash = function (c) {
    return {
      type: 'line',
      data: { labels: c.labels, datasets: [
        { label: 'Kassa vid månadens slut', data: c.cash, borderColor: C.blue, backgroundColor: C.blue, borderWidth: 2, pointRadius: 0 },
        { label: 'Noll', data: c.cash.map(function () { return 0; }), borderColor: C.red, backgroundColor: C.red, borderWidth: 1.5, borderDash: [6, 4], pointRadius: 0 }
      ] },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { tooltip: { callbacks: { label: moneyTip } } },
        scales: {
          y: { ticks: { callback: kr }, title: { display: true, text: 'kr' } },
          x: { ticks: { autoSkip: false, maxRotation: 0, callback: function (v, i) { return c.labels[i].indexOf('jan ') === 0 ? c.labels[i].slice(4) : null; } } }
        }
      }
    };
  };
  draw.compare = function (c) {
    var ds = [];
    c.scenarios.forEach(function (s, i) {
      var col = palette[i % palette.length];
      ds.push({ label: s.name, tip: s.name + ', median', data: s.p50, borderColor: col, backgroundColor: col, borderWidth: 3, pointRadius: 3 });
      ds.push({ label: s.name + ' P5', tip: s.name + ', P5', data: s.p5, borderColor: col, backgroundColor: col, borderWidth: 1.2, borderDash: [6, 4], pointRadius: 0, hideInLegend: true });
      ds.push({ label: s.name + ' P95', tip: s.name + ', P95', data: s.p95, borderColor: col, backgroundColor: col, borderWidth: 1.2, borderDash: [6, 4], pointRadius: 0, hideInLegend: true });
    });
    if (c.cap.length) ds.push({ label: c.cap_label, data: c.cap, borderColor: C.red, backgroundColor: C.red, borderWidth: 2, pointRadius: 0 });
    return {
      type: 'line',
      data: { labels: c.years.map(String), datasets: ds },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { labels: { filter: hidden() } }, tooltip: { callbacks: { label: moneyTip } } },
        scales: { y: { ticks: { callback: kr }, title: { display: true, text: 'kr' } } }
      }
    };
  };
  draw.room = function (c) {
    var colors = [C.grey, C.red, C.green, C.blue];
    var first = c.extra[0], last = c.extra[c.extra.length - 1];
    var ds = [];
    c.curves.forEach(function (k, i) {
      var col = colors[i % colors.length];
      ds.push({ label: k.label, data: c.extra.map(function (x, j) { return { x: x, y: k.values[j] }; }), borderColor: col, backgroundColor: col, borderWidth: 2.5, pointRadius: 0 });
      if (k.limit !== null)
        ds.push({ label: 'Gräns', data: [{ x: first, y: k.limit }, { x: last, y: k.limit }], borderColor: col, backgroundColor: col, borderWidth: 1.2, borderDash: [7, 4], pointRadius: 0, hideInLegend: true });
    });
    if (c.answer !== null)
      ds.push({ label: c.answer_label, data: [{ x: c.answer, y: 0 }, { x: c.answer, y: 1 }], borderColor: '#000', backgroundColor: '#000', borderWidth: 1.5, borderDash: [2, 3], pointRadius: 0 });
    return {
      type: 'line',
      data: { datasets: ds },
      options: {
        interaction: { mode: 'nearest', intersect: false },
        plugins: { legend: { labels: { filter: hidden() } },
                   tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ': ' + pct(ctx.parsed.y, 1) + ' vid ' + kr(ctx.parsed.x) + ' kr'; } } } },
        scales: {
          x: { type: 'linear', min: first, max: last, ticks: { callback: kr }, title: { display: true, text: 'Extra utgift per år (kr)' } },
          y: { min: 0, max: 1, ticks: { callback: function (v) { return pct(v, 0); } }, title: { display: true, text: 'Sannolikhet' } }
        }
      }
    };
  };
  function valueText(unit) {
    if (unit === 'kr') return function (v) { return kr(v); };
    if (unit === 'pct') return function (v) { return pct(v, 1); };
    return num;
  }
  draw.tornado = function (c) {
    var f = valueText(c.unit), suffix = c.unit === 'kr' ? ' kr' : '';
    var pairs = function (values) { return values.map(function (v) { return [c.base, v]; }); };
    return {
      type: 'bar',
      data: { labels: c.labels, datasets: [
        { label: 'Faktorn låg', data: pairs(c.low), backgroundColor: C.light, grouped: false, barPercentage: 0.8 },
        { label: 'Faktorn hög', data: pairs(c.high), backgroundColor: C.blue, grouped: false, barPercentage: 0.8 }
      ] },
      options: {
        indexAxis: 'y',
        plugins: { tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ': ' + f(ctx.raw[1]) + suffix; } } } },
        scales: {
          x: { suggestedMin: c.reach > 0 ? c.base - 1.1 * c.reach : undefined,
               suggestedMax: c.reach > 0 ? c.base + 1.1 * c.reach : undefined, beginAtZero: false,
               ticks: { callback: f, maxRotation: 0 } },
          y: { ticks: { autoSkip: false } }
        }
      }
    };
  };
  draw.sobol = function (c) {
    return {
      type: 'bar',
      data: { labels: c.labels, datasets: [{ label: 'Totalt index (ST)', data: c.total, backgroundColor: C.blue, barPercentage: 0.8 }] },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (ctx) { return 'ST: ' + num(ctx.parsed.x * 100) + ' % av variansen'; } } } },
        scales: { x: { min: 0, max: 1, ticks: { callback: function (v) { return String(v).replace('.', ','); } } }, y: { ticks: { autoSkip: false } } }
      }
    };
  };
  draw.bars = function (c) {
    return {
      type: 'bar',
      data: { labels: c.labels, datasets: [
        { label: c.a_label, data: c.a, backgroundColor: C.light },
        { label: c.b_label, data: c.b, backgroundColor: C.blue }
      ] },
      options: {
        indexAxis: 'y',
        plugins: { tooltip: { callbacks: { label: moneyTip } } },
        scales: { x: { ticks: { callback: kr }, title: { display: true, text: 'kr' } }, y: { ticks: { autoSkip: false } } }
      }
    };
  };
  draw.stacked = function (c) {
    var colors = [C.blue, C.green, C.orange, C.purple, C.light, C.grey, C.red, '#BF9000', '#00B0F0', '#7F6000', '#A9D18E', '#F4B183'];
    return {
      type: 'bar',
      data: { labels: c.years.map(String), datasets: c.series.map(function (s, i) {
        return { label: s.label, data: s.values, backgroundColor: colors[i % colors.length] };
      }) },
      options: {
        plugins: { legend: { position: 'right' }, tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ': ' + num(ctx.parsed.y); } } } },
        scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'personer' } } }
      }
    };
  };
  draw.change = function (c) {
    return {
      type: 'bar',
      data: { labels: c.labels, datasets: [{ label: 'Förändring', data: c.values,
        backgroundColor: c.values.map(function (v) { return v > 0 ? C.red : C.green; }) }] },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: moneyTip } } },
        scales: { x: { ticks: { callback: kr }, title: { display: true, text: 'kr per år' } }, y: { ticks: { autoSkip: false } } }
      }
    };
  };
  var charts = [];
  data.charts.forEach(function (c) {
    var canvas = document.getElementById(c.id);
    if (canvas && draw[c.kind]) charts.push(new Chart(canvas, draw[c.kind](c)));
  });
  var resize = function () { charts.forEach(function (chart) { chart.resize(); }); };
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
})();
)JS";

}  // namespace

std::string html_report(const h5::Reader& file, const std::string& chart_js)
{
  const Result r(file);
  Page page(r);
  summary_section(page, r);
  if (r.has("/room")) room_section(page, r);
  if (r.has("/compare")) comparison_section(page, r);
  if (r.has("/sensitivity")) sensitivity_section(page, r);
  if (r.has("/forecast")) forecast_section(page, r);
  if (r.has("/merger")) merger_section(page, r);
  if (r.has("/backtest")) backtest_section(page, r);
  if (r.has("/montecarlo")) equity_section(page, r);
  income_statement_section(page, r);
  balance_section(page, r);
  cash_flow_section(page, r);
  if (r.has("/deterministic/participants")) participants_section(page, r);
  about_section(page, r);
  page.end_section();

  const std::string title = report_title(r);
  const std::string created = r.attribute("/", "created");
  std::string meta = created.size() >= 10 ? "Skapad " + created.substr(0, 10) : std::string();
  if (r.has("/montecarlo") || r.has("/compare") || r.has("/room") || r.has("/backtest"))
    meta += fmt::format("{}{} Monte Carlo-körningar", meta.empty() ? "" : " · ", format_kronor(double(r.runs)));
  meta += fmt::format("{}finsim {}", meta.empty() ? "" : " · ", engine_version());

  std::string html = "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<meta name=\"generator\" content=\"finsim " + html_escape(engine_version()) + "\">\n";
  html += "<title>" + html_escape(r.forbund + ": " + title) + "</title>\n<style>" + style_sheet;
  // The printed page: A4 landscape, the förbund's name and the report's title above every page,
  // the page number below.
  html += "@page { size: A4 landscape; margin: 12mm; @top-left { content: " + css_string(r.forbund) +
          "; font-size: 9pt; color: #444; } @top-right { content: " + css_string(title) +
          "; font-size: 9pt; color: #444; } @bottom-center { content: \"Sida \" counter(page) \" av \" "
          "counter(pages); font-size: 9pt; color: #444; } }\n";
  html += "</style>\n</head>\n<body>\n";
  html += "<header class=\"top\"><div class=\"forbund\">" + html_escape(r.forbund) + "</div><h1>" + html_escape(title) +
          "</h1><p class=\"meta\">" + html_escape(meta) + "</p></header>\n";
  html += "<nav aria-label=\"Innehåll\">";
  for (const auto& [id, heading] : page.contents())
    html += "<a href=\"#" + html_escape(id) + "\">" + html_escape(heading) + "</a>\n";
  html += "<button type=\"button\" class=\"print\" id=\"skriv-ut\">Skriv ut</button></nav>\n";
  html +=
      "<noscript><p class=\"noscript\">Diagrammen visas när webbläsaren kör JavaScript; tabellerna har samma "
      "tal.</p></noscript>\n";
  html += "<main>\n" + page.html() + "</main>\n";
  html += "<script type=\"application/json\" id=\"finsim-data\">" + json_object({{"charts", page.charts_json()}}) +
          "</script>\n";
  html += "<script>\n" + inline_script(chart_js) + "\n</script>\n";
  html += "<script>" + inline_script(drawing_script) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace finsim
