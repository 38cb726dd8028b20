#include <Random123/philox.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "sampling/binomial_table.h"
#include "sampling/inversion_table.h"
#include "sampling/lanes.h"
#include "sampling/philox_lanes.h"
#include "sampling/poisson_table.h"
#include "sampling/random_stream.h"

using namespace finsim;

namespace {

struct Moments {
  double mean, variance;
};

template <class Draw>
Moments moments(int n, Draw draw)
{
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  return {mean, (sum2 - n * mean * mean) / (n - 1)};
}

/// Checks a sample mean against its expectation within `z` standard errors.
void expect_mean(const char* what, double calculated, double expected, double variance, int n, double z = 4.0)
{
  const double se = std::sqrt(variance / n);
  EXPECT_LE(std::fabs(calculated - expected), z * se)
      << what << ": calculated " << calculated << ", expected " << expected << ", error " << calculated - expected
      << ", tolerance " << z << " standard errors = " << z * se;
}

}  // namespace

TEST(RandomStream, SameKeySameNumbers)
{
  RandomStream a(1, 7, 42), b(1, 7, 42), other_run(1, 8, 42), other_stream(1, 7, 43);
  bool differs_run = false, differs_stream = false;
  for (int i = 0; i < 16; ++i) {
    const double x = a.uniform();
    EXPECT_EQ(x, b.uniform());
    EXPECT_GT(x, 0.0);
    EXPECT_LT(x, 1.0);
    differs_run |= x != other_run.uniform();
    differs_stream |= x != other_stream.uniform();
  }
  EXPECT_TRUE(differs_run);
  EXPECT_TRUE(differs_stream);
}

TEST(RandomStream, UniformMoments)
{
  RandomStream r(3, 0, 1);
  const int n = 200000;
  const Moments m = moments(n, [&] { return r.uniform(); });
  expect_mean("uniform mean", m.mean, 0.5, 1.0 / 12.0, n);
  EXPECT_NEAR(m.variance, 1.0 / 12.0, 0.002);
}

TEST(RandomStream, PoissonMoments)
{
  for (double lambda : {0.7, 4.0, 75.0}) {
    RandomStream r(5, 0, 2);
    const int n = 50000;
    const Moments m = moments(n, [&] { return r.poisson(lambda); });
    expect_mean("poisson mean", m.mean, lambda, lambda, n);
    EXPECT_NEAR(m.variance / lambda, 1.0, 0.05) << "poisson variance for mean " << lambda;
  }
}

TEST(RandomStream, BinomialMoments)
{
  for (auto [trials, p] : {std::pair{10.0, 0.3}, std::pair{250.0, 0.08}, std::pair{40.0, 0.9}}) {
    RandomStream r(9, 0, 3);
    const int n = 50000;
    const Moments m = moments(n, [&, t = trials, q = p] { return r.binomial(t, q); });
    const double variance = trials * p * (1 - p);
    expect_mean("binomial mean", m.mean, trials * p, variance, n);
    EXPECT_NEAR(m.variance / variance, 1.0, 0.05) << "binomial variance n=" << trials << " p=" << p;
  }
}

TEST(RandomStream, MultinomialKeepsTheTotal)
{
  RandomStream r(11, 0, 4);
  const std::vector<double> p{0.5, 0.0, 0.3, 0.2};
  std::vector<double> counts(4), sums(4, 0.0);
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    r.multinomial(17, p, counts);
    EXPECT_DOUBLE_EQ(counts[0] + counts[1] + counts[2] + counts[3], 17.0);
    EXPECT_EQ(counts[1], 0.0);
    for (int k = 0; k < 4; ++k) sums[k] += counts[k];
  }
  for (int k = 0; k < 4; ++k) expect_mean("multinomial mean", sums[k] / n, 17 * p[k], 17 * p[k] * (1 - p[k]), n);
}

