// The state's allocation model (Försäkringskassan's fördelningsmodell, `[funding.allocation]`):
// the state half of a förbund's driftbidrag per year, with its parts (clarifications 44–46).
#pragma once
#include <vector>

#include "input/scenario.h"
#include "models/value_source.h"

namespace finsim {

/// The state allocation of each horizon year and its parts: state_allocation = base + share_part
/// − equity_deduction + cut_limited, exactly.
struct AllocationParts {
  std::vector<double> base, share_part, equity_deduction, cut_limited, state_allocation;
};

/// The parts for every horizon year of `s` (which has `funding.allocation`), with each year's
/// equity deduction given (`deductions`, one per year; empty: none), writing into `out`.
void allocation_parts(const Scenario& s, ValueSource& values, const std::vector<double>& deductions,
                      AllocationParts& out);

/// The equity rule's deduction from a year's state allocation when the closing equity of year
/// t − 2 was `equity` on a driftbidrag of `driftbidrag` that year: the deduction share of the
/// strict excess over the threshold share of the driftbidrag, else 0.
double equity_deduction(const Allocation& a, double equity, double driftbidrag);

}  // namespace finsim
