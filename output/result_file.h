// The run's HDF5 file: its layout is a public contract, described in docs/output-format.md.
#pragma once
#include <string>
#include <vector>

#include "input/scenario.h"
#include "models/projection.h"
#include "output/hdf5_file.h"

namespace finsim {

/// What every finsim result file says it is (root attributes `file_type`, `format_version`);
/// the reader (output/hdf5_reader.h) refuses anything else.
inline constexpr const char* result_file_type = "finsim_result";
inline constexpr long long result_format_version = 1;

/// Writes the root attributes: file type and format version, engine version, scenario name and
/// source, creation time, the scenario file's full text and the plausibility warnings (one per
/// line, "" when there are none).
void write_run_attributes(h5::Group& root, const Scenario& s, const std::vector<std::string>& warnings);

/// Writes the root attribute `summary`: the result's sentences (output/summary), one per element,
/// as the terminal printed them first; the workbook's first sheet and the CSV's README show them.
void write_summary(h5::Group& root, const std::vector<std::string>& sentences);

/// Writes group /deterministic: the expected-value projection with its dimension scales, and
/// /deterministic/participants when insatser have participants.
void write_deterministic(h5::Group& root, const Scenario& s, const Projection& p);

/// One dataset of `/deterministic` whose only dimension is `year`: the yearly key table, which
/// `/compare` also holds per scenario (clarification 83). `write_deterministic` writes these from
/// this table, so the two groups cannot drift apart.
struct YearlyDataset {
  const char* name;                                    ///< the dataset's name in both groups
  const char* units;                                   ///< "SEK" or "1"
  const char* description;                             ///< its long_name in /deterministic
  bool flag;                                           ///< a 0/1 flag, written as int8
  bool allocation;                                     ///< only with [funding.allocation]
  std::vector<double> (*values)(const Projection& p);  ///< per year; a flag as 0 and 1
};

/// The yearly datasets of `/deterministic`, in the order written.
const std::vector<YearlyDataset>& yearly_datasets();

}  // namespace finsim
