// Payment schedules: when the money a line accrues changes hands.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "input/payment_schedule.h"

namespace finsim {

/// Adds the payments of one line to `paid` (one entry per horizon month). `accrual` holds the
/// line's accrual per horizon month and `first_active` the index of its first active month.
/// Payments that fall after the horizon are dropped; nothing due before it is paid in it.
void add_payments(Payment schedule, std::span<const double> accrual, int first_active, std::span<double> paid);

}  // namespace finsim
