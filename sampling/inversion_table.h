// Draws from a fixed finite distribution by inversion, for the months people stay.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sampling/random_stream.h"

namespace finsim {

/// An outcome 0 … n − 1 with given probabilities, by inversion: the draw at uniform u is the
/// number of outcomes whose distribution function P(X <= j) lies below u, so draws are monotone
/// in u (common random numbers move outcomes the least). A guide of `guides` buckets gives the
/// count at the bottom of u's bucket and whether an entry lies within the bucket: most buckets
/// hold none, and their count is the draw; otherwise the count climbs from there `step` entries
/// at a time, without branches on the entries. Outcomes of probability 0 are never drawn.
class InversionTable {
 public:
  InversionTable() = default;
  /// `probabilities` need not sum to 1: they are taken relative to their sum (> 0).
  explicit InversionTable(std::span<const double> probabilities);

  int size() const { return size_; }
  /// The outcome at uniform u in (0, 1).
  int draw(double u) const
  {
    // u × guides is exact (guides is a power of 2), so u lies within its bucket's bounds.
    const int guide = guide_[static_cast<std::size_t>(u * guides)];
    int k = guide & count_bits;
    if ((guide & entry_within) == 0) [[likely]]
      return k;
    for (;;) {
      const double* next = below_.data() + k;
      int more = 0;
      for (int i = 0; i < step; ++i) more += next[i] < u ? 1 : 0;
      k += more;
      if (more < step) return k;
    }
  }
  int draw(RandomStream& stream) const { return draw(stream.uniform32()); }
  /// The point at `fraction` (0 … 1) of the interval of uniforms that draw outcome j:
  /// P(X < j) + fraction × P(X = j). Given the outcome, its uniform is uniform on that interval,
  /// so `u < at_fraction(j, f)` is a further draw with probability f, independent of the outcome
  /// (to within one 32-bit uniform's spacing, 2.3e-10, per outcome).
  double at_fraction(int j, double fraction) const
  {
    const auto i = static_cast<std::size_t>(j);
    return start_[i] + fraction * (start_[i + 1] - start_[i]);
  }

 private:
  static constexpr int guides = 2048;
  static constexpr int step = 4;
  static constexpr int entry_within = 0x8000;      ///< in a guide: an entry lies within the bucket
  static constexpr int count_bits = 0x7fff;        ///< in a guide: the count at the bucket's bottom
  static constexpr int largest_size = count_bits;  ///< outcomes a table may have
  int size_ = 0;
  std::vector<double> below_;  ///< P(X <= j); 2 from the last possible outcome on, then `step` more
  std::vector<double> start_;  ///< P(X < j) for j = 0 … n
  /// #{j : below_[j] < b ÷ guides}, or'd with entry_within when some below_[j] lies in
  /// [b ÷ guides, (b + 1) ÷ guides).
  std::array<std::uint16_t, guides> guide_{};
};

/// The probabilities of the months to a first success, each month succeeding with probability
/// q, told apart up to `longest`: entry k − 1 is P(k) = q (1 − q)^(k − 1) for k = 1 … longest,
/// and entry `longest` is (1 − q)^longest, every longer wait together.
std::vector<double> geometric_probabilities(double q, int longest);

}  // namespace finsim
