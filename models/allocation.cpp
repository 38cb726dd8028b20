#include "models/allocation.h"

#include <algorithm>

#include "models/finance_inputs.h"

namespace finsim {

void allocation_parts(const Scenario& s, ValueSource& values, const std::vector<double>& deductions,
                      AllocationParts& out)
{
  const Allocation& a = *s.funding.allocation;
  const auto years = static_cast<std::size_t>(s.forbund.years);
  for (auto* v : {&out.base, &out.share_part, &out.equity_deduction, &out.cut_limited, &out.state_allocation})
    v->assign(years, 0.0);
  for (std::size_t y = 0; y < years; ++y) {
    const int year = static_cast<int>(y);
    const double total = series_value(a.national_total, &s.funding.state_growth, year, values);
    const double count = series_value(a.forbund_count, nullptr, year, values);
    const double rest = std::max(0.0, total - count * a.base_amount);
    const double weight = a.forsorjningsmatt_weight * values.value(a.forsorjningsmatt_share, year) +
                          a.population_weight * values.value(a.population_share, year);
    out.base[y] = a.base_amount;
    out.share_part[y] = rest * weight;
    // The rule takes at most the whole allocation: the state half never turns negative.
    const double deduction = std::min(deductions.empty() ? 0.0 : deductions[y], out.base[y] + out.share_part[y]);
    out.equity_deduction[y] = deduction;
    const double raw = out.base[y] + out.share_part[y] - deduction;
    // The cut limit holds from the second horizon year, except in a year the equity rule cuts.
    if (a.max_yearly_cut && y > 0 && deduction <= 0.0)
      out.cut_limited[y] = std::max(0.0, (1.0 - *a.max_yearly_cut) * out.state_allocation[y - 1] - raw);
    out.state_allocation[y] = raw + out.cut_limited[y];
  }
}

double equity_deduction(const Allocation& a, double equity, double driftbidrag)
{
  if (!a.equity_rule()) return 0.0;
  const double excess = equity - *a.equity_threshold_share * driftbidrag;
  return excess > 0.0 ? *a.equity_deduction_share * excess : 0.0;
}

}  // namespace finsim
