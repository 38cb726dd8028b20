// The lane kernel of sampling/philox_lanes, included by one translation unit per lane set, each
// compiled with its own instruction-set flags. Everything here has internal linkage inside the
// namespace FINSIM_LANE_NAMESPACE, so no function compiled for AVX-512 can stand in for the
// scalar one at link time.
#include <cstddef>
#include <cstdint>
#if FINSIM_LANE_BYTES > 8
#include <immintrin.h>
#endif

#ifndef FINSIM_LANE_NAMESPACE
#error "define FINSIM_LANE_NAMESPACE and FINSIM_LANE_BYTES before including philox_lanes_kernel.h"
#endif

namespace finsim::FINSIM_LANE_NAMESPACE {

namespace {

/// FINSIM_LANE_BYTES / 8 lanes of 64 bits (a plain word for 8 bytes).
#if FINSIM_LANE_BYTES == 8
using Word = std::uint64_t;
using Real = double;
#else
typedef std::uint64_t Word __attribute__((vector_size(FINSIM_LANE_BYTES)));
typedef double Real __attribute__((vector_size(FINSIM_LANE_BYTES)));
#endif
constexpr std::size_t lanes = FINSIM_LANE_BYTES / 8;

/// The high and low words of a × M, exactly: one 128-bit product for a plain word (as Random123's
/// mulhilo64), 32-bit partial products in vector lanes (vpmuludq; a 64-bit lane multiply would be
/// far slower).
template <std::uint64_t M>
[[gnu::always_inline]] inline void mulhilo(Word a, Word& hi, Word& lo)
{
#if FINSIM_LANE_BYTES == 8
  __extension__ typedef unsigned __int128 Product;  // GCC's 128-bit integer, as Random123 uses
  const Product product = static_cast<Product>(a) * M;
  hi = static_cast<std::uint64_t>(product >> 64);
  lo = static_cast<std::uint64_t>(product);
#else
  constexpr std::uint64_t m_lo = M & 0xffffffffu, m_hi = M >> 32;
#if FINSIM_LANE_BYTES == 64
  auto mul32 = [](Word x, std::uint64_t y) {
    return (Word)_mm512_maskz_mul_epu32(0xff, (__m512i)x, (__m512i)(Word{} + y));  // maskz: no undefined source
  };
#else
  auto mul32 = [](Word x, std::uint64_t y) { return (Word)_mm256_mul_epu32((__m256i)x, (__m256i)(Word{} + y)); };
#endif
  const Word a_hi = a >> 32;
  const Word p0 = mul32(a, m_lo), p1 = mul32(a, m_hi), p2 = mul32(a_hi, m_lo), p3 = mul32(a_hi, m_hi);
  const Word mid = (p0 >> 32) + (p1 & 0xffffffffu) + (p2 & 0xffffffffu);
  hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
  lo = (mid << 32) | (p0 & 0xffffffffu);
#endif
}

/// Independent groups of lanes computed together: a round waits on its multiplies, so two (four
/// plain words) in flight keep the multiplier busy.
constexpr std::size_t groups = FINSIM_LANE_BYTES == 8 ? 4 : 2;

/// Ten Philox4x64 rounds on the counters c[g] = (c0, c1, c2, c3) of each group, lane by lane.
template <std::size_t G>
[[gnu::always_inline]] inline void philox10(std::uint64_t k0, std::uint64_t k1, Word (&c)[G][4])
{
#pragma GCC unroll 10
  for (int round = 0; round < 10; ++round) {
#pragma GCC unroll 4
    for (std::size_t g = 0; g < G; ++g) {
      Word hi0, lo0, hi1, lo1;
      mulhilo<0xD2E7470EE14C6C93ull>(c[g][0], hi0, lo0);
      mulhilo<0xCA5A826395121157ull>(c[g][2], hi1, lo1);
      c[g][0] = hi1 ^ c[g][1] ^ k0;
      c[g][1] = lo1;
      c[g][2] = hi0 ^ c[g][3] ^ k1;
      c[g][3] = lo0;
    }
    k0 += 0x9E3779B97F4A7C15ull;
    k1 += 0xBB67AE8584CAA73Bull;
  }
}

/// Lanes 0 … lanes − 1 of counter word 1: c1 + lane.
[[gnu::always_inline]] inline Word lane_counters(std::uint64_t c1)
{
  Word w{};
#if FINSIM_LANE_BYTES == 8
  w = c1;
#else
  for (std::size_t i = 0; i < lanes; ++i) w[i] = c1 + i;
#endif
  return w;
}

/// A 32-bit number (in a 64-bit lane) as the uniform (x + 0.5) · 2^-32: x is put in the mantissa of
/// 2^52 and 2^52 taken away, which is exact, so every lane set gives the scalar conversion's bits.
[[gnu::always_inline]] inline Real to_uniform(Word x)
{
  Real r;
  const Word biased = x | 0x4330000000000000ull;
  __builtin_memcpy(&r, &biased, sizeof r);
  return (r - 0x1.0p52 + 0.5) * 0x1.0p-32;
}

/// Blocks b … b + G · lanes − 1 (those below `count` written), G groups of lanes at once.
template <bool Uniform, std::size_t G>
[[gnu::always_inline]] inline void some_blocks(const std::uint64_t* key, const std::uint64_t* counter, std::size_t b,
                                               std::size_t count, void* out)
{
  constexpr std::size_t step = G * lanes;
  Word c[G][4];
  for (std::size_t g = 0; g < G; ++g) {
    c[g][0] = Word{} + counter[0];
    c[g][1] = lane_counters(counter[1] + b + g * lanes);
    c[g][2] = Word{} + counter[2];
    c[g][3] = Word{} + counter[3];
  }
  philox10<G>(key[0], key[1], c);
  const std::size_t here = count - b < step ? count - b : step;
  if constexpr (Uniform) {
    // Per block, in the order of RandomStream::uniform32: word 3's high half, its low half, … word 0's.
    Real u[G][8];
    for (std::size_t g = 0; g < G; ++g)
      for (std::size_t k = 0; k < 4; ++k) {
        u[g][2 * k] = to_uniform(c[g][3 - k] >> 32);
        u[g][2 * k + 1] = to_uniform(c[g][3 - k] & 0xffffffffu);
      }
    double lane_values[G][8][lanes];
    __builtin_memcpy(lane_values, u, sizeof lane_values);
    double* to = static_cast<double*>(out) + 8 * b;
    for (std::size_t i = 0; i < here; ++i)
      for (std::size_t j = 0; j < 8; ++j) to[8 * i + j] = lane_values[i / lanes][j][i % lanes];
  } else {
    std::uint64_t lane_words[G][4][lanes];
    __builtin_memcpy(lane_words, c, sizeof lane_words);
    std::uint64_t* to = static_cast<std::uint64_t*>(out) + 4 * b;
    for (std::size_t i = 0; i < here; ++i)
      for (std::size_t k = 0; k < 4; ++k) to[4 * i + k] = lane_words[i / lanes][k][i % lanes];
  }
}

/// All groups in flight while more than one group's blocks are left, then one group.
template <bool Uniform>
void blocks(const std::uint64_t* key, const std::uint64_t* counter, std::size_t count, void* out)
{
  std::size_t b = 0;
  for (; b < count && count - b > (groups - 1) * lanes; b += groups * lanes)
    some_blocks<Uniform, groups>(key, counter, b, count, out);
  for (; b < count; b += lanes) some_blocks<Uniform, 1>(key, counter, b, count, out);
}

}  // namespace

void philox_blocks(const std::uint64_t* key, const std::uint64_t* counter, std::size_t count, std::uint64_t* out)
{
  blocks<false>(key, counter, count, out);
}

void philox_uniform32(const std::uint64_t* key, const std::uint64_t* counter, std::size_t count, double* out)
{
  blocks<true>(key, counter, count, out);
}

}  // namespace finsim::FINSIM_LANE_NAMESPACE
