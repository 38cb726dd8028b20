// The Swedish Excel workbook of a result file (finsim report): the sheets its groups allow, with
// native charts, numbers stored as numbers in formats a Swedish Excel shows as "1 416 000" and
// "17,7 %" (docs/reports.md). Written with libxlsxwriter, read through h5::Reader.
#pragma once
#include <string>
#include <vector>

#include "output/hdf5_reader.h"

namespace finsim {

struct ReportOptions {
  bool tkr = false;      ///< amounts shown in thousands ("tkr" in the headers), kronor kept in the cells
  std::string shown_as;  ///< the path messages name (the user's target when writing in a private folder)
};

/// Writes the workbook of `file` to `target`, with libxlsxwriter's temporary files in `target`'s
/// folder (report_command gives a private folder and puts the finished file in place); returns the
/// sheet names in order.
std::vector<std::string> write_report(const h5::Reader& file, const std::string& target, const ReportOptions& options);

}  // namespace finsim
