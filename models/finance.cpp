#include "models/finance.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace finsim {

double monthly_accrual(const FinanceLine& line, int m)
{
  const double extra = line.monthly_extra.empty() ? 0.0 : line.monthly_extra[static_cast<std::size_t>(m)];
  if (m < line.first_month || m > line.last_month) return extra;
  return line.yearly[static_cast<std::size_t>(m / 12)] / 12.0 + extra;
}

namespace {

/// Adds what one line has accrued and not settled at each month end to the balance sheet: for an
/// income (`income` true) a positive balance is owed to the förbund, a negative one owed by it;
/// for a cost the other way round.
void add_to_balance(const FinanceScratch& line, bool income, FinanceProjection& out)
{
  double balance = 0.0;  // accrued − settled so far
  for (std::size_t m = 0; m < line.accrual.size(); ++m) {
    out.accrued_result[m] += income ? line.accrual[m] : -line.accrual[m];
    balance += line.accrual[m] - line.paid[m];
    const double owed_to_us = income ? balance : -balance;
    (owed_to_us > 0.0 ? out.receivables[m] : out.payables[m]) += std::fabs(balance);
  }
}

/// Adds a line's accrual to the sum of the lines paid alike (FinanceScratch::PaymentGroup).
void add_to_group(FinanceScratch& scratch, const FinanceLine& line, bool income, const std::vector<double>& accrual)
{
  const bool advance = line.payment == Payment::quarterly_advance || line.payment == Payment::annual_advance;
  const int first_active = advance ? line.first_month : -1;
  std::size_t g = 0;
  while (g < scratch.groups_used &&
         !(scratch.groups[g].payment == line.payment && scratch.groups[g].first_active == first_active &&
           scratch.groups[g].income == income))
    ++g;
  if (g == scratch.groups_used) {
    if (g == scratch.groups.size()) scratch.groups.emplace_back();
    FinanceScratch::PaymentGroup& group = scratch.groups[g];
    group.payment = line.payment;
    group.first_active = first_active;
    group.income = income;
    group.accrual.assign(accrual.begin(), accrual.end());
    ++scratch.groups_used;
    return;
  }
  std::vector<double>& sum = scratch.groups[g].accrual;
  for (std::size_t m = 0; m < sum.size(); ++m) sum[m] += accrual[m];
}

/// Accrues a group of lines: writes each line's yearly accrual into `table`, adds its payments
/// into `paid` and, with a balance sheet, its unsettled balance to `out`.
void accrue_lines(const std::vector<FinanceLine>& lines, bool income, int months, YearTable& table,
                  std::vector<double>& paid, FinanceScratch& scratch, FinanceProjection& out, bool balance_sheet)
{
  const int years = months / 12;
  table.resize(static_cast<Eigen::Index>(lines.size()), years);
  std::vector<double>& accrual = scratch.accrual;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const FinanceLine& line = lines[i];
    // The yearly rate over the active months (monthly_accrual), then the extra amounts.
    for (int y = 0; y < years; ++y) {
      const double rate = line.yearly[static_cast<std::size_t>(y)] / 12.0;
      for (int m = 12 * y; m < 12 * y + 12; ++m) accrual[m] = m < line.first_month || m > line.last_month ? 0.0 : rate;
    }
    if (!line.monthly_extra.empty())
      for (int m = 0; m < months; ++m) accrual[m] += line.monthly_extra[static_cast<std::size_t>(m)];
    for (int y = 0; y < years; ++y) {
      double sum = 0.0;
      for (int m = 12 * y; m < 12 * y + 12; ++m) sum += accrual[m];
      table(static_cast<Eigen::Index>(i), y) = sum;
    }
    if (!balance_sheet) {
      add_to_group(scratch, line, income, accrual);
      continue;
    }
    std::fill(scratch.paid.begin(), scratch.paid.end(), 0.0);
    add_payments(line.payment, accrual, line.first_month, scratch.paid);
    for (int m = 0; m < months; ++m) paid[m] += scratch.paid[m];
    add_to_balance(scratch, income, out);
  }
}

/// Month-end cash from the payments and the opening items settled in the horizon.
void month_end_cash(const FinanceInputs& in, FinanceProjection& out)
{
  double cash = in.opening_cash;
  for (std::size_t m = 0; m < out.cash.size(); ++m) {
    cash += out.paid_in[m] - out.paid_out[m];
    if (static_cast<int>(m) == in.receivables_month) cash += in.opening_receivables;
    if (static_cast<int>(m) == in.payables_month) cash -= in.opening_payables;
    out.cash[m] = cash;
  }
}

