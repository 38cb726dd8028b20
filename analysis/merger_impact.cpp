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

/// The state half in year `y`: the allocation model's, or without it the state members' part of
/// the driftbidrag.
double state_half(const Scenario& s, const Projection& p, int y)
{
  if (s.funding.allocation) return p.allocation.state_allocation[static_cast<std::size_t>(y)];
  double state = 0.0;
  for (std::size_t i = 0; i < s.members.size(); ++i)
    if (s.members[i].kind == MemberKind::state)
      state += p.finance.member_contributions(static_cast<Eigen::Index>(i), y);
  return state;
}

/// The tables of `r`, every cell NaN until filled.
void size_tables(MergerImpact& r, std::size_t scenarios)
{
  const auto S = static_cast<Eigen::Index>(scenarios), Y = static_cast<Eigen::Index>(r.years);
  for (YearTable* t : {&r.driftbidrag, &r.state_allocation, &r.admin_costs, &r.admin_share, &r.served,
                       &r.exits_work_studies, &r.p_equity_above_cap, &r.p_equity_below_floor, &r.p_cash_negative})
    t->setConstant(S, Y, nan);
  r.equity_ratio_q.assign(scenarios * static_cast<std::size_t>(r.years) * quantile_levels.size(), nan);
}

/// Row `k` of the per-scenario tables: scenario `s`'s expected-value projection `p` and Monte Carlo `mc`.
void fill_scenario(MergerImpact& r, std::size_t k, const Scenario& s, const Projection& p, const MonteCarloResults& mc)
{
  const auto row = static_cast<Eigen::Index>(k);
  const std::size_t levels = quantile_levels.size();
  for (int y = 0; y < r.years; ++y) {
    const auto u = static_cast<std::size_t>(y);
    r.driftbidrag(row, y) = p.finance.driftbidrag[u];
    r.state_allocation(row, y) = state_half(s, p, y);
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
}

/// The base amounts lost per year: the separate förbund's base amounts less the merged one's,
/// where every scenario has the allocation model (else NaN: not modelled).
void fill_lost_base_amounts(MergerImpact& r, const std::vector<PreparedScenario>& all,
                            const std::vector<Projection>& expected)
{
  const bool modelled = std::all_of(
      all.begin(), all.end(), [](const PreparedScenario& p) { return p.scenario.funding.allocation.has_value(); });
  r.lost_base_amounts.assign(static_cast<std::size_t>(r.years), nan);
  for (std::size_t y = 0; modelled && y < r.lost_base_amounts.size(); ++y) {
    double lost = -expected.back().allocation.base[y];
    for (std::size_t f = 0; f + 1 < expected.size(); ++f) lost += expected[f].allocation.base[y];
    r.lost_base_amounts[y] = lost;
  }
}

/// The merged förbund's value of exits: per kommun, its residents' (all payers) and its own; per payer.
void fill_value_of_exits(MergerImpact& r, const Scenario& merged, const Projection& joint)
{
  r.kommun_value_of_exits = kommun_value_of_exits(merged, joint);
  r.kommun_value_of_exits_own = kommun_own_value_of_exits(merged, joint);
  const ValueOfExits value = value_of_exits(merged, joint);
  r.payers = value.payers;
  r.payer_value_of_exits = payer_value_of_exits(value);
  r.value_horizon = value.horizons.front();
}

/// Per kommun of the merged förbund: what it pays in its own förbund and in the merged one, and
/// what its residents get (starts from the merged scenario, clarification 50).
void fill_kommuner(MergerImpact& r, const std::vector<PreparedScenario>& all, const std::vector<Projection>& expected)
{
  const Scenario& merged = all.back().scenario;
  for (const Member& member : merged.members)
    if (member.kind == MemberKind::kommun) {
      r.kommuner.push_back(member.name);
      r.population.push_back(member.population);
    }
  const auto K = static_cast<Eigen::Index>(r.kommuner.size()), Y = static_cast<Eigen::Index>(r.years);
  for (YearTable* t : {&r.kommun_contribution_separate, &r.kommun_contribution_merged, &r.kommun_starts,
                       &r.kommun_starts_per_10000, &r.kommun_value_of_exits, &r.kommun_value_of_exits_own})
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
    const std::string& name = r.kommuner[static_cast<std::size_t>(k)];
    for (int y = 0; y < r.years; ++y) {
      double separate = 0.0;
      for (std::size_t f = 0; f + 1 < all.size(); ++f)
        if (const Eigen::Index i = member_row(all[f].scenario, name); i >= 0)
          separate += expected[f].finance.member_contributions(i, y);
      r.kommun_contribution_separate(k, y) = separate;
      r.kommun_contribution_merged(k, y) = joint.finance.member_contributions(member_row(merged, name), y);
      r.kommun_starts(k, y) = starts(k, y);
      r.kommun_starts_per_10000(k, y) = starts(k, y) / r.population[static_cast<std::size_t>(k)] * 10000.0;
    }
  }
  if (merged.valuation) fill_value_of_exits(r, merged, joint);
}

/// Kansli + styrelse of the separate förbund summed less the merged one's, per year.
void fill_admin_saving(MergerImpact& r)
{
  const Eigen::Index last = r.admin_costs.rows() - 1;
  r.admin_saving.assign(static_cast<std::size_t>(r.years), 0.0);
  for (int y = 0; y < r.years; ++y)
    r.admin_saving[static_cast<std::size_t>(y)] = r.admin_costs.col(y).head(last).sum() - r.admin_costs(last, y);
}

}  // namespace

MergerImpact merger_impact(const std::vector<std::string>& paths, const MergedScenario& m,
                           const std::string& merged_path, const MonteCarloSettings& settings)
{
  std::vector<PreparedScenario> all;
  for (std::size_t f = 0; f < paths.size(); ++f) all.push_back(prepare(read_scenario_text(m.separate[f], paths[f])));
  all.push_back(prepare(read_scenario_text(m.text, merged_path)));
  MergerImpact r;
  r.first_year = all.back().scenario.forbund.first_year;
  r.years = all.back().scenario.forbund.years;
  r.runs = settings.runs;
  r.dropped = !m.dropped.empty();
  r.lost_base_amount_count = m.lost_base_amounts;
  r.equity_brought_in = m.equity_brought_in;
  size_tables(r, all.size());
  std::vector<Projection> expected;
  for (std::size_t k = 0; k < all.size(); ++k) {
    r.scenarios.push_back(all[k].scenario.forbund.name);
    expected.push_back(project_expected(all[k]));
    MonteCarloSettings one = settings;  // the progress counts on over the scenarios
    if (settings.progress)
      one.progress = [&settings, k](std::uint64_t done) { settings.progress(k * settings.runs + done); };
    MonteCarloResults mc = run_monte_carlo(all[k], one);
    if (mc.interrupted) {
      r.interrupted = true;
      return r;
    }
    fill_scenario(r, k, all[k].scenario, expected.back(), mc);
    if (k + 1 == all.size()) r.merged_results = std::move(mc);
  }
  fill_lost_base_amounts(r, all, expected);
  fill_kommuner(r, all, expected);
  fill_admin_saving(r);
  r.admin_summed = m.admin_summed;
  r.admin_summed_amount = m.admin_summed_amount;
  r.merged = std::move(all.back());
  return r;
}

}  // namespace finsim
