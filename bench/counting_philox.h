// Force-included (-include) into the bench's counting copy of the kernel (CMake target
// finsim_bench_counting), never into finsim itself: Random123's Philox4x64-10, the generator of
// sampling/random_stream.h, specialised to count its blocks. That copy is compiled with the
// namespaces renamed (finsim → finsim_counting, r123 → r123_counting), so it shares no symbol with
// finsim_core and the timed kernel carries no counter at all.
#pragma once
#include <Random123/philox.h>

#include <atomic>
#include <cstdint>

namespace r123 {

/// Philox4x64-10 blocks computed by the counting copy of the kernel since the last reset.
inline std::atomic<std::uint64_t> counted_philox_blocks{0};

template <>
struct Philox4x64_R<10> {
  using ctr_type = r123array4x64;
  using key_type = r123array2x64;
  using ukey_type = r123array2x64;
  static const unsigned int rounds = 10;
  ctr_type operator()(ctr_type ctr, key_type key) const
  {
    counted_philox_blocks.fetch_add(1, std::memory_order_relaxed);
    return philox4x64_R(10, ctr, key);
  }
};

}  // namespace r123

/// The lane fills (sampling/philox_lanes.cpp) count their blocks here too.
#define FINSIM_COUNT_LANE_BLOCKS(blocks) \
  r123::counted_philox_blocks.fetch_add(static_cast<std::uint64_t>(blocks), std::memory_order_relaxed)
