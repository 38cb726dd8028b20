// finsim report RESULT.h5: the result file as a Swedish Excel workbook with native charts, for the
// board and the members' economists; with --html as one self-contained HTML file. The result file
// is read in a child process (it may be damaged or crafted); the workbook is built in a private
// folder beside the target and renamed into place, the HTML page written atomically: a failure or a
// stop leaves nothing behind and never touches a good file.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "app/child_process.h"
#include "app/commands.h"
#include "app/memory_check.h"
#include "output/atomic_write.h"
#include "output/hdf5_reader.h"
#include "output/html_report.h"
#include "output/report_workbook.h"

namespace finsim {

namespace {

/// report --html: Chart.js read first (missing, nothing is done), the page made from the result in
/// the child, written atomically beside the result or to -o.
int html_report_command(const Settings& settings, std::ostream& out)
{
  std::string target = settings.output_path;
  if (target.empty()) target = std::filesystem::path(settings.result_path).replace_extension(".html").string();
  check_output_path(target, {settings.result_path}, "-o", "rapport.html");
  const std::string chart_js = read_chart_js();
  remove_stale_temporaries(output_folder(target));
  const std::string page = run_in_child(
      settings.result_path,
      [&] {
        const h5::Reader file = h5::Reader::open(settings.result_path);
        check_memory_to_read(file.path(), file.value_count(), bytes_per_value_in_report);
        return html_report(file, chart_js);
      },
      reading_time_limit(settings.result_path));
  stop_if_interrupted(false, "före skrivningen");
  write_atomically(target, page);
  out << fmt::format("HTML-rapport skriven till {} (öppnas i en webbläsare, skrivs ut på A4 liggande)\n", target);
  return 0;
}

}  // namespace

int report_command(const Settings& settings, std::ostream& out)
{
  if (settings.html) return html_report_command(settings, out);
  std::string target = settings.output_path;
  if (target.empty()) target = std::filesystem::path(settings.result_path).replace_extension(".xlsx").string();
  check_output_path(target, {settings.result_path}, "-o", "rapport.xlsx");
  remove_stale_temporaries(output_folder(target));
  const ScratchFolder scratch(target);
  const std::string made = scratch.file("arbetsbok.xlsx");
  const std::string sheets = run_in_child(
      settings.result_path,
      [&] {
        const h5::Reader file = h5::Reader::open(settings.result_path);
        check_memory_to_read(file.path(), file.value_count(), bytes_per_value_in_report);
        return fmt::format("{}", fmt::join(write_report(file, made, ReportOptions{settings.tkr, target}), ", "));
      },
      reading_time_limit(settings.result_path));
  stop_if_interrupted(false, "före skrivningen");
  commit_file(made, target);
  out << fmt::format("Arbetsbok skriven till {} (flikar: {})\n", target, sheets);
  return 0;
}

}  // namespace finsim
