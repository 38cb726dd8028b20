#include "analysis/forecast.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/statistics.h"

namespace finsim {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double YearForecast::forecast_at(std::size_t i, double level) const
{
  for (std::size_t q = 0; q < quantile_levels.size(); ++q)
    if (quantile_levels[q] == level) return forecast_q[i * quantile_levels.size() + q];
  return nan;
}

std::vector<double> first_year_lines(const Projection& projection)
{
  const FinanceProjection& f = projection.finance;
  std::vector<double> v{f.driftbidrag[0]};
  for (Eigen::Index i = 0; i < f.income_lines.rows(); ++i) v.push_back(f.income_lines(i, 0));
  for (Eigen::Index i = 0; i < f.line_costs.rows(); ++i) v.push_back(f.line_costs(i, 0));
  for (Eigen::Index i = 0; i < f.insats_costs.rows(); ++i) v.push_back(f.insats_costs(i, 0));
  return v;
}

ForecastRuns::ForecastRuns(const PreparedScenario& p, std::uint64_t runs)
    : lines_(1 + p.scenario.incomes.size() + p.scenario.costs.size() + p.scenario.insatser.size()), runs_(runs)
{
  values_.assign(runs_ * (lines_ + 2), nan);
}

std::function<void(std::uint64_t, const Projection&)> ForecastRuns::observer()
{
  return [this](std::uint64_t k, const Projection& projection) { keep(k, projection); };
}

std::size_t ForecastRuns::bytes_per_run(const PreparedScenario& p)
{
  const Scenario& s = p.scenario;
  return (1 + s.incomes.size() + s.costs.size() + s.insatser.size() + 2) * sizeof(double);
}

void ForecastRuns::keep(std::uint64_t replication, const Projection& projection)
{
  const std::vector<double> lines = first_year_lines(projection);
  double* slot = values_.data() + replication * (lines_ + 2);
  std::copy(lines.begin(), lines.end(), slot);
  slot[lines_] = projection.finance.result[0];
  slot[lines_ + 1] = projection.finance.equity[0];
}

YearForecast ForecastRuns::finish(const PreparedScenario& p, const Projection& expected, bool kept) const
{
  const Scenario& s = p.scenario;
  const YearToDatePlan& plan = *p.year_to_date;
  YearForecast f;
  f.through = s.year_to_date->through;
  f.method = plan.method;
  f.from_monte_carlo = kept;
  f.runs = kept ? runs_ : 0;
  f.basis = plan.basis;
  const OwnForecast& own = s.year_to_date->own;
  f.own_result = own.result.value_or(nan);
  auto own_at = [](const std::vector<std::optional<double>>& v, std::size_t i) {
    return i < v.size() && v[i] ? *v[i] : nan;
  };
  auto add = [&](const std::string& name, bool income, const LineToDate& l, double own_line) {
    f.assumption.push_back(l.assumption);
    f.own.push_back(own_line);
    f.lines.push_back(name);
    f.income.push_back(income);
    f.flagged.push_back(!l.actual || (plan.method == ForecastMethod::pace && l.pace_unavailable()));
    f.budget.push_back(l.budget());
    f.actual_to_date.push_back(l.actual.value_or(nan));
    f.budget_to_date.push_back(l.budget_to_date);
    f.deviation_to_date.push_back(!l.actual ? nan
                                  : income  ? *l.actual - l.budget_to_date
                                            : l.budget_to_date - *l.actual);
  };
  add("driftbidrag", true, plan.driftbidrag, nan);
  for (std::size_t i = 0; i < s.incomes.size(); ++i)
    add(s.incomes[i].name, true, plan.incomes[i], own_at(own.incomes, i));
  for (std::size_t i = 0; i < s.costs.size(); ++i) add(s.costs[i].name, false, plan.costs[i], own_at(own.costs, i));
  for (std::size_t i = 0; i < s.insatser.size(); ++i)
    add(s.insatser[i].name, false, plan.insatser[i], own_at(own.insatser, i));
  f.own_result_rank = nan;

  const std::size_t levels = quantile_levels.size();
  f.forecast_q.assign(lines_ * levels, nan);
  f.result_q.assign(levels, nan);
  f.equity_q.assign(levels, nan);
  if (!kept) {
    f.forecast_mean = first_year_lines(expected);
    f.result_mean = expected.finance.result[0];
    f.equity_mean = expected.finance.equity[0];
  } else {
    std::vector<double> column(runs_);
    auto summarise = [&](std::size_t k, double& mean, double* q) {
      for (std::uint64_t r = 0; r < runs_; ++r) column[r] = values_[r * (lines_ + 2) + k];
      double sum = 0.0;
      for (double x : column) sum += x;
      mean = sum / static_cast<double>(runs_);
      std::sort(column.begin(), column.end());
      for (std::size_t l = 0; l < levels; ++l) q[l] = quantile_type7(column, quantile_levels[l]);
    };
    f.forecast_mean.resize(lines_);
    for (std::size_t i = 0; i < lines_; ++i) summarise(i, f.forecast_mean[i], f.forecast_q.data() + i * levels);
    summarise(lines_, f.result_mean, f.result_q.data());
    if (!std::isnan(f.own_result))  // `column` holds the results, sorted
      f.own_result_rank =
          static_cast<double>(std::upper_bound(column.begin(), column.end(), f.own_result) - column.begin()) /
          static_cast<double>(runs_);
    summarise(lines_ + 1, f.equity_mean, f.equity_q.data());
  }
  for (std::size_t i = 0; i < lines_; ++i)
    f.deviation_from_budget.push_back(f.income[i] ? f.forecast_mean[i] - f.budget[i]
                                                  : f.budget[i] - f.forecast_mean[i]);
  return f;
}

}  // namespace finsim
