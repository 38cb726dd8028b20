// The Sobol estimators against analytic indices: the Ishigami function and a linear sum.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <numbers>

#include "engine/sobol_indices.h"
#include "sampling/random_stream.h"
#include "sampling/stream_keys.h"

namespace finsim {
namespace {

/// The design's outputs of `f` over `k` inputs, each drawn by `draw` from its own stream: A from
/// replication j, B from replication N + j, A_B^i with input i from B.
template <typename F, typename Draw>
std::vector<double> design_outputs(const SobolDesign& d, F f, Draw draw)
{
  const std::uint64_t n = d.base_rows;
  const auto k = static_cast<std::size_t>(d.factors);
  auto row = [&](std::uint64_t replication) {
    std::vector<double> x(k);
    for (std::size_t i = 0; i < k; ++i) {
      RandomStream stream(2026, replication, stable_hash("input" + std::to_string(i)));
      x[i] = draw(stream, i);
    }
    return x;
  };
  std::vector<double> out(d.evaluations());
  for (std::uint64_t j = 0; j < n; ++j) {
    const std::vector<double> a = row(j), b = row(n + j);
    out[j] = f(a);
    out[n + j] = f(b);
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      out[(2 + i) * n + j] = f(ab);
    }
  }
  return out;
}

/// The estimate, its interval and the analytic value, printed; the value must lie in the interval.
void expect_inside(const char* what, int i, double estimate, const std::array<double, 2>& ci, double analytic)
{
  std::cout << what << " " << i + 1 << ": calculated " << estimate << " [" << ci[0] << ", " << ci[1] << "], analytic "
            << analytic << ", error " << estimate - analytic << '\n';
  EXPECT_LE(ci[0], analytic) << what << " " << i + 1;
  EXPECT_GE(ci[1], analytic) << what << " " << i + 1;
  EXPECT_LE(ci[0], estimate);
  EXPECT_GE(ci[1], estimate);
}

/// The Ishigami function of three inputs uniform on [−π, π], with its analytic indices.
double ishigami(const std::vector<double>& x)
{
  return std::sin(x[0]) + 7.0 * std::pow(std::sin(x[1]), 2) + 0.1 * std::pow(x[2], 4) * std::sin(x[0]);
}
double uniform_on_pi(RandomStream& s, std::size_t) { return std::numbers::pi * (2.0 * s.uniform() - 1.0); }
constexpr double ishigami_first[3] = {0.3139, 0.4424, 0.0}, ishigami_total[3] = {0.5576, 0.4424, 0.2437};

TEST(SobolIndices, IshigamiFunctionHasItsAnalyticIndices)
{
  const SobolDesign d{8192, 3};
  const std::vector<double> outputs = design_outputs(d, ishigami, uniform_on_pi);
  // Asymptotic intervals (the default) and bootstrap percentile intervals alike.
  for (int resamples : {0, 500}) {
    std::cout << (resamples > 0 ? "bootstrap\n" : "delta method\n");
    const SobolIndices r = sobol_indices(d, {outputs}, SobolSettings{resamples, 7, 2});
    for (int i = 0; i < 3; ++i) {
      expect_inside("S1", i, r.first[std::size_t(i)], r.first_ci[std::size_t(i)], ishigami_first[i]);
      expect_inside("ST", i, r.total[std::size_t(i)], r.total_ci[std::size_t(i)], ishigami_total[i]);
    }
    // V of the Ishigami function: a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 with a = 7, b = 0.1.
    const double pi4 = std::pow(std::numbers::pi, 4);
    const double v = 49.0 / 8.0 + 0.1 * pi4 / 5.0 + 0.01 * pi4 * pi4 / 18.0 + 0.5;
    EXPECT_NEAR(r.variance[0], v, 0.05 * v);
  }
}

TEST(SobolIndices, ALinearSumSplitsItsVarianceByTerm)
{
  // Y = 1 X1 + 2 X2 + 3 X3 with standard normal X: S1 = ST = b² / 14, within 0.02 (the issue's
  // tolerance; the sample variances of these draws are 1.012, 0.990 and 1.014, so the estimates
  // sit about 2.5 standard errors from the truth and the 95 % intervals need not cover it).
  const SobolDesign d{16384, 3};
  const auto sum = [](const std::vector<double>& x) { return x[0] + 2.0 * x[1] + 3.0 * x[2]; };
  const auto normal = [](RandomStream& s, std::size_t) { return s.normal(); };
  const std::vector<double> outputs = design_outputs(d, sum, normal);
  for (int resamples : {0, 300}) {
    const SobolIndices r = sobol_indices(d, {outputs}, SobolSettings{resamples, 7, 2});
    for (int i = 0; i < 3; ++i) {
      const double analytic = double((i + 1) * (i + 1)) / 14.0;
      std::cout << "term " << i + 1 << ": S1 " << r.first[std::size_t(i)] << " [" << r.first_ci[std::size_t(i)][0]
                << ", " << r.first_ci[std::size_t(i)][1] << "], ST " << r.total[std::size_t(i)] << " ["
                << r.total_ci[std::size_t(i)][0] << ", " << r.total_ci[std::size_t(i)][1] << "], analytic " << analytic
                << (resamples > 0 ? " (bootstrap)" : " (delta method)") << '\n';
      EXPECT_NEAR(r.first[std::size_t(i)], analytic, 0.02);
      EXPECT_NEAR(r.total[std::size_t(i)], analytic, 0.02);
      EXPECT_LE(r.first_ci[std::size_t(i)][0], r.first[std::size_t(i)]);
      EXPECT_GE(r.first_ci[std::size_t(i)][1], r.first[std::size_t(i)]);
      EXPECT_LE(r.total_ci[std::size_t(i)][0], r.total[std::size_t(i)]);
      EXPECT_GE(r.total_ci[std::size_t(i)][1], r.total[std::size_t(i)]);
    }
  }
}

/// The share of `repetitions` independent designs of N base rows whose 95 % intervals hold the
/// analytic index, per index (S1 then ST of each input), with the given resamples (0: delta method).
template <typename F, typename Draw>
std::vector<double> coverage(F f, Draw draw, std::uint64_t n, int repetitions, int resamples, const double* first,
                             const double* total)
{
  const SobolDesign d{n, 3};
  std::vector<double> hits(6, 0.0);
  for (int rep = 0; rep < repetitions; ++rep) {
    // Repetition rep draws with seed 1000 + rep: designs that share no draw.
    std::vector<double> out(d.evaluations());
    for (std::uint64_t j = 0; j < n; ++j) {
      std::vector<double> a(3), b(3);
      for (std::size_t i = 0; i < 3; ++i) {
        RandomStream sa(1000 + std::uint64_t(rep), j, stable_hash("input" + std::to_string(i)));
        RandomStream sb(1000 + std::uint64_t(rep), n + j, stable_hash("input" + std::to_string(i)));
        a[i] = draw(sa, i);
        b[i] = draw(sb, i);
      }
      out[j] = f(a);
      out[n + j] = f(b);
      for (std::size_t i = 0; i < 3; ++i) {
        std::vector<double> ab = a;
        ab[i] = b[i];
        out[(2 + i) * n + j] = f(ab);
      }
    }
    const SobolIndices r = sobol_indices(d, {out}, SobolSettings{resamples, 7, 1});
    for (std::size_t i = 0; i < 3; ++i) {
      hits[2 * i] += r.first_ci[i][0] <= first[i] && first[i] <= r.first_ci[i][1];
      hits[2 * i + 1] += r.total_ci[i][0] <= total[i] && total[i] <= r.total_ci[i][1];
    }
  }
  for (double& h : hits) h /= repetitions;
  return hits;
}

TEST(SobolIndices, TheAsymptoticIntervalsCoverTheAnalyticIndicesNineteenTimesInTwenty)
{
  // 400 independent designs (fixed seeds) of the linear sum and of the Ishigami function: the
  // share of 95 % intervals holding the analytic index. With 400 designs a share has a standard
  // error of 1.1 points, so each index must be covered 91–99 % of the time and all six together
  // (2 400 intervals, 0.45 points) 93–97 %: intervals too narrow or too wide by a fifth fail.
  const double linear[3] = {1.0 / 14.0, 4.0 / 14.0, 9.0 / 14.0};
  const auto sum = [](const std::vector<double>& x) { return x[0] + 2.0 * x[1] + 3.0 * x[2]; };
  const auto normal = [](RandomStream& s, std::size_t) { return s.normal(); };
  const std::vector<double> cases[2] = {
      coverage(sum, normal, 512, 400, 0, linear, linear),
      coverage(ishigami, uniform_on_pi, 1024, 400, 0, ishigami_first, ishigami_total)};
  for (int c = 0; c < 2; ++c) {
    double all = 0.0;
    for (std::size_t i = 0; i < 6; ++i) {
      std::cout << (c == 0 ? "linear " : "Ishigami ") << (i % 2 == 0 ? "S1 " : "ST ") << i / 2 + 1 << ": covered "
                << cases[c][i] << '\n';
      EXPECT_GE(cases[c][i], 0.91) << c << " " << i;
      EXPECT_LE(cases[c][i], 0.99) << c << " " << i;
      all += cases[c][i] / 6.0;
    }
    EXPECT_GE(all, 0.93) << c;
    EXPECT_LE(all, 0.97) << c;
  }
}

TEST(SobolIndices, AConstantOutputHasNoIndicesAndTheSameNumbersOnAnyThreadCount)
{
  const SobolDesign d{64, 2};
  const std::vector<double> constant(d.evaluations(), 5.0);
  const SobolIndices r = sobol_indices(d, {constant}, SobolSettings{50, 1, 1});
  EXPECT_EQ(r.variance[0], 0.0);
  EXPECT_TRUE(std::isnan(r.first[0]) && std::isnan(r.total[1]) && std::isnan(r.first_ci[0][0]));

  const SobolDesign e{512, 3};
  const auto sum = [](const std::vector<double>& x) { return x[0] * x[1] + x[2]; };
  const auto normal = [](RandomStream& s, std::size_t) { return s.normal(); };
  const std::vector<std::vector<double>> outputs(5, design_outputs(e, sum, normal));
  for (int resamples : {0, 100}) {
    const SobolIndices one = sobol_indices(e, outputs, SobolSettings{resamples, 3, 1});
    const SobolIndices two = sobol_indices(e, outputs, SobolSettings{resamples, 3, 2});
    EXPECT_EQ(one.first, two.first);
    EXPECT_EQ(one.total, two.total);
    EXPECT_EQ(one.first_ci, two.first_ci);
    EXPECT_EQ(one.total_ci, two.total_ci);
  }
}

TEST(SobolIndices, EqualValuesHaveNoVarianceEvenWhenTheirMeanIsNotOneOfThem)
{
  // 128 sums of 0.1 divided by 128 are 0.0999…9: without care, a variance of 1e-32 and indices of
  // rounding, and the terminal's "interactions carry 100 %" of an outcome that does not vary.
  const SobolDesign d{64, 2};
  for (double value : {0.1, 0.7, 19.99}) {
    const std::vector<double> constant(d.evaluations(), value);
    for (int resamples : {0, 20}) {
      const SobolIndices r = sobol_indices(d, {constant}, SobolSettings{resamples, 1, 1});
      EXPECT_EQ(r.variance[0], 0.0) << value;
      EXPECT_TRUE(std::isnan(r.first[0]) && std::isnan(r.total[1])) << value;
      EXPECT_TRUE(std::isnan(r.total_ci[0][1]) && std::isnan(r.first_ci[1][0])) << value;
    }
  }
}

TEST(SobolIndices, AStopEndsTheBootstrap)
{
  const SobolDesign d{4096, 3};
  const auto sum = [](const std::vector<double>& x) { return x[0] + x[1] + x[2]; };
  const auto normal = [](RandomStream& s, std::size_t) { return s.normal(); };
  const std::atomic<bool> stop{true};
  const SobolIndices r = sobol_indices(d, {design_outputs(d, sum, normal)}, SobolSettings{100000, 1, 1, &stop});
  EXPECT_TRUE(r.interrupted);
  EXPECT_TRUE(sobol_indices(d, {design_outputs(d, sum, normal)}, SobolSettings{0, 1, 1, &stop}).interrupted);
  const std::atomic<bool> go{false};
  EXPECT_FALSE(sobol_indices(d, {design_outputs(d, sum, normal)}, SobolSettings{20, 1, 1, &go}).interrupted);
}

TEST(SobolIndices, TheMemoryOfTheBootstrapGrowsWithItsResamplesTimesTheBaseRows)
{
  const SobolMemory m = sobol_indices_memory(SobolDesign{1000, 16}, 22, 500, 1);
  EXPECT_EQ(m.per_base_row, 500 * sizeof(std::uint32_t)) << "each base row in every resample's index vector";
  EXPECT_EQ(m.fixed, 22 * (1 + 16 * 6) * sizeof(double) + (2 * 16 * 500 + 500 + 2 * 16) * sizeof(double));
  // The asymptotic intervals: per thread one quantity's terms (N) and its standard errors (2k).
  const SobolMemory delta = sobol_indices_memory(SobolDesign{1000, 16}, 22, 0, 1);
  EXPECT_EQ(delta.per_base_row, sizeof(double));
  EXPECT_EQ(delta.fixed, 22 * (1 + 16 * 6) * sizeof(double) + 2 * 16 * sizeof(double));
}

}  // namespace
}  // namespace finsim
