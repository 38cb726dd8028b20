#include "engine/outcome.h"

namespace finsim {

namespace {

/// The förbund's total of one yearly participant figure over its insatser.
void flow_total(const Projection& p, std::vector<double> InsatsFlows::*member, std::vector<double>& out)
{
  out.assign(p.finance.equity.size(), 0.0);
  for (const auto& f : p.flows)
    if (f)
      for (std::size_t y = 0; y < out.size(); ++y) out[y] += ((*f).*member)[y];
}

}  // namespace

void outcome_values(Outcome o, const Projection& p, std::vector<double>& out)
{
  const FinanceProjection& f = p.finance;
  switch (o) {
    case Outcome::equity: out = f.equity; return;
    case Outcome::result: out = f.result; return;
    case Outcome::equity_ratio: out = f.equity_ratio; return;
    case Outcome::driftbidrag: out = f.driftbidrag; return;
    case Outcome::costs: out = f.costs; return;
    case Outcome::cash_min: out = f.cash_min; return;
    case Outcome::served: flow_total(p, &InsatsFlows::served, out); return;
    case Outcome::exits_work_studies: flow_total(p, &InsatsFlows::exits_work_studies, out); return;
  }
}

std::optional<double> actual_value(const Actual& a, Outcome o)
{
  switch (o) {
    case Outcome::equity: return a.equity;
    case Outcome::result: return a.result;
    case Outcome::driftbidrag: return a.driftbidrag;
    case Outcome::costs: return a.costs;
    default: return std::nullopt;
  }
}

const std::vector<bool>& breach_flags(Breach b, const Projection& p)
{
  switch (b) {
    case Breach::equity_above_cap: return p.finance.equity_above_cap;
    case Breach::equity_below_floor: return p.finance.equity_below_floor;
    case Breach::cash_negative: return p.finance.cash_negative;
  }
  return p.finance.cash_negative;
}

}  // namespace finsim
