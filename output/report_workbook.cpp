#include "output/report_workbook.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <numeric>
#include <sstream>

#include "engine/version.h"
#include "input/enum_names.h"
#include "input/input_error.h"
#include "output/atomic_write.h"
#include "output/display_names.h"
#include "output/forecast_output.h"
#include "output/ore.h"
#include "output/room_output.h"
#include "output/sensitivity_output.h"
#include "output/summary.h"
#include "output/swedish.h"

namespace finsim {

namespace {

/// libxlsxwriter prints numbers with the C library: while it writes, LC_NUMERIC is "C" so that a
/// Swedish locale can never turn 1234.5 into "1234,5" in the file.
class CNumericLocale {
 public:
  CNumericLocale()
  {
    const char* now = std::setlocale(LC_NUMERIC, nullptr);
    saved_ = now != nullptr ? now : "C";
    std::setlocale(LC_NUMERIC, "C");
  }
  ~CNumericLocale() { std::setlocale(LC_NUMERIC, saved_.c_str()); }
  CNumericLocale(const CNumericLocale&) = delete;
  CNumericLocale& operator=(const CNumericLocale&) = delete;

 private:
  std::string saved_;
};

constexpr lxw_color_t blue = 0x1F4E79, light_blue = 0x9DC3E6, red = 0xC00000, grey = 0x7F7F7F, green = 0x548235;

/// While it lives, the C library's standard error goes nowhere: libxlsxwriter prints its own
/// "[ERROR]" lines there, and finsim says what went wrong itself, in Swedish, with the path.
class QuietStderr {
 public:
  QuietStderr() : saved_(::dup(STDERR_FILENO))
  {
    std::fflush(stderr);
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) {
      ::dup2(null, STDERR_FILENO);
      ::close(null);
    }
  }
  ~QuietStderr()
  {
    std::fflush(stderr);
    if (saved_ >= 0) {
      ::dup2(saved_, STDERR_FILENO);
      ::close(saved_);
    }
  }
  QuietStderr(const QuietStderr&) = delete;
  QuietStderr& operator=(const QuietStderr&) = delete;

 private:
  int saved_;
};

/// The formats whose cells hold kronor: their numbers are rounded to öre when written.
std::vector<lxw_format*> money_formats;

/// Text for a header or footer: "&" is libxlsxwriter's and Excel's control character.
std::string header_text(const std::string& s)
{
  std::string out;
  for (char c : s) out += c == '&' ? std::string("&&") : std::string(1, c);
  return out;
}

/// The workbook being written and its formats.
class Book {
 public:
  /// `forbund` heads every printed page; `runs` sets how a probability of 0 or 1 reads.
  Book(const std::string& path, const ReportOptions& options, std::string forbund, std::uint64_t runs)
      : options_(options), path_(options.shown_as.empty() ? path : options.shown_as), forbund_(std::move(forbund))
  {
    // libxlsxwriter's own temporary files go beside the workbook (a private folder), not in TMPDIR.
    folder_ = std::filesystem::path(path).parent_path().string();
    lxw_workbook_options opt{};
    opt.tmpdir = folder_.empty() ? nullptr : folder_.data();
    {
      const QuietStderr quiet;
      book_ = workbook_new_opt(path.c_str(), &opt);
    }
    if (book_ == nullptr)
      throw InputError(fmt::format("{}: arbetsboken kan inte skapas där; välj en annan sökväg med -o", path_));
    title_ = format({.bold = true, .size = 14});
    bold_ = format({.bold = true});
    header_ = format({.bold = true, .fill = 0xDDEBF7, .wrap = true});
    kronor_ = format({.number = options.tkr ? "#,##0," : "#,##0"});
    kronor_bold_ = format({.number = options.tkr ? "#,##0," : "#,##0", .bold = true});
    percent_ = format({.number = "0.0%"});
    decimal_ = format({.number = "0.0"});
    share_ = format({.number = "0.000"});
    // A probability stays a number (charts keep working); 0 and 1 read as the terminal writes them.
    probability_text_ = fmt::format("[=0]\"{}\";[=1]\"{}\";0.0%", chance_text(0.0, runs), chance_text(1.0, runs));
    probability_ = format({.number = probability_text_.c_str()});
    wrap_ = format({.wrap = true, .top = true});
    money_formats = {kronor_, kronor_bold_};
  }
  ~Book()
  {
    const QuietStderr quiet;
    if (book_ != nullptr) workbook_close(book_);
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  /// Closes and writes the file.
  void close()
  {
    errno = 0;
    lxw_error e = LXW_NO_ERROR;
    {
      const QuietStderr quiet;
      e = workbook_close(book_);
    }
    book_ = nullptr;
    if (e != LXW_NO_ERROR)
      throw InputError(fmt::format(
          "{}: arbetsboken kunde inte skrivas ({}); frigör utrymme eller välj en annan sökväg med -o; inget skrevs",
          path_, errno != 0 ? system_error_text(errno) : fmt::format("libxlsxwriter-fel {}", int(e))));
  }

  /// A sheet set to print on A4 landscape, fit to the page width, with the förbund and the sheet's
  /// title above every page, the page number below and its first row repeated (clarification 65;
  /// a sheet whose header is deeper calls titles()).
  lxw_worksheet* sheet(const std::string& name)
  {
    lxw_worksheet* ws = workbook_add_worksheet(book_, name.c_str());
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    const std::string head = "&L" + header_text(forbund_) + "&R" + header_text(name);
    worksheet_set_header(ws, head.c_str());
    worksheet_set_footer(ws, "&CSida &P av &N");
    worksheet_repeat_rows(ws, 0, 0);
    names_.push_back(name);
    return ws;
  }
  /// Repeats rows 0 … `last_header_row` (the rows above the first data row) on every printed page.
  static void titles(lxw_worksheet* ws, int last_header_row)
  {
    worksheet_repeat_rows(ws, 0, lxw_row_t(last_header_row));
  }
  lxw_chart* chart(uint8_t type) { return workbook_add_chart(book_, type); }

  /// An amount's unit in a header: "kr", or "tkr" when the workbook shows thousands.
  std::string unit() const { return options_.tkr ? "tkr" : "kr"; }

  lxw_format *title_, *bold_, *header_, *kronor_, *kronor_bold_, *percent_, *decimal_, *share_, *probability_, *wrap_;
  const std::vector<std::string>& names() const { return names_; }

 private:
  struct Style {
    const char* number = nullptr;
    bool bold = false;
    double size = 0.0;
    lxw_color_t fill = 0;
    bool wrap = false;
    bool top = false;
  };
  lxw_format* format(const Style& s)
  {
    lxw_format* f = workbook_add_format(book_);
    if (s.number != nullptr) format_set_num_format(f, s.number);
    if (s.bold) format_set_bold(f);
    if (s.size > 0.0) format_set_font_size(f, s.size);
    if (s.fill != 0) format_set_bg_color(f, s.fill);
    if (s.wrap) format_set_text_wrap(f);
    if (s.top) format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  }

  ReportOptions options_;
  std::string path_, folder_, forbund_, probability_text_;
  lxw_workbook* book_ = nullptr;
  std::vector<std::string> names_;
};

void text(lxw_worksheet* ws, int row, int col, const std::string& s, lxw_format* f = nullptr)
{
  worksheet_write_string(ws, lxw_row_t(row), lxw_col_t(col), s.c_str(), f);
}

/// A number, or an empty cell for NaN (a spreadsheet cannot hold one).
void number(lxw_worksheet* ws, int row, int col, double x, lxw_format* f)
{
  const bool money = std::find(money_formats.begin(), money_formats.end(), f) != money_formats.end();
  if (std::isfinite(x))
    worksheet_write_number(ws, lxw_row_t(row), lxw_col_t(col), money ? round_to_ore(x) : x, f);
  else
    worksheet_write_blank(ws, lxw_row_t(row), lxw_col_t(col), f);
}

void header_row(lxw_worksheet* ws, int row, const std::vector<std::string>& cells, lxw_format* f)
{
  for (std::size_t c = 0; c < cells.size(); ++c) text(ws, row, int(c), cells[c], f);
}

void widths(lxw_worksheet* ws, double first, double rest, int columns)
{
  worksheet_set_column(ws, 0, 0, first, nullptr);
  if (columns > 1) worksheet_set_column(ws, 1, lxw_col_t(columns - 1), rest, nullptr);
}

/// A series over rows [first, last] of `col`, with its name from the header cell.
lxw_chart_series* series(lxw_chart* chart, const std::string& sheet, int header, int first, int last, int category_col,
                         int col)
{
  lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
  chart_series_set_categories(s, sheet.c_str(), lxw_row_t(first), lxw_col_t(category_col), lxw_row_t(last),
                              lxw_col_t(category_col));
  chart_series_set_values(s, sheet.c_str(), lxw_row_t(first), lxw_col_t(col), lxw_row_t(last), lxw_col_t(col));
  chart_series_set_name_range(s, sheet.c_str(), lxw_row_t(header), lxw_col_t(col));
  return s;
}

/// The page breaks set on each sheet so far (libxlsxwriter takes them as one list per sheet).
std::map<lxw_worksheet*, std::vector<lxw_row_t>> page_breaks;

/// Puts `chart` on `ws` with its top left corner at (row, col), scaled from the default size. A
/// chart below a table (in the first columns, not at the top) starts a printed page, so that it is
/// never split across two.
template <typename Row, typename Col>
void insert_chart(lxw_worksheet* ws, lxw_chart* chart, Row row, Col col, double x_scale, double y_scale)
{
  // An A4 landscape page holds about 34 rows of 15 pt at full size (more when fitted to width).
  const double chart_rows = 288.0 * y_scale * 0.75 / 15.0;
  if (lxw_col_t(col) <= 1 && lxw_row_t(row) > 3 && double(row) + chart_rows > 34.0) {
    std::vector<lxw_row_t>& breaks = page_breaks[ws];
    breaks.push_back(lxw_row_t(row) - 1);
    std::vector<lxw_row_t> list = breaks;
    list.push_back(0);  // the list ends with a 0
    worksheet_set_h_pagebreaks(ws, list.data());
  }
  lxw_chart_options place{};
  place.x_scale = x_scale;
  place.y_scale = y_scale;
  worksheet_insert_chart_opt(ws, lxw_row_t(row), lxw_col_t(col), chart, &place);
}

void style_line(lxw_chart_series* s, lxw_color_t color, float width, uint8_t dash = LXW_CHART_LINE_DASH_SOLID)
{
  lxw_chart_line line{};
  line.color = color;
  line.width = width;
  line.dash_type = dash;
  chart_series_set_line(s, &line);
}

/// Rows of a table on a sheet: its header row, its first and last data rows, and the column of
/// the categories (the names on the chart's axis).
struct TableRows {
  int header, first, last, categories;
};

/// A horizontal bar chart of two columns of `rows` side by side, `before` light and `after` dark,
/// the first row on top and amounts on the value axis (kronor, or thousands with --tkr).
lxw_chart* paired_bars(Book& book, const std::string& sheet, const TableRows& rows, int before, int after,
                       const char* title)
{
  lxw_chart* chart = book.chart(LXW_CHART_BAR);
  for (const auto& [col, color] : {std::pair{before, light_blue}, std::pair{after, blue}}) {
    lxw_chart_fill fill{};
    fill.color = color;
    chart_series_set_fill(series(chart, sheet, rows.header, rows.first, rows.last, rows.categories, col), &fill);
  }
  chart_title_set_name(chart, title);
  chart_axis_set_num_format(chart->x_axis, book.unit() == "tkr" ? "#,##0," : "#,##0");
  chart_axis_set_reverse(chart->y_axis);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  return chart;
}

/// What the sheets read from the result file.
struct Result {
  const h5::Reader& file;
  std::vector<double> years;
  int first_year = 0;

