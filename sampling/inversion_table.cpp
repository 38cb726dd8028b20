#include "sampling/inversion_table.h"

#include <algorithm>
#include <stdexcept>

namespace finsim {

InversionTable::InversionTable(std::span<const double> probabilities) : size_(static_cast<int>(probabilities.size()))
{
  double total = 0.0;
  int last = -1;
  for (int j = 0; j < size_; ++j) {
    total += probabilities[static_cast<std::size_t>(j)];
    if (probabilities[static_cast<std::size_t>(j)] > 0.0) last = j;
  }
  if (last < 0) throw std::invalid_argument("InversionTable: inget utfall har en positiv sannolikhet");
  if (size_ > largest_size) throw std::invalid_argument("InversionTable: för många utfall");
  // Entries from the last possible outcome on are 2, above every uniform, so rounding in the
  // sums never draws past it and the step never reads past the table.
  below_.assign(static_cast<std::size_t>(size_ + step), 2.0);
  start_.assign(static_cast<std::size_t>(size_) + 1, 1.0);
  start_[0] = 0.0;
  double sum = 0.0;
  for (int j = 0; j < last; ++j) {
    sum += probabilities[static_cast<std::size_t>(j)];
    below_[static_cast<std::size_t>(j)] = start_[static_cast<std::size_t>(j) + 1] = sum / total;
  }
  int k = 0;
  for (int b = 0; b < guides; ++b) {
    const double bottom = static_cast<double>(b) / guides, top = static_cast<double>(b + 1) / guides;
    while (below_[static_cast<std::size_t>(k)] < bottom) ++k;
    guide_[static_cast<std::size_t>(b)] =
        static_cast<std::uint16_t>(k | (below_[static_cast<std::size_t>(k)] < top ? entry_within : 0));
  }
}

std::vector<double> geometric_probabilities(double q, int longest)
{
  longest = std::max(0, longest);
  const double fail = std::clamp(1.0 - q, 0.0, 1.0);
  std::vector<double> p(static_cast<std::size_t>(longest) + 1);
  double survive = 1.0;
  for (int k = 0; k < longest; ++k) {
    p[static_cast<std::size_t>(k)] = survive * (1.0 - fail);
    survive *= fail;
  }
  p[static_cast<std::size_t>(longest)] = survive;
  return p;
}

}  // namespace finsim
