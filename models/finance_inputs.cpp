#include "models/finance_inputs.h"

#include <algorithm>

#include "models/allocation.h"

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
  std::vector<double> amounts(s.members.size(), 0.0);
  member_contributions(s, year, values, amounts);
  return amounts;
}

void split_state_half(const Scenario& s, double state_half, std::span<double> amounts)
{
  // The state half is split equally among state members; the region quarter (= half the state
  // half) equally among regions; the kommun quarter by population.
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
}

void member_contributions(const Scenario& s, int year, ValueSource& values, std::span<double> amounts)
{
  const Funding& f = s.funding;
  if (f.state) {
    split_state_half(s, series_value(*f.state, &f.state_growth, year, values), amounts);
  } else if (f.allocation) {
    AllocationParts parts;
    allocation_parts(s, values, {}, parts);
    split_state_half(s, parts.state_allocation[static_cast<std::size_t>(year)], amounts);
  } else {
    for (std::size_t i = 0; i < s.members.size(); ++i)
      amounts[i] = series_value(f.contributions[i], &f.state_growth, year, values);
  }
}

void set_state_half(const Scenario& s, const std::vector<double>& state_half, FinanceInputs& in)
{
  std::vector<double> amounts(s.members.size());
  for (std::size_t y = 0; y < state_half.size(); ++y) {
    split_state_half(s, state_half[y], amounts);
    for (std::size_t i = 0; i < s.members.size(); ++i) in.contributions[i].yearly[y] = amounts[i];
  }
}

namespace {

/// Whether the line with `amount` and `probability` occurs in year `year`: one event per run for a
/// single amount, one per year for a list (clarification 18), keyed by the amount's stream.
double occurs(ValueSource& values, double probability, const Series& amount, int year)
{
  return values.occurs(probability, amount.values.front().stream_id, amount.is_list ? year : 0);
}

/// Sets `line` up for `active` months paid on `payment`, keeping its storage.
void set_line(FinanceLine& line, const ActiveMonths& active, Payment payment, int years)
{
  line.yearly.assign(static_cast<std::size_t>(years), 0.0);
  line.first_month = active.first;
  line.last_month = active.last;
  line.payment = payment;
  line.monthly_extra.clear();
}

}  // namespace

FinanceInputs finance_inputs(const Scenario& s, ValueSource& values)
{
  FinanceInputs in;
  finance_inputs(s, values, in);
  return in;
}

void finance_inputs(const Scenario& s, ValueSource& values, FinanceInputs& in)
{
  const Forbund& f = s.forbund;
  const int years = f.years;
  in.years = years;
  in.opening_equity = f.opening_equity;
  in.opening_cash = f.opening_cash;
  in.opening_payables = f.opening_payables.amount;
  in.payables_month = f.opening_payables.month;
  in.opening_receivables = f.opening_receivables.amount;
  in.receivables_month = f.opening_receivables.month;
  in.balance_sheet = values.balance_sheet();
  in.equity_cap_share = f.equity_cap_share;
  in.equity_floor = f.equity_floor;

  const ActiveMonths whole{
      .from = {f.first_year, 1}, .to = {f.first_year + years - 1, 12}, .first = 0, .last = years * 12 - 1};
  in.contributions.resize(s.members.size());
  for (FinanceLine& line : in.contributions) set_line(line, whole, s.funding.payment, years);
  if (s.funding.allocation) {
    // The allocation's years depend on each other (the cut limit): settled once, all together.
    AllocationParts parts;
    allocation_parts(s, values, {}, parts);
    set_state_half(s, parts.state_allocation, in);
  } else {
    std::vector<double> amounts(s.members.size());
    for (int y = 0; y < years; ++y) {
      member_contributions(s, y, values, amounts);
      for (std::size_t i = 0; i < s.members.size(); ++i) in.contributions[i].yearly[y] = amounts[i];
    }
  }

  // An income with a single amount comes or not once per run; a per-year list once per year.
  // Whether it comes (income × year) is kept for the costs booked unless it does.
  in.incomes.resize(s.incomes.size());
  // How much of it comes, as a share of its planned amount (0–1), is kept for the costs that follow it.
  std::vector<double> income_occurs(s.incomes.size() * static_cast<std::size_t>(years));
  std::vector<double> income_share(income_occurs.size());
  for (std::size_t i = 0; i < s.incomes.size(); ++i) {
    const Income& inc = s.incomes[i];
    FinanceLine& line = in.incomes[i];
    set_line(line, inc.active, inc.payment, years);
    for (int y = 0; y < years; ++y) {
      const std::size_t at = i * static_cast<std::size_t>(years) + static_cast<std::size_t>(y);
      double& comes = income_occurs[at];
      comes = occurs(values, inc.probability, inc.amount, y);
      const double amount = series_value(inc.amount, nullptr, y, values);
      line.yearly[y] = amount * comes;
      const double planned = inc.amount.values[std::min<std::size_t>(y, inc.amount.values.size() - 1)].expected();
      income_share[at] = comes * (planned > 0.0 ? std::clamp(amount / planned, 0.0, 1.0) : 1.0);
    }
  }

  in.costs.resize(s.costs.size());
  for (std::size_t i = 0; i < s.costs.size(); ++i) {
    const Cost& c = s.costs[i];
    FinanceLine& line = in.costs[i];
    set_line(line, c.active, c.payment, years);
    for (int y = 0; y < years; ++y) {
      double weight = occurs(values, c.probability, c.amount, y);
      if (c.unless_income >= 0)
        weight *= 1.0 - income_occurs[static_cast<std::size_t>(c.unless_income) * static_cast<std::size_t>(years) +
                                      static_cast<std::size_t>(y)];
      // A cost that follows an income is booked only when, and as far as, it comes.
      if (c.follows_income >= 0)
        weight *= income_share[static_cast<std::size_t>(c.follows_income) * static_cast<std::size_t>(years) +
                               static_cast<std::size_t>(y)];
      line.yearly[y] = series_value(c.amount, &c.growth, y, values) * weight;
    }
  }

  in.insatser.resize(s.insatser.size());
  for (std::size_t i = 0; i < s.insatser.size(); ++i) {
    const Insats& ins = s.insatser[i];
    FinanceLine& line = in.insatser[i];
    set_line(line, ins.active, ins.payment, years);
    for (int y = 0; y < years; ++y)
      line.yearly[y] = series_value(ins.budget, nullptr, y, values) * values.value(ins.utilization, y);
  }
}

}  // namespace finsim
