// The draws-only yardstick (issue 24): per replication, a counter-based stream keyed like
// finsim's by (seed, replication, key) draws as many uniforms as finsim's kernel draws per
// replication, each converted to a double in (0, 1) and summed, in parallel over the replications
// with oneTBB as the Monte Carlo runs them. Nothing else: what finsim's speed is measured against.
#pragma once
#include <cstdint>

enum class DrawsOnlyGenerator {
  philox4x64,  ///< Random123 Philox4x64-10, the kernel's generator (sampling/random_stream.h): the yardstick
  philox4x32,  ///< Random123 Philox4x32-10, scalar: the generator issue 24 names
};

struct DrawsOnlyRun {
  double seconds = 0.0;
  double mean_uniform = 0.0;  ///< the mean of every uniform drawn (about 0.5): their sum, used
};

/// Draws `uniforms_per_replication` 32-bit uniforms in each of `runs` replications with `threads`
/// threads: Philox4x32-10 gives 4 per block, Philox4x64-10 8 (its four 64-bit words split in
/// halves, as RandomStream::uniform32 splits them), so both draw the same random bits.
DrawsOnlyRun draws_only(DrawsOnlyGenerator generator, std::uint64_t seed, std::uint64_t runs,
                        std::uint64_t uniforms_per_replication, int threads);
