// The workbook: a Swedish numeric locale never reaches the file, and --tkr keeps kronor in cells.
// The HTML report: every text escaped where it goes, Chart.js missing named by its package.
#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "input/input_error.h"
#include "output/hdf5_reader.h"
#include "output/html_report.h"
#include "output/report_workbook.h"
#include "test_support.h"

namespace finsim {
namespace {

/// Runs a small Monte Carlo of the built-in scenario into `path` with the finsim binary.
void make_result(const std::string& path)
{
  const std::string command = std::string("'") + FINSIM_BINARY + "' run --runs 50 --quiet -o '" + path + "' >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
}

/// Whether the sheet XML `member` of the workbook matches (or, with `absent`, does not match)
/// the regular expression `pattern`, asked of Python's zipfile.
bool sheet_matches(const std::string& xlsx, const std::string& member, const std::string& pattern)
{
  const std::string command =
      "/usr/bin/python3 -c \"import re, sys, zipfile; x = zipfile.ZipFile(sys.argv[1])"
      ".read(sys.argv[2]).decode(); sys.exit(0 if re.search(sys.argv[3], x) else 1)\" '" +
      xlsx + "' '" + member + "' '" + pattern + "'";
  return std::system(command.c_str()) == 0;
}

TEST(Report, ASwedishNumericLocaleNeverReachesTheFile)
{
  testing::TempDir dir;
  make_result(dir.file("r.h5"));
  if (std::setlocale(LC_NUMERIC, "sv_SE.UTF-8") == nullptr) GTEST_SKIP() << "the sv_SE.UTF-8 locale is not installed";
  char probe[32];
  std::snprintf(probe, sizeof probe, "%.1f", 1234.5);
  EXPECT_EQ(std::string(probe), "1234,5");  // the locale is really in force
  write_report(h5::Reader::open(dir.file("r.h5")), dir.file("r.xlsx"), ReportOptions{});
  EXPECT_STREQ(std::setlocale(LC_NUMERIC, nullptr), "sv_SE.UTF-8");  // and given back afterwards
  std::setlocale(LC_NUMERIC, "C");
  EXPECT_TRUE(sheet_matches(dir.file("r.xlsx"), "xl/worksheets/sheet1.xml", "<v>[0-9]+[.][0-9]+</v>"));
  EXPECT_FALSE(sheet_matches(dir.file("r.xlsx"), "xl/worksheets/sheet1.xml", "<v>-?[0-9]+,[0-9]+</v>"));
}

TEST(Report, ThousandsShowTkrAndKeepKronorInTheCells)
{
  testing::TempDir dir;
  make_result(dir.file("r.h5"));
  const auto sheets = write_report(h5::Reader::open(dir.file("r.h5")), dir.file("t.xlsx"), ReportOptions{true, ""});
  EXPECT_EQ(sheets.front(), "Sammanfattning");
  EXPECT_TRUE(sheet_matches(dir.file("t.xlsx"), "xl/styles.xml", "formatCode=\"#,##0,\""));
  EXPECT_TRUE(sheet_matches(dir.file("t.xlsx"), "xl/sharedStrings.xml", "Driftbidrag [(]tkr[)]"));
  EXPECT_TRUE(sheet_matches(dir.file("t.xlsx"), "xl/worksheets/sheet1.xml", "<v>2832000</v>"));
  // Not a result file: refused, nothing written.
  testing::write_file(dir.file("x.h5"), "not hdf5");
  EXPECT_THROW(h5::Reader::open(dir.file("x.h5")), InputError);
}

TEST(HtmlReport, EveryTextIsEscapedWhereItGoes)
{
  const std::string hostile = "<script>alert('x') & \"y\"</script><!-- \xE2\x80\xA8";
  EXPECT_EQ(html_escape(hostile),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;&lt;!-- \xE2\x80\xA8");
  const std::string json = json_string(hostile);
  EXPECT_EQ(json.find("</"), std::string::npos) << json;
  EXPECT_EQ(json.find('<'), std::string::npos) << json;
  EXPECT_EQ(json.find("\xE2\x80\xA8"), std::string::npos) << json;
  EXPECT_EQ(json, "\"\\u003cscript\\u003ealert('x') \\u0026 \\\"y\\\"\\u003c/script\\u003e\\u003c!-- \\u2028\"");
  EXPECT_EQ(json_string("Sollefteå\n\t\\"), "\"Sollefteå\\n\\t\\\\\"");
  const std::string css = css_string(hostile);
  EXPECT_EQ(css.find('<'), std::string::npos) << css;
  EXPECT_EQ(css.substr(0, 11), "\"\\3c script");
  EXPECT_EQ(css_string("Sollefteå"), "\"Sollefteå\"");
  const std::string script = inline_script("a = '</SCRIPT>'; b = '<!--'; c = x</y; d = '</scrip'");
  EXPECT_EQ(script, "a = '<\\/SCRIPT>'; b = '<\\!--'; c = x</y; d = '</scrip'");
}

TEST(HtmlReport, MissingChartJsIsNamedByItsPackage)
{
  try {
    read_chart_js("/nonexistent/chart.min.js");
    FAIL() << "no error for a missing Chart.js";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("libjs-chart.js"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("inget skrevs"), std::string::npos) << e.what();
  }
}

TEST(HtmlReport, OneFileBesideTheResultWithTheDataInside)
{
  testing::TempDir dir;
  make_result(dir.file("r.h5"));
  const std::string command =
      std::string("cd '") + dir.path().string() + "' && '" + FINSIM_BINARY + "' report r.h5 --html >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::string page = testing::read_file(dir.file("r.html"));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(page.find("Samordningsförbundet i Sollefteå"), std::string::npos);
  EXPECT_NE(page.find("2 832 000"), std::string::npos);  // the driftbidrag, as a Swedish report writes it
  EXPECT_NE(page.find("@page { size: A4 landscape; margin: 12mm"), std::string::npos);
  EXPECT_EQ(page.find("<script src"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.file("r.xlsx")));
}

}  // namespace
}  // namespace finsim