/// The inversion table on geometric probabilities gives, uniform by uniform, the months to a
/// first success 1 + ⌊log(1 − u) ÷ log(1 − q)⌋ cut at longest + 1, for hazards small and large
/// and tables short and long; and its draws have the probabilities it was given.
TEST(RandomStream, InversionTableInvertsTheDistributionFunction)
{
  for (const double q : {0.02, 0.1, 0.37, 0.9}) {
    for (const int longest : {3, 23, 120}) {
      const InversionTable table(geometric_probabilities(q, longest));
      ASSERT_EQ(table.size(), longest + 1);
      RandomStream tabled(22, static_cast<std::uint64_t>(longest), 1),
          direct(22, static_cast<std::uint64_t>(longest), 1);
      int mismatches = 0, beyond = 0;
      const int draws = 100000;
      for (int i = 0; i < draws; ++i) {
        const int got = table.draw(tabled) + 1;
        const double by_log = 1.0 + std::floor(std::log1p(-direct.uniform32()) / std::log1p(-q));
        const int want = static_cast<int>(std::min<double>(by_log, longest + 1));
        mismatches += got != want;
        beyond += got == longest + 1;
      }
      // A uniform within rounding of a boundary could go either way; none did.
      EXPECT_EQ(mismatches, 0) << "q " << q << ", longest " << longest;
      // P(draw > longest) = (1 − q)^longest.
      const double want = std::pow(1.0 - q, longest), share = static_cast<double>(beyond) / draws;
      const double tolerance = 4.0 * std::sqrt(want * (1.0 - want) / draws) + 1e-12;
      EXPECT_LE(std::fabs(share - want), tolerance)
          << "q " << q << ", longest " << longest << ": calculated " << share << ", expected " << want << ", error "
          << share - want << ", tolerance " << tolerance;
    }
  }
  // Any probabilities, relative to their sum; outcomes of probability 0 never come.
  const std::vector<double> weights{0.0, 3.0, 0.0, 1.0, 0.5, 0.0, 5.5, 0.0};
  const InversionTable table(weights);
  RandomStream r(22, 0, 3);
  std::vector<double> frequency(weights.size(), 0.0);
  const int draws = 100000;
  for (int i = 0; i < draws; ++i) frequency[static_cast<std::size_t>(table.draw(r))] += 1.0;
  for (std::size_t j = 0; j < weights.size(); ++j) {
    const double want = weights[j] / 10.0, share = frequency[j] / draws;
    const double tolerance = 4.0 * std::sqrt(want * (1.0 - want) / draws);
    if (want == 0.0) {
      EXPECT_EQ(frequency[j], 0.0) << "outcome " << j;
    }
    EXPECT_LE(std::fabs(share - want), tolerance) << "outcome " << j << ": calculated " << share << ", expected "
                                                  << want << ", error " << share - want << ", tolerance " << tolerance;
  }
  EXPECT_EQ(InversionTable(geometric_probabilities(1.0, 10)).draw(0.999), 0);
  EXPECT_EQ(InversionTable(geometric_probabilities(0.0, 10)).draw(1e-9), 10);
  EXPECT_EQ(InversionTable(geometric_probabilities(0.5, 0)).draw(0.3), 0);
  EXPECT_THROW(InversionTable(std::vector<double>{0.0, 0.0}), std::invalid_argument);
}

/// The draw is the count of distribution-function values P(X < j), j >= 1, below u, whether u
/// falls in a guide bucket that holds no such value (the guide's count is the draw) or one that
/// does (the count climbs): at every bucket's bottom and just below its top, at every value and
/// next to it, and at random uniforms, for short and long tables, zero probabilities, and tables
/// with more outcomes than buckets.
TEST(RandomStream, InversionTableGuideGivesTheCountAtEveryBucketEdge)
{
  std::vector<std::vector<double>> tables{geometric_probabilities(0.1, 23),
                                          geometric_probabilities(0.9, 3),
                                          geometric_probabilities(0.02, 600),
                                          {0.0, 3.0, 0.0, 1.0, 0.5, 0.0, 5.5, 0.0},
                                          std::vector<double>(5000, 1.0)};
  std::vector<double> joint = geometric_probabilities(0.1, 23);  // as the newcomers' table: two genders
  for (double w : geometric_probabilities(0.11, 23)) joint.push_back(0.45 / 0.55 * w);
  tables.push_back(joint);
  for (const std::vector<double>& probabilities : tables) {
    const InversionTable table(probabilities);
    std::vector<double> values;  // P(X < j) for j = 1 … size − 1
    for (int j = 1; j < table.size(); ++j) values.push_back(table.at_fraction(j, 0.0));
    auto count_below = [&](double u) {
      return static_cast<int>(std::count_if(values.begin(), values.end(), [u](double v) { return v < u; }));
    };
    std::vector<double> uniforms;
    const int buckets = 1 << 14;  // a multiple of the guide's buckets
    for (int b = 0; b < buckets; ++b) {
      uniforms.push_back(static_cast<double>(b) / buckets);
      uniforms.push_back(std::nextafter(static_cast<double>(b + 1) / buckets, 0.0));
    }
    for (double v : values)
      for (double u : {std::nextafter(v, 0.0), v, std::nextafter(v, 1.0)}) uniforms.push_back(u);
    RandomStream r(25, static_cast<std::uint64_t>(table.size()), 1);
    for (int i = 0; i < 20000; ++i) uniforms.push_back(r.uniform32());
    int mismatches = 0;
    for (double u : uniforms)
      if (u > 0.0 && u < 1.0) mismatches += table.draw(u) != count_below(u);
    EXPECT_EQ(mismatches, 0) << "table of " << table.size() << " outcomes";
  }
}

