#include "models/year_to_date.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/finance_inputs.h"

namespace finsim {

double LineToDate::budget() const { return std::accumulate(expected.begin(), expected.end(), 0.0); }

namespace {

/// The line's first-year months: k active up to `through`, the rest after it, and its accrual
/// in the expected inputs.
LineToDate line_to_date(const FinanceLine& line, std::optional<double> actual, int through)
{
  LineToDate l;
  l.actual = actual;
  for (int m = 0; m < 12; ++m) {
    const bool active = m >= line.first_month && m <= line.last_month;
    (m <= through ? l.months_to_date : l.months_left) += active ? 1 : 0;
    l.expected[static_cast<std::size_t>(m)] = monthly_accrual(line, m);
  }
  return l;
}

/// The standard deviation of `d` (a t with df <= 2: its scale).
double standard_deviation(const Distribution& d)
{
  switch (d.kind) {
    case DistributionKind::fixed: return 0.0;
    case DistributionKind::uniform: return (d.max - d.min) / std::sqrt(12.0);
    case DistributionKind::triangular: {
      const double a = d.min, b = d.mode, c = d.max;
      return std::sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0);
    }
    // A t with df <= 2 has no finite sd: its scale s·√(1 + 1/n) stands for it (docs/forecasting.md).
    case DistributionKind::student_t: return d.df > 2.0 ? d.sd * std::sqrt(d.df / (d.df - 2.0)) : d.sd;
    default: return d.sd;
  }
}

/// The posterior of insats `ins`' first-year utilisation (clarification 56), or nullopt when its
/// utilisation is fixed or nothing is booked for it.
std::optional<BetaShapes> utilization_posterior(const Insats& ins, const LineToDate& l)
{
  if (!l.actual || ins.utilization.is_fixed() || l.months_to_date == 0) return std::nullopt;
  const double m = ins.utilization.expected();
  if (!(m > 0.0 && m < 1.0)) return std::nullopt;
  // The prior Beta by moments; a spread a Beta cannot have (or none: a t with df <= 2) is taken at
  // 99 % of the largest it can.
  const double largest = std::sqrt(m * (1.0 - m));
  double sd = standard_deviation(ins.utilization.distribution);
  if (!(sd > 0.0) || !(sd < largest)) sd = 0.99 * largest;
  const double nu = m * (1.0 - m) / (sd * sd) - 1.0;
  BetaShapes prior{m * nu, (1.0 - m) * nu};
  // Use so far: the actual against the granted budget's accrual to date (utilisation 1).
  const double k = l.months_to_date;
  const double budget_to_date = ins.budget.values.front().expected() / 12.0 * k;
  const double used = budget_to_date > 0.0 ? std::clamp(*l.actual / budget_to_date, 0.0, 1.0) : m;
  return BetaShapes{prior.alpha + k * used, prior.beta + k * (1.0 - used)};
}

/// Sets line `line`'s accrual in month `m` to `amount` (through its monthly extra).
void set_accrual(FinanceLine& line, int m, int months, double amount)
{
  if (line.monthly_extra.empty()) line.monthly_extra.assign(static_cast<std::size_t>(months), 0.0);
  line.monthly_extra[static_cast<std::size_t>(m)] += amount - monthly_accrual(line, m);
}

/// The first year of one line: the actual to date over its active months so far, the months left
/// by the method. `drawn(m)` is the month's accrual as this projection settled it (model method):
/// it is called before month m is set, so it may read `line` itself (a month's change touches
/// only that month). `share` is the line's share of a joint actual (a member's part of the
/// driftbidrag).
template <class Drawn>
void forecast_line(const LineToDate& l, ForecastMethod method, int through, int months, double share, FinanceLine& line,
                   Drawn drawn)
{
  const bool expected_left = method == ForecastMethod::budget || (method == ForecastMethod::pace && !l.actual) ||
                             (method == ForecastMethod::pace && l.pace_unavailable());
  const double pace = l.actual && l.months_to_date > 0 ? share * *l.actual / l.months_to_date : 0.0;
  for (int m = 0; m < 12; ++m) {
    const bool active = m >= line.first_month && m <= line.last_month;
    double amount = 0.0;
    if (m <= through && l.actual) {
      // The actual over the active months to date (or month `through` when none was active).
      if (l.months_to_date > 0)
        amount = active ? pace : 0.0;
      else
        amount = m == through ? share * *l.actual : 0.0;
    } else if (!l.actual && method == ForecastMethod::model) {
      continue;  // not given: as modelled
    } else if (m <= through || expected_left) {
      amount = share * l.expected[static_cast<std::size_t>(m)];
    } else if (method == ForecastMethod::pace) {
      amount = active ? pace : 0.0;
    } else {
      amount = drawn(m);
    }
    set_accrual(line, m, months, amount);
  }
}

}  // namespace

