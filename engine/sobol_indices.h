// Variance-based (Sobol) sensitivity indices from a pick-and-freeze design, with 95 % confidence
// intervals: asymptotic ones by the delta method (the default, one pass over the base rows), or
// bootstrap percentile intervals. The statistics of analysis/sensitivity, kept in the engine beside
// the Monte Carlo's other statistics. Pure functions of the design's outputs; parallel over the
// quantities, so the numbers are the same for any thread count.
#pragma once
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace finsim {

/// The shape of a design: N base rows and k factors give N × (k + 2) evaluations, in this
/// order: f(A_j) at j, f(B_j) at N + j, and f(A_B^i_j) (A with factor i from B) at (2 + i) N + j.
struct SobolDesign {
  std::uint64_t base_rows = 0;
  int factors = 0;
  std::uint64_t evaluations() const { return base_rows * (static_cast<std::uint64_t>(factors) + 2); }
};

struct SobolSettings {
  /// 0: asymptotic intervals (the delta method); more: bootstrap percentile intervals from this
  /// many resamples of the base rows.
  int resamples = 0;
  std::uint64_t seed = 1;  ///< their index vectors come from the stream (seed, b, "sensitivity.bootstrap")
  int threads = 0;         ///< 0: all cores
  const std::atomic<bool>* stop = nullptr;  ///< set to stop early: checked per quantity and before every resample
};

/// The normal quantile of 0.975: a 95 % interval is the estimate ± this many standard errors.
inline constexpr double z_975 = 1.959963984540054;

/// Per quantity (a column of the design's outputs): the output variance and, per factor, the
/// first-order and total indices with their 95 % intervals (NaN when V is 0 or NaN).
struct SobolIndices {
  std::vector<double> variance;                           ///< quantity
  std::vector<double> first, total;                       ///< quantity × factor
  std::vector<std::array<double, 2>> first_ci, total_ci;  ///< quantity × factor: low, high
  bool interrupted = false;                               ///< stopped: nothing above is complete
};

/// The memory sobol_indices takes for `quantities` quantities: per base row (its entry in every
/// resample's index vector, and each thread's column of one quantity's per-row terms) and beside
/// (the indices, and each thread's table of every resample's estimates of one quantity).
struct SobolMemory {
  std::size_t per_base_row = 0, fixed = 0;
};
SobolMemory sobol_indices_memory(const SobolDesign& d, std::size_t quantities, int resamples, int threads);

/// The point estimates for one quantity from the design's outputs `f` (design order), using the
/// base rows `rows` (all rows 0 … N − 1 when empty): V with divisor 2N over f(A) ∪ f(B), exactly 0
/// when every value is the same (the mean of equal numbers need not be one of them, and the
/// rounding must not pass for a variance),
/// S1_i = mean f_B (f_ABi − f_A) / V (Saltelli 2010), ST_i = mean (f_A − f_ABi)² / (2V) (Jansen).
/// f_B is centred by the mean of f(A) ∪ f(B) first, as SALib does by standardising: the same
/// expectation (E[f_ABi − f_A] = 0), without the variance a large mean (equity in millions, its
/// spread in thousands) would add. Writes `first` and `total` (k each) and returns V.
double sobol_point(const SobolDesign& d, const double* f, const std::vector<std::uint32_t>& rows, double* first,
                   double* total);

/// The standard errors of sobol_point's estimates for one quantity, by the delta method: each
/// index is a ratio of means over the N independent base rows, S1_i = mean(y) / mean(v) and
/// ST_i = mean(z) / mean(v) with v = ((f_A − m)² + (f_B − m)²) / 2, y = (f_B − m)(f_ABi − f_A) and
/// z = (f_A − f_ABi)² / 2, so its standard error is √(Σ (y − S1_i v)² / (N (N − 1))) / V (and
/// likewise with z). The centring mean m counts only in second order (E[f_ABi − f_A] = 0).
/// `first` and `total` are sobol_point's estimates and `variance` its V (usable: > 0 and finite);
/// `terms` is N doubles of scratch. Writes k standard errors to each of `first_se` and `total_se`.
void sobol_standard_errors(const SobolDesign& d, const double* f, double variance, const double* first,
                           const double* total, double* terms, double* first_se, double* total_se);

/// The indices of every quantity: `outputs[q]` holds quantity q's N × (k + 2) outputs in design
/// order. With resamples, the same bootstrap index vectors serve every factor, quantity and V.
SobolIndices sobol_indices(const SobolDesign& d, const std::vector<std::vector<double>>& outputs,
                           const SobolSettings& settings);

}  // namespace finsim
