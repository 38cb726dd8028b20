#include "analysis/merger_impact.h"

#include <limits>

#include "engine/statistics.h"
#include "input/scenario_reader.h"
#include "models/valuation.h"

namespace finsim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Kansli and styrelse accrued in year `y` (the admin costs of clarification 50).
double admin(const Scenario& s, const FinanceProjection& f, int y)
{
  double sum = 0.0;
  for (std::size_t i = 0; i < s.costs.size(); ++i)
    if (s.costs[i].kind == CostKind::kansli || s.costs[i].kind == CostKind::styrelse)
      sum += f.line_costs(static_cast<Eigen::Index>(i), y);
  return sum;
}

/// The deterministic totals of a projection's participants in year `y`: served and exits to
/// work or studies over every insats.
std::pair<double, double> people(const Projection& p, int y)
{
  double served = 0.0, work = 0.0;
  for (const std::optional<InsatsFlows>& f : p.flows)
    if (f) {
      served += f->served[static_cast<std::size_t>(y)];
      work += f->exits_work_studies[static_cast<std::size_t>(y)];
    }
  return {served, work};
}

}  // namespace

MergerImpact merger_impact(const std::vector<std::string>& paths, const MergedScenario& m,
                           const std::string& merged_path, const MonteCarloSettings& settings)
{
  std::vector<PreparedScenario> all;
  for (std::size_t f = 0; f < paths.size(); ++f) all.push_back(prepare(read_scenario_text(m.separate[f], paths[f])));
  all.push_back(prepare(read_scenario_text(m.text, merged_path)));
  const Scenario& merged = all.back().scenario;
  MergerImpact r;
  r.first_year = merged.forbund.first_year;
  r.years = merged.forbund.years;
  r.dropped = !m.dropped.empty();
  const auto S = static_cast<Eigen::Index>(all.size()), Y = static_cast<Eigen::Index>(r.years);
  for (YearTable* t : {&r.driftbidrag, &r.state_allocation, &r.admin_costs, &r.admin_share, &r.served,
                       &r.exits_work_studies, &r.p_equity_above_cap, &r.p_equity_below_floor, &r.p_cash_negative})
    t->setConstant(S, Y, nan);
  const std::size_t levels = quantile_levels.size();
  r.equity_ratio_q.assign(all.size() * static_cast<std::size_t>(r.years) * levels, nan);

  std::vector<Projection> expected;
  for (std::size_t k = 0; k < all.size(); ++k) {
    const Scenario& s = all[k].scenario;
    r.scenarios.push_back(s.forbund.name);
    expected.push_back(project_expected(all[k]));
    const Projection& p = expected.back();
    MonteCarloSettings one = settings;  // the progress counts on over the scenarios
    if (settings.progress)
      one.progress = [&settings, k](std::uint64_t done) { settings.progress(k * settings.runs + done); };
    MonteCarloResults mc = run_monte_carlo(all[k], one);
    if (mc.interrupted) {
      r.interrupted = true;
      return r;
    }
    const auto row = static_cast<Eigen::Index>(k);
    for (int y = 0; y < r.years; ++y) {
      const auto u = static_cast<std::size_t>(y);
      r.driftbidrag(row, y) = p.finance.driftbidrag[u];
      // Without the allocation model the state half is the state members' part of the driftbidrag.
      double state = 0.0;
      if (s.funding.allocation)
        state = p.allocation.state_allocation[u];
      else
        for (std::size_t i = 0; i < s.members.size(); ++i)
          if (s.members[i].kind == MemberKind::state)
            state += p.finance.member_contributions(static_cast<Eigen::Index>(i), y);
      r.state_allocation(row, y) = state;
      r.admin_costs(row, y) = admin(s, p.finance, y);
      r.admin_share(row, y) = p.finance.costs[u] > 0.0 ? r.admin_costs(row, y) / p.finance.costs[u] : nan;
      const auto [served, work] = people(p, y);
      r.served(row, y) = served;
      r.exits_work_studies(row, y) = work;
      r.p_equity_above_cap(row, y) = mc.p(Breach::equity_above_cap, y).p;
      r.p_equity_below_floor(row, y) = mc.p(Breach::equity_below_floor, y).p;
      r.p_cash_negative(row, y) = mc.p(Breach::cash_negative, y).p;
      const Summary& ratio = mc.summary(Outcome::equity_ratio, y);
      std::copy(ratio.quantiles.begin(), ratio.quantiles.end(),
                r.equity_ratio_q.begin() + static_cast<std::ptrdiff_t>((k * r.years + u) * levels));
    }
    if (k + 1 == all.size()) r.merged_results = std::move(mc);
  }

  // Per kommun of the merged förbund: what it pays in its own förbund and in the merged one, and
  // what its residents get (starts from the merged scenario, clarification 50).
  for (const Member& member : merged.members)
    if (member.kind == MemberKind::kommun) {
      r.kommuner.push_back(member.name);
      r.population.push_back(member.population);
    }
  const auto K = static_cast<Eigen::Index>(r.kommuner.size());
  for (YearTable* t : {&r.kommun_contribution_separate, &r.kommun_contribution_merged, &r.kommun_starts,
                       &r.kommun_starts_per_10000, &r.kommun_value_of_exits})
    t->setConstant(K, Y, nan);
  auto member_row = [](const Scenario& s, const std::string& name) {
    for (std::size_t i = 0; i < s.members.size(); ++i)
      if (s.members[i].name == name) return static_cast<Eigen::Index>(i);
    return Eigen::Index{-1};
  };
  const Projection& joint = expected.back();
  YearTable starts = YearTable::Zero(K, Y);
  for (const std::optional<InsatsFlows>& f : joint.flows)
    if (f && f->starts_by_kommun.rows() == K) starts += f->starts_by_kommun;
  for (Eigen::Index k = 0; k < K; ++k) {
    for (int y = 0; y < r.years; ++y) {
      double separate = 0.0;
      for (std::size_t f = 0; f + 1 < all.size(); ++f)
        if (const Eigen::Index i = member_row(all[f].scenario, r.kommuner[static_cast<std::size_t>(k)]); i >= 0)
          separate += expected[f].finance.member_contributions(i, y);
      r.kommun_contribution_separate(k, y) = separate;
      r.kommun_contribution_merged(k, y) =
          joint.finance.member_contributions(member_row(merged, r.kommuner[static_cast<std::size_t>(k)]), y);
      r.kommun_starts(k, y) = starts(k, y);
      r.kommun_starts_per_10000(k, y) = starts(k, y) / r.population[static_cast<std::size_t>(k)] * 10000.0;
    }
  }
  if (merged.valuation) r.kommun_value_of_exits = kommun_value_of_exits(merged, joint);
  r.merged = std::move(all.back());
  return r;
}

}  // namespace finsim
