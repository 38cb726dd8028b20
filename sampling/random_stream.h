// Counter-based random streams (Random123 Philox4x64): one per (seed, replication, quantity).
#pragma once
#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <span>

#include "sampling/philox_lanes.h"

namespace finsim {

/// 1 / k for k < 128 (entry 0 unused): multiplications where a search would divide.
inline constexpr std::array<double, 128> reciprocals = [] {
  std::array<double, 128> r{};
  for (std::size_t k = 1; k < r.size(); ++k) r[k] = 1.0 / static_cast<double>(k);
  return r;
}();

/// 1 / k, from the table when k is in it.
inline double reciprocal(long long k)
{
  return k < static_cast<long long>(reciprocals.size()) ? reciprocals[static_cast<std::size_t>(k)]
                                                        : 1.0 / static_cast<double>(k);
}

/// The binomial count at uniform `u` by inversion: a search from 0 successes upwards, where
/// `none` = (1 − p)^trials is the probability of 0 and `odds` = p / (1 − p).
inline long long binomial_inversion(double u, double none, long long trials, double odds)
{
  double r = none;
  long long x = 0;
  while (u > r && x < trials) {
    u -= r;
    ++x;
    r *= (static_cast<double>(trials + 1) * reciprocal(x) - 1.0) * odds;
  }
  return x;
}

/// The Poisson count at uniform `u` by inversion: a search from 0 upwards, where
/// `exp_minus_mean` = exp(−mean) is the probability of 0 (mean at most 30, or it underflows).
inline int poisson_inversion(double u, double mean, double exp_minus_mean)
{
  double p = exp_minus_mean, cumulative = p;
  int k = 0;
  while (u > cumulative && k < 1000) {
    ++k;
    p *= mean * reciprocal(k);
    cumulative += p;
  }
  return k;
}

/// A stream of random numbers keyed by (seed, replication index, stream id). The same key gives
/// the same numbers on any thread, in any order of evaluation: a replication's draws never
/// depend on which thread runs it or on what other streams were used.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream_id);

  /// Sub-stream `k` (>= 1) of this stream's key: numbers independent of this stream's and of
  /// every other sub-stream's, for draws a model lays out by purpose (one per month, one per
  /// person) so that their positions never depend on how many other draws were made. Take
  /// sub-streams of a stream, not of a sub-stream (s.substream(1).substream(2) is s.substream(2)).
  RandomStream substream(std::uint64_t k) const
  {
    RandomStream s(*this);
    s.counter_ = {{counter_[0], 0, k, 0}};
    s.used_ = 4;
    s.halves_left_ = 0;
    s.has_spare_normal_ = false;
    return s;
  }

  /// A uniform number in the open interval (0, 1), with 53 random bits.
  double uniform()
  {
    if (used_ == 4) {
      block_ = philox_(counter_, key_);
      ++counter_[1];
      used_ = 0;
    }
    // 53 random bits, centred in their interval: never 0, never 1.
    return (static_cast<double>(block_[used_++] >> 11) + 0.5) * 0x1.0p-53;
  }
  /// A uniform number in (0, 1) with 32 random bits, twice as cheap: for discrete choices
  /// (who leaves, which category), where 2^-32 resolution is far below any probability used.
  double uniform32()
  {
    if (halves_left_ == 0) {
      // The block's eight 32-bit halves, converted together, off the path of the draws that use them.
      next_halves(halves_.data());
      halves_left_ = 8;
    }
    return halves_[static_cast<std::size_t>(8 - halves_left_--)];
  }
  /// Fills `out` with what as many uniform32() calls would give, in the same order, converting
  /// whole blocks at once.
  void fill_uniform32(std::span<double> out)
  {
    std::size_t i = 0;
    for (; i < out.size() && halves_left_ > 0; ++i) out[i] = uniform32();
    // Many whole blocks: computed side by side in vector lanes (sampling/philox_lanes), the same bits.
    if (const std::size_t blocks = (out.size() - i) / 8; blocks >= bulk_blocks) {
      philox_uniform32({key_[0], key_[1]}, {counter_[0], counter_[1], counter_[2], counter_[3]}, blocks,
                       out.data() + i);
      counter_[1] += blocks;
      i += 8 * blocks;
    }
    for (; i + 8 <= out.size(); i += 8) next_halves(out.data() + i);
    for (; i < out.size(); ++i) out[i] = uniform32();
  }
  /// From how many whole blocks fill_uniform32 computes them in lanes.
  static constexpr std::size_t bulk_blocks = 8;
  /// A Poisson count with the given mean (>= 0), by inversion in blocks of mean <= 30.
  double poisson(double mean);
  /// A Poisson count with mean `mean` <= 30 whose exp(−mean) the caller has computed once.
  int poisson(double mean, double exp_minus_mean)
  {
    return mean <= 0.0 ? 0 : poisson_inversion(uniform32(), mean, exp_minus_mean);
  }
  /// A binomial count of `n` trials (a whole number >= 0) with success probability p.
  double binomial(double n, double p);
  /// Splits `n` into counts by the probabilities `p` (summing to 1), written to `counts`.
  void multinomial(double n, std::span<const double> p, std::span<double> counts);
  /// A standard normal number (Box–Muller: each pair of uniforms gives two, the second kept for
  /// the next call).
  double normal();
  /// A gamma number with the given shape (> 0) and scale 1 (Marsaglia–Tsang).
  double gamma(double shape);
  /// How many of `draws` people taken without replacement from `total` are among `marked`
  /// (one uniform per person drawn, or per person left when fewer are left).
  int hypergeometric(int total, int marked, int draws)
  {
    // Certain outcomes need no draw; more than half drawn: draw those left behind instead.
    if (marked <= 0 || draws <= 0) return 0;
    if (draws >= total) return marked;
    if (marked >= total) return draws;
    if (2 * draws > total) return marked - hypergeometric(total, marked, total - draws);
    int hits = 0;
    for (; draws > 0; --draws, --total) {
      const int hit = uniform32() * total < marked ? 1 : 0;  // no branch on the draw
      hits += hit;
      marked -= hit;
    }
    return hits;
  }

 private:
  using Philox = r123::Philox4x64;

  /// The next block as eight uniforms of 32 bits, in the order uniform32() gives them.
  void next_halves(double* eight)
  {
    const Philox::ctr_type block = philox_(counter_, key_);
    ++counter_[1];
    for (std::size_t k = 0; k < 4; ++k) {
      eight[7 - 2 * k] = (static_cast<double>(static_cast<std::uint32_t>(block[k])) + 0.5) * 0x1.0p-32;
      eight[6 - 2 * k] = (static_cast<double>(static_cast<std::uint32_t>(block[k] >> 32)) + 0.5) * 0x1.0p-32;
    }
  }

  Philox philox_;
  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_;
  int used_ = 4;
  std::array<double, 8> halves_{};  ///< a block split into eight 32-bit uniforms, in the order given
  int halves_left_ = 0;
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

}  // namespace finsim