  explicit Result(const h5::Reader& f) : file(f)
  {
    years = file.read("/deterministic/year").values;
    first_year = years.empty() ? 0 : int(years.front());
  }
  std::vector<double> values(const std::string& path) const { return file.read(path).values; }
  bool has(const std::string& path) const { return file.has(path); }
  std::string attribute(const std::string& object, const std::string& name) const
  {
    return file.has_attribute(object, name) ? file.string_attribute(object, name) : "";
  }
};

/// The result's sentences (the file's `summary` attribute), one per row merged across `columns`
/// columns and wrapped; returns the next free row.
int sentence_rows(Book& book, lxw_worksheet* ws, const Result& r, int row, int columns, double width)
{
  if (!r.file.has_attribute("/", "summary")) return row;
  for (const std::string& sentence : r.file.string_list_attribute("/", "summary")) {
    worksheet_merge_range(ws, lxw_row_t(row), 0, lxw_row_t(row), lxw_col_t(columns - 1), sentence.c_str(), book.wrap_);
    const double lines = std::ceil(double(display_width(sentence)) * 0.95 / width);
    worksheet_set_row(ws, lxw_row_t(row), 15.0 * std::max(1.0, lines) + 2.0, nullptr);
    ++row;
  }
  return row + 1;
}

void summary_sheet(Book& book, const Result& r)
{
  lxw_worksheet* ws = book.sheet("Sammanfattning");
  const std::string name = r.attribute("/", "scenario_name");
  const int last_year = r.first_year + int(r.years.size()) - 1;
  text(ws, 0, 0,
       last_year == r.first_year ? fmt::format("{}: {}", name, r.first_year)
                                 : fmt::format("{}: {}–{}", name, r.first_year, last_year),
       book.title_);
  const bool mc = r.has("/montecarlo");
  constexpr int columns = 9;
  int row = sentence_rows(book, ws, r, 2, columns, 24 + 8 * 15);
  const int header = row;
  const std::string u = book.unit();
  header_row(ws, header,
             {"År", "Driftbidrag (" + u + ")", "Övriga intäkter (" + u + ")", "Kostnader (" + u + ")",
              "Årets resultat (" + u + ")", "Eget kapital (" + u + ")", "EK/driftbidrag", "Tak 20 % (" + u + ")",
              "Lägsta kassa (" + u + ")"},
             book.header_);
  worksheet_set_row(ws, lxw_row_t(header), 30, nullptr);  // room for the wrapped headings
  const std::vector<std::string> columns_read{"driftbidrag", "income",       "costs",      "result",
                                              "equity",      "equity_ratio", "equity_cap", "cash_min"};
  std::vector<std::vector<double>> data;
  for (const std::string& c : columns_read) data.push_back(r.values("/deterministic/" + c));
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    number(ws, header + 1 + int(y), 0, r.years[y], nullptr);
    for (std::size_t c = 0; c < columns_read.size(); ++c)
      number(ws, header + 1 + int(y), int(c) + 1, data[c][y],
             columns_read[c] == "equity_ratio" ? book.percent_ : book.kronor_);
  }
  row = header + 2 + int(r.years.size());
  text(ws, row++, 0, "Flaggor (förväntade värden)", book.bold_);
  const std::vector<double> equity = data[4], cap = data[6], cash_min = data[7];
  const double floor = r.file.number_attribute("/deterministic", "equity_floor");
  int flags = 0;
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    const int year = int(r.years[y]);
    const auto flag = [&](const std::string& line) {
      text(ws, row++, 0, line);
      ++flags;
    };
    if (equity[y] > cap[y])
      flag(fmt::format("{}: eget kapital {} kr är {} kr över taket {} kr", year, format_kronor(equity[y]),
                       format_kronor(equity[y] - cap[y]), format_kronor(cap[y])));
    if (equity[y] < floor)
      flag(fmt::format("{}: eget kapital {} kr är {} kr under golvet {} kr", year, format_kronor(equity[y]),
                       format_kronor(floor - equity[y]), format_kronor(floor)));
    if (cash_min[y] < 0.0) flag(fmt::format("{}: kassan är som lägst {} kr", year, format_kronor(cash_min[y])));
  }
  if (flags == 0) text(ws, row++, 0, "Inga: eget kapital inom golv och tak och kassan över noll alla år.");
  if (mc) {
    row += 1;
    text(
        ws, row++, 0,
        fmt::format("Risker ({} Monte Carlo-körningar)", format_kronor(r.file.number_attribute("/montecarlo", "runs"))),
        book.bold_);
    const int risk_header = row;
    header_row(ws, risk_header, {"År", "EK över taket", "EK under golvet", "Kassa under noll"}, book.header_);
    const std::vector<std::string> risks{"p_equity_above_cap", "p_equity_below_floor", "p_cash_negative"};
    for (std::size_t k = 0; k < risks.size(); ++k) {
      const std::vector<double> p = r.values("/montecarlo/" + risks[k]);
      for (std::size_t y = 0; y < r.years.size(); ++y) {
        number(ws, risk_header + 1 + int(y), 0, r.years[y], nullptr);
        number(ws, risk_header + 1 + int(y), int(k) + 1, p[y], book.probability_);
      }
    }
    row = risk_header + 1 + int(r.years.size());
  }
  const std::string warnings = r.attribute("/", "warnings");
  if (!warnings.empty())
    text(ws, ++row, 0,
         fmt::format("{} om indata: se bladet Om.",
                     std::count(warnings.begin(), warnings.end(), '\n') == 0
                         ? std::string("En varning")
                         : fmt::format("{} varningar", std::count(warnings.begin(), warnings.end(), '\n') + 1)));
  widths(ws, 24, 15, columns);
  Book::titles(ws, 0);
}

/// Column by column, the sum of the rows' amounts (NaN, an empty cell, counts as nothing; a column
/// with no amount stays empty), rounded to öre: a subtotal is the sum of the rows shown.
std::vector<double> column_sums(const std::vector<std::vector<double>>& rows, std::size_t columns)
{
  std::vector<double> sum(columns, std::nan(""));
  for (const std::vector<double>& row : rows)
    for (std::size_t c = 0; c < columns && c < row.size(); ++c)
      if (std::isfinite(row[c])) sum[c] = (std::isfinite(sum[c]) ? sum[c] : 0.0) + row[c];
  for (double& x : sum) x = round_to_ore(x);
  return sum;
}

/// A statement being written down a sheet from `row`: headings, lines (indented) and subtotals
/// (bold), each with an amount per column from column 1, rounded to öre.
class Statement {
 public:
  Statement(Book& book, lxw_worksheet* ws, int row, std::size_t columns)
      : book_(book), ws_(ws), row_(row), columns_(columns)
  {
  }
  void heading(const std::string& label) { text(ws_, row_++, 0, label, book_.bold_); }
  /// A line; returns its amounts as shown.
  std::vector<double> line(const std::string& label, const std::vector<double>& values)
  {
    return write("  " + label, values, nullptr, book_.kronor_);
  }
  /// A subtotal or total (bold); returns its amounts as shown.
  std::vector<double> total(const std::string& label, const std::vector<double>& values)
  {
    return write(label, values, book_.bold_, book_.kronor_bold_);
  }
  void note(const std::string& sentence) { text(ws_, row_++, 0, sentence); }
  void skip() { ++row_; }
  int row() const { return row_; }

 private:
  std::vector<double> write(const std::string& label, const std::vector<double>& values, lxw_format* label_format,
                            lxw_format* amount_format)
  {
    std::vector<double> shown(columns_, std::nan(""));
    text(ws_, row_, 0, label, label_format);
    for (std::size_t c = 0; c < columns_ && c < values.size(); ++c) {
      shown[c] = round_to_ore(values[c]);
      number(ws_, row_, int(c) + 1, shown[c], amount_format);
    }
    ++row_;
    return shown;
  }

  Book& book_;
  lxw_worksheet* ws_;
  int row_;
  std::size_t columns_;
};

/// The header row of a statement: "Belopp i kr" (or tkr) and a heading per column; a year stands
/// as a number, so that it lines up with the amounts below it.
void statement_header(Book& book, lxw_worksheet* ws, const std::vector<std::string>& columns)
{
  text(ws, 0, 0, "Belopp i " + book.unit(), book.header_);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string& h = columns[c];
    if (!h.empty() && std::all_of(h.begin(), h.end(), [](char x) { return x >= '0' && x <= '9'; }))
      number(ws, 0, int(c) + 1, std::stod(h), book.header_);
    else
      text(ws, 0, int(c) + 1, h, book.header_);
  }
  worksheet_set_row(ws, 0, 30, nullptr);  // room for a wrapped heading
}

/// With year-to-date actuals (`/forecast` with its budget to date): per forecast line the budget
/// to date, the actual to date and the deviation (positive: better), by line name.
struct ToDate {
  bool present = false;
  int month = 0;  ///< the last month booked, 1–12
  std::string basis;
  std::vector<std::string> lines;
  std::vector<double> budget, actual, deviation;

  explicit ToDate(const Result& r)
  {
    const std::string g = "/forecast/";
    if (!r.has(g + "budget_to_date") || !r.has(g + "deviation_to_date")) return;
    present = true;
    const std::string through = r.attribute("/forecast", "through");
    month = through.size() == 7 ? std::stoi(through.substr(5, 2)) : 12;
    basis = r.attribute("/forecast", "basis");
    lines = r.file.read(g + "line").texts;
    budget = r.values(g + "budget_to_date");
    actual = r.values(g + "actual_to_date");
    deviation = r.values(g + "deviation_to_date");
  }
  /// The three amounts of line `name` (NaN: not a forecast line).
  std::vector<double> of(const std::string& name) const
  {
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i] == name) return {budget[i], actual[i], deviation[i]};
    return std::vector<double>(3, std::nan(""));
  }
  /// "jan–aug 2023": the months booked.
  std::string period(int year) const
  {
    const std::string last = std::string(month_name(month)).substr(0, 3);
    return month <= 1 ? fmt::format("jan {}", year) : fmt::format("jan–{} {}", last, year);
  }
};

