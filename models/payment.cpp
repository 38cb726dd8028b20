#include "models/payment.h"

#include <algorithm>

namespace finsim {

void add_payments(Payment schedule, std::span<const double> accrual, int first_active, std::span<double> paid)
{
  const int months = static_cast<int>(accrual.size());
  if (schedule == Payment::monthly) {
    for (int m = 0; m < months; ++m) paid[m] += accrual[m];
    return;
  }
  const int period = (schedule == Payment::quarterly_advance || schedule == Payment::quarterly_arrears) ? 3 : 12;
  const bool advance = schedule == Payment::quarterly_advance || schedule == Payment::annual_advance;
  for (int start = 0; start < months; start += period) {
    const int end = std::min(start + period, months);
    double sum = 0.0;
    for (int m = start; m < end; ++m) sum += accrual[m];
    if (sum == 0.0) continue;
    const int when = advance ? std::max(start, first_active) : start + period;
    if (when < months) paid[when] += sum;
  }
}

}  // namespace finsim