YearToDatePlan plan_year_to_date(const Scenario& s, const FinanceInputs& expected)
{
  const YearToDate& ytd = *s.year_to_date;
  YearToDatePlan p;
  p.through = ytd.through_month;
  p.method = ytd.method;
  p.cash = ytd.cash;
  // The members together: one line of twelve active months with their summed accrual.
  double total = 0.0;
  for (const FinanceLine& c : expected.contributions)
    for (int m = 0; m < 12; ++m) total += monthly_accrual(c, m);
  p.driftbidrag.actual = ytd.driftbidrag;
  p.driftbidrag.months_to_date = p.through + 1;
  p.driftbidrag.months_left = 11 - p.through;
  for (const FinanceLine& c : expected.contributions) {
    double member = 0.0;
    for (int m = 0; m < 12; ++m) {
      p.driftbidrag.expected[static_cast<std::size_t>(m)] += monthly_accrual(c, m);
      member += monthly_accrual(c, m);
    }
    p.member_share.push_back(total != 0.0 ? member / total : 1.0 / static_cast<double>(expected.contributions.size()));
  }
  // A line added after the scenario was read (an analysis' room insats) has no actual.
  auto actual = [](const std::vector<std::optional<double>>& actuals, std::size_t i) {
    return i < actuals.size() ? actuals[i] : std::nullopt;
  };
  for (std::size_t i = 0; i < s.incomes.size(); ++i)
    p.incomes.push_back(line_to_date(expected.incomes[i], actual(ytd.incomes, i), p.through));
  for (std::size_t i = 0; i < s.costs.size(); ++i)
    p.costs.push_back(line_to_date(expected.costs[i], actual(ytd.costs, i), p.through));
  for (std::size_t i = 0; i < s.insatser.size(); ++i) {
    p.insatser.push_back(line_to_date(expected.insatser[i], actual(ytd.insatser, i), p.through));
    p.posterior.push_back(p.method == ForecastMethod::model ? utilization_posterior(s.insatser[i], p.insatser.back())
                                                            : std::nullopt);
  }
  return p;
}

void apply_year_to_date(const YearToDatePlan& plan, const Scenario& s, ValueSource& values, FinanceInputs& in)
{
  const int months = in.years * 12, T = plan.through;
  const ForecastMethod method = plan.method;
  for (std::size_t i = 0; i < in.contributions.size(); ++i) {
    FinanceLine& line = in.contributions[i];
    const FinanceLine& drawn = line;
    forecast_line(plan.driftbidrag, method, T, months, plan.member_share[i], line,
                  [&](int m) { return monthly_accrual(drawn, m); });
  }
  // A line with a probability and a nonzero actual has occurred (clarification 56): its months
  // left accrue its amount whatever this projection drew.
  auto occurred_rate = [&](const Series& amount, const Uncertain* growth, double probability, const LineToDate& l,
                           const FinanceLine& line, int m) {
    if (probability < 1.0 && l.actual && *l.actual != 0.0)
      return m >= line.first_month && m <= line.last_month ? series_value(amount, growth, 0, values) / 12.0 : 0.0;
    return monthly_accrual(line, m);
  };
  for (std::size_t i = 0; i < in.incomes.size(); ++i) {
    const Income& x = s.incomes[i];
    const FinanceLine& drawn = in.incomes[i];
    forecast_line(plan.incomes[i], method, T, months, 1.0, in.incomes[i],
                  [&](int m) { return occurred_rate(x.amount, nullptr, x.probability, plan.incomes[i], drawn, m); });
  }
  for (std::size_t i = 0; i < in.costs.size(); ++i) {
    const Cost& x = s.costs[i];
    const FinanceLine& drawn = in.costs[i];
    // A cost booked unless an income comes is not booked once that income has come this year.
    const bool income_came =
        x.unless_income >= 0 && plan.incomes[static_cast<std::size_t>(x.unless_income)].actual.value_or(0.0) != 0.0;
    forecast_line(plan.costs[i], method, T, months, 1.0, in.costs[i], [&](int m) {
      return income_came ? 0.0 : occurred_rate(x.amount, &x.growth, x.probability, plan.costs[i], drawn, m);
    });
  }
  for (std::size_t i = 0; i < in.insatser.size(); ++i) {
    const Insats& x = s.insatser[i];
    const FinanceLine& drawn = in.insatser[i];
    const std::optional<BetaShapes>& posterior = plan.posterior[i];
    // Model: the months left at the drawn budget times the posterior utilisation, drawn once per run.
    const double use = posterior ? values.posterior_utilization(i, posterior->alpha, posterior->beta) : 0.0;
    const double budget = posterior ? series_value(x.budget, nullptr, 0, values) : 0.0;
    forecast_line(plan.insatser[i], method, T, months, 1.0, in.insatser[i], [&](int m) {
      if (!posterior) return monthly_accrual(drawn, m);
      const double extra = drawn.monthly_extra.empty() ? 0.0 : drawn.monthly_extra[static_cast<std::size_t>(m)];
      const bool active = m >= drawn.first_month && m <= drawn.last_month;
      return (active ? budget * use / 12.0 : 0.0) + extra;
    });
  }
}

void mark_occurred(const YearToDatePlan& plan, Scenario& s)
{
  auto occurred = [](const LineToDate& l) { return l.actual.value_or(0.0) != 0.0; };
  for (std::size_t i = 0; i < s.incomes.size() && i < plan.incomes.size(); ++i)
    if (!s.incomes[i].amount.is_list && occurred(plan.incomes[i])) s.incomes[i].probability = 1.0;
  for (std::size_t i = 0; i < s.costs.size() && i < plan.costs.size(); ++i)
    if (!s.costs[i].amount.is_list && occurred(plan.costs[i])) s.costs[i].probability = 1.0;
}

void settle_given_cash(const YearToDatePlan& plan, FinanceInputs& in, FinanceProjection& out)
{
  if (!plan.cash) return;
  const double gap = *plan.cash - out.cash[static_cast<std::size_t>(plan.through)];
  in.opening_cash += gap;
  for (double& c : out.cash) c += gap;
  for (std::size_t y = 0; y < out.cash_min.size(); ++y) {
    out.cash_min[y] += gap;
    out.cash_negative[y] = out.cash_min[y] < 0.0;
  }
}

double other_net_assets(const FinanceInputs& in)
{
  return in.opening_equity - in.opening_cash - in.opening_receivables + in.opening_payables;
}

}  // namespace finsim