/// The share of each outcome's uniforms below at_fraction(j, f) is f, whatever the outcome: a
/// second draw from the same uniform, independent of the first.
TEST(RandomStream, InversionTableFractionIsIndependentOfTheOutcome)
{
  const InversionTable table(geometric_probabilities(0.15, 12));
  const double f = 0.27;
  RandomStream r(24, 1, 1);
  std::vector<double> draws_of(13, 0.0), below(13, 0.0);
  const int draws = 200000;
  for (int i = 0; i < draws; ++i) {
    const double u = r.uniform32();
    const int j = table.draw(u);
    draws_of[static_cast<std::size_t>(j)] += 1.0;
    below[static_cast<std::size_t>(j)] += u < table.at_fraction(j, f) ? 1.0 : 0.0;
  }
  const double z = 4.0;  // tolerance in standard errors
  for (std::size_t j = 0; j < draws_of.size(); ++j) {
    const double n = draws_of[j], share = below[j] / n, tolerance = z * std::sqrt(f * (1.0 - f) / n);
    EXPECT_LE(std::fabs(share - f), tolerance)
        << "outcome " << j << " (" << n << " draws): calculated " << share << ", expected " << f << ", error "
        << share - f << ", tolerance " << tolerance;
  }
  // The intervals tile (0, 1): each ends where the next begins.
  EXPECT_EQ(table.at_fraction(0, 0.0), 0.0);
  for (int j = 0; j < 12; ++j) EXPECT_EQ(table.at_fraction(j, 1.0), table.at_fraction(j + 1, 0.0)) << "outcome " << j;
  EXPECT_GT(table.at_fraction(12, 0.0), 0.5);
}

/// Filling gives what as many uniform32() calls give, also when the stream is part-way through
/// a block.
TEST(RandomStream, FillGivesTheSameUniformsAsCalls)
{
  for (const int used : {0, 3, 8, 13}) {
    RandomStream filled(6, 2, 5), called(6, 2, 5);
    for (int i = 0; i < used; ++i) ASSERT_EQ(filled.uniform32(), called.uniform32());
    std::vector<double> u(37);
    filled.fill_uniform32(u);
    for (std::size_t i = 0; i < u.size(); ++i) ASSERT_EQ(u[i], called.uniform32()) << "used " << used << ", i " << i;
    EXPECT_EQ(filled.uniform32(), called.uniform32()) << "used " << used;
  }
}

/// Sub-streams are reproducible, differ from each other and from their stream, and do not move
/// with the draws made on the stream before they are taken.
TEST(RandomStream, SubstreamsAreIndependentOfUse)
{
  RandomStream a(4, 9, 77), b(4, 9, 77);
  for (int i = 0; i < 13; ++i) (void)b.uniform32();
  RandomStream a1 = a.substream(1), b1 = b.substream(1), a2 = a.substream(2);
  int same_as_parent = 0, same_as_sibling = 0;
  for (int i = 0; i < 64; ++i) {
    const double x = a1.uniform32();
    ASSERT_EQ(x, b1.uniform32()) << "draw " << i;
    same_as_sibling += x == a2.uniform32();
    same_as_parent += x == a.uniform32();
  }
  EXPECT_EQ(same_as_sibling, 0);
  EXPECT_EQ(same_as_parent, 0);
}

