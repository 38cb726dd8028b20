#include "models/year_to_date.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/finance_inputs.h"
#include "models/payment.h"

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

/// What the line's schedule pays of its first year at full use by the end of month `through`.
double due_by(const FinanceLine& line, const LineToDate& l, int through)
{
  std::array<double, 12> paid{};
  add_payments(line.payment, l.expected, std::min(line.first_month, 11), paid);
  double due = 0.0;
  for (int m = 0; m <= through; ++m) due += paid[static_cast<std::size_t>(m)];
  return due;
}

/// What the line is budgeted to book by the end of month `through` at its expected use: the
/// schedule's payments (basis "paid") or the accrual (basis "accrued").
double budgeted_to_date(const FinanceLine& line, const LineToDate& l, BookingBasis basis, int through)
{
  if (basis == BookingBasis::paid) return due_by(line, l, through);
  double to_date = 0.0;
  for (int m = 0; m <= through; ++m) to_date += l.expected[static_cast<std::size_t>(m)];
  return to_date;
}

/// The schedule in words, with how much of it has been paid by `through` ("kvartalsvis i
/// efterskott, 2 av 4 kvartal betalda").
std::string schedule_words(const FinanceLine& line, const LineToDate& l, int through)
{
  std::array<double, 12> paid{};
  add_payments(line.payment, l.expected, std::min(line.first_month, 11), paid);
  int payments = 0, paid_so_far = 0;
  for (int m = 0; m < 12; ++m)
    if (paid[static_cast<std::size_t>(m)] != 0.0) {
      ++payments;
      if (m <= through) ++paid_so_far;
    }
  if (payments == 0 && line.payment != Payment::annual_arrears && line.payment != Payment::quarterly_arrears)
    return "ingen budget i år";
  switch (line.payment) {
    case Payment::monthly: return fmt::format("månadsvis, {} av {} månader betalda", paid_so_far, payments);
    case Payment::quarterly_advance:
      return fmt::format("kvartalsvis i förskott, {} av {} kvartal betalda", paid_so_far, payments);
    case Payment::quarterly_arrears:
      return fmt::format("kvartalsvis i efterskott, {} av {} kvartal betalda", paid_so_far,
                         payments + (l.expected.back() != 0.0 ? 1 : 0));
    case Payment::annual_advance: return paid_so_far > 0 ? "årsvis i förskott, betald" : "årsvis i förskott, ej betald";
    case Payment::annual_arrears: return "årsvis i efterskott, betalas nästa år";
  }
  return "";
}

/// Sets what the forecast of an ordinary line needs to know of its bookings (clarification 98):
/// the use so far against the granted budget at full use (`full_use`: full use ÷ expected use, an
/// insats' 1 ÷ its expected utilisation), booked against what its schedule has paid by `through`
/// (basis "paid") or against its accrual to date (basis "accrued"), and the assumption in words.
void read_bookings(const FinanceLine& line, LineToDate& l, BookingBasis basis, int through, double full_use)
{
  l.full_use = full_use;
  if (l.role == LineRole::contracted) l.assumption = "avtal: hela budgeten";
  if (l.role == LineRole::reserve) l.assumption = "reserv: bokfört + beslutat";
  if (l.role != LineRole::ordinary || !l.actual) return;
  double to_date = 0.0;
  if (basis == BookingBasis::accrued) {
    for (int m = 0; m <= through; ++m) to_date += l.expected[static_cast<std::size_t>(m)];
    l.assumption = "periodiserat";
  } else {
    to_date = due_by(line, l, through);
    l.assumption = schedule_words(line, l, through);
  }
  l.due_to_date = to_date * full_use;
  l.use = *l.due_to_date > 0.0 ? std::max(0.0, *l.actual / *l.due_to_date) : 1.0;
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
  if (!l.actual || !ins.utilization_given || ins.utilization.is_fixed() || l.months_to_date == 0 ||
      l.role != LineRole::ordinary)
    return std::nullopt;
  const double m = ins.utilization.expected();
  if (!(m > 0.0 && m < 1.0)) return std::nullopt;
  // The prior Beta by moments; a spread a Beta cannot have (or none: a t with df <= 2) is taken at
  // 99 % of the largest it can.
  const double largest = std::sqrt(m * (1.0 - m));
  double sd = standard_deviation(ins.utilization.distribution);
  if (!(sd > 0.0) || !(sd < largest)) sd = 0.99 * largest;
  const double nu = m * (1.0 - m) / (sd * sd) - 1.0;
  BetaShapes prior{m * nu, (1.0 - m) * nu};
  // Use so far: the actual against the granted budget at full use (utilisation 1), to date.
  const double k = l.months_to_date;
  const double used = l.use ? std::clamp(*l.use, 0.0, 1.0) : m;
  return BetaShapes{prior.alpha + k * used, prior.beta + k * (1.0 - used)};
}