/// The Resultaträkning as the seeds' budgets and årsredovisningar lay it out: verksamhetens
/// intäkter (driftbidrag per member, other income), kostnader för insatser, styrelse och kansli,
/// other costs, their sums and årets resultat, a column per year; with year-to-date actuals the
/// budget and utfall to date and the deviation in three more columns (seeds 001 and 004).
void income_statement_sheet(Book& book, const Result& r)
{
  lxw_worksheet* ws = book.sheet("Resultaträkning");
  const std::size_t Y = r.years.size();
  const ToDate to_date(r);
  const std::size_t columns = Y + (to_date.present ? 3 : 0);
  std::vector<std::string> headings;
  for (std::size_t y = 0; y < Y; ++y)
    headings.push_back(to_date.present && y == 0 ? fmt::format("Prognos {}", int(r.years[y]))
                                                 : fmt::format("{}", int(r.years[y])));
  if (to_date.present)
    for (const char* what : {"Budget", "Utfall", "Avvikelse"})
      headings.push_back(fmt::format("{} {}", what, to_date.period(r.first_year)));
  statement_header(book, ws, headings);

  // A line's amounts: its years, then (with actuals to date) its forecast line's three amounts.
  const auto amounts = [&](const std::vector<double>& values, std::size_t i, const std::string& name) {
    std::vector<double> v(values.begin() + std::ptrdiff_t(i * Y), values.begin() + std::ptrdiff_t((i + 1) * Y));
    if (to_date.present)
      for (double x : name.empty() ? std::vector<double>(3, std::nan("")) : to_date.of(name)) v.push_back(x);
    return v;
  };
  Statement s(book, ws, 1, columns);
  // The lines of `names` that `keep` accepts under `title` and, when there are any, their subtotal
  // (none when there are no such lines).
  const auto block = [&](const std::string& title, const std::vector<std::string>& names,
                         const std::vector<double>& values, const auto& keep, const std::string& total_label) {
    std::vector<std::vector<double>> rows;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (keep(i)) {
        if (rows.empty()) s.heading(title);
        rows.push_back(s.line(names[i], amounts(values, i, names[i])));
      }
    return rows.empty() ? std::vector<double>{} : s.total(total_label, column_sums(rows, columns));
  };
  const auto all = [](std::size_t) { return true; };
  const std::string d = "/deterministic/";

  s.heading("Verksamhetens intäkter");
  // The driftbidrag per member; its actual to date is booked for the members together, so the
  // columns to date stand on the sum only.
  const std::vector<std::string> members = r.file.labels(d + "member");
  const std::vector<double> contributions = r.values(d + "member_contributions");
  std::vector<std::vector<double>> member_rows;
  for (std::size_t i = 0; i < members.size(); ++i)
    member_rows.push_back(s.line("Driftbidrag från " + members[i], amounts(contributions, i, "")));
  std::vector<double> driftbidrag = column_sums(member_rows, columns);
  if (to_date.present) {
    const std::vector<double> whole = to_date.of("driftbidrag");
    std::copy(whole.begin(), whole.end(), driftbidrag.begin() + std::ptrdiff_t(Y));
  }
  driftbidrag = s.total("Summa driftbidrag", driftbidrag);
  std::vector<std::vector<double>> income_totals;
  income_totals.push_back(driftbidrag);
  const std::vector<std::string> incomes = r.file.labels(d + "income_line");
  const std::vector<double> other_income =
      block("Övriga intäkter", incomes, r.values(d + "income_lines"), all, "Summa övriga intäkter");
  if (!other_income.empty()) income_totals.push_back(other_income);
  const std::vector<double> revenue = income_totals.size() > 1
                                          ? s.total("Summa verksamhetens intäkter", column_sums(income_totals, columns))
                                          : driftbidrag;
  s.skip();

  s.heading("Verksamhetens kostnader");
  std::vector<std::vector<double>> cost_totals;
  const auto add = [&](const std::vector<double>& subtotal) {
    if (!subtotal.empty()) cost_totals.push_back(subtotal);
  };
  add(block("Kostnader för insatser", r.file.labels(d + "insats"), r.values(d + "insats_costs"), all,
            "Summa kostnader för insatser"));
  const std::vector<std::string> lines = r.file.labels(d + "line");
  // Files written before the cost lines' kind was kept have none: every line is another cost.
  const std::vector<std::string> kinds =
      r.has(d + "line_kind") ? r.file.read(d + "line_kind").texts : std::vector<std::string>(lines.size(), "other");
  const std::vector<double> line_costs = r.values(d + "line_costs");
  const auto admin = [&](std::size_t i) { return kinds[i] == "kansli" || kinds[i] == "styrelse"; };
  add(block("Styrelse och kansli", lines, line_costs, admin, "Summa styrelse och kansli"));
  add(block(
      "Övriga kostnader", lines, line_costs, [&](std::size_t i) { return !admin(i); }, "Summa övriga kostnader"));
  if (cost_totals.empty()) cost_totals.push_back(std::vector<double>(Y, 0.0));  // a förbund without costs
  const std::vector<double> costs = s.total("Summa kostnader", column_sums(cost_totals, columns));
  s.skip();
  // Årets resultat: intäkter − kostnader; the deviation column adds (each deviation is "better").
  std::vector<double> result(columns, std::nan(""));
  for (std::size_t c = 0; c < columns; ++c)
    result[c] = to_date.present && c == columns - 1 ? revenue[c] + costs[c] : revenue[c] - costs[c];
  s.total("Årets resultat", result);
  if (to_date.present) {
    s.skip();
    s.note(fmt::format("Prognos {}: utfallet t.o.m. {} och resten av året med förväntade värden (se Prognos).",
                       r.first_year, month_name(to_date.month)));
    s.note(fmt::format(
        "Budget {}: det budgeten {} t.o.m. {}. Avvikelse: positiv när utfallet är bättre än budget (högre intäkt, "
        "lägre kostnad); tom där inget utfall angetts.",
        to_date.period(r.first_year), to_date.basis == "accrued" ? "periodiserar" : "betalar enligt betalningsplanerna",
        month_name(to_date.month)));
  }
  widths(ws, 46, 16, int(columns) + 1);
  worksheet_freeze_panes(ws, 1, 1);
}

/// The month-end index of December of each year in the monthly series.
std::size_t december(std::size_t y) { return 12 * y + 11; }

/// What the balance sheet and the cash flow statement read: per column (the opening balance, then
/// each 31 December) cash, receivables, payables and the equity at the start of the year.
struct Balances {
  std::vector<double> cash, receivables, payables;
  double opening_equity = 0.0, other = 0.0;

  explicit Balances(const Result& r)
  {
    const std::string d = "/deterministic";
    cash = {r.file.number_attribute(d, "opening_cash")};
    receivables = {r.file.number_attribute(d, "opening_receivables")};
    payables = {r.file.number_attribute(d, "opening_payables")};
    opening_equity = r.file.number_attribute(d, "opening_equity");
    other = r.file.number_attribute(d, "other_net_assets");
    const std::vector<double> c = r.values(d + "/cash"), f = r.values(d + "/receivables"),
                              s = r.values(d + "/payables");
    for (std::size_t y = 0; y < r.years.size(); ++y) {
      cash.push_back(c[december(y)]);
      receivables.push_back(f[december(y)]);
      payables.push_back(s[december(y)]);
    }
  }
};

/// The Balansräkning as the seeds' årsredovisningar: TILLGÅNGAR (kassa och bank, fordringar) and
/// EGET KAPITAL OCH SKULDER (EK vid årets ingång + årets resultat, kortfristiga skulder), the
/// ingående balans and then each 31 December. A remainder of the opening balance (equity − cash −
/// receivables + payables, clarifications 26 and 85) stands as "Övriga nettotillgångar" (or, when
/// negative, "Övriga nettoskulder") so that it balances.
void balance_sheet(Book& book, const Result& r)
{
  lxw_worksheet* ws = book.sheet("Balansräkning");
  const std::size_t Y = r.years.size(), columns = Y + 1;
  std::vector<std::string> headings{fmt::format("Ingående balans {}-01-01", r.first_year)};
  for (std::size_t y = 0; y < Y; ++y) headings.push_back(fmt::format("{}-12-31", int(r.years[y])));
  statement_header(book, ws, headings);
  const Balances b(r);
  const std::vector<double> equity = r.values("/deterministic/equity"), result = r.values("/deterministic/result");
  const double other = round_to_ore(b.other);
  const std::vector<double> others(columns, std::fabs(other));

  Statement s(book, ws, 1, columns);
  s.heading("TILLGÅNGAR");
  std::vector<std::vector<double>> assets{s.line("Kassa och bank", b.cash), s.line("Fordringar", b.receivables)};
  if (other > 0.0) assets.push_back(s.line("Övriga nettotillgångar", others));
  s.total("Summa tillgångar", column_sums(assets, columns));
  s.skip();

  s.heading("EGET KAPITAL OCH SKULDER");
  s.heading("Eget kapital");
  std::vector<double> opening{b.opening_equity}, year_result{std::nan("")};
  for (std::size_t y = 0; y < Y; ++y) {
    opening.push_back(y == 0 ? b.opening_equity : equity[y - 1]);
    year_result.push_back(result[y]);
  }
  const std::vector<double> own =
      s.total("Summa eget kapital",
              column_sums({s.line("EK vid årets ingång", opening), s.line("Årets resultat", year_result)}, columns));
  s.heading("Skulder");
  std::vector<std::vector<double>> debts{s.line("Kortfristiga skulder", b.payables)};
  if (other < 0.0) debts.push_back(s.line("Övriga nettoskulder", others));
  const std::vector<double> total_debts = s.total("Summa skulder", column_sums(debts, columns));
  s.total("Summa eget kapital och skulder", column_sums({own, total_debts}, columns));
  if (other != 0.0) {
    s.skip();
    s.note(
        fmt::format("Övriga {}: den ingående balansens rest (eget kapital − kassa − fordringar + skulder), "
                    "oförändrad över åren.",
                    other > 0.0 ? "nettotillgångar" : "nettoskulder"));
  }
  widths(ws, 40, 16, int(columns) + 1);
  worksheet_freeze_panes(ws, 1, 1);
}

