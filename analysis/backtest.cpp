#include "analysis/backtest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "input/input_error.h"

namespace finsim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The [actual] figure of outcome `k`, NaN when not given.
double actual_figure(const Actual& a, std::size_t k)
{
  const std::optional<double>* figures[] = {&a.driftbidrag, &a.income, &a.costs, &a.result, &a.equity};
  return figures[k]->value_or(nan);
}

/// Outcome `k` of a projection in horizon year `y`.
double projected(const Projection& p, std::size_t k, std::size_t y)
{
  const FinanceProjection& f = p.finance;
  const std::vector<double>* series[] = {&f.driftbidrag, &f.income, &f.costs, &f.result, &f.equity};
  return (*series[k])[y];
}

}  // namespace

void check_backtest_case(const Scenario& s)
{
  if (!s.actual)
    throw InputError(
        fmt::format("{}: a backtest case needs an [actual] table with the year's outcome (year, "
                    "driftbidrag, income, costs, result, equity); add it or leave the file out",
                    s.source));
}

BacktestCase backtest_case(const PreparedScenario& p, MonteCarloSettings mc)
{
  const Scenario& s = p.scenario;
  check_backtest_case(s);
  BacktestCase c;
  c.path = s.source;
  c.name = std::filesystem::path(s.source).stem().string();
  c.year = s.actual->year;
  const auto y = static_cast<std::size_t>(c.year - s.forbund.first_year);
  c.expected_driftbidrag = project_expected(p).finance.driftbidrag[y];

  const std::uint64_t runs = mc.runs;
  std::vector<double> kept(runs * backtest_outcome_count);
  mc.observe = [&kept, y](std::uint64_t k, const Projection& projection) {
    for (std::size_t o = 0; o < backtest_outcome_count; ++o)
      kept[k * backtest_outcome_count + o] = projected(projection, o, y);
  };
  const MonteCarloResults r = run_monte_carlo(p, mc);
  c.interrupted = r.interrupted;
  if (c.interrupted) return c;

  std::vector<double> column(runs);
  for (std::size_t o = 0; o < backtest_outcome_count; ++o) {
    for (std::uint64_t k = 0; k < runs; ++k) column[k] = kept[k * backtest_outcome_count + o];
    std::sort(column.begin(), column.end());
    for (std::size_t q = 0; q < quantile_levels.size(); ++q)
      c.quantiles[o][q] = quantile_type7(column, quantile_levels[q]);
    const double a = actual_figure(*s.actual, o);
    c.actual[o] = a;
    const double p5 = c.quantiles[o][1], p25 = c.quantiles[o][3], p75 = c.quantiles[o][5], p95 = c.quantiles[o][7];
    c.band_width[o] = (p95 - p5) / c.expected_driftbidrag;
    if (std::isnan(a)) {
      c.percentile[o] = c.inside_90[o] = c.inside_50[o] = nan;
      continue;
    }
    const auto below = std::lower_bound(column.begin(), column.end(), a) - column.begin();
    const auto not_above = std::upper_bound(column.begin(), column.end(), a) - column.begin();
    c.percentile[o] =
        (static_cast<double>(below) + 0.5 * static_cast<double>(not_above - below)) / static_cast<double>(runs);
    c.inside_90[o] = a >= p5 && a <= p95 ? 1.0 : 0.0;
    c.inside_50[o] = a >= p25 && a <= p75 ? 1.0 : 0.0;
  }
  return c;
}

Backtest summarise_backtest(std::vector<BacktestCase> cases, std::uint64_t runs, std::uint64_t seed)
{
  Backtest b;
  b.cases = std::move(cases);
  b.runs = runs;
  b.seed = seed;
  for (std::size_t o = 0; o < backtest_outcome_count; ++o) {
    double in90 = 0.0, in50 = 0.0;
    int n = 0;
    for (const BacktestCase& c : b.cases) {
      if (std::isnan(c.inside_90[o])) continue;
      ++n;
      in90 += c.inside_90[o];
      in50 += c.inside_50[o];
    }
    b.counted[o] = n;
    b.coverage_90[o] = n > 0 ? in90 / n : nan;
    b.coverage_50[o] = n > 0 ? in50 / n : nan;
  }
  return b;
}

double binomial_cdf(int k, int n, double p)
{
  if (k < 0) return 0.0;
  if (k >= n) return 1.0;
  double sum = 0.0;
  for (int i = 0; i <= k; ++i)
    sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) + i * std::log(p) +
                    (n - i) * std::log1p(-p));
  return std::min(sum, 1.0);
}

}  // namespace finsim