/// The tabulated Poisson has the Poisson's probabilities, for means whose outcomes stay within
/// the table's window, pass it, and go to the stream (above 30).
TEST(RandomStream, PoissonTableHasThePoissonLaw)
{
  const int draws = 40000;
  const double z = 4.0;  // tolerance in standard errors
  for (const double mean : {0.7, 3.1, 25.0, 45.0}) {
    const PoissonTable table(mean);
    RandomStream r(23, static_cast<std::uint64_t>(mean * 10), 1);
    std::vector<double> frequency(200, 0.0);
    for (int i = 0; i < draws; ++i) {
      const int x = table.draw(r);
      ASSERT_GE(x, 0);
      ASSERT_LT(x, 200);
      frequency[static_cast<std::size_t>(x)] += 1.0;
    }
    // P(X <= k) at every k where it is between 1 % and 99 %.
    double pmf = std::exp(-mean), cdf = 0.0, share = 0.0;
    for (int k = 0; k < 200; ++k) {
      cdf += pmf;
      share += frequency[static_cast<std::size_t>(k)] / draws;
      pmf *= mean / (k + 1);
      if (cdf < 0.01 || cdf > 0.99) continue;
      const double tolerance = z * std::sqrt(cdf * (1.0 - cdf) / draws);
      EXPECT_LE(std::fabs(share - cdf), tolerance)
          << "mean " << mean << ", P(X <= " << k << "): calculated " << share << ", expected " << cdf << ", error "
          << share - cdf << ", tolerance " << tolerance;
    }
  }
  RandomStream r(23, 0, 2);
  EXPECT_EQ(PoissonTable(0.0).draw(r), 0);
  EXPECT_EQ(PoissonTable().draw(r), 0);
}

/// The tabulated binomial has the binomial's probabilities, for small and large p and for n
/// within and beyond the table.
TEST(RandomStream, BinomialTableHasTheBinomialLaw)
{
  const int draws = 40000;
  const double z = 4.0;  // tolerance in standard errors
  for (const double p : {0.05, 0.45, 0.8}) {
    const BinomialTable table(p);
    for (const int n : {1, 5, 30, 64, 100}) {
      RandomStream r(21, static_cast<std::uint64_t>(n), 6);
      std::vector<double> frequency(static_cast<std::size_t>(n) + 1, 0.0);
      for (int i = 0; i < draws; ++i) {
        const double x = table.draw(n, r);
        ASSERT_GE(x, 0.0);
        ASSERT_LE(x, n);
        ASSERT_EQ(x, std::floor(x));
        frequency[static_cast<std::size_t>(x)] += 1.0;
      }
      // Every value expected at least 10 times is checked; the rest together as the tails.
      double pmf = std::pow(1.0 - p, n), tail_pmf = 0.0, tail_share = 0.0;
      for (int k = 0; k <= n; ++k) {
        const double share = frequency[static_cast<std::size_t>(k)] / draws;
        if (pmf * draws < 10.0) {
          tail_pmf += pmf;
          tail_share += share;
          pmf *= static_cast<double>(n - k) / (k + 1) * p / (1.0 - p);
          continue;
        }
        const double tolerance = z * std::sqrt(pmf * (1.0 - pmf) / draws);
        EXPECT_LE(std::fabs(share - pmf), tolerance)
            << "p " << p << ", n " << n << ", P(X = " << k << "): calculated " << share << ", expected " << pmf
            << ", error " << share - pmf << ", tolerance " << tolerance;
        pmf *= static_cast<double>(n - k) / (k + 1) * p / (1.0 - p);
      }
      const double tolerance = z * std::sqrt(tail_pmf * (1.0 - tail_pmf) / draws) + 1.0 / draws;
      EXPECT_LE(std::fabs(tail_share - tail_pmf), tolerance)
          << "p " << p << ", n " << n << ", tails: calculated " << tail_share << ", expected " << tail_pmf << ", error "
          << tail_share - tail_pmf << ", tolerance " << tolerance;
    }
  }
  RandomStream r(21, 0, 7);
  EXPECT_EQ(BinomialTable(0.0).draw(10, r), 0.0);
  EXPECT_EQ(BinomialTable(1.0).draw(10, r), 10.0);
  EXPECT_EQ(BinomialTable(0.3).draw(0, r), 0.0);
}