/// The Kassaflöde sheet: the yearly kassaflödesanalys at the top (årets resultat, the change in
/// receivables and payables, the cash at the start and at the end of the year), then the month-end
/// cash, receivables and payables with a chart of the cash (clarification 85).
void cash_flow_sheet(Book& book, const Result& r)
{
  const std::string name = "Kassaflöde";
  lxw_worksheet* ws = book.sheet(name);
  const std::string u = book.unit();
  const std::size_t Y = r.years.size();
  std::vector<std::string> headings;
  for (std::size_t y = 0; y < Y; ++y) headings.push_back(fmt::format("{}", int(r.years[y])));
  statement_header(book, ws, headings);
  const Balances b(r);
  const std::vector<double> result = r.values("/deterministic/result");
  // b's columns: the opening balance, then each December; year y runs from column y to y + 1.
  std::vector<double> receivables_change, payables_change, start, end;
  for (std::size_t y = 0; y < Y; ++y) {
    receivables_change.push_back(round_to_ore(b.receivables[y]) - round_to_ore(b.receivables[y + 1]));
    payables_change.push_back(round_to_ore(b.payables[y + 1]) - round_to_ore(b.payables[y]));
    start.push_back(b.cash[y]);
    end.push_back(b.cash[y + 1]);
  }
  Statement s(book, ws, 1, Y);
  s.heading("Den löpande verksamheten");
  s.total("Kassaflöde från den löpande verksamheten",
          column_sums({s.line("Årets resultat", result),
                       s.line("Ökning/minskning av kortfristiga fordringar", receivables_change),
                       s.line("Ökning/minskning av kortfristiga skulder", payables_change)},
                      Y));
  s.skip();
  s.line("Likvida medel vid årets början", start);
  s.total("Likvida medel vid årets slut", end);
  s.skip();
  s.note(
      "Fordringar som ökar binder kassa och står med minus; skulder som ökar står med plus. "
      "Likvida medel vid årets början + kassaflödet = likvida medel vid årets slut.");
  s.skip();

  // The chart of the month-end cash, then the monthly table (with its own header row) below it.
  const int chart_row = s.row();
  const int header = chart_row + 19;
  text(ws, header - 1, 0, "Månad för månad", book.bold_);
  header_row(ws, header,
             {"Månad", "Kassa vid månadens slut (" + u + ")", "Fordringar (" + u + ")", "Skulder (" + u + ")", "Noll"},
             book.header_);
  worksheet_set_row(ws, lxw_row_t(header), 30, nullptr);
  const std::vector<double> months = r.values("/deterministic/month"), cash = r.values("/deterministic/cash"),
                            receivables = r.values("/deterministic/receivables"),
                            payables = r.values("/deterministic/payables");
  for (std::size_t m = 0; m < months.size(); ++m) {
    const int yyyymm = int(months[m]), at = header + 1 + int(m);
    text(ws, at, 0, fmt::format("{}-{:02}", yyyymm / 100, yyyymm % 100));
    number(ws, at, 1, round_to_ore(cash[m]), book.kronor_);
    number(ws, at, 2, round_to_ore(receivables[m]), book.kronor_);
    number(ws, at, 3, round_to_ore(payables[m]), book.kronor_);
    number(ws, at, 4, 0.0, book.kronor_);
  }
  lxw_chart* chart = book.chart(LXW_CHART_LINE);
  const int first = header + 1, last = header + int(months.size());
  style_line(series(chart, name, header, first, last, 0, 1), blue, 2.25);
  style_line(series(chart, name, header, first, last, 0, 4), red, 1.0, LXW_CHART_LINE_DASH_DASH);
  chart_title_set_name(chart, "Kassa vid månadens slut");
  chart_axis_set_num_format(chart->y_axis, u == "tkr" ? "#,##0," : "#,##0");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  insert_chart(ws, chart, chart_row, 0, 1.75, 1.2);  // as wide as the tables below it
  widths(ws, 46, 18, int(std::max<std::size_t>(Y, 4)) + 1);
  worksheet_freeze_panes(ws, 1, 1);
}

void equity_sheet(Book& book, const Result& r)
{
  const std::string name = "Eget kapital";
  lxw_worksheet* ws = book.sheet(name);
  const std::string u = book.unit();
  // The series in chart order: the up-down bars run from the first (P5) to the last (P95).
  header_row(ws, 0,
             {"År", "P5 (" + u + ")", "P25 (" + u + ")", "P50 (" + u + ")", "P75 (" + u + ")", "Tak 20 % (" + u + ")",
              "Golv (" + u + ")", "P95 (" + u + ")", "Medel (" + u + ")"},
             book.header_);
  const std::vector<double> q = r.values("/montecarlo/equity_q"), mean = r.values("/montecarlo/equity_mean"),
                            cap = r.values("/deterministic/equity_cap");
  const double floor = r.file.number_attribute("/deterministic", "equity_floor");
  const std::size_t levels = 9;
  const int at[] = {1, 3, 4, 5};  // P5, P25, P50, P75 in the nine levels
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    const int row = int(y) + 1;
    number(ws, row, 0, r.years[y], nullptr);
    for (int k = 0; k < 4; ++k) number(ws, row, k + 1, q[y * levels + std::size_t(at[k])], book.kronor_);
    number(ws, row, 5, cap[y], book.kronor_);
    number(ws, row, 6, floor, book.kronor_);
    number(ws, row, 7, q[y * levels + 7], book.kronor_);
    number(ws, row, 8, mean[y], book.kronor_);
  }
  const int last = int(r.years.size());
  lxw_chart* chart = book.chart(LXW_CHART_LINE);
  style_line(series(chart, name, 0, 1, last, 0, 1), light_blue, 0.75);
  style_line(series(chart, name, 0, 1, last, 0, 2), blue, 1.25, LXW_CHART_LINE_DASH_DASH);
  style_line(series(chart, name, 0, 1, last, 0, 3), blue, 3.0);
  style_line(series(chart, name, 0, 1, last, 0, 4), blue, 1.25, LXW_CHART_LINE_DASH_DASH);
  style_line(series(chart, name, 0, 1, last, 0, 5), red, 1.5);
  style_line(series(chart, name, 0, 1, last, 0, 6), grey, 1.5);
  style_line(series(chart, name, 0, 1, last, 0, 7), light_blue, 0.75);
  lxw_chart_fill band{};
  band.color = light_blue;
  band.transparency = 40;
  lxw_chart_line edge{};
  edge.none = 1;
  chart_set_up_down_bars_format(chart, &edge, &band, &edge, &band);
  chart_title_set_name(chart, "Eget kapital: P5–P95 (band), P25 och P75 (streckade), median");
  chart_axis_set_num_format(chart->y_axis, book.unit() == "tkr" ? "#,##0," : "#,##0");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  insert_chart(ws, chart, last + 3, 0, 1.8, 1.5);
  widths(ws, 8, 16, 9);
  worksheet_freeze_panes(ws, 1, 1);
}

void participants_sheet(Book& book, const Result& r)
{
  const std::string name = "Deltagare", g = "/deterministic/participants/";
  lxw_worksheet* ws = book.sheet(name);
  const std::vector<std::string> insatser = r.file.labels(g + "insats"), reasons = r.file.labels(g + "reason");
  const std::vector<std::string> header{"Insats",
                                        "År",
                                        "Remisser",
                                        "Startade",
                                        "Deltagare",
                                        "Aktiva vid årets slut",
                                        "Kö vid årets slut",
                                        "Avslut",
                                        "Andel till arbete eller studier"};
  header_row(ws, 0, header, book.header_);
  const std::size_t years = r.years.size(), n_reasons = reasons.size();
  const std::vector<std::string> per_year{"referrals", "starts", "served", "active_end", "queue_end"};
  std::vector<std::vector<double>> v;
  for (const std::string& d : per_year) v.push_back(r.values(g + d));
  const std::vector<double> by_reason = r.values(g + "exits_by_reason"), share = r.values(g + "share_work_studies");
  const auto exits = [&](std::size_t i, std::size_t k, std::size_t y) {
    return by_reason[(i * n_reasons + k) * years + y];
  };
  int row = 1;
  for (std::size_t i = 0; i < insatser.size(); ++i)
    for (std::size_t y = 0; y < years; ++y, ++row) {
      text(ws, row, 0, insatser[i]);
      number(ws, row, 1, r.years[y], nullptr);
      double all = 0.0;
      for (std::size_t k = 0; k < n_reasons; ++k) all += exits(i, k, y);
      for (std::size_t d = 0; d < per_year.size(); ++d) number(ws, row, int(d) + 2, v[d][i * years + y], book.decimal_);
      number(ws, row, 7, all, book.decimal_);
      number(ws, row, 8, share[i * years + y], book.percent_);
    }
  // Exits by reason per insats: one row per insats and reason with any exit, the years as columns
  // (narrow enough to print at a readable size).
  row += 2;
  text(ws, row++, 0, "Avslut per insats och orsak (orsaker utan avslut visas inte)", book.bold_);
  header_row(ws, row, {"Insats", "Orsak"}, book.header_);
  for (std::size_t y = 0; y < years; ++y) text(ws, row, int(y) + 2, fmt::format("{}", int(r.years[y])), book.header_);
  ++row;
  for (std::size_t i = 0; i < insatser.size(); ++i)
    for (std::size_t k = 0; k < n_reasons; ++k) {
      double any = 0.0;
      for (std::size_t y = 0; y < years; ++y) any += exits(i, k, y);
      if (any == 0.0) continue;
      text(ws, row, 0, insatser[i]);
      text(ws, row, 1, label_word(reasons[k]));
      for (std::size_t y = 0; y < years; ++y) number(ws, row, int(y) + 2, exits(i, k, y), book.decimal_);
      ++row;
    }
  // The förbund's exits by reason and year (reasons as rows), for the stacked column chart.
  const int table = row + 2;
  text(ws, table - 1, 0, "Förbundets avslut per orsak", book.bold_);
  text(ws, table, 0, "Orsak", book.header_);
  const std::vector<double> total = r.values(g + "forbund_exits_by_reason");
  for (std::size_t y = 0; y < years; ++y) text(ws, table, int(y) + 1, fmt::format("{}", int(r.years[y])), book.header_);
  lxw_chart* chart = book.chart(LXW_CHART_COLUMN_STACKED);
  for (std::size_t k = 0; k < n_reasons; ++k) {
    const auto at = lxw_row_t(table + 1 + int(k));
    text(ws, int(at), 0, label_word(reasons[k]));
    for (std::size_t y = 0; y < years; ++y) number(ws, int(at), int(y) + 1, total[k * years + y], book.decimal_);
    lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(s, name.c_str(), lxw_row_t(table), 1, lxw_row_t(table), lxw_col_t(years));
    chart_series_set_values(s, name.c_str(), at, 1, at, lxw_col_t(years));
    chart_series_set_name_range(s, name.c_str(), at, 0);
  }
  chart_title_set_name(chart, "Avslut per orsak, hela förbundet");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
  insert_chart(ws, chart, table + int(n_reasons) + 2, 0, 1.8, 1.4);
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, 1, 24, nullptr);  // År, and below the reason in words
  worksheet_set_column(ws, 2, lxw_col_t(header.size() - 1), 11, nullptr);
  worksheet_set_row(ws, 0, 45, nullptr);
  worksheet_freeze_panes(ws, 1, 1);
}

