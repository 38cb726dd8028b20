// libFuzzer target: a result file of arbitrary bytes through the reader, the workbook and the CSV
// export, as `finsim report` and `finsim export` read it. Every input must end in a workbook and a
// CSV folder or an InputError; anything else (another exception, a crash or undefined behaviour in
// finsim's code under the sanitizers) is a finding. Crashes inside Debian's HDF5 itself are
// expected on some inputs (clarification 92: the commands read in a child process for them), so
// tools/fuzz.sh runs this target with -fork and -ignore_crashes and sorts its findings by the
// frame that crashed. Built with -DFINSIM_FUZZ=ON; seeds in tests/fuzz/results/.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "input/input_error.h"
#include "output/csv_export.h"
#include "output/hdf5_reader.h"
#include "output/report_workbook.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  namespace fs = std::filesystem;
  static const fs::path work = fs::temp_directory_path() / ("finsim-fuzz-" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work / "csv");
  const std::string path = (work / "in.h5").string();
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const finsim::h5::Reader file = finsim::h5::Reader::open(path);
    if (file.value_count() > 50'000'000) return 0;  // the commands' memory check refuses these
    finsim::write_report(file, (work / "out.xlsx").string(), finsim::ReportOptions{});
    finsim::export_csv(file, (work / "csv").string(), finsim::swedish_csv);
  } catch (const finsim::InputError&) {
  }
  return 0;
}
