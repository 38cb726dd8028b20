// The finance model: monthly accrual and payment of every line, yearly statements.
#pragma once
#include <Eigen/Core>
#include <vector>

#include "models/payment.h"

namespace finsim {

/// A table of figures, one row per line (member, insats, …) and one column per year.
using YearTable = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The table's figures in row-major order (row by row), as HDF5 stores them.
inline std::vector<double> flatten(const YearTable& t) { return std::vector<double>(t.data(), t.data() + t.size()); }

/// One line of money with its numbers settled: the yearly amount for each year of the horizon
/// (already times utilisation and probability), the months it is active, and how it is paid.
struct FinanceLine {
  std::vector<double> yearly;  ///< SEK per year, one per horizon year, before proration
  int first_month = 0;         ///< first active month index within the horizon
  int last_month = 0;          ///< last active month index within the horizon
  Payment payment = Payment::monthly;
  std::vector<double> monthly_extra;  ///< SEK accrued per horizon month on top (volume costs); may be empty
};

/// Everything the finance model needs for one projection, with no uncertainty left.
struct FinanceInputs {
  int years = 0;
  double opening_equity = 0.0;
  double opening_cash = 0.0;
  double opening_payables = 0.0, opening_receivables = 0.0;  ///< kortfristiga skulder and fordringar
  int payables_month = 0, receivables_month = 0;             ///< horizon month each is settled (>= months: never)
  bool balance_sheet = true;  ///< fill receivables, payables and equity_month (the Monte Carlo needs none)
  double equity_cap_share = 0.20;
  double equity_floor = 0.0;
  std::vector<FinanceLine> contributions;  ///< driftbidrag, one per member
  std::vector<FinanceLine> incomes;        ///< other income, one per [[income]]
  std::vector<FinanceLine> costs;          ///< one per [[cost]]
  std::vector<FinanceLine> insatser;       ///< one per [[insats]]
};

/// Working space a projection reuses: one line's monthly accrual and payments in turn.
struct FinanceScratch {
  std::vector<double> accrual, paid;
  /// Without a balance sheet: the accruals of the lines that are paid alike (same schedule, and
  /// for payments in advance the same first month; incomes and costs apart), summed before they
  /// are spread over the months of payment. Kept from one projection to the next.
  struct PaymentGroup {
    Payment payment = Payment::monthly;
    int first_active = 0;  ///< for payments in advance; −1 otherwise
    bool income = false;
    std::vector<double> accrual;
  };
  std::vector<PaymentGroup> groups;
  std::size_t groups_used = 0;
};

/// The yearly statements and monthly cash of one projection.
struct FinanceProjection {
  std::vector<double> driftbidrag;   ///< members' contributions accrued, per year
  std::vector<double> income;        ///< other income accrued, per year
  std::vector<double> costs;         ///< all costs (lines + insatser) accrued, per year
  std::vector<double> result;        ///< driftbidrag + income − costs
  std::vector<double> equity;        ///< closing eget kapital
  std::vector<double> equity_ratio;  ///< equity ÷ driftbidrag (NaN when driftbidrag is 0)
  std::vector<double> equity_cap;    ///< equity_cap_share × driftbidrag
  std::vector<double> cash_min;      ///< lowest month-end cash in the year
  std::vector<double> cash;          ///< month-end cash, one per horizon month
  std::vector<double> paid_in;       ///< contributions and income received, per horizon month
  std::vector<double> paid_out;      ///< costs paid, per horizon month
  /// The balance sheet at each month end (when FinanceInputs::balance_sheet): accrued and not yet
  /// received or paid, per line and summed by sign (clarification 27), plus what is left of the
  /// opening items; cash + receivables − payables + other net assets = equity_month.
  std::vector<double> receivables, payables, equity_month;
  std::vector<double> accrued_result;  ///< income − costs accrued in each month (with the balance sheet)
  FinanceScratch scratch;
  std::vector<bool> equity_above_cap;    ///< equity strictly above the cap (or ratio NaN)
  std::vector<bool> equity_below_floor;  ///< equity strictly below the floor
  std::vector<bool> cash_negative;       ///< a month-end cash below zero in the year
  YearTable member_contributions;        ///< member × year
  YearTable income_lines;                ///< [[income]] × year
  YearTable line_costs;                  ///< [[cost]] × year
  YearTable insats_costs;                ///< [[insats]] × year
};

/// Monthly amount a line accrues in month `m`: its yearly amount ÷ 12 when active, else 0.
double monthly_accrual(const FinanceLine& line, int m);

/// Projects the statements: accrues every line month by month, pays it on its schedule, and sums
/// years. Pure: the same inputs give the same projection.
FinanceProjection project_finances(const FinanceInputs& in);
/// The same, written into `out` and reusing its storage (a Monte Carlo replication keeps it
/// from the one before).
void project_finances(const FinanceInputs& in, FinanceProjection& out);

}  // namespace finsim