/// Hypergeometric draws have their probabilities, including the shortcuts (all drawn, more
/// than half drawn, nobody marked).
TEST(RandomStream, HypergeometricHasItsLaw)
{
  auto choose = [](int n, int k) {
    double c = 1.0;
    for (int i = 1; i <= k; ++i) c = c * (n - k + i) / i;
    return k < 0 || k > n ? 0.0 : c;
  };
  const int runs = 40000, total = 10, marked = 4;
  const double z = 4.0;  // tolerance in standard errors
  for (const int draws : {0, 3, 7, 10}) {
    RandomStream r(23, static_cast<std::uint64_t>(draws), 8);
    std::array<double, marked + 1> frequency{};
    for (int i = 0; i < runs; ++i) frequency[static_cast<std::size_t>(r.hypergeometric(total, marked, draws))] += 1;
    for (int k = 0; k <= marked; ++k) {
      const double pmf = choose(marked, k) * choose(total - marked, draws - k) / choose(total, draws);
      const double share = frequency[static_cast<std::size_t>(k)] / runs;
      const double tolerance = z * std::sqrt(pmf * (1 - pmf) / runs) + 1e-12;
      EXPECT_LE(std::fabs(share - pmf), tolerance)
          << draws << " drawn, P(" << k << " marked): calculated " << share << ", expected " << pmf << ", error "
          << share - pmf << ", tolerance " << tolerance;
    }
  }
  RandomStream r(23, 0, 9);
  EXPECT_EQ(r.hypergeometric(10, 0, 5), 0.0);
  EXPECT_EQ(r.hypergeometric(10, 10, 5), 5.0);
}

namespace {

/// The lane sets this processor runs.
std::vector<LaneSet> supported_lane_sets()
{
  std::vector<LaneSet> sets;
  for (LaneSet set : {LaneSet::scalar, LaneSet::avx2, LaneSet::avx512})
    if (lane_set_supported(set)) sets.push_back(set);
  return sets;
}

/// splitmix64: keys and counters spread over all 64 bits.
std::uint64_t mix(std::uint64_t& state)
{
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

TEST(PhiloxLanes, BitIdenticalToRandom123)
{
  r123::Philox4x64 philox;
  std::uint64_t state = 2026;
  for (LaneSet set : supported_lane_sets()) {
    int compared = 0;
    for (int trial = 0; trial < 300; ++trial) {
      const PhiloxKey key{{mix(state), mix(state)}};
      // Counters of every kind: random, small, and word 1 about to wrap.
      PhiloxCounter counter{{mix(state), mix(state), mix(state), mix(state)}};
      if (trial % 3 == 1) counter = {{static_cast<std::uint64_t>(trial), 0, static_cast<std::uint64_t>(trial % 5), 0}};
      if (trial % 3 == 2) counter[1] = ~std::uint64_t{0} - static_cast<std::uint64_t>(trial % 7);
      const std::size_t blocks = 1 + static_cast<std::size_t>(trial) % 41;
      std::vector<std::uint64_t> words(4 * blocks);
      philox_blocks(set, key, counter, blocks, words.data());
      for (std::size_t b = 0; b < blocks; ++b) {
        const r123::Philox4x64::ctr_type c{{counter[0], counter[1] + b, counter[2], counter[3]}};
        const r123::Philox4x64::ctr_type expected = philox(c, r123::Philox4x64::key_type{{key[0], key[1]}});
        for (std::size_t k = 0; k < 4; ++k) {
          ASSERT_EQ(words[4 * b + k], expected[k])
              << lane_set_name(set) << ": trial " << trial << ", block " << b << ", word " << k;
          ++compared;
        }
      }
    }
    EXPECT_GT(compared, 20000) << lane_set_name(set);
  }
}

TEST(PhiloxLanes, BulkFillsGiveTheStreamsUniforms)
{
  const LaneSet before = lane_set();
  for (LaneSet set : supported_lane_sets()) {
    ASSERT_TRUE(use_lane_set(set));
    for (std::uint64_t id = 1; id <= 40; ++id) {
      // A few numbers drawn first, so that a fill starts inside a block, then fills of every size.
      RandomStream one_by_one(7, id, 1000 + id), filled(7, id, 1000 + id);
      const auto lead = static_cast<int>(id % 9);
      for (int k = 0; k < lead; ++k) EXPECT_EQ(one_by_one.uniform32(), filled.uniform32());
      std::vector<double> bulk(static_cast<std::size_t>(8 * RandomStream::bulk_blocks * (1 + id % 3) + id));
      filled.fill_uniform32(bulk);
      for (std::size_t k = 0; k < bulk.size(); ++k)
        ASSERT_EQ(bulk[k], one_by_one.uniform32()) << lane_set_name(set) << ": stream " << id << ", uniform " << k;
      EXPECT_EQ(filled.uniform32(), one_by_one.uniform32()) << "the fill leaves the stream where the calls would";
    }
  }
  use_lane_set(before);
}
