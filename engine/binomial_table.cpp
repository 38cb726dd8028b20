#include "engine/binomial_table.h"

namespace finsim {

BinomialTable::BinomialTable(double p) : p_(p), flipped_(p > 0.5)
{
  const double searched = flipped_ ? 1.0 - p : p;
  odds_ = searched < 1.0 ? searched / (1.0 - searched) : 0.0;
  double power = 1.0;
  for (double& x : none_) {
    x = power;
    power *= 1.0 - searched;
  }
}

}  // namespace finsim
