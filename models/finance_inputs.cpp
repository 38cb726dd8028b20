#include "models/finance_inputs.h"

namespace finsim {

double series_value(const Series& s, const Uncertain* growth, int year, ValueSource& values)
{
  const int listed = static_cast<int>(s.values.size());
  if (year < listed) return values.value(s.values[year], year);
  double x = values.value(s.values[listed - 1], year);
  if (growth != nullptr)
    for (int k = listed; k <= year; ++k) x *= 1.0 + values.value(*growth, k);
  return x;
}

std::vector<double> member_contributions(const Scenario& s, int year, ValueSource& values)
{
  const Funding& f = s.funding;
  std::vector<double> amounts(s.members.size(), 0.0);
  if (!f.state) {
    for (std::size_t i = 0; i < s.members.size(); ++i)
      amounts[i] = series_value(f.contributions[i], &f.state_growth, year, values);
    return amounts;
  }
  // The state half is split equally among state members; the region quarter (= half the state
  // half) equally among regions; the kommun quarter by population.
  const double state_half = series_value(*f.state, &f.state_growth, year, values);
  int states = 0, regions = 0;
  double population = 0.0;
  for (const Member& m : s.members) {
    states += m.kind == MemberKind::state;
    regions += m.kind == MemberKind::region;
    if (m.kind == MemberKind::kommun) population += m.population;
  }
  for (std::size_t i = 0; i < s.members.size(); ++i) {
    const Member& m = s.members[i];
    switch (m.kind) {
      case MemberKind::state: amounts[i] = state_half / states; break;
      case MemberKind::region: amounts[i] = 0.5 * state_half / regions; break;
      case MemberKind::kommun: amounts[i] = 0.5 * state_half * m.population / population; break;
    }
  }
  return amounts;
}

namespace {

FinanceLine line_for(const ActiveMonths& active, Payment payment, int years)
{
  FinanceLine line;
  line.yearly.assign(static_cast<std::size_t>(years), 0.0);
  line.first_month = active.first;
  line.last_month = active.last;
  line.payment = payment;
  return line;
}

}  // namespace

FinanceInputs finance_inputs(const Scenario& s, ValueSource& values)
{
  const Forbund& f = s.forbund;
  const int years = f.years;
  FinanceInputs in;
  in.years = years;
  in.opening_equity = f.opening_equity;
  in.opening_cash = f.opening_cash;
  in.equity_cap_share = f.equity_cap_share;
  in.equity_floor = f.equity_floor;

  const ActiveMonths whole{.from = {f.first_year, 1}, .to = {f.first_year + years - 1, 12}, .first = 0, .last = years * 12 - 1};
  in.contributions.assign(s.members.size(), line_for(whole, s.funding.payment, years));
  for (int y = 0; y < years; ++y) {
    std::vector<double> amounts = member_contributions(s, y, values);
    for (std::size_t i = 0; i < amounts.size(); ++i) in.contributions[i].yearly[y] = amounts[i];
  }

  // An income with a single amount comes or not once per run; a per-year list once per year.
  std::vector<std::vector<double>> income_occurs(s.incomes.size());
  for (std::size_t i = 0; i < s.incomes.size(); ++i) {
    const Income& inc = s.incomes[i];
    FinanceLine line = line_for(inc.active, inc.payment, years);
    const std::uint64_t id = inc.amount.values.front().stream_id;
    for (int y = 0; y < years; ++y) {
      income_occurs[i].push_back(values.occurs(inc.probability, id, inc.amount.is_list ? y : 0));
      line.yearly[y] = series_value(inc.amount, nullptr, y, values) * income_occurs[i][y];
    }
    in.incomes.push_back(std::move(line));
  }

  for (const Cost& c : s.costs) {
    FinanceLine line = line_for(c.active, c.payment, years);
    const std::uint64_t id = c.amount.values.front().stream_id;
    for (int y = 0; y < years; ++y) {
      double weight = values.occurs(c.probability, id, c.amount.is_list ? y : 0);
      if (c.unless_income >= 0) weight *= 1.0 - income_occurs[c.unless_income][y];
      line.yearly[y] = series_value(c.amount, &c.growth, y, values) * weight;
    }
    in.costs.push_back(std::move(line));
  }

  for (const Insats& ins : s.insatser) {
    FinanceLine line = line_for(ins.active, ins.payment, years);
    for (int y = 0; y < years; ++y)
      line.yearly[y] = series_value(ins.budget, nullptr, y, values) * values.value(ins.utilization, y);
    in.insatser.push_back(std::move(line));
  }
  return in;
}

}  // namespace finsim
