#include "analysis/backtest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

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

namespace fs = std::filesystem;

/// What went wrong with a path, in Swedish (a library's English never reaches the user).
std::string path_problem(const std::error_code& error)
{
  if (error == std::errc::too_many_symbolic_link_levels)
    return "symboliska länkar i en slinga; ta bort länken eller låt den peka på en scenariofil";
  if (error == std::errc::permission_denied) return "åtkomst nekad; ge läsrätt eller välj en annan sökväg";
  return fmt::format("kan inte läsas (felkod {}); kontrollera sökvägen", error.value());
}

[[noreturn]] void refuse_path(const fs::path& path, const std::error_code& error)
{
  throw InputError({Problem{path.string(), 0, 0, "", path_problem(error)}});
}

/// The `*.toml` files directly in `folder`, sorted.
std::vector<fs::path> toml_files_in(const fs::path& folder)
{
  std::vector<fs::path> inside;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() != ".toml") continue;
    const bool regular = it->is_regular_file(error);  // follows a link: a loop is an error here
    if (error) refuse_path(it->path(), error);
    if (regular) inside.push_back(it->path());
  }
  if (error) refuse_path(folder, error);
  if (inside.empty())
    throw InputError({Problem{folder.string(), 0, 0, "",
                              "mappen har inga .toml-filer; ge tidigare års scenarier med [actual]-tabeller"}});
  std::sort(inside.begin(), inside.end());
  return inside;
}

/// The paths `given` stands for: a folder's scenario files, or the path itself.
std::vector<fs::path> named_files(const std::string& given)
{
  std::error_code error;
  const fs::file_status status = fs::status(given, error);
  if (error && error != std::errc::no_such_file_or_directory) refuse_path(given, error);
  if (fs::is_directory(status)) return toml_files_in(given);
  return {fs::path(given)};  // a file, or a missing one the reader reports
}

}  // namespace

std::vector<std::string> backtest_files(const std::vector<std::string>& given)
{
  std::vector<std::string> files;
  std::set<fs::path> seen;
  for (const std::string& g : given)
    for (const fs::path& file : named_files(g)) {
      std::error_code error;
      const fs::path real = fs::weakly_canonical(fs::absolute(file), error);
      if (error) refuse_path(file, error);
      if (seen.insert(real).second) files.push_back(file.string());
    }
  return files;
}

int longest_horizon(const std::vector<PreparedScenario>& cases)
{
  int years = 0;
  for (const PreparedScenario& p : cases) years = std::max(years, p.scenario.forbund.years);
  return years;
}

void check_backtest_case(const Scenario& s)
{
  if (!s.actual)
    throw InputError(
        fmt::format("{}: ett fall i backtesten behöver en tabell [actual] med årets utfall (year, "
                    "driftbidrag, income, costs, result, equity); lägg till den eller lämna filen utanför",
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
