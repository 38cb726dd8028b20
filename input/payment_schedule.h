// Payment schedules as a scenario names them: when the money a line accrues changes hands
// (models/payment spreads the amounts over the months).
#pragma once

namespace finsim {

/// When a line's accrued amounts are paid.
enum class Payment {
  monthly,            ///< each month's accrual in that month
  quarterly_advance,  ///< a quarter's accrual in its first (active) month
  quarterly_arrears,  ///< a quarter's accrual in the month after the quarter ends
  annual_advance,     ///< a year's accrual in its January (or first active month)
  annual_arrears,     ///< a year's accrual in January of the next year
};

}  // namespace finsim
