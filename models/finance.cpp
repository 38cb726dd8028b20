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

/// Accrues a group of lines: writes each line's yearly accrual into `table` and adds its payments
/// into `paid`, using `accrual` as scratch space.
void accrue_lines(const std::vector<FinanceLine>& lines, int months, YearTable& table,
                  std::vector<double>& accrual, std::vector<double>& paid)
{
  const int years = months / 12;
  table.resize(static_cast<Eigen::Index>(lines.size()), years);
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
    add_payments(line.payment, accrual, line.first_month, paid);
  }
}

}  // namespace

FinanceProjection project_finances(const FinanceInputs& in)
{
  const int years = in.years;
  const int months = years * 12;
  FinanceProjection out;
  std::vector<double> accrual(months), paid_in(months, 0.0), paid_out(months, 0.0);
  accrue_lines(in.contributions, months, out.member_contributions, accrual, paid_in);
  accrue_lines(in.incomes, months, out.income_lines, accrual, paid_in);
  accrue_lines(in.costs, months, out.line_costs, accrual, paid_out);
  accrue_lines(in.insatser, months, out.insats_costs, accrual, paid_out);

  auto column_sums = [](const YearTable& t) {
    Eigen::RowVectorXd s = t.colwise().sum();
    return std::vector<double>(s.data(), s.data() + s.size());
  };
  out.driftbidrag = column_sums(out.member_contributions);
  out.income = column_sums(out.income_lines);
  out.costs = column_sums(out.line_costs);
  for (int y = 0; y < years; ++y) out.costs[y] += out.insats_costs.col(y).sum();

  out.cash.resize(months);
  double cash = in.opening_cash;
  for (int m = 0; m < months; ++m) {
    cash += paid_in[m] - paid_out[m];
    out.cash[m] = cash;
  }

  double equity = in.opening_equity;
  for (int y = 0; y < years; ++y) {
    const double result = out.driftbidrag[y] + out.income[y] - out.costs[y];
    equity += result;
    const double ratio = out.driftbidrag[y] != 0.0 ? equity / out.driftbidrag[y]
                                                   : std::numeric_limits<double>::quiet_NaN();
    const double cap = in.equity_cap_share * out.driftbidrag[y];
    const auto first = out.cash.begin() + y * 12;
    const double lowest = *std::min_element(first, first + 12);
    out.result.push_back(result);
    out.equity.push_back(equity);
    out.equity_ratio.push_back(ratio);
    out.equity_cap.push_back(cap);
    out.cash_min.push_back(lowest);
    out.equity_above_cap.push_back(std::isnan(ratio) || equity > cap);
    out.equity_below_floor.push_back(equity < in.equity_floor);
    out.cash_negative.push_back(lowest < 0.0);
  }
  return out;
}

}  // namespace finsim
