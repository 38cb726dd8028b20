// Geometric draws with a fixed success probability, for the months people stay.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "engine/random_stream.h"

namespace finsim {

/// The number of trials up to and including the first success, each succeeding with probability
/// q: P(draw > k) = (1 − q)^k. Drawn by inversion on a table of (1 − q)^k, which is the law of
/// 1 + ⌊log u ÷ log(1 − q)⌋ without a logarithm. Only draws up to `longest` are told apart: every
/// longer one comes back as longest + 1.
class GeometricTable {
 public:
  GeometricTable(double q, int longest);

  /// A draw in 1 … longest + 1.
  int draw(RandomStream& stream) const
  {
    // u ≤ (1 − q)^k: still no success after k trials. The guide gives the count at the top of
    // u's bucket, a lower bound; the search climbs from there.
    const double u = stream.uniform32();
    int k = guide_[static_cast<std::size_t>(u * guides)];
    while (k < longest_ && survive_[static_cast<std::size_t>(k) + 1] >= u) ++k;
    return k + 1;
  }
  int longest() const { return longest_; }

 private:
  static constexpr int guides = 128;
  int longest_;
  std::vector<double> survive_;            ///< (1 − q)^k for k = 0 … longest
  std::array<std::int32_t, guides> guide_{};  ///< #{k ≥ 1 : (1 − q)^k ≥ (j + 1) / guides}
};

}  // namespace finsim
