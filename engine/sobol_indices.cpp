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

void sobol_standard_errors(const SobolDesign& d, const double* f, double variance, const double* first,
                           const double* total, double* terms, double* first_se, double* total_se)
{
  const std::uint64_t n = d.base_rows;
  const double* fa = f;
  const double* fb = f + n;
  double mean = 0.0;  // as sobol_point sums it
  for (std::uint64_t t = 0; t < n; ++t) mean += fa[t] + fb[t];
  mean /= 2.0 * double(n);
  for (std::uint64_t t = 0; t < n; ++t) {
    const double a = fa[t] - mean, b = fb[t] - mean;
    terms[t] = 0.5 * (a * a + b * b);  // v: its mean is V
  }
  const double scale = n > 1 ? 1.0 / (double(n) * double(n - 1)) : nan;
  for (int i = 0; i < d.factors; ++i) {
    const double* fab = f + (2 + std::uint64_t(i)) * n;
    const double s1 = first[i], st = total[i];
    double first_sum = 0.0, total_sum = 0.0;
    for (std::uint64_t t = 0; t < n; ++t) {
      const double y = (fb[t] - mean) * (fab[t] - fa[t]), z = 0.5 * (fa[t] - fab[t]) * (fa[t] - fab[t]);
      const double e1 = y - s1 * terms[t], et = z - st * terms[t];
      first_sum += e1 * e1;
      total_sum += et * et;
    }
    first_se[i] = std::sqrt(first_sum * scale) / variance;
    total_se[i] = std::sqrt(total_sum * scale) / variance;
  }
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
  const bool bootstrap = settings.resamples > 0;
  const std::vector<std::vector<std::uint32_t>> resampled =
      bootstrap ? bootstrap_rows(d.base_rows, settings.resamples, settings.seed, settings.stop)
                : std::vector<std::vector<std::uint32_t>>{};
  r.interrupted =
      resampled.size() != static_cast<std::size_t>(std::max(settings.resamples, 0)) || stop_requested(settings.stop);
  if (r.interrupted) return r;
  tbb::task_arena arena(threads_used(settings.threads));
  parallel_indices(arena, quantities, [&](std::size_t q) {
    if (stop_requested(settings.stop)) return;
    const double* f = outputs[q].data();
    r.variance[q] = sobol_point(d, f, {}, r.first.data() + q * k, r.total.data() + q * k);  // k may be 0
    if (!bootstrap) {
      // Asymptotic intervals: the estimate ± z_975 standard errors (delta method).
      if (!(r.variance[q] > 0.0) || !std::isfinite(r.variance[q])) return;  // no variance: NaN
      std::vector<double> terms(d.base_rows), first_se(k), total_se(k);
      sobol_standard_errors(d, f, r.variance[q], r.first.data() + q * k, r.total.data() + q * k, terms.data(),
                            first_se.data(), total_se.data());
      for (std::size_t i = 0; i < k; ++i) {
        const double s1 = r.first[q * k + i], st = r.total[q * k + i];
        r.first_ci[q * k + i] = {s1 - z_975 * first_se[i], s1 + z_975 * first_se[i]};
        r.total_ci[q * k + i] = {st - z_975 * total_se[i], st + z_975 * total_se[i]};
      }
      return;
    }
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
  const auto k = static_cast<std::size_t>(d.factors), b = static_cast<std::size_t>(std::max(resamples, 0));
  const auto workers = static_cast<std::size_t>(threads_used(threads));
  SobolMemory m;
  // The variance, the indices and their intervals.
  m.fixed = quantities * (1 + k * 6) * sizeof(double);
  if (b == 0) {
    // Per thread one quantity's per-row terms and its standard errors.
    m.per_base_row = workers * sizeof(double);
    m.fixed += workers * 2 * k * sizeof(double);
    return m;
  }
  m.per_base_row = b * sizeof(std::uint32_t);  // the index vectors
  // Per thread every resample's estimates of every factor for one quantity, a column of them and
  // the point estimates.
  m.fixed += workers * (2 * k * b + b + 2 * k) * sizeof(double);
  return m;
}

}  // namespace finsim
