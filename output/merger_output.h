// The merger's impact in the result file (`/merger`) and in the terminal, in Swedish.
#pragma once
#include <string>

#include "analysis/merger_impact.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes `/merger`: scales `scenario`, `kommun`, `year`, `quantile`; the per-scenario and
/// per-kommun datasets of clarification 50; attributes for the options and the equity returned.
void write_merger(h5::Group& root, const MergerImpact& impact, const MergeOptions& options, const MergedScenario& m);

/// The comparison per year and "who pays, who benefits" per kommun, in Swedish.
std::string merger_report(const MergerImpact& impact);

}  // namespace finsim