void comparison_sheet(Book& book, const Result& r)
{
  const std::string name = "Jämförelse", g = "/compare/";
  lxw_worksheet* ws = book.sheet(name);
  const std::vector<std::string> scenarios = r.file.labels(g + "scenario");
  const std::vector<double> years = r.values(g + "year"), q = r.values(g + "equity_q"),
                            above = r.values(g + "p_equity_above_cap"), below = r.values(g + "p_equity_below_floor"),
                            cash = r.values(g + "p_cash_negative"), delta = r.values(g + "delta_equity_mean"),
                            delta_se = r.values(g + "delta_equity_se"), higher = r.values(g + "p_equity_higher");
  const std::size_t n_years = years.size(), levels = 9;
  const std::string u = book.unit();
  header_row(
      ws, 0,
      {"Scenario", "År", "EK P5 (" + u + ")", "EK P50 (" + u + ")", "EK P95 (" + u + ")", "P(EK > tak)", "P(EK < golv)",
       "P(kassa < 0)", "ΔEK mot basen, medel (" + u + ")", "ΔEK, medelfel (" + u + ")", "P(EK > basens)"},
      book.header_);
  int row = 1;
  for (std::size_t s = 0; s < scenarios.size(); ++s)
    for (std::size_t y = 0; y < n_years; ++y, ++row) {
      const std::size_t at = s * n_years + y;
      text(ws, row, 0, scenarios[s]);
      number(ws, row, 1, years[y], nullptr);
      number(ws, row, 2, q[at * levels + 1], book.kronor_);
      number(ws, row, 3, q[at * levels + 4], book.kronor_);
      number(ws, row, 4, q[at * levels + 7], book.kronor_);
      number(ws, row, 5, above[at], book.probability_);
      number(ws, row, 6, below[at], book.probability_);
      number(ws, row, 7, cash[at], book.probability_);
      number(ws, row, 8, delta[at], book.kronor_);
      number(ws, row, 9, delta_se[at], book.kronor_);
      number(ws, row, 10, higher[at], book.probability_);
    }
  // Per year, each scenario's P5, P50 and P95 side by side: the chart's series.
  const int table = row + 2;
  text(ws, table, 0, "År", book.header_);
  for (std::size_t s = 0; s < scenarios.size(); ++s)
    for (int k = 0; k < 3; ++k)
      text(ws, table, int(3 * s) + k + 1, scenarios[s] + (k == 0 ? " P5" : k == 1 ? " P50" : " P95"), book.header_);
  for (std::size_t y = 0; y < n_years; ++y) {
    text(ws, table + 1 + int(y), 0, fmt::format("{}", int(years[y])));
    for (std::size_t s = 0; s < scenarios.size(); ++s)
      for (int k = 0; k < 3; ++k)
        number(ws, table + 1 + int(y), int(3 * s) + k + 1,
               q[(s * n_years + y) * levels + std::size_t(k == 0   ? 1
                                                          : k == 1 ? 4
                                                                   : 7)],
               book.kronor_);
  }
  // The base's cap as a line beside the scenarios' equity.
  const int cap_col = int(3 * scenarios.size()) + 1;
  const bool has_cap = r.has(g + "equity_cap");
  if (has_cap) {
    const std::vector<double> cap = r.values(g + "equity_cap");
    text(ws, table, cap_col, "Tak 20 % (" + scenarios.front() + ")", book.header_);
    for (std::size_t y = 0; y < n_years; ++y) number(ws, table + 1 + int(y), cap_col, cap[y], book.kronor_);
  }
  const lxw_color_t colors[] = {blue, green, red, grey, light_blue};
  lxw_chart* chart = book.chart(LXW_CHART_LINE);
  for (std::size_t s = 0; s < scenarios.size(); ++s)
    for (int k = 0; k < 3; ++k)
      style_line(series(chart, name, table, table + 1, table + int(n_years), 0, int(3 * s) + k + 1), colors[s % 5],
                 k == 1 ? 2.5f : 1.0f, k == 1 ? LXW_CHART_LINE_DASH_SOLID : LXW_CHART_LINE_DASH_DASH);
  if (has_cap) style_line(series(chart, name, table, table + 1, table + int(n_years), 0, cap_col), red, 2.0);
  chart_title_set_name(chart, "Eget kapital per scenario: median (heldragen), P5–P95 (streckade) och taket");
  chart_axis_set_num_format(chart->y_axis, book.unit() == "tkr" ? "#,##0," : "#,##0");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  insert_chart(ws, chart, table + int(n_years) + 2, 0, 1.8, 1.5);
  // Every scenario's yearly key table (expected values), as the Sammanfattning shows the base's.
  if (r.has(g + "driftbidrag")) {
    int at = table + int(n_years) + 2 + 24;
    const std::vector<std::string> columns{"driftbidrag", "income",       "costs",      "result",
                                           "equity",      "equity_ratio", "equity_cap", "cash_min"};
    std::vector<std::vector<double>> data;
    for (const std::string& c : columns) data.push_back(r.values(g + c));
    for (std::size_t sc = 0; sc < scenarios.size(); ++sc) {
      text(ws, at++, 0, fmt::format("{} (förväntade värden)", scenarios[sc]), book.bold_);
      header_row(ws, at,
                 {"År", "Driftbidrag (" + u + ")", "Övriga intäkter (" + u + ")", "Kostnader (" + u + ")",
                  "Årets resultat (" + u + ")", "Eget kapital (" + u + ")", "EK/driftbidrag", "Tak 20 % (" + u + ")",
                  "Lägsta kassa (" + u + ")"},
                 book.header_);
      worksheet_set_row(ws, lxw_row_t(at), 30, nullptr);
      for (std::size_t y = 0; y < n_years; ++y) {
        number(ws, at + 1 + int(y), 0, years[y], nullptr);
        for (std::size_t c = 0; c < columns.size(); ++c)
          number(ws, at + 1 + int(y), int(c) + 1, data[c][sc * n_years + y],
                 columns[c] == "equity_ratio" ? book.percent_ : book.kronor_);
      }
      at += int(n_years) + 2;
    }
  }
  widths(ws, 30, 15, 11);
  worksheet_set_row(ws, 0, 45, nullptr);
  worksheet_freeze_panes(ws, 1, 1);
}

void room_sheet(Book& book, const Result& r)
{
  const std::string name = "Utrymme", g = "/room/";
  lxw_worksheet* ws = book.sheet(name);
  const std::string u = book.unit();
  text(ws, 0, 0, fmt::format("Utrymme för nya insatser från {}", int(r.file.number_attribute("/room", "from"))),
       book.title_);
  int row = sentence_rows(book, ws, r, 2, 6, 30 + 5 * 18);
  const double max = r.values(g + "max_extra_spend").front(), min = r.values(g + "min_extra_spend").front();
  const std::vector<double> max_ci = r.values(g + "max_extra_spend_ci"), min_ci = r.values(g + "min_extra_spend_ci");
  const h5::DatasetValues binding = r.file.read(g + "binding_limit");
  const auto fact = [&](const std::string& label, double value, lxw_format* f) {
    text(ws, row, 0, label, book.bold_);
    number(ws, row++, 1, value, f);
  };
  fact("Högst extra per år (" + u + ")", max, book.kronor_);
  fact("  95 %-intervall, lägre", max_ci[0], book.kronor_);
  fact("  95 %-intervall, högre", max_ci[1], book.kronor_);
  fact("Minst extra per år (" + u + ")", min, book.kronor_);
  const std::optional<RoomLimit> limit = limit_named(binding.texts.empty() ? "" : binding.texts.front());
  text(ws, row, 0, "Bindande villkor", book.bold_);
  text(ws, row++, 1, limit ? room_limit_label(*limit) : "inget (obegränsat)");
  fact("Gräns P(EK < golv)", r.file.number_attribute("/room", "max_p_below_floor"), book.percent_);
  fact("Gräns P(kassa < 0)", r.file.number_attribute("/room", "max_p_cash_negative"), book.percent_);
  fact("Mål för eget kapital (" + u + ")", r.file.number_attribute("/room", "equity_target"), book.kronor_);
  fact("Gräns P(EK > tak sista året)", r.file.number_attribute("/room", "max_p_above_cap"), book.percent_);
  row += 1;
  const int header = row;
  header_row(ws, header,
             {"Extra per år (" + u + ")", "P(EK < golv något år)", "P(kassa < 0 någon månad)", "P(EK > tak sista året)",
              "P(målet nås)", "EK P50 sista året (" + u + ")", "Gräns P(EK < golv)", "Gräns P(kassa < 0)",
              "Gräns P(EK > tak)", "Krav P(målet nås)"},
             book.header_);
  // The limits as constant columns: the chart draws them as lines across the curve.
  const double limit_values[] = {r.file.number_attribute("/room", "max_p_below_floor"),
                                 r.file.number_attribute("/room", "max_p_cash_negative"),
                                 r.file.number_attribute("/room", "max_p_above_cap"),
                                 std::isnan(r.file.number_attribute("/room", "equity_target"))
                                     ? std::nan("")
                                     : r.file.number_attribute("/room", "target_probability")};
  const std::vector<double> extra = r.values(g + "extra_spend"), floor = r.values(g + "p_below_floor_any"),
                            cash = r.values(g + "p_cash_negative_any"), cap = r.values(g + "p_above_cap_last"),
                            target = r.values(g + "p_equity_target_met"), q = r.values(g + "equity_last_q");
  for (std::size_t i = 0; i < extra.size(); ++i) {
    const int at = header + 1 + int(i);
    number(ws, at, 0, extra[i], book.kronor_);
    number(ws, at, 1, floor[i], book.probability_);
    number(ws, at, 2, cash[i], book.probability_);
    number(ws, at, 3, cap[i], book.probability_);
    number(ws, at, 4, target[i], book.probability_);
    number(ws, at, 5, q[i * 9 + 4], book.kronor_);
    for (int k = 0; k < 4; ++k) number(ws, at, 6 + k, limit_values[k], book.percent_);
  }
  lxw_chart* chart = book.chart(LXW_CHART_LINE);
  const int last = header + int(extra.size());
  const lxw_color_t colors[] = {grey, red, green, blue};
  for (int c = 1; c <= 4; ++c) style_line(series(chart, name, header, header + 1, last, 0, c), colors[c - 1], 2.0);
  for (int k = 0; k < 4; ++k)
    if (!std::isnan(limit_values[k]))
      style_line(series(chart, name, header, header + 1, last, 0, 6 + k), colors[k], 1.0, LXW_CHART_LINE_DASH_DASH);
  chart_title_set_name(chart, "Risk mot extra utgift per år (streckat: gränserna)");
  chart_axis_set_num_format(chart->y_axis, "0%");
  chart_axis_set_min(chart->y_axis, 0.0);
  chart_axis_set_max(chart->y_axis, 1.0);
  chart_axis_set_num_format(chart->x_axis, book.unit() == "tkr" ? "#,##0," : "#,##0");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  insert_chart(ws, chart, last + 2, 0, 1.8, 1.5);
  widths(ws, 30, 14, 10);
  worksheet_set_row(ws, lxw_row_t(header), 30, nullptr);
  Book::titles(ws, 0);
  worksheet_freeze_panes(ws, 1, 0);
}

