#include "analysis/comparison.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "input/input_error.h"

namespace finsim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// What the comparison keeps of each run of one scenario: year-end equity and the breach flags,
/// (year, run) in columns.
struct RunColumns {
  int years = 0;
  std::uint64_t runs = 0;
  std::vector<double> equity;                                 ///< year × run
  std::array<std::vector<unsigned char>, breach_count> flag;  ///< breach: year × run

  RunColumns(int years_, std::uint64_t runs_) : years(years_), runs(runs_), equity(std::size_t(years_) * runs_)
  {
    for (auto& f : flag) f.assign(std::size_t(years_) * runs_, 0);
  }
  std::size_t at(int year, std::uint64_t run) const { return std::size_t(year) * runs + run; }

  /// Keeps replication `k`'s figures (called from the worker that ran it).
  void keep(std::uint64_t k, const Projection& p)
  {
    for (int y = 0; y < years; ++y) {
      equity[at(y, k)] = p.finance.equity[std::size_t(y)];
      for (const BreachInfo& b : breaches) flag[index(b.id)][at(y, k)] = breach_flags(b.id, p)[std::size_t(y)];
    }
  }
};

/// Sample variance (N − 1) of the `n` values at `x`, in two passes.
double variance(const double* x, std::uint64_t n)
{
  if (n < 2) return nan;
  double mean = 0.0;
  for (std::uint64_t k = 0; k < n; ++k) mean += x[k];
  mean /= double(n);
  double sum = 0.0;
  for (std::uint64_t k = 0; k < n; ++k) sum += (x[k] - mean) * (x[k] - mean);
  return sum / double(n - 1);
}

/// The paired difference of `variant` from `base`, year by year.
PairedDifference pair(const RunColumns& base, const RunColumns& variant)
{
  PairedDifference d;
  const std::uint64_t n = base.runs;
  std::vector<double> delta(n);
  for (int y = 0; y < base.years; ++y) {
    const double* b = &base.equity[base.at(y, 0)];
    const double* v = &variant.equity[variant.at(y, 0)];
    std::uint64_t higher = 0;
    for (std::uint64_t k = 0; k < n; ++k) {
      delta[k] = v[k] - b[k];
      higher += v[k] > b[k];
    }
    const double paired = variance(delta.data(), n);
    d.crn_variance_ratio.push_back(paired > 0.0 ? (variance(b, n) + variance(v, n)) / paired : nan);
    d.equity.push_back(summarize(delta));
    d.p_equity_higher.push_back(double(higher) / double(n));
    for (const BreachInfo& info : breaches) {
      const std::size_t i = index(info.id);
      for (std::uint64_t k = 0; k < n; ++k)
        delta[k] = double(variant.flag[i][variant.at(y, k)]) - double(base.flag[i][base.at(y, k)]);
      double mean = 0.0;
      for (double x : delta) mean += x;
      mean /= double(n);
      const double var = variance(delta.data(), n);
      d.breach[i].push_back(Probability{mean, n > 1 ? std::sqrt(var / double(n)) : nan});
    }
  }
  return d;
}

/// The base's own row: every difference 0, the variance ratio NaN.
PairedDifference base_row(int years)
{
  PairedDifference d;
  d.equity.assign(std::size_t(years), Summary{});
  d.p_equity_higher.assign(std::size_t(years), 0.0);
  d.crn_variance_ratio.assign(std::size_t(years), nan);
  for (auto& b : d.breach) b.assign(std::size_t(years), Probability{0.0, 0.0});
  return d;
}

}  // namespace

void check_comparable(const std::vector<const Scenario*>& scenarios, const std::vector<std::string>& names)
{
  std::vector<Problem> problems;
  const Forbund& base = scenarios.front()->forbund;
  for (std::size_t i = 1; i < scenarios.size(); ++i) {
    const Scenario& s = *scenarios[i];
    if (s.forbund.first_year != base.first_year || s.forbund.years != base.years)
      problems.push_back(Problem{s.source, 0, 0, "forbund",
                                 fmt::format("omfattar {}–{} men basen {} omfattar {}–{}: scenarier som jämförs "
                                             "behöver samma first_year och years",
                                             s.forbund.first_year, s.forbund.first_year + s.forbund.years - 1,
                                             names.front(), base.first_year, base.first_year + base.years - 1)});
    for (std::size_t j = 0; j < i; ++j)
      if (names[j] == names[i])
        problems.push_back(Problem{s.source, 0, 0, "",
                                   fmt::format("har samma filnamn \"{}\" som {}: i jämförelsen heter scenarierna som "
                                               "sina filer, så ge varje fil ett eget namn",
                                               names[i], scenarios[j]->source)});
  }
  if (!problems.empty()) throw InputError(problems);
}

Comparison compare(const std::vector<PreparedScenario>& scenarios, const std::vector<std::string>& names,
                   const MonteCarloSettings& settings)
{
  std::vector<const Scenario*> plain;
  for (const PreparedScenario& p : scenarios) plain.push_back(&p.scenario);
  check_comparable(plain, names);
  Comparison c;
  c.names = names;
  c.first_year = scenarios.front().scenario.forbund.first_year;
  c.years = scenarios.front().scenario.forbund.years;
  c.runs = settings.runs;
  c.seed = settings.seed;
  std::vector<RunColumns> kept;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    RunColumns& columns = kept.emplace_back(c.years, c.runs);
    MonteCarloSettings mc = settings;  // the same seed and replication indices for every scenario
    mc.observe = [&columns](std::uint64_t k, const Projection& p) { columns.keep(k, p); };
    if (settings.progress)
      mc.progress = [&settings, i](std::uint64_t done) { settings.progress(i * settings.runs + done); };
    c.results.push_back(run_monte_carlo(scenarios[i], mc));
    if (c.results.back().interrupted) {
      c.interrupted = true;
      return c;
    }
  }
  c.differences.push_back(base_row(c.years));
  for (std::size_t i = 1; i < kept.size(); ++i) c.differences.push_back(pair(kept.front(), kept[i]));
  for (const PreparedScenario& p : scenarios) c.expected.push_back(project_expected(p));
  return c;
}

}  // namespace finsim
