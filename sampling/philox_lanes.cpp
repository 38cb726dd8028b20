#include "sampling/philox_lanes.h"

// The bench's counting copy of the kernel (bench/counting_philox.h) counts the blocks; finsim does not.
#ifndef FINSIM_COUNT_LANE_BLOCKS
#define FINSIM_COUNT_LANE_BLOCKS(blocks)
#endif

namespace finsim {

// One kernel per lane set (sampling/philox_lanes_kernel.h), each in its own translation unit.
#define FINSIM_LANE_KERNEL(name)                                                                                     \
  namespace name {                                                                                                   \
  void philox_blocks(const std::uint64_t* key, const std::uint64_t* counter, std::size_t count, std::uint64_t* out); \
  void philox_uniform32(const std::uint64_t* key, const std::uint64_t* counter, std::size_t count, double* out);     \
  }
FINSIM_LANE_KERNEL(lanes_scalar)
FINSIM_LANE_KERNEL(lanes_avx2)
FINSIM_LANE_KERNEL(lanes_avx512)
#undef FINSIM_LANE_KERNEL

void philox_blocks(LaneSet set, const PhiloxKey& key, const PhiloxCounter& counter, std::size_t blocks,
                   std::uint64_t* out)
{
  FINSIM_COUNT_LANE_BLOCKS(blocks);
  switch (set) {
    case LaneSet::avx512: return lanes_avx512::philox_blocks(key.data(), counter.data(), blocks, out);
    case LaneSet::avx2: return lanes_avx2::philox_blocks(key.data(), counter.data(), blocks, out);
    case LaneSet::scalar: return lanes_scalar::philox_blocks(key.data(), counter.data(), blocks, out);
  }
}

void philox_uniform32(LaneSet set, const PhiloxKey& key, const PhiloxCounter& counter, std::size_t blocks, double* out)
{
  FINSIM_COUNT_LANE_BLOCKS(blocks);
  switch (set) {
    case LaneSet::avx512: return lanes_avx512::philox_uniform32(key.data(), counter.data(), blocks, out);
    case LaneSet::avx2: return lanes_avx2::philox_uniform32(key.data(), counter.data(), blocks, out);
    case LaneSet::scalar: return lanes_scalar::philox_uniform32(key.data(), counter.data(), blocks, out);
  }
}

void philox_blocks(const PhiloxKey& key, const PhiloxCounter& counter, std::size_t blocks, std::uint64_t* out)
{
  philox_blocks(lane_set(), key, counter, blocks, out);
}

void philox_uniform32(const PhiloxKey& key, const PhiloxCounter& counter, std::size_t blocks, double* out)
{
  philox_uniform32(lane_set(), key, counter, blocks, out);
}

}  // namespace finsim