/// The Sammanslagning sheet's yearly table from `row`: each förbund, their sum ("Summa separata":
/// driftbidrag, the state's part, admin) and the merged one. Returns the row after it.
int merger_years(Book& book, lxw_worksheet* ws, const Result& r, int row)
{
  const std::string u = book.unit(), g = "/merger/";
  const std::vector<std::string> scenarios = r.file.read(g + "scenario").texts;
  const std::vector<double> years = r.values(g + "year");
  const std::size_t S = scenarios.size(), Y = years.size(), levels = quantile_levels.size();
  const std::vector<double> drift = r.values(g + "driftbidrag"), state = r.values(g + "state_allocation"),
                            admin = r.values(g + "admin_costs"), share = r.values(g + "admin_share"),
                            ratio = r.values(g + "equity_ratio_q"), cap = r.values(g + "p_equity_above_cap"),
                            floor = r.values(g + "p_equity_below_floor"), cash = r.values(g + "p_cash_negative"),
                            served = r.values(g + "served"), work = r.values(g + "exits_work_studies");
  header_row(ws, row++,
             {"År", "Förbund", "Driftbidrag (" + u + ")", "Statens del (" + u + ")", "Kansli + styrelse (" + u + ")",
              "Andel admin", "EK/DB P5", "EK/DB P50", "EK/DB P95", "P(EK > tak)", "P(EK < golv)", "P(kassa < 0)",
              "Deltagare", "Arbete/studier"},
             book.header_);
  for (std::size_t y = 0; y < Y; ++y) {
    double sums[3] = {0.0, 0.0, 0.0};  // driftbidrag, state's part, admin of the separate förbund
    for (std::size_t k = 0; k < S; ++k) {
      const std::size_t at = k * Y + y, q = at * levels;
      if (k + 1 == S) {
        number(ws, row, 0, years[y], nullptr);
        text(ws, row, 1, "Summa separata");
        for (int c = 0; c < 3; ++c) number(ws, row, 2 + c, sums[c], book.kronor_);
        ++row;
      } else {
        sums[0] += drift[at], sums[1] += state[at], sums[2] += admin[at];
      }
      number(ws, row, 0, years[y], nullptr);
      text(ws, row, 1, k + 1 == S ? "Sammanslaget: " + scenarios[k] : scenarios[k], k + 1 == S ? book.bold_ : nullptr);
      const double cells[] = {drift[at],    state[at], admin[at], share[at], ratio[q + 1], ratio[q + 4],
                              ratio[q + 7], cap[at],   floor[at], cash[at],  served[at],   work[at]};
      for (int c = 0; c < 12; ++c)
        number(ws, row, 2 + c, cells[c],
               c < 3    ? book.kronor_
               : c < 7  ? book.percent_
               : c < 10 ? book.probability_
                        : book.decimal_);
      ++row;
      if (k + 1 == S) {  // the difference: merged minus the separate förbund's sum
        number(ws, row, 0, years[y], nullptr);
        text(ws, row, 1, "Skillnad (sammanslaget − separata)", book.bold_);
        const double merged_cells[] = {drift[at], state[at], admin[at]};
        for (int c = 0; c < 3; ++c) number(ws, row, 2 + c, merged_cells[c] - sums[c], book.kronor_bold_);
        ++row;
      }
    }
  }
  return row;
}

/// The base amounts the merger loses per year ("ej modellerat" without the allocation model,
/// never 0 kr) and the equity each förbund brings in, from `row`. Returns the row after them.
int merger_money(Book& book, lxw_worksheet* ws, const Result& r, int row)
{
  const std::string u = book.unit(), g = "/merger/";
  if (!r.has(g + "lost_base_amounts") || !r.has(g + "equity_brought_in")) return row;  // a file of an older finsim
  const int count = int(r.file.number_attribute("/merger", "lost_base_amounts_count"));
  text(ws, row++, 0, fmt::format("Förlorade grundbelopp: {} (ett i stället för {}), {} per år", count, count + 1, u),
       book.bold_);
  const std::vector<double> years = r.values(g + "year"), lost = r.values(g + "lost_base_amounts");
  bool modelled = true;
  for (std::size_t y = 0; y < years.size() && y < lost.size(); ++y) {
    number(ws, row, 0, years[y], nullptr);
    modelled = modelled && !std::isnan(lost[y]);
    if (std::isnan(lost[y]))
      text(ws, row++, 2, "ej modellerat");
    else
      number(ws, row++, 2, lost[y], book.kronor_);
  }
  if (!modelled)
    text(ws, row++, 1,
         "Utan statens fördelningsmodell i varje förbunds scenario räknar finsim inte med grundbeloppen: statens del "
         "är förbundens summerad, så förlusten syns inte i driftbidraget.");
  row += 1;
  text(ws, row++, 0, "Eget kapital som förbunden för in (" + u + ")", book.bold_);
  const std::vector<std::string> sources = r.file.read(g + "source").texts;
  const std::vector<double> equity = r.values(g + "equity_brought_in");
  double total = 0.0;
  for (std::size_t f = 0; f < sources.size() && f < equity.size(); ++f) {
    text(ws, row, 1, sources[f]);
    number(ws, row++, 2, equity[f], book.kronor_);
    total += equity[f];
  }
  text(ws, row, 1, "Summa", book.bold_);
  number(ws, row++, 2, total, book.kronor_);
  return row;
}

/// Kansli + styrelse from `row`: the saving per year (--kansli, --styrelse), and the note when the
/// merged förbund keeps the förbund's sum. Returns the row after it.
int merger_admin(Book& book, lxw_worksheet* ws, const Result& r, int row)
{
  const std::string g = "/merger/";
  if (!r.has(g + "admin_saving")) return row;  // a file of an older finsim
  text(ws, row++, 0,
       "Besparing på kansli + styrelse (" + book.unit() + " per år): förbundens summerade minus det sammanslagnas",
       book.bold_);
  const std::vector<double> years = r.values(g + "year"), saving = r.values(g + "admin_saving");
  for (std::size_t y = 0; y < years.size() && y < saving.size(); ++y) {
    number(ws, row, 0, years[y], nullptr);
    number(ws, row++, 2, saving[y], book.kronor_);
  }
  const std::string note = r.attribute("/merger", "admin_note");
  if (!note.empty()) text(ws, row++, 1, note);
  return row;
}

/// The merged förbund's value of exits per payer and year from `row` (the first horizon; only with
/// [valuation]). Returns the row after it.
int merger_payers(Book& book, lxw_worksheet* ws, const Result& r, int row)
{
  const std::string g = "/merger/";
  if (!r.has(g + "payer_value_of_exits")) return row;
  text(ws, row++, 0,
       fmt::format("Värde av avslut per betalare ({}, första horisonten, {} år)", book.unit(),
                   int(r.file.number_attribute("/merger", "value_horizon"))),
       book.bold_);
  const std::vector<double> years = r.values(g + "year"), value = r.values(g + "payer_value_of_exits");
  const std::vector<std::string> payers = r.file.read(g + "payer").texts;
  std::vector<std::string> head{"", "Betalare"};
  for (double y : years) head.push_back(std::to_string(int(y)));
  header_row(ws, row++, head, book.header_);
  std::vector<std::size_t> order;  // the kommuner first, as in the terminal
  for (std::size_t p = 0; p < payers.size(); ++p) order.insert(payers[p] == "kommun" ? order.begin() : order.end(), p);
  std::vector<double> total(years.size(), 0.0);
  for (std::size_t p : order) {
    text(ws, row, 1, payer_label(payers[p]));
    for (std::size_t y = 0; y < years.size(); ++y) {
      number(ws, row, 2 + int(y), value[p * years.size() + y], book.kronor_);
      total[y] += value[p * years.size() + y];
    }
    ++row;
  }
  text(ws, row, 1, "Summa", book.bold_);
  for (std::size_t y = 0; y < years.size(); ++y) number(ws, row, 2 + int(y), total[y], book.kronor_);
  return row + 1;
}

