// Philox4x64-10 (Random123's philox4x64) for many blocks at once: the bulk fills of a stream,
// computed in vector lanes (AVX-512, AVX2 or scalar, sampling/lanes.h) with integer operations
// only, so every lane set gives Random123's numbers bit for bit.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

#include "sampling/lanes.h"

namespace finsim {

using PhiloxKey = std::array<std::uint64_t, 2>;
using PhiloxCounter = std::array<std::uint64_t, 4>;

/// Blocks b = 0 … blocks − 1 of the key at counters (c0, c1 + b, c2, c3): four words each, into
/// `out` (4 × blocks words), with the lane set in use.
void philox_blocks(const PhiloxKey& key, const PhiloxCounter& counter, std::size_t blocks, std::uint64_t* out);
/// The same blocks as uniforms of 32 bits, eight per block in the order RandomStream::uniform32
/// gives them (word 3's low half first … word 0's high half last), into `out` (8 × blocks).
void philox_uniform32(const PhiloxKey& key, const PhiloxCounter& counter, std::size_t blocks, double* out);

/// The same with a given lane set (tests compare them).
void philox_blocks(LaneSet set, const PhiloxKey& key, const PhiloxCounter& counter, std::size_t blocks,
                   std::uint64_t* out);
void philox_uniform32(LaneSet set, const PhiloxKey& key, const PhiloxCounter& counter, std::size_t blocks, double* out);

}  // namespace finsim
