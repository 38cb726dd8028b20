#include "engine/geometric_table.h"

#include <algorithm>

namespace finsim {

GeometricTable::GeometricTable(double q, int longest) : longest_(std::max(0, longest))
{
  const double fail = std::clamp(1.0 - q, 0.0, 1.0);
  survive_.assign(static_cast<std::size_t>(longest_) + 1 + step, -1.0);
  double power = 1.0;
  for (int k = 0; k <= longest_; ++k) {
    survive_[static_cast<std::size_t>(k)] = power;
    power *= fail;
  }
  int k = longest_;
  for (int j = 0; j < guides; ++j) {
    const double top = static_cast<double>(j + 1) / guides;
    while (k > 0 && survive_[static_cast<std::size_t>(k)] < top) --k;
    guide_[static_cast<std::size_t>(j)] = k;
  }
}

}  // namespace finsim
