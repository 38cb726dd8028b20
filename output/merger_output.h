// The merger's impact in the result file (`/merger`) and in the terminal, in Swedish.
#pragma once
#include <string>
#include <vector>

#include "analysis/merger_impact.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes `/merger`: scales `scenario`, `kommun`, `year`, `quantile`, `member`, `source`; the
/// per-scenario and per-kommun datasets of clarification 50, the lost base amounts and the equity
/// brought in (clarification 83); attributes for the options and the equity returned.
void write_merger(h5::Group& root, const MergerImpact& impact, const MergeOptions& options, const MergedScenario& m);

/// The comparison per year and "who pays, who benefits" per kommun, in Swedish.
std::string merger_report(const MergerImpact& impact);

/// Why the `count` base amounts the merger loses are not in the figures without the allocation
/// model (clarification 83), in Swedish.
std::string lost_base_amounts_not_modelled(int count);

/// Why kansli and styrelse (`kinds`: those no --kansli / --styrelse replaced) are the förbund's sum
/// (`amount`: per year from `first_year`) and how to set the merged förbund's own, in Swedish (one
/// paragraph, no line break); empty when both were given.
std::string admin_summed_note(const std::vector<std::string>& kinds, const std::vector<double>& amount, int first_year);

/// The equity each förbund brings in, with its share of the sum, in Swedish.
std::string equity_brought_in(const MergedScenario& m);

}  // namespace finsim
