// finsim report RESULT.h5: the result file as a Swedish Excel workbook with native charts, for the
// board and the members' economists.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "app/commands.h"
#include "output/hdf5_reader.h"
#include "output/report_workbook.h"

namespace finsim {

int report_command(const Settings& settings, std::ostream& out)
{
  const h5::Reader file = h5::Reader::open(settings.result_path);
  std::string target = settings.output_path;
  if (target.empty()) target = std::filesystem::path(settings.result_path).replace_extension(".xlsx").string();
  const std::vector<std::string> sheets = write_report(file, target, ReportOptions{settings.tkr});
  out << fmt::format("Arbetsbok skriven till {} (flikar: {})\n", target, fmt::join(sheets, ", "));
  return 0;
}

}  // namespace finsim