/// Sets line `line`'s accrual in month `m` to `amount` (through its monthly extra).
void set_accrual(FinanceLine& line, int m, int months, double amount)
{
  if (line.monthly_extra.empty()) line.monthly_extra.assign(static_cast<std::size_t>(months), 0.0);
  line.monthly_extra[static_cast<std::size_t>(m)] += amount - monthly_accrual(line, m);
}

/// The accrual of each month of the first year before the default deviation (NaN: as modelled).
template <class Drawn>
std::array<double, 12> forecast_months(const LineToDate& l, ForecastMethod method, int through, double share,
                                       const FinanceLine& line, Drawn drawn)
{
  std::array<double, 12> out{};
  const auto expected = [&](int m) { return share * l.expected[static_cast<std::size_t>(m)]; };
  const bool expected_left = method == ForecastMethod::budget || (method == ForecastMethod::pace && !l.actual) ||
                             (method == ForecastMethod::pace && l.pace_unavailable());
  const double pace = l.actual && l.months_to_date > 0 ? share * *l.actual / l.months_to_date : 0.0;
  const double decided_pace = l.months_left > 0 ? l.decided / l.months_left : 0.0;
  for (int m = 0; m < 12; ++m) {
    const bool active = m >= line.first_month && m <= line.last_month;
    double& amount = out[static_cast<std::size_t>(m)];
    if (m > through && !active && l.role != LineRole::grant) {
      amount = 0.0;  // ended early in this run (or not yet started)
    } else if (l.role == LineRole::contracted || l.role == LineRole::grant) {
      amount = expected(m);  // the budget (the decided grant), whatever is booked
    } else if (m <= through && l.actual && l.use) {
      amount = *l.use * l.full_use * expected(m);  // the use so far times the granted budget's months
    } else if (m <= through && l.actual) {
      // The actual over the active months to date (or month `through` when none was active).
      if (l.months_to_date > 0)
        amount = active ? pace : 0.0;
      else
        amount = m == through ? share * *l.actual : 0.0;
    } else if (l.role == LineRole::reserve && l.actual) {
      amount = active ? decided_pace : 0.0;
    } else if (!l.actual && method == ForecastMethod::model) {
      amount = std::numeric_limits<double>::quiet_NaN();  // not given: as modelled
    } else if (m <= through || expected_left) {
      amount = expected(m);
    } else if (method == ForecastMethod::model && l.own_uncertainty) {
      amount = drawn(m);  // the line's own uncertainty (a posterior utilisation, drawn amounts)
    } else {
      amount = l.use ? *l.use * l.full_use * expected(m) : expected(m);  // the use so far continued
    }
  }
  return out;
}

