// Uncertain numbers: a fixed value or a probability distribution, with its place in the scenario.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace finsim {

/// How a number in a scenario is distributed.
enum class DistributionKind { fixed, normal, beta, uniform, triangular, lognormal, gamma, student_t };

/// How often the Monte Carlo draws a value: once per run or afresh each year.
enum class DrawFrequency { key_default, run, year };

/// A fixed value or a distribution, parametrised as the user wrote it. `mean` and `sd` describe
/// the variable itself (not its logarithm).
struct Distribution {
  DistributionKind kind = DistributionKind::fixed;
  double value = 0.0;  ///< fixed
  double mean = 0.0;   ///< normal, beta, lognormal, gamma; student_t: the location
  double sd = 0.0;     ///< normal, beta, lognormal, gamma; student_t: the scale
  double df = 0.0;     ///< student_t: degrees of freedom
  double min = 0.0;    ///< uniform, triangular
  double mode = 0.0;   ///< triangular
  double max = 0.0;    ///< uniform, triangular
  DrawFrequency per = DrawFrequency::key_default;

  /// A fixed value.
  static Distribution constant(double v);

  bool operator==(const Distribution&) const = default;

  /// The expected value, used by the deterministic run (student_t: its location).
  double expected() const;
  /// The inverse distribution function at probability u in (0, 1).
  double quantile(double u) const;
  /// The value exceeded with probability q in (0, 1): quantile(1 − q), accurate where 1 − q
  /// would round.
  double upper_quantile(double q) const;
  /// The lowest and highest values the distribution can take (±infinity where unbounded).
  double lowest() const;
  double highest() const;
  /// Why these parameters describe no distribution the Monte Carlo can draw from ("needs mean > 0
  /// …", to follow the distribution's name), or "" if they are fine: shape_problem, then the values
  /// at the extreme scores ±8 must be finite and increasing (clarification 60).
  std::string parameter_problem() const;
  /// The parameters' own constraints only (sd > 0, min <= max, …).
  std::string shape_problem() const;
};

/// A number from the scenario: its distribution and the key path that names it. The path
/// ("insats.SamCoach.utilization") keys the number's random stream in the Monte Carlo.
struct Uncertain {
  Distribution distribution;
  std::string path;
  std::uint64_t stream_id = 0;  ///< value_stream(path): the key of its draws
  double lowest = -1e300;       ///< the key's allowed range: draws are clamped into it
  double highest = 1e300;

  /// The deterministic run's value where it is not the distribution's mean: a default
  /// utilisation is drawn in the Monte Carlo but taken as granted (1.0) in the expected values.
  std::optional<double> deterministic;

  bool is_fixed() const { return distribution.kind == DistributionKind::fixed; }
  /// The deterministic value: the distribution's expected value, clamped to the key's range (a
  /// predictive from a history may centre outside it, clarification 58), or `deterministic`.
  double expected() const { return deterministic ? *deterministic : clamped(distribution.expected()); }
  /// `x` clamped to the key's allowed range.
  double clamped(double x) const { return x < lowest ? lowest : x > highest ? highest : x; }
  /// Drawn afresh each year (growth rates and utilisation by default) rather than once per run.
  bool per_year() const;
};

/// The predictive distribution of the next value of a quantity observed as `history` (n >= 2):
/// a Student-t with location x̄, scale s·√(1 + 1/n) and n − 1 degrees of freedom
/// (clarification 58), so that few observations give a wide band.
Distribution predictive_from_history(const std::vector<double>& history);

/// An uncertain number at `path` with the allowed range [lowest, highest].
Uncertain make_uncertain(const Distribution& d, const std::string& path, double lowest = -1e300,
                         double highest = 1e300);

/// Yearly values from `first_year` on: a number is a list of one value.
struct Series {
  std::vector<Uncertain> values;
  bool is_list = false;  ///< written as a TOML array
};

}  // namespace finsim