/// The merger (`/merger`): per year the separate förbund, their sum and the merged one side by
/// side, the base amounts lost and the equity brought in, then per kommun who pays and who
/// benefits, with a chart of the kommuner's contributions.
void merger_sheet(Book& book, const Result& r)
{
  const std::string name = "Sammanslagning", g = "/merger/";
  lxw_worksheet* ws = book.sheet(name);
  const std::string u = book.unit();
  text(ws, 0, 0,
       fmt::format("Sammanslagning: {} från {}", r.attribute("/merger", "name"),
                   int(r.file.number_attribute("/merger", "from"))),
       book.title_);
  const std::vector<std::string> kommuner = r.file.read(g + "kommun").texts;
  const std::vector<double> years = r.values(g + "year");
  const std::size_t Y = years.size();
  int row = merger_years(book, ws, r, 2) + 1;
  row = merger_admin(book, ws, r, row) + 1;
  row = merger_money(book, ws, r, row) + 1;
  row = merger_payers(book, ws, r, row) + 1;
  text(ws, row++, 0, fmt::format("Vem betalar, vem får ({})", int(years.front())), book.bold_);
  const int header = row;
  header_row(ws, row++,
             {"", "Kommun", "Betalar separat (" + u + ")", "Betalar sammanslaget (" + u + ")", "Skillnad (" + u + ")",
              "Andel av kommunernas betalning", "Nya deltagare", "Andel av nya deltagare", "Nya per 10 000 inv.",
              "Eget värde av avslut (" + u + ")"},
             book.header_);
  const std::vector<double> separate = r.values(g + "kommun_contribution_separate"),
                            merged = r.values(g + "kommun_contribution_merged"), starts = r.values(g + "kommun_starts"),
                            per = r.values(g + "kommun_starts_per_10000"),
                            value = r.values(g + (r.has(g + "kommun_value_of_exits_own") ? "kommun_value_of_exits_own"
                                                                                         : "kommun_value_of_exits"));
  double merged_total = 0.0, starts_total = 0.0;
  for (std::size_t k = 0; k < kommuner.size(); ++k) {
    merged_total += merged[k * Y];
    starts_total += starts[k * Y];
  }
  for (std::size_t k = 0; k < kommuner.size(); ++k) {
    text(ws, row, 1, kommuner[k]);
    number(ws, row, 2, separate[k * Y], book.kronor_);
    number(ws, row, 3, merged[k * Y], book.kronor_);
    number(ws, row, 4, merged[k * Y] - separate[k * Y], book.kronor_);
    number(ws, row, 5, merged_total != 0.0 ? merged[k * Y] / merged_total : std::nan(""), book.percent_);
    number(ws, row, 6, starts[k * Y], book.decimal_);
    number(ws, row, 7, starts_total != 0.0 ? starts[k * Y] / starts_total : std::nan(""), book.percent_);
    number(ws, row, 8, per[k * Y], book.decimal_);
    number(ws, row++, 9, value[k * Y], book.kronor_);
  }
  const int last = row - 1;
  text(ws, row++, 1,
       "Eget värde av avslut: det kommunen själv betalar för sina invånare, första horisonten; "
       "Försäkringskassans, Arbetsförmedlingens och regionens värde står per betalare ovan.");
  lxw_chart* chart =
      paired_bars(book, name, {header, header + 1, last, 1}, 2, 3, "Kommunernas bidrag: separat och sammanslaget");
  const double height = std::min(2.4, 0.12 * double(kommuner.size()) + 0.6);
  insert_chart(ws, chart, row + 1, 1, 2.0, height);
  // The change per kommun: who pays more (right) and who pays less (left).
  lxw_chart* change = book.chart(LXW_CHART_BAR);
  lxw_chart_fill fill{};
  fill.color = blue;
  chart_series_set_fill(series(change, name, header, header + 1, last, 1, 4), &fill);
  chart_title_set_name(change, "Förändring av varje kommuns bidrag vid sammanslagning");
  chart_axis_set_num_format(change->x_axis, book.unit() == "tkr" ? "#,##0," : "#,##0");
  chart_axis_set_reverse(change->y_axis);
  chart_axis_set_label_position(change->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
  chart_legend_set_position(change, LXW_CHART_LEGEND_NONE);
  insert_chart(ws, change, row + 3 + int(std::ceil(288.0 * height * 0.75 / 15.0)), 1, 2.0, height);
  worksheet_set_column(ws, 0, 0, 6, nullptr);
  worksheet_set_column(ws, 1, 1, 30, nullptr);
  worksheet_set_column(ws, 2, 13, 12, nullptr);
  worksheet_set_row(ws, 2, 30, nullptr);
  worksheet_set_row(ws, lxw_row_t(header), 30, nullptr);
}

/// The helårsprognos (`/forecast`): per line budget, actual to date, forecast and band, deviation.
void forecast_sheet(Book& book, const Result& r)
{
  const std::string name = "Prognos", g = "/forecast/";
  lxw_worksheet* ws = book.sheet(name);
  const std::string u = book.unit();
  const std::string through = r.attribute("/forecast", "through");
  const int month = through.size() == 7 ? std::stoi(through.substr(5, 2)) : 0;
  text(ws, 0, 0, fmt::format("Helårsprognos {} med utfall t.o.m. {} {}", r.first_year, month_name(month), r.first_year),
       book.title_);
  const std::optional<ForecastMethod> method = parse_enum<ForecastMethod>(r.attribute("/forecast", "method"));
  text(ws, 1, 0, fmt::format("Metod: {}", method ? method_words(*method) : "?"));
  const std::vector<std::string> lines = r.file.read(g + "line").texts;
  const std::vector<double> budget = r.values(g + "budget"), actual = r.values(g + "actual_to_date"),
                            mean = r.values(g + "forecast_mean"), deviation = r.values(g + "deviation_from_budget"),
                            q = r.values(g + "forecast_q"), flagged = r.values(g + "forecast_from_budget");
  const int header = 3;
  header_row(ws, header,
             {"Post", "Årsbudget (" + u + ")", fmt::format("Utfall t.o.m. {} ({})", month_name(month), u),
              "Prognos, medel (" + u + ")", "P5 (" + u + ")", "P50 (" + u + ")", "P95 (" + u + ")",
              "Avvikelse från budget (" + u + ")", "Förbundets prognos (" + u + ")", "Antagande"},
             book.header_);
  // Files written before the forecast read booked figures through the schedules have neither.
  const std::vector<double> own =
      r.has(g + "own_forecast") ? r.values(g + "own_forecast") : std::vector<double>(lines.size(), std::nan(""));
  const std::vector<std::string> assumption =
      r.has(g + "assumption") ? r.file.read(g + "assumption").texts : std::vector<std::string>(lines.size());
  const std::size_t levels = quantile_levels.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int at = header + 1 + int(i);
    text(ws, at, 0, lines[i] == "driftbidrag" ? "Driftbidrag" : lines[i]);
    number(ws, at, 1, budget[i], book.kronor_);
    number(ws, at, 2, actual[i], book.kronor_);
    number(ws, at, 3, mean[i], book.kronor_);
    number(ws, at, 4, q[i * levels + 1], book.kronor_);
    number(ws, at, 5, q[i * levels + 4], book.kronor_);
    number(ws, at, 6, q[i * levels + 7], book.kronor_);
    number(ws, at, 7, deviation[i], book.kronor_);
    number(ws, at, 8, own[i], book.kronor_);
    text(ws, at, 9, flagged[i] == 1.0 ? "inget utfall: som modellerat" : assumption[i]);
  }
  int row = header + 2 + int(lines.size());
  const std::vector<double> result_q = r.values(g + "result_q"), equity_q = r.values(g + "equity_q");
  const auto total = [&](const std::string& label, double m, const std::vector<double>& band) {
    text(ws, row, 0, label, book.bold_);
    number(ws, row, 3, m, book.kronor_bold_);
    number(ws, row, 4, band[1], book.kronor_);
    number(ws, row, 5, band[4], book.kronor_);
    number(ws, row++, 6, band[7], book.kronor_);
  };
  total(fmt::format("Resultat {}", r.first_year), r.values(g + "result_mean").front(), result_q);
  total(fmt::format("Eget kapital 31/12 {}", r.first_year), r.values(g + "equity_mean").front(), equity_q);
  if (r.has(g + "own_result") && !std::isnan(r.values(g + "own_result").front())) {
    const double own_result = r.values(g + "own_result").front(), rank = r.values(g + "own_result_rank").front();
    text(ws, row, 0, "Förbundets egen prognos för resultatet", book.bold_);
    number(ws, row++, 8, own_result, book.kronor_bold_);
    if (!std::isnan(rank))
      text(ws, row++, 0,
           fmt::format("Den egna prognosen ligger vid {} av finsims körningar ({} P5–P95).", format_percent(rank),
                       own_result >= result_q[1] && own_result <= result_q[7] ? "inom" : "utanför"));
  }
  text(ws, row + 1, 0,
       "Avvikelse: prognosens medelvärde mot budget, positiv när den är bättre (högre intäkt, lägre kostnad). "
       "P5–P95 är tomma när körningen gjorts utan Monte Carlo (--deterministic).");

  // Every line but the driftbidrag (the first), which would dwarf the rest.
  lxw_chart* chart = paired_bars(book, name, {header, header + 2, header + int(lines.size()), 0}, 1, 5,
                                 "Årsbudget och prognos (P50) per post utom driftbidraget");
  insert_chart(ws, chart, row + 3, 0, 2.2, std::min(2.4, 0.11 * double(lines.size()) + 0.6));
  widths(ws, 32, 13, 9);
  worksheet_set_column(ws, 9, 9, 40, nullptr);  // the assumption, in words
  worksheet_set_row(ws, lxw_row_t(header), 30, nullptr);
  worksheet_freeze_panes(ws, header + 1, 1);
}

/// The tornado of the Känslighet sheet from `row`, with its chart; returns the next free row.
int tornado_table(Book& book, const Result& r, lxw_worksheet* ws, const std::string& name, int row)
{
  const StoredTornado tornado = read_tornado(r.file);
  const double base = tornado.base;
  text(ws, row, 0, fmt::format("Tornado kring basvärdet (varje fördelning i sin median)"), book.bold_);
  number(ws, row++, 1, base, book.kronor_);
  const int header = row;
  header_row(ws, header,
             {"Faktor", "Indata låg", "Indata hög", "Utfall låg", "Utfall hög", "Utslag", "Indata år", "Slag"},
             book.header_);
  const std::vector<std::string>& rows = tornado.rows;
  const std::vector<double>&low = tornado.low, &high = tornado.high, &input_low = tornado.input_low,
        &input_high = tornado.input_high, &fixed = tornado.fixed;
  // Sorted by swing across all factors, the uncertain numbers and the fixed amounts' ±F swings
  // alike; the last column says which group a row belongs to.
  const std::vector<std::size_t>& order = tornado.order;
  const std::string swing_text =
      std::isnan(tornado.fixed_swing) ? std::string("F") : format_percent(tornado.fixed_swing);
  for (std::size_t n = 0; n < rows.size(); ++n) {
    const std::size_t i = order[n];
    const int at = header + 1 + int(n);
    // A fixed amount in kronor (the first year its line runs), a share or a rate as before.
    const auto input_format = fixed[i] != 0.0 ? book.kronor_ : book.share_;
    text(ws, at, 0, factor_label(rows[i], r.first_year));
    text(ws, at, 7, fixed[i] != 0.0 ? "fast belopp ±" + swing_text : "osäkert tal (P10–P90)");
    number(ws, at, 1, input_low[i], input_format);
    number(ws, at, 2, input_high[i], input_format);
    number(ws, at, 3, low[i], book.kronor_);
    number(ws, at, 4, high[i], book.kronor_);
    number(ws, at, 5, std::fabs(high[i] - low[i]), book.kronor_);
    if (const std::string year_text = tornado.input_year_text(i); !year_text.empty()) text(ws, at, 6, year_text);
  }
  lxw_chart* chart = book.chart(LXW_CHART_BAR);
  const int last = header + int(rows.size());
  series(chart, name, header, header + 1, last, 0, 3);
  series(chart, name, header, header + 1, last, 0, 4);
  chart_set_series_overlap(chart, 100);
  // In a bar chart libxlsxwriter's x axis is the horizontal value axis, y the categories.
  chart_axis_set_reverse(chart->y_axis);         // the largest swing on top
  chart_axis_set_crossing(chart->x_axis, base);  // the bars start at the base value
  double reach = 0.0;
  for (std::size_t i = 0; i < rows.size(); ++i)
    reach = std::max({reach, std::fabs(low[i] - base), std::fabs(high[i] - base)});
  if (reach > 0.0) {
    chart_axis_set_min(chart->x_axis, base - 1.1 * reach);
    chart_axis_set_max(chart->x_axis, base + 1.1 * reach);
  }
  chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);  // names at the left edge
  chart_axis_set_num_format(chart->x_axis, book.unit() == "tkr" ? "#,##0," : "#,##0");
  chart_title_set_name(chart, "Tornado: utfallet med varje faktor låg och hög");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  insert_chart(ws, chart, last + 2, 0, 2.0, std::min(2.4, 0.09 * double(rows.size()) + 0.8));
  return last + 2 + int(std::ceil(288.0 * std::min(2.4, 0.09 * double(rows.size()) + 0.8) / 20.0)) + 2;
}

