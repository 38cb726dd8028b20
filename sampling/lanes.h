// The instruction set of the lane kernels (AVX-512, AVX2 or scalar), chosen once at run time: the
// best the processor has, or the one the environment variable FINSIM_LANES names
// (scalar | avx2 | avx512). Every choice computes the same numbers, bit for bit.
#pragma once

namespace finsim {

enum class LaneSet { scalar, avx2, avx512 };

/// The lane set in use: FINSIM_LANES when it is set and the processor has it, otherwise the best
/// the processor has.
LaneSet lane_set();
/// Whether the processor (and this build) can run `set`.
bool lane_set_supported(LaneSet set);
/// Uses `set` from now on (tests compare the sets); false, and nothing changed, when it is not
/// supported.
bool use_lane_set(LaneSet set);
/// "scalar", "avx2" or "avx512".
const char* lane_set_name(LaneSet set);

}  // namespace finsim
