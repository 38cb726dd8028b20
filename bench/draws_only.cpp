#include "bench/draws_only.h"

#include <Random123/philox.h>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <functional>

namespace {

/// The stream id of the draws-only loop: any fixed key, as finsim's key paths are.
constexpr std::uint64_t draws_only_stream = 0x9e3779b97f4a7c15ULL;

/// A uniform in (0, 1) from 32 random bits, centred in its interval, as finsim converts them.
inline double uniform32(std::uint32_t bits) { return (static_cast<double>(bits) + 0.5) * 0x1.0p-32; }

/// The sum of replication `k`'s `uniforms` uniforms from Philox4x32-10, keyed by (seed, stream)
/// with the counter (replication, block).
double replication_4x32(std::uint64_t seed, std::uint64_t k, std::uint64_t uniforms)
{
  const r123::Philox4x32 philox;
  const r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(seed ^ (seed >> 32)), static_cast<std::uint32_t>(draws_only_stream)}};
  r123::Philox4x32::ctr_type counter = {{static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k >> 32), 0, 0}};
  double sum = 0.0;
  for (std::uint64_t left = uniforms; left > 0; ++counter[2]) {
    const r123::Philox4x32::ctr_type block = philox(counter, key);
    const std::uint64_t take = std::min<std::uint64_t>(left, 4);
    for (std::uint64_t i = 0; i < take; ++i) sum += uniform32(block[i]);
    left -= take;
  }
  return sum;
}

/// The same from Philox4x64-10, keyed as RandomStream keys it: key (seed, stream), counter
/// (replication, block, 0, 0); each 64-bit word gives two uniforms.
double replication_4x64(std::uint64_t seed, std::uint64_t k, std::uint64_t uniforms)
{
  const r123::Philox4x64 philox;
  const r123::Philox4x64::key_type key = {{seed, draws_only_stream}};
  r123::Philox4x64::ctr_type counter = {{k, 0, 0, 0}};
  double sum = 0.0;
  for (std::uint64_t left = uniforms; left > 0; ++counter[1]) {
    const r123::Philox4x64::ctr_type block = philox(counter, key);
    const std::uint64_t take = std::min<std::uint64_t>(left, 8);
    for (std::uint64_t i = 0; i < take; ++i) {
      const std::uint64_t word = block[i / 2];
      sum += uniform32(static_cast<std::uint32_t>(i % 2 == 0 ? word >> 32 : word));
    }
    left -= take;
  }
  return sum;
}

}  // namespace

DrawsOnlyRun draws_only(DrawsOnlyGenerator generator, std::uint64_t seed, std::uint64_t runs,
                        std::uint64_t uniforms_per_replication, int threads)
{
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t grain = std::max<std::uint64_t>(1, runs / 256);  // as the Monte Carlo's
  tbb::task_arena arena(threads);
  const double sum = arena.execute([&] {
    return tbb::parallel_reduce(
        tbb::blocked_range<std::uint64_t>(0, runs, grain), 0.0,
        [&](const tbb::blocked_range<std::uint64_t>& range, double sum) {
          for (std::uint64_t k = range.begin(); k != range.end(); ++k)
            sum += generator == DrawsOnlyGenerator::philox4x32 ? replication_4x32(seed, k, uniforms_per_replication)
                                                               : replication_4x64(seed, k, uniforms_per_replication);
          return sum;
        },
        std::plus<>());
  });
  DrawsOnlyRun r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.mean_uniform = sum / (static_cast<double>(runs) * static_cast<double>(uniforms_per_replication));
  return r;
}