/// The Sobol table of the Känslighet sheet from `row` for `output` in `year`, with its chart.
void sobol_table(Book& book, const Result& r, lxw_worksheet* ws, const std::string& name, int row,
                 const std::string& output, int year)
{
  const std::string g = "/sensitivity/";
  const std::vector<std::string> factors = r.file.labels(g + "factor"), outputs = r.file.labels(g + "outcome");
  const std::vector<double> years = r.values(g + "year"), first = r.values(g + "sobol_first"),
                            total = r.values(g + "sobol_total"), first_ci = r.values(g + "sobol_first_ci"),
                            total_ci = r.values(g + "sobol_total_ci");
  std::size_t o = 0, y = 0;
  while (o < outputs.size() && outputs[o] != output) ++o;
  while (y < years.size() && int(years[y]) != year) ++y;
  const std::size_t n_out = outputs.size(), n_years = years.size();
  const int output_index_ = int(o) < output_count ? int(o) : 0;
  text(ws, row++, 0,
       fmt::format("Sobolindex för {} {} (95 % KI från {})", sensitivity_output_label(output_index_), year,
                   interval_source(r.file)),
       book.bold_);
  const int header = row;
  header_row(ws, header, {"Faktor", "S1", "S1 lägre", "S1 högre", "ST", "ST lägre", "ST högre"}, book.header_);
  // An index is a share of the variance: shown within 0–1 (shown_index), the file keeps the estimate.
  bool clamped = false;
  const auto index = [&](lxw_worksheet* sheet, int line, int col, double x) {
    clamped = clamped || shown_index(x) != x;
    number(sheet, line, col, shown_index(x), book.share_);
  };
  for (std::size_t f = 0; f < factors.size(); ++f) {
    const std::size_t at = (f * n_out + o) * n_years + y;
    const int line = header + 1 + int(f);
    text(ws, line, 0, factor_label(factors[f], r.first_year));
    index(ws, line, 1, first[at]);
    index(ws, line, 2, first_ci[2 * at]);
    index(ws, line, 3, first_ci[2 * at + 1]);
    index(ws, line, 4, total[at]);
    index(ws, line, 5, total_ci[2 * at]);
    index(ws, line, 6, total_ci[2 * at + 1]);
  }
  if (clamped)
    text(ws, header + 2 + int(factors.size()), 0,
         "Index och intervall visas inom 0–1: en skattning under 0 eller över 1 ligger inom skattningens "
         "osäkerhet (filen behåller skattningen).");
  lxw_chart* chart = book.chart(LXW_CHART_BAR);
  const int last = header + int(factors.size());
  series(chart, name, header, header + 1, last, 0, 4);
  chart_axis_set_reverse(chart->y_axis);  // the first factor on top
  chart_title_set_name(chart, "Totala index (ST)");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
  insert_chart(ws, chart, last + 4, 0, 2.0, std::min(2.4, 0.09 * double(factors.size()) + 0.8));
}

void sensitivity_sheet(Book& book, const Result& r)
{
  const std::string name = "Känslighet", g = "/sensitivity/";
  lxw_worksheet* ws = book.sheet(name);
  const std::string output = r.attribute("/sensitivity", "output");
  const int year = int(r.file.number_attribute("/sensitivity", "year"));
  const int output_index_ = std::max(0, output_index(output));
  text(ws, 0, 0, fmt::format("Känslighet: {} {}", sensitivity_output_label(output_index_), year), book.title_);
  int row = sentence_rows(book, ws, r, 2, 8, 60 + 7 * 14);
  if (r.has(g + "tornado_low")) row = tornado_table(book, r, ws, name, row);
  if (r.has(g + "sobol_total")) sobol_table(book, r, ws, name, row, output, year);
  widths(ws, 60, 14, 7);
  worksheet_set_column(ws, 7, 7, 22, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
}

/// One sheet of a scenario's text: "Indata", "Indata 2", … (clarification 84), the file first.
/// The backtest (`/backtest`): per past year and outcome the actual figure against the forecast's
/// band, its percentile and whether it fell inside the 90 % and 50 % bands; the coverage below.
void backtest_sheet(Book& book, const Result& r)
{
  const std::string name = "Backtest", g = "/backtest/";
  lxw_worksheet* ws = book.sheet(name);
  const std::string u = book.unit();
  const std::vector<std::string> cases = r.file.labels(g + "case"), outcomes_ = r.file.labels(g + "outcome");
  const std::vector<double> years = r.values(g + "year"), actual = r.values(g + "actual"),
                            q = r.values(g + "forecast_q"), percentile = r.values(g + "percentile"),
                            in90 = r.values(g + "inside_90"), in50 = r.values(g + "inside_50"),
                            cover90 = r.values(g + "coverage_90"), cover50 = r.values(g + "coverage_50");
  const std::size_t O = outcomes_.size(), levels = quantile_levels.size();
  const auto outcome_name = [](const std::string& o) {
    return o == "income" ? std::string("Övriga intäkter") : stored_label(o);
  };
  header_row(ws, 0,
             {"Fall", "År", "Utfall", "Faktiskt (" + u + ")", "P5 (" + u + ")", "P50 (" + u + ")", "P95 (" + u + ")",
              "Percentil", "Inom 90 %-bandet", "Inom 50 %-bandet"},
             book.header_);
  worksheet_set_row(ws, 0, 30, nullptr);
  int row = 1;
  for (std::size_t c = 0; c < cases.size(); ++c)
    for (std::size_t o = 0; o < O; ++o) {
      const std::size_t at = c * O + o;
      if (std::isnan(actual[at])) continue;
      text(ws, row, 0, cases[c]);
      number(ws, row, 1, years[c], nullptr);
      text(ws, row, 2, outcome_name(outcomes_[o]));
      number(ws, row, 3, actual[at], book.kronor_);
      number(ws, row, 4, q[at * levels + 1], book.kronor_);
      number(ws, row, 5, q[at * levels + 4], book.kronor_);
      number(ws, row, 6, q[at * levels + 7], book.kronor_);
      number(ws, row, 7, percentile[at], book.percent_);
      text(ws, row, 8, in90[at] == 1.0 ? "ja" : "nej");
      text(ws, row++, 9, in50[at] == 1.0 ? "ja" : "nej");
    }
  row += 1;
  text(ws, row++, 0, "Täckning: andel av fallen inom bandet (väntat 90 % och 50 %)", book.bold_);
  header_row(ws, row++, {"Utfall", "", "", "Inom 90 %", "Inom 50 %"}, book.header_);
  for (std::size_t o = 0; o < O; ++o) {
    if (std::isnan(cover90[o])) continue;
    text(ws, row, 0, outcome_name(outcomes_[o]));
    number(ws, row, 3, cover90[o], book.percent_);
    number(ws, row++, 4, cover50[o], book.percent_);
  }
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, 1, 7, nullptr);
  worksheet_set_column(ws, 2, 2, 16, nullptr);
  worksheet_set_column(ws, 3, 9, 13, nullptr);
  worksheet_freeze_panes(ws, 1, 1);
}

void input_text_sheet(Book& book, const std::string& name, const std::string& file, const std::string& text_of_file)
{
  lxw_worksheet* ws = book.sheet(name);
  text(ws, 0, 0, "Scenariots text (" + file + ")", book.header_);
  std::istringstream lines(text_of_file);
  int row = 1;
  for (std::string line; std::getline(lines, line);) text(ws, row++, 0, line);
  worksheet_set_column(ws, 0, 0, 110, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
}

/// The scenario's text; a comparison's every scenario's, in command-line order.
void input_sheets(Book& book, const Result& r)
{
  if (r.has("/compare/scenario_text")) {
    const std::vector<std::string> names = r.file.labels("/compare/scenario"),
                                   texts = r.file.read("/compare/scenario_text").texts;
    for (std::size_t i = 0; i < texts.size(); ++i)
      input_text_sheet(book, i == 0 ? std::string("Indata") : fmt::format("Indata {}", i + 1),
                       i == 0 ? r.attribute("/", "scenario_source") : names[i] + ".toml", texts[i]);
    return;
  }
  input_text_sheet(book, "Indata", r.attribute("/", "scenario_source"), r.attribute("/", "scenario_toml"));
}

void about_sheet(Book& book, const Result& r)
{
  lxw_worksheet* ws = book.sheet("Om");
  text(ws, 0, 0, "Om siffrorna", book.title_);
  const bool mc = r.has("/montecarlo");
  const std::string sentences[] = {
      "Resultaträkning, balansräkning och kassaflöde är finsims projektion med förväntade värden: varje osäkert tal "
      "på sitt väntevärde, månad för månad, med betalningar enligt varje posts betalningsplan.",
      mc ? fmt::format("Percentilerna och sannolikheterna kommer från {} Monte Carlo-körningar där varje osäkert tal "
                       "dras ur sin fördelning; P5–P95 rymmer nio av tio körningar. \"{}\" och \"{}\" betyder att "
                       "ingen respektive varje körning träffade (ensidiga 95 %-gränser).",
                       format_kronor(r.file.number_attribute("/montecarlo", "runs")),
                       chance_text(0.0, std::uint64_t(r.file.number_attribute("/montecarlo", "runs"))),
                       chance_text(1.0, std::uint64_t(r.file.number_attribute("/montecarlo", "runs"))))
         : std::string("Ingen Monte Carlo kördes för denna fil, så här finns inga percentiler eller sannolikheter."),
      "Scenariots antaganden står under Indata; resultatfilen innehåller varje tal med enhet och beskrivning "
      "(docs/output-format.md)."};
  int row = 2;
  for (const std::string& s : sentences) text(ws, row++, 0, s);
  row += 1;
  const std::vector<std::pair<std::string, std::string>> facts{
      {"Förbund", r.attribute("/", "scenario_name")},
      {"Scenario", r.attribute("/", "scenario_source")},
      {"Resultatfil", r.file.path()},
      {"Monte Carlo-körningar",
       mc ? format_kronor(r.file.number_attribute("/montecarlo", "runs")) : std::string("ingen (förväntade värden)")},
      {"Frö", mc ? fmt::format("{}", r.file.number_attribute("/montecarlo", "seed")) : std::string("–")},
      {"finsim-version", r.attribute("/", "finsim_version")},
      {"Skapad", r.attribute("/", "created")},
      {"Arbetsboken skriven av", fmt::format("finsim {}", engine_version())}};
  for (const auto& [label, value] : facts) text(ws, row++, 0, label + ": " + value);
  const std::string warnings = r.attribute("/", "warnings");
  if (!warnings.empty()) {
    text(ws, ++row, 0, "Varningar om indata (med nyckeln i scenariot)", book.bold_);
    std::istringstream lines(warnings);
    for (std::string line; std::getline(lines, line);) text(ws, ++row, 0, line);
  }
  worksheet_set_column(ws, 0, 0, 140, nullptr);
}

}  // namespace

std::vector<std::string> write_report(const h5::Reader& file, const std::string& target, const ReportOptions& options)
{
  const Result r(file);
  std::vector<std::string> names;
  {
    const CNumericLocale c_numbers;
    const std::uint64_t runs =
        r.has("/montecarlo") ? std::uint64_t(file.number_attribute("/montecarlo", "runs")) : std::uint64_t(10000);
    Book book(target, options, r.attribute("/", "scenario_name"), runs);
    // The answer first: the sentences and key table, then the analysis the file holds, then the
    // statements.
    summary_sheet(book, r);
    if (r.has("/room")) room_sheet(book, r);
    if (r.has("/compare")) comparison_sheet(book, r);
    if (r.has("/sensitivity")) sensitivity_sheet(book, r);
    if (r.has("/forecast")) forecast_sheet(book, r);
    if (r.has("/merger")) merger_sheet(book, r);
    if (r.has("/backtest")) backtest_sheet(book, r);
    income_statement_sheet(book, r);
    balance_sheet(book, r);
    cash_flow_sheet(book, r);
    if (r.has("/montecarlo")) equity_sheet(book, r);
    if (r.has("/deterministic/participants")) participants_sheet(book, r);
    input_sheets(book, r);
    about_sheet(book, r);
    names = book.names();
    book.close();
  }
  return names;
}

}  // namespace finsim
