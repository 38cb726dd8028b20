// finsim report RESULT.h5: the result file as a Swedish Excel workbook with native charts, for the
// board and the members' economists. The result file is read in a child process (it may be
// damaged or crafted) and the workbook built in a private folder beside the target, then renamed
// into place: a failure or a stop leaves nothing behind and never touches a good file.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "app/child_process.h"
#include "app/commands.h"
#include "app/memory_check.h"
#include "output/atomic_write.h"
#include "output/hdf5_reader.h"
#include "output/report_workbook.h"

namespace finsim {

int report_command(const Settings& settings, std::ostream& out)
{
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