/// The first year of one line: the months to date from what is booked, the months left by the
/// method, the line's role and the default deviation `deviation` (a share of the year's budget,
/// spread over the months left). `drawn(m)` is the month's accrual as this projection settled it
/// (model method): it is called before month m is set, so it may read `line` itself (a month's
/// change touches only that month). `share` is the line's share of a joint actual (a member's part
/// of the driftbidrag).
template <class Drawn>
void forecast_line(const LineToDate& l, ForecastMethod method, int through, int months, double share, FinanceLine& line,
                   double deviation, Drawn drawn)
{
  const std::array<double, 12> amounts = forecast_months(l, method, through, share, line, drawn);
  double left = 0.0, year = 0.0;
  for (int m = through + 1; m < 12; ++m) left += l.expected[static_cast<std::size_t>(m)];
  for (int m = 0; m < 12; ++m) year += l.expected[static_cast<std::size_t>(m)];
  double total = 0.0;
  for (int m = 0; m < 12; ++m) {
    double amount = amounts[static_cast<std::size_t>(m)];
    if (std::isnan(amount)) {  // as modelled, with the default deviation of the months left
      if (m <= through || deviation == 0.0) continue;
      amount = monthly_accrual(line, m);
    }
    const bool active = m >= line.first_month && m <= line.last_month;
    if (m > through && active && left != 0.0 && deviation != 0.0) {
      amount += deviation * share * year * l.expected[static_cast<std::size_t>(m)] / left;
      if (l.expected[static_cast<std::size_t>(m)] >= 0.0) amount = std::max(amount, 0.0);
    }
    total += amount;
    set_accrual(line, m, months, amount);
  }
  // Never below what is booked (clarification 98).
  if (l.role == LineRole::ordinary && l.use && total < share * *l.actual)
    set_accrual(line, through, months, monthly_accrual(line, through) + share * *l.actual - total);
}

}  // namespace

double insats_deviation_scale() { return predictive_from_history(default_use_history).sd; }

namespace {

/// The members' driftbidrag as one line: all together, each member's share of it, and the year as
/// decided (or `driftbidrag_expected`), the bookings moving only the cash (clarification 98).
void plan_driftbidrag(const YearToDate& ytd, const FinanceInputs& expected, YearToDatePlan& p)
{
  double total = 0.0;
  for (const FinanceLine& c : expected.contributions)
    for (int m = 0; m < 12; ++m) total += monthly_accrual(c, m);
  LineToDate& d = p.driftbidrag;
  d.actual = ytd.driftbidrag;
  d.months_to_date = p.through + 1;
  d.months_left = 11 - p.through;
  for (const FinanceLine& c : expected.contributions) {
    double member = 0.0;
    for (int m = 0; m < 12; ++m) {
      d.expected[static_cast<std::size_t>(m)] += monthly_accrual(c, m);
      member += monthly_accrual(c, m);
    }
    p.member_share.push_back(total != 0.0 ? member / total : 1.0 / static_cast<double>(expected.contributions.size()));
  }
  for (const FinanceLine& c : expected.contributions)
    d.budget_to_date += budgeted_to_date(c, line_to_date(c, std::nullopt, p.through), p.basis, p.through);
  d.role = LineRole::grant;  // what has arrived so far is no use: it moves only the cash
  d.assumption = "beslutat driftbidrag";
  if (ytd.driftbidrag_expected && total != 0.0) {
    for (double& x : d.expected) x *= *ytd.driftbidrag_expected / total;
    d.budget_to_date *= *ytd.driftbidrag_expected / total;
    d.assumption = "förväntat driftbidrag (driftbidrag_expected)";
  }
}

LineRole role_of(bool contracted, bool reserve)
{
  return contracted ? LineRole::contracted : reserve ? LineRole::reserve : LineRole::ordinary;
}

}  // namespace

