// finsim export RESULT.h5 --csv DIR: every dataset of a result file as CSV, one file each, for
// the members' economists who open results in Excel. The result file is read in a child process
// and the folder written privately beside DIR, then put in place whole: DIR is either the new
// export or the old one, never a mix (docs/reliability.md).
#include <filesystem>

#include "app/child_process.h"
#include "app/commands.h"
#include "app/memory_check.h"
#include "output/atomic_write.h"
#include "output/csv_export.h"
#include "output/hdf5_reader.h"

namespace finsim {

int export_command(const Settings& settings, std::ostream& out)
{
  // "out/csv/" names the folder "out/csv": without the trailing separator its parent is "out".
  std::filesystem::path folder = std::filesystem::path(settings.csv_folder).lexically_normal();
  if (folder.filename().empty() && folder.has_parent_path() && folder != folder.root_path())
    folder = folder.parent_path();
  const std::string target = folder.string();
  check_output_folder(target, is_csv_export, "--csv");
  remove_stale_temporaries(output_folder(target));
  const ScratchFolder scratch(target);
  const std::string count = run_in_child(
      settings.result_path,
      [&] {
        const h5::Reader file = h5::Reader::open(settings.result_path);
        check_memory_to_read(file.path(), file.value_count(), bytes_per_value_in_csv);
        return std::to_string(
            export_csv(file, scratch.path(), settings.standard_csv ? standard_csv : swedish_csv, target).size());
      },
      reading_time_limit(settings.result_path));
  stop_if_interrupted(false, "före skrivningen");
  commit_folder(scratch.path(), target);
  out << count << " CSV-filer och README.txt skrivna till " << target << '\n';
  return 0;
}

}  // namespace finsim