/// The opening items still open and the equity at each month end.
void complete_balance_sheet(const FinanceInputs& in, FinanceProjection& out)
{
  double equity = in.opening_equity;
  for (std::size_t m = 0; m < out.cash.size(); ++m) {
    if (static_cast<int>(m) < in.receivables_month) out.receivables[m] += in.opening_receivables;
    if (static_cast<int>(m) < in.payables_month) out.payables[m] += in.opening_payables;
    equity += out.accrued_result[m];
    out.equity_month[m] = equity;
  }
}

}  // namespace

FinanceProjection project_finances(const FinanceInputs& in)
{
  FinanceProjection out;
  project_finances(in, out);
  return out;
}

void project_finances(const FinanceInputs& in, FinanceProjection& out)
{
  const int years = in.years;
  const int months = years * 12;
  const auto y_count = static_cast<std::size_t>(years), m_count = static_cast<std::size_t>(months);
  out.paid_in.assign(m_count, 0.0);
  out.paid_out.assign(m_count, 0.0);
  out.cash.resize(m_count);
  out.scratch.accrual.resize(m_count);
  out.scratch.paid.resize(m_count);
  const bool sheet = in.balance_sheet;
  for (auto* v : {&out.receivables, &out.payables, &out.equity_month, &out.accrued_result})
    v->assign(sheet ? m_count : 0, 0.0);
  out.scratch.groups_used = 0;
  accrue_lines(in.contributions, true, months, out.member_contributions, out.paid_in, out.scratch, out, sheet);
  accrue_lines(in.incomes, true, months, out.income_lines, out.paid_in, out.scratch, out, sheet);
  accrue_lines(in.costs, false, months, out.line_costs, out.paid_out, out.scratch, out, sheet);
  accrue_lines(in.insatser, false, months, out.insats_costs, out.paid_out, out.scratch, out, sheet);
  // Without a balance sheet, the lines paid alike are spread over their months of payment together.
  for (std::size_t g = 0; g < out.scratch.groups_used; ++g) {
    const FinanceScratch::PaymentGroup& group = out.scratch.groups[g];
    add_payments(group.payment, group.accrual, std::max(group.first_active, 0),
                 group.income ? out.paid_in : out.paid_out);
  }

  auto column_sums = [&](const YearTable& t, std::vector<double>& sums) {
    // A table without rows (no [[income]]) sums to zeros: Eigen's reduction over it would offset a
    // null pointer (undefined behaviour).
    sums.assign(y_count, 0.0);
    if (t.rows() > 0) Eigen::Map<Eigen::RowVectorXd>(sums.data(), years) = t.colwise().sum();
  };
  column_sums(out.member_contributions, out.driftbidrag);
  column_sums(out.income_lines, out.income);
  column_sums(out.line_costs, out.costs);
  if (out.insats_costs.rows() > 0)
    for (int y = 0; y < years; ++y) out.costs[static_cast<std::size_t>(y)] += out.insats_costs.col(y).sum();

  month_end_cash(in, out);
  if (sheet) complete_balance_sheet(in, out);

  for (auto* v : {&out.result, &out.equity, &out.equity_ratio, &out.equity_cap, &out.cash_min}) v->resize(y_count);
  for (auto* v : {&out.equity_above_cap, &out.equity_below_floor, &out.cash_negative}) v->resize(y_count);
  double equity = in.opening_equity;
  for (std::size_t y = 0; y < y_count; ++y) {
    const double result = out.driftbidrag[y] + out.income[y] - out.costs[y];
    equity += result;
    const double ratio =
        out.driftbidrag[y] != 0.0 ? equity / out.driftbidrag[y] : std::numeric_limits<double>::quiet_NaN();
    const double cap = in.equity_cap_share * out.driftbidrag[y];
    const auto first = out.cash.begin() + static_cast<std::ptrdiff_t>(y * 12);
    const double lowest = *std::min_element(first, first + 12);
    out.result[y] = result;
    out.equity[y] = equity;
    out.equity_ratio[y] = ratio;
    out.equity_cap[y] = cap;
    out.cash_min[y] = lowest;
    out.equity_above_cap[y] = std::isnan(ratio) || equity > cap;
    out.equity_below_floor[y] = equity < in.equity_floor;
    out.cash_negative[y] = lowest < 0.0;
  }
}

}  // namespace finsim
