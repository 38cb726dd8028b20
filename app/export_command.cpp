// finsim export RESULT.h5 --csv DIR: every dataset of a result file as CSV, one file each, for
// the members' economists who open results in Excel.
#include "app/commands.h"
#include "output/csv_export.h"
#include "output/hdf5_reader.h"

namespace finsim {

int export_command(const Settings& settings, std::ostream& out)
{
  const h5::Reader file = h5::Reader::open(settings.result_path);
  const std::vector<std::string> names =
      export_csv(file, settings.csv_folder, settings.standard_csv ? standard_csv : swedish_csv);
  out << names.size() << " CSV-filer och README.txt skrivna till " << settings.csv_folder << '\n';
  return 0;
}

}  // namespace finsim
