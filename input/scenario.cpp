#include "input/scenario.h"

namespace finsim {

Uncertain default_utilization(const std::string& path)
{
  Uncertain u = make_uncertain(predictive_from_history(default_use_history), path, 0.0, 1.0);
  u.deterministic = 1.0;
  return u;
}

std::vector<const Uncertain*> random_quantities(const Scenario& s)
{
  std::vector<const Uncertain*> out;
  auto add = [&](const Uncertain& u) {
    if (!u.is_fixed()) out.push_back(&u);
  };
  auto add_series = [&](const Series& series) {
    for (const Uncertain& u : series.values) add(u);
  };
  if (s.funding.state) add_series(*s.funding.state);
  if (const std::optional<Allocation>& a = s.funding.allocation) {
    add_series(a->national_total);
    add(a->forsorjningsmatt_share);
    add(a->population_share);
  }
  add(s.funding.state_growth);
  for (const Series& c : s.funding.contributions) add_series(c);
  for (const Income& i : s.incomes) add_series(i.amount);
  for (const Cost& c : s.costs) {
    add_series(c.amount);
    add(c.growth);
  }
  for (const Insats& i : s.insatser) {
    add_series(i.budget);
    add(i.utilization);
    if (i.participants && i.participants->referrals_per_month) add(*i.participants->referrals_per_month);
  }
  return out;
}

}  // namespace finsim
