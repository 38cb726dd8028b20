// Sensitivity for the medlemssamråd: which uncertainties drive the outcome, and how much. A
// tornado swings one input at a time around the base case through the deterministic pipeline; a
// Sobol design (Saltelli's pick-and-freeze) apportions the Monte Carlo's whole variance to
// independent factors, correlated inputs grouped, for every outcome and year at once
// (docs/sensitivity.md).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/monte_carlo.h"
#include "engine/sobol_indices.h"
#include "models/projection.h"

namespace finsim {

/// One independent source of uncertainty: a distribution, an income's or cost's probability, an
/// insats' continuation or its participant flows, or a group of them (correlated, or grouped by
/// the user), with the random streams that carry its draws.
struct SensitivityFactor {
  std::string name;                    ///< the key path, or a group's paths joined by "+" (or its --group name)
  std::vector<std::string> paths;      ///< the key paths it holds
  std::vector<std::uint64_t> streams;  ///< sorted stream ids
};

/// A --group NAME=PATH,PATH,...
struct FactorGroup {
  std::string name;
  std::vector<std::string> paths;
};

/// Every factor of `s` in scenario order, correlation groups and `groups` merged into one factor
/// each (at the place of their first member). The driftbidrag's uncertain numbers tied by the
/// matching rule are one factor: `funding.state`'s elements, and members' explicit contributions
/// that follow 50/25/25, as "Driftbidrag"; explicit contributions that do not, one factor per
/// funding source ("Driftbidrag staten", "… regionen", "… kommunerna"). Throws InputError for a group naming an unknown
/// path, repeating a name or a path, or named as another factor is.
std::vector<SensitivityFactor> sensitivity_factors(const Scenario& s, const std::vector<FactorGroup>& groups);

/// The outputs a sensitivity reports on: the 8 Monte Carlo outcomes, then the three breach
/// indicators (0/1 per run and year).
inline constexpr int output_count = outcome_count + breach_count;
/// The output's name: "equity", …, "above_cap", "below_floor", "cash_negative".
std::string output_name(int output);
/// The index of an output name, or −1.
int output_index(const std::string& name);
/// Output `output` of projection `p` in year `year`.
double output_value(const Projection& p, int output, int year);

/// One tornado row: the key path at its low and high input, and the output at each.
struct TornadoRow {
  std::string path;
  double input_low = 0.0, input_high = 0.0;  ///< the input in the chosen year (P10/P90, 0/1, ∓F)
  double low = 0.0, high = 0.0;              ///< the output with the input low / high
  bool fixed_swing = false;                  ///< a fixed amount swung by ±F, shown after the uncertain ones
  /// The year index the input is shown for: a fixed amount's first year the line runs (its
  /// amount not 0, its months within the year), the chosen year otherwise.
  int input_year = 0;
  bool input_varies = false;  ///< a fixed amount whose value differs between the years the line runs
  double swing() const { return high > low ? high - low : low - high; }
};

struct Tornado {
  double base = 0.0;                  ///< the output with every distribution at its median
  std::vector<TornadoRow> rows;       ///< uncertain rows ranked by swing, then the fixed ones
  std::vector<std::string> left_out;  ///< factors without a percentile (continuation, participants)
  bool interrupted = false;           ///< stopped between rows: the rows are incomplete
};

struct SensitivitySettings {
  bool tornado = true, sobol = true;
  int output = 0;  ///< output index (default equity)
  int year = 0;    ///< year index within the horizon
  double fixed_swing = 0.1;
  std::uint64_t base_runs = 4096;
  int resamples = 0;  ///< 0: asymptotic intervals (delta method); more: bootstrap percentile intervals
  std::vector<FactorGroup> groups;
  MonteCarloSettings monte_carlo;  ///< seed, threads, grain, progress, stop (runs is set from the design)
};

struct SobolResult {
  SobolDesign design;
  SobolIndices indices;  ///< quantity = output × years + year
  double seconds = 0.0;
};

struct Sensitivity {
  std::vector<SensitivityFactor> factors;
  int years = 0;
  std::optional<Tornado> tornado;
  std::optional<SobolResult> sobol;
  bool interrupted = false;
};

/// The name of the factor the driftbidrag number at `path` belongs to ("Driftbidrag", or
/// "Driftbidrag staten" / "regionen" / "kommunerna"), or "" for any other path.
std::string funding_source(const Scenario& s, const std::string& path);

/// Whether the members' explicit contributions follow the matching rule: in every year the
/// state members together give twice what the regions and twice what the kommuner give (within
/// 0.5 %). Also true with `funding.state` or `[funding.allocation]`, where the members match by
/// construction.
bool state_half_matched(const Scenario& s);

/// The tornado of `p` for one output and year.
Tornado tornado(const PreparedScenario& p, const std::vector<SensitivityFactor>& factors,
                const SensitivitySettings& settings);

/// The Sobol design of `p` over `factors`: N × (k + 2) replications through the Monte Carlo, the
/// outputs of every replication kept, the indices and their intervals. nullopt when stopped.
std::optional<SobolResult> sobol(const PreparedScenario& p, const std::vector<SensitivityFactor>& factors,
                                 const SensitivitySettings& settings);

/// The memory the Sobol design of `factors` factors over `years` years takes beyond the Monte
/// Carlo driver's workspaces: per base row (the outputs of its k + 2 evaluations, and its entry in
/// every bootstrap index vector or its terms of the asymptotic intervals) and beside it (the
/// indices, the bootstrap's tables per thread).
struct SobolMemoryNeed {
  std::size_t per_base_row = 0, fixed = 0;
};
SobolMemoryNeed sobol_memory(std::size_t factors, int years, const SensitivitySettings& settings, int threads);

/// Both, as the settings ask. The tornado and the Sobol design check settings.monte_carlo.stop
/// between rows and runs, the intervals per quantity and the bootstrap before every resample.
Sensitivity analyse_sensitivity(const PreparedScenario& p, const SensitivitySettings& settings);

}  // namespace finsim
