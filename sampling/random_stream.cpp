#include "sampling/random_stream.h"

#include <algorithm>
#include <cmath>

namespace finsim {

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream_id)
{
  key_ = {{seed, stream_id}};
  counter_ = {{replication, 0, 0, 0}};
}

double RandomStream::poisson(double mean)
{
  double count = 0.0;
  while (mean > 0.0) {
    const double block = std::min(mean, 30.0);
    mean -= block;
    count += poisson(block, std::exp(-block));
  }
  return count;
}

double RandomStream::binomial(double n, double p)
{
  if (n <= 0.0 || p <= 0.0) return 0.0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - binomial(n, 1.0 - p);
  if (n <= 8.0) {
    // Few trials: one uniform each is cheaper than a power.
    double successes = 0.0;
    for (auto trials = static_cast<int>(n + 0.5); trials > 0; --trials) successes += uniform32() < p ? 1.0 : 0.0;
    return successes;
  }
  // Inversion in blocks of at most 100 trials keeps each search short and exact.
  double successes = 0.0;
  auto trials = static_cast<long long>(std::llround(n));
  const double q = 1.0 - p, s = p / q;
  while (trials > 0) {
    const long long block = std::min<long long>(trials, 100);
    trials -= block;
    const double none = std::pow(q, static_cast<double>(block));
    successes += static_cast<double>(binomial_inversion(uniform32(), none, block, s));
  }
  return successes;
}

void RandomStream::multinomial(double n, std::span<const double> p, std::span<double> counts)
{
  if (n <= 8.0) {
    // Few people: give each a category of their own (one uniform each).
    std::fill(counts.begin(), counts.end(), 0.0);
    for (auto people = static_cast<int>(n + 0.5); people > 0; --people) {
      double u = uniform32();
      std::size_t k = 0;
      while (k + 1 < p.size() && (u >= p[k] || p[k] <= 0.0)) {
        u -= p[k];
        ++k;
      }
      // Floating-point leftovers never land in a category of probability 0.
      while (p[k] <= 0.0 && k > 0) --k;
      counts[k] += 1.0;
    }
    return;
  }
  double left = n, mass = 1.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (i + 1 == p.size() || mass <= 0.0) {
      counts[i] = mass > 0.0 ? left : 0.0;
      left = 0.0;
      continue;
    }
    const double rest = mass - p[i];
    counts[i] = rest <= 1e-12 ? left : p[i] > 0.0 ? binomial(left, std::min(1.0, p[i] / mass)) : 0.0;
    left -= counts[i];
    mass -= p[i];
  }
}

double RandomStream::normal()
{
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  const double r = std::sqrt(-2.0 * std::log(uniform()));
  const double angle = 2.0 * 3.14159265358979323846 * uniform();
  spare_normal_ = r * std::sin(angle);
  has_spare_normal_ = true;
  return r * std::cos(angle);
}

double RandomStream::gamma(double shape)
{
  if (shape < 1.0) return gamma(shape + 1.0) * std::pow(uniform(), 1.0 / shape);
  const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform(), x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;  // the squeeze: accepted without logarithms
    if (std::log(u) < 0.5 * x2 + d - d * v + d * std::log(v)) return d * v;
  }
}

}  // namespace finsim
