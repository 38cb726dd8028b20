// The HTML report of a result file (finsim report --html): the workbook's first pages as one
// self-contained Swedish HTML file a board member opens by double-click — the summary sentences,
// the key table, the equity fan chart, the risks per year, the analysis the file holds (answer in
// words first), the statements — with Chart.js and the data inlined, nothing loaded from the
// network, and a print stylesheet for A4 landscape (docs/reports.md). Read through h5::Reader.
#pragma once
#include <string>
#include <string_view>

#include "output/hdf5_reader.h"

namespace finsim {

/// Where Debian's libjs-chart.js puts Chart.js (UMD, global `Chart`).
inline constexpr const char* chart_js_path = "/usr/share/javascript/chart.js/chart.min.js";

/// Chart.js as read from `path`, to be inlined; throws InputError naming the package libjs-chart.js
/// when it is missing or unreadable (clarification 75).
std::string read_chart_js(const std::string& path = chart_js_path);

/// The report of `file` as one HTML document, `chart_js` inlined in a <script>.
std::string html_report(const h5::Reader& file, const std::string& chart_js);

/// `text` for HTML text and attribute values: & < > " ' as character references.
std::string html_escape(std::string_view text);

/// `text` as a JSON string literal that is safe inside a <script> element: quotes, backslashes and
/// control characters escaped as JSON requires, and < > & U+2028 U+2029 as \uXXXX, so that neither
/// "</" nor "<!--" can appear.
std::string json_string(std::string_view text);

/// `text` as a CSS string literal safe inside a <style> element (for the printed page header).
std::string css_string(std::string_view text);

/// JavaScript to inline in a <script> element: "</script" and "<!--" broken up so that the
/// element cannot end early, whatever the file holds.
std::string inline_script(std::string_view script);

}  // namespace finsim
