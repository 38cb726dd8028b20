#include "sampling/binomial_table.h"

#include <algorithm>

namespace finsim {

BinomialTable::BinomialTable(double p, int largest)
    : p_(p),
      largest_(std::max(0, largest)),
      flipped_(p > 0.5),
      none_(static_cast<std::size_t>(largest_) + 1),
      cdf_(none_.size() * window, 1.0)
{
  const double searched = flipped_ ? 1.0 - p : p;
  odds_ = searched < 1.0 ? searched / (1.0 - searched) : 0.0;
  double power = 1.0;
  for (int n = 0; n <= largest_; ++n) {
    none_[static_cast<std::size_t>(n)] = power;
    power *= 1.0 - searched;
    // The same recurrence as binomial_inversion, so the window and the search agree.
    double r = none_[static_cast<std::size_t>(n)], cumulative = r;
    double* below = &cdf_[static_cast<std::size_t>(n) * window];
    for (int k = 0; k < std::min(n, window); ++k) {
      below[k] = cumulative;
      r *= (static_cast<double>(n + 1) * reciprocal(k + 1) - 1.0) * odds_;
      cumulative += r;
    }
  }
}

}  // namespace finsim
