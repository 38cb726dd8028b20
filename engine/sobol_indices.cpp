#include "engine/sobol_indices.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/monte_carlo.h"
#include "engine/statistics.h"
#include "engine/tsan_edges.h"
#include "sampling/random_stream.h"
#include "sampling/stream_keys.h"

namespace finsim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The 2.5 % and 97.5 % type-7 percentiles of the finite values among `x` (NaN when none).
std::array<double, 2> percentile_interval(std::vector<double>& x)
{
  x.erase(std::remove_if(x.begin(), x.end(), [](double v) { return !std::isfinite(v); }), x.end());
  if (x.empty()) return {nan, nan};
  std::sort(x.begin(), x.end());
  return {quantile_type7(x, 0.025), quantile_type7(x, 0.975)};
}

bool stop_requested(const std::atomic<bool>* stop) { return stop != nullptr && stop->load(std::memory_order_relaxed); }

/// The bootstrap's index vectors: resample b draws N base rows with replacement. Empty when
/// stopped.
std::vector<std::vector<std::uint32_t>> bootstrap_rows(std::uint64_t n, int resamples, std::uint64_t seed,
                                                       const std::atomic<bool>* stop)
{
  std::vector<std::vector<std::uint32_t>> rows(static_cast<std::size_t>(resamples));
  for (int b = 0; b < resamples; ++b) {
    if (stop_requested(stop)) return {};
    RandomStream stream(seed, static_cast<std::uint64_t>(b), bootstrap_stream());
    std::vector<std::uint32_t>& r = rows[static_cast<std::size_t>(b)];
    r.resize(n);
    for (std::uint32_t& j : r)
      j = static_cast<std::uint32_t>(std::min<std::uint64_t>(n - 1, static_cast<std::uint64_t>(stream.uniform() * n)));
  }
  return rows;
}

}  // namespace

double sobol_point(const SobolDesign& d, const double* f, const std::vector<std::uint32_t>& rows, double* first,
                   double* total)
{
  const std::uint64_t big_n = d.base_rows;
  const std::size_t n = rows.empty() ? big_n : rows.size();
  const auto row = [&](std::size_t t) -> std::size_t { return rows.empty() ? t : rows[t]; };
  const double* fa = f;
  const double* fb = f + big_n;
  double mean = 0.0;
  bool constant = true;
  for (std::size_t t = 0; t < n; ++t) {
    mean += fa[row(t)] + fb[row(t)];
    constant = constant && fa[row(t)] == fa[row(0)] && fb[row(t)] == fa[row(0)];
  }
  mean /= 2.0 * double(n);
  double variance = 0.0;
  for (std::size_t t = 0; t < n && !constant; ++t) {
    const double a = fa[row(t)] - mean, b = fb[row(t)] - mean;
    variance += a * a + b * b;
  }
  variance /= 2.0 * double(n);
  const bool usable = variance > 0.0 && std::isfinite(variance);
  for (int i = 0; i < d.factors; ++i) {
    const double* fab = f + (2 + std::uint64_t(i)) * big_n;
    double s1 = 0.0, st = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
      const std::size_t j = row(t);
      s1 += (fb[j] - mean) * (fab[j] - fa[j]);
      st += (fa[j] - fab[j]) * (fa[j] - fab[j]);
    }
    first[i] = usable ? s1 / double(n) / variance : nan;
    total[i] = usable ? st / double(n) / (2.0 * variance) : nan;
  }
  return usable ? variance : (variance == 0.0 ? 0.0 : nan);
}

SobolIndices sobol_indices(const SobolDesign& d, const std::vector<std::vector<double>>& outputs,
                           const SobolSettings& settings)
{
  const std::size_t quantities = outputs.size(), k = static_cast<std::size_t>(d.factors);
  SobolIndices r;
  r.variance.assign(quantities, nan);
  r.first.assign(quantities * k, nan);
  r.total.assign(quantities * k, nan);
  r.first_ci.assign(quantities * k, {nan, nan});
  r.total_ci.assign(quantities * k, {nan, nan});
  const std::vector<std::vector<std::uint32_t>> resampled =
      bootstrap_rows(d.base_rows, settings.resamples, settings.seed, settings.stop);
  r.interrupted = resampled.size() != static_cast<std::size_t>(settings.resamples);
  if (r.interrupted) return r;
  tbb::task_arena arena(threads_used(settings.threads));
  parallel_indices(arena, quantities, [&](std::size_t q) {
    if (stop_requested(settings.stop)) return;
    const double* f = outputs[q].data();
    r.variance[q] = sobol_point(d, f, {}, r.first.data() + q * k, r.total.data() + q * k);  // k may be 0
    // Every resample's estimates of every factor, factor-major.
    std::vector<double> first(k * resampled.size()), total(k * resampled.size()), s1(k), st(k);
    for (std::size_t b = 0; b < resampled.size(); ++b) {
      if (stop_requested(settings.stop)) return;
      sobol_point(d, f, resampled[b], s1.data(), st.data());
      for (std::size_t i = 0; i < k; ++i) {
        first[i * resampled.size() + b] = s1[i];
        total[i * resampled.size() + b] = st[i];
      }
    }
    std::vector<double> column;
    for (std::size_t i = 0; i < k; ++i) {
      column.assign(first.begin() + i * resampled.size(), first.begin() + (i + 1) * resampled.size());
      r.first_ci[q * k + i] = percentile_interval(column);
      column.assign(total.begin() + i * resampled.size(), total.begin() + (i + 1) * resampled.size());
      r.total_ci[q * k + i] = percentile_interval(column);
    }
  });
  r.interrupted = stop_requested(settings.stop);
  return r;
}

SobolMemory sobol_indices_memory(const SobolDesign& d, std::size_t quantities, int resamples, int threads)
{
  const auto k = static_cast<std::size_t>(d.factors), b = static_cast<std::size_t>(resamples);
  SobolMemory m;
  m.per_base_row = b * sizeof(std::uint32_t);  // the index vectors
  // The variance, the indices and their intervals; per thread every resample's estimates of every
  // factor for one quantity, a column of them and the point estimates.
  m.fixed = quantities * (1 + k * 6) * sizeof(double) +
            static_cast<std::size_t>(threads_used(threads)) * (2 * k * b + b + 2 * k) * sizeof(double);
  return m;
}

}  // namespace finsim