YearToDatePlan plan_year_to_date(const Scenario& s, const FinanceInputs& expected)
{
  const YearToDate& ytd = *s.year_to_date;
  YearToDatePlan p;
  p.through = ytd.through_month;
  p.method = ytd.method;
  p.basis = ytd.basis;
  p.cash = ytd.cash;
  // The whole of a year's variation of use is left for the months left: förbund catch up or hold
  // back in the autumn (seed 001: "kostnaderna kommer att öka under hösten"); none in December.
  const bool months_left = p.through < 11;
  p.insats_deviation = months_left ? insats_deviation_scale() : 0.0;
  p.admin_deviation = months_left ? admin_deviation_scale : 0.0;
  plan_driftbidrag(ytd, expected, p);
  // A line added after the scenario was read (an analysis' room insats) has no actual.
  auto actual = [](const std::vector<std::optional<double>>& actuals, std::size_t i) {
    return i < actuals.size() ? actuals[i] : std::nullopt;
  };
  auto at = [](const std::vector<double>& v, std::size_t i) { return i < v.size() ? v[i] : 0.0; };
  for (std::size_t i = 0; i < s.incomes.size(); ++i) {
    const Income& x = s.incomes[i];
    LineToDate l = line_to_date(expected.incomes[i], actual(ytd.incomes, i), p.through);
    l.budget_to_date = budgeted_to_date(expected.incomes[i], l, p.basis, p.through);
    l.own_uncertainty = !x.amount.values.front().is_fixed() || x.probability < 1.0;
    read_bookings(expected.incomes[i], l, p.basis, p.through, 1.0);
    p.incomes.push_back(l);
  }
  for (std::size_t i = 0; i < s.costs.size(); ++i) {
    const Cost& x = s.costs[i];
    LineToDate l = line_to_date(expected.costs[i], actual(ytd.costs, i), p.through);
    l.budget_to_date = budgeted_to_date(expected.costs[i], l, p.basis, p.through);
    l.role = role_of(x.contracted, x.reserve);
    l.decided = at(ytd.decided_costs, i);
    l.own_uncertainty =
        !x.amount.values.front().is_fixed() || x.probability < 1.0 || x.unless_income >= 0 || x.follows_income >= 0;
    if (l.role == LineRole::ordinary && !l.own_uncertainty) l.deviation = DeviationKind::admin;
    read_bookings(expected.costs[i], l, p.basis, p.through, 1.0);
    p.costs.push_back(l);
  }
  for (std::size_t i = 0; i < s.insatser.size(); ++i) {
    const Insats& x = s.insatser[i];
    LineToDate l = line_to_date(expected.insatser[i], actual(ytd.insatser, i), p.through);
    l.budget_to_date = budgeted_to_date(expected.insatser[i], l, p.basis, p.through);
    l.role = role_of(x.contracted, x.reserve);
    l.decided = at(ytd.decided_insatser, i);
    l.own_uncertainty = (x.utilization_given && !x.utilization.is_fixed()) || !x.budget.values.front().is_fixed();
    if (l.role == LineRole::ordinary && !l.own_uncertainty) l.deviation = DeviationKind::insats;
    const double expected_use = x.utilization.expected();
    read_bookings(expected.insatser[i], l, p.basis, p.through, expected_use > 0.0 ? 1.0 / expected_use : 1.0);
    p.insatser.push_back(l);
    p.posterior.push_back(p.method == ForecastMethod::model ? utilization_posterior(x, p.insatser.back())
                                                            : std::nullopt);
  }
  return p;
}

void apply_year_to_date(const YearToDatePlan& plan, const Scenario& s, ValueSource& values, FinanceInputs& in)
{
  const int months = in.years * 12, T = plan.through;
  const ForecastMethod method = plan.method;
  // The default deviation of the months left: one draw per run and kind, shared by its lines.
  const double insats_deviation = values.forecast_deviation(1, plan.insats_deviation, deviation_df);
  const double admin_deviation = values.forecast_deviation(2, plan.admin_deviation, deviation_df);
  auto deviation = [&](const LineToDate& l) {
    return l.deviation == DeviationKind::insats  ? insats_deviation
           : l.deviation == DeviationKind::admin ? admin_deviation
                                                 : 0.0;
  };
  for (std::size_t i = 0; i < in.contributions.size(); ++i) {
    FinanceLine& line = in.contributions[i];
    const FinanceLine& drawn = line;
    forecast_line(plan.driftbidrag, method, T, months, plan.member_share[i], line, 0.0,
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
    forecast_line(plan.incomes[i], method, T, months, 1.0, in.incomes[i], deviation(plan.incomes[i]),
                  [&](int m) { return occurred_rate(x.amount, nullptr, x.probability, plan.incomes[i], drawn, m); });
  }
  for (std::size_t i = 0; i < in.costs.size(); ++i) {
    const Cost& x = s.costs[i];
    const FinanceLine& drawn = in.costs[i];
    // A cost booked unless an income comes is not booked once that income has come this year.
    const bool income_came =
        x.unless_income >= 0 && plan.incomes[static_cast<std::size_t>(x.unless_income)].actual.value_or(0.0) != 0.0;
    // A cost that follows an income: mark_occurred has made an income that came certain, so the
    // drawn line already books it in full.
    forecast_line(plan.costs[i], method, T, months, 1.0, in.costs[i], deviation(plan.costs[i]), [&](int m) {
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
    forecast_line(plan.insatser[i], method, T, months, 1.0, in.insatser[i], deviation(plan.insatser[i]), [&](int m) {
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
