// Payment schedules: when the money a line accrues changes hands.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace finsim {

/// When a line's accrued amounts are paid.
enum class Payment {
  monthly,            ///< each month's accrual in that month
  quarterly_advance,  ///< a quarter's accrual in its first (active) month
  quarterly_arrears,  ///< a quarter's accrual in the month after the quarter ends
  annual_advance,     ///< a year's accrual in its January (or first active month)
  annual_arrears,     ///< a year's accrual in January of the next year
};

/// Adds the payments of one line to `paid` (one entry per horizon month). `accrual` holds the
/// line's accrual per horizon month and `first_active` the index of its first active month.
/// Payments that fall after the horizon are dropped; nothing due before it is paid in it.
void add_payments(Payment schedule, std::span<const double> accrual, int first_active, std::span<double> paid);

}  // namespace finsim
