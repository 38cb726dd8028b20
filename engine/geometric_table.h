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
    // u's bucket, a lower bound; the count climbs from there, `step` entries at a time and
    // without branches (the entries past `longest` are −1, never counted).
    const double u = stream.uniform32();
    int k = guide_[static_cast<std::size_t>(u * guides)];
    for (;;) {
      const double* next = survive_.data() + k + 1;
      int more = 0;
      for (int i = 0; i < step; ++i) more += next[i] >= u ? 1 : 0;
      k += more;
      if (more < step) return k + 1;
    }
  }

 private:
  static constexpr int guides = 256;
  static constexpr int step = 4;
  int longest_;
  std::vector<double> survive_;               ///< (1 − q)^k for k = 0 … longest, then `step` entries of −1
  std::array<std::int32_t, guides> guide_{};  ///< #{k ≥ 1 : (1 − q)^k ≥ (j + 1) / guides}
};

}  // namespace finsim
