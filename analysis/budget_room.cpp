#include "analysis/budget_room.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "input/input_error.h"
#include "sampling/distribution.h"

namespace finsim {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
/// The yearly amount of the room insats projected to measure its effect per krona.
constexpr double probe_amount = 1e6;
/// A per-krona effect smaller than this is no effect (the probe's rounding, ~1e-15).
constexpr double no_effect = 1e-9;
/// Points of the risk curve.
constexpr int curve_points = 41;

/// What one krona of yearly extra spend takes from year-end equity (per year) and month-end cash
/// (per month): the difference of two projections through the one pipeline, `base` without the
/// room insats and one with it.
struct PerKrona {
  std::vector<double> equity, cash;
};

PerKrona per_krona(const PreparedScenario& p, const RoomLimits& limits, const Projection& base)
{
  Scenario with = p.scenario;
  with.insatser.push_back(room_insats(p.scenario, limits, probe_amount));
  const Projection more = project_expected(prepare_calibrated(std::move(with), p.calibrations));
  PerKrona k;
  for (std::size_t y = 0; y < base.finance.equity.size(); ++y)
    k.equity.push_back((base.finance.equity[y] - more.finance.equity[y]) / probe_amount);
  for (std::size_t m = 0; m < base.finance.cash.size(); ++m)
    k.cash.push_back((base.finance.cash[m] - more.finance.cash[m]) / probe_amount);
  return k;
}

/// The largest E at which `level − effect × E` stays ≥ `limit` (the breach is a strict `<`):
/// without an effect, +inf for a level that holds and −inf for one that fails.
double threshold(double level, double limit, double effect)
{
  if (effect > no_effect) return (level - limit) / effect;
  return level >= limit ? inf : -inf;
}

/// Each run's thresholds, kept by the Monte Carlo's observer (one slot per run).
struct Thresholds {
  std::vector<double> floor, cash, target, cap;
};

class ThresholdKeeper {
 public:
  ThresholdKeeper(const PerKrona& k, const RoomLimits& limits, int first_year, std::uint64_t runs, Thresholds& out)
      : k_(k), limits_(limits), first_(limits.from_year - first_year), out_(out)
  {
    out_.floor.assign(runs, 0.0);
    out_.cash.assign(runs, 0.0);
    out_.target.assign(runs, 0.0);
    out_.cap.assign(runs, 0.0);
  }

  void operator()(std::uint64_t run, const Projection& p) const
  {
    const FinanceProjection& f = p.finance;
    const int years = static_cast<int>(f.equity.size());
    double floor = inf, target = inf, cash = inf;
    for (int y = first_; y < years; ++y) {
      const double a = k_.equity[std::size_t(y)];
      floor = std::min(floor, threshold(f.equity[std::size_t(y)], p.inputs.equity_floor, a));
      if (limits_.equity_target)
        target = std::min(target, threshold(f.equity[std::size_t(y)], *limits_.equity_target, a));
    }
    for (std::size_t m = std::size_t(first_) * 12; m < f.cash.size(); ++m)
      cash = std::min(cash, threshold(f.cash[m], 0.0, k_.cash[m]));
    // The cap is breached while E is below the run's threshold: equity − a E > cap.
    const std::size_t last = std::size_t(years - 1);
    const double a = k_.equity[last];
    const double over = f.equity[last] - f.equity_cap[last];
    out_.cap[run] = a > no_effect ? over / a : (over > 0.0 ? inf : -inf);
    out_.floor[run] = floor;
    out_.cash[run] = cash;
    out_.target[run] = target;
  }

 private:
  const PerKrona& k_;
  const RoomLimits& limits_;
  int first_;
  Thresholds& out_;
};

/// The 95 % interval of the order statistic of rank `rank` (1-based) in `sorted` (clarification 36).
std::array<double, 2> order_interval(const std::vector<double>& sorted, std::uint64_t rank)
{
  const auto n = static_cast<double>(sorted.size());
  const double q = static_cast<double>(rank) / n;
  const auto h = static_cast<std::int64_t>(std::ceil(1.96 * std::sqrt(n * q * (1.0 - q))));
  const auto clip = [&](std::int64_t r) { return std::clamp<std::int64_t>(r, 1, std::int64_t(sorted.size())); };
  return {sorted[std::size_t(clip(std::int64_t(rank) - h) - 1)], sorted[std::size_t(clip(std::int64_t(rank) + h) - 1)]};
}

/// Runs breaching (strictly below) at E: #{t < E}.
std::size_t below(const std::vector<double>& sorted, double e)
{
  return std::size_t(std::lower_bound(sorted.begin(), sorted.end(), e) - sorted.begin());
}

/// The bound of an upper limit "P(run's threshold < E) ≤ share".
LimitBound breach_bound(const std::vector<double>& sorted, double share)
{
  const std::uint64_t n = sorted.size();
  const auto m = static_cast<std::uint64_t>(std::floor(share * double(n) + 1e-9));
  LimitBound b{true, inf, {inf, inf}, double(below(sorted, 0.0)) / double(n), 0.0};
  b.margin_at_zero = b.p_at_zero - share;
  if (m < n) {
    b.bound = sorted[m];
    b.ci = order_interval(sorted, m + 1);
  }
  return b;
}

/// The bound of the target "P(run's threshold ≥ E) ≥ share".
LimitBound target_bound(const std::vector<double>& sorted, double share)
{
  const std::uint64_t n = sorted.size();
  const auto need = static_cast<std::int64_t>(std::ceil(share * double(n) - 1e-9));
  LimitBound b{true, inf, {inf, inf}, double(n - below(sorted, 0.0)) / double(n), 0.0};
  b.margin_at_zero = share - b.p_at_zero;
  if (need > 0) {
    const std::uint64_t rank = n - std::uint64_t(need) + 1;
    b.bound = sorted[rank - 1];
    b.ci = order_interval(sorted, rank);
  }
  return b;
}

/// The bound of the cap "P(run's threshold > E) ≤ share": a least E.
LimitBound cap_bound(const std::vector<double>& sorted, double share)
{
  const std::uint64_t n = sorted.size();
  const auto m = static_cast<std::uint64_t>(std::floor(share * double(n) + 1e-9));
  const auto above_zero = std::size_t(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), 0.0));
  LimitBound b{true, -inf, {-inf, -inf}, double(above_zero) / double(n), 0.0};
  b.margin_at_zero = b.p_at_zero - share;
  if (m < n) {
    const std::uint64_t rank = n - m;
    b.bound = sorted[rank - 1];
    b.ci = order_interval(sorted, rank);
  }
  return b;
}

/// Each limit's bound and interval in whole kronor in its direction (a maximum down, the cap's
/// minimum up), the exact bound kept: every figure shown or written is a rounded one.
void round_bounds(BudgetRoom& r)
{
  for (RoomLimit l : room_limits) {
    LimitBound& b = r.bounds[std::size_t(l)];
    const auto to_kronor = l == RoomLimit::max_p_above_cap ? krona_up : krona_down;
    b.exact = b.bound;
    b.bound = to_kronor(b.exact);
    b.ci = {to_kronor(b.ci[0]), to_kronor(b.ci[1])};
  }
}

/// The answer from the limits' bounds (clarification 37): the binding limit by the exact bounds,
/// the answer and its interval from the rounded ones.
void settle(BudgetRoom& r)
{
  round_bounds(r);
  double max = inf;
  for (RoomLimit l : {RoomLimit::max_p_below_floor, RoomLimit::max_p_cash_negative, RoomLimit::equity_target}) {
    const LimitBound& b = r.bounds[std::size_t(l)];
    if (b.given && b.exact < max) {
      max = b.exact;
      r.binding = l;
      r.max_extra_spend = b.bound;
      r.max_ci = b.ci;
    }
  }
  if (!r.binding) r.max_extra_spend = inf;
  const LimitBound& cap = r.bounds[std::size_t(RoomLimit::max_p_above_cap)];
  r.min_extra_spend = cap.given ? std::max(0.0, cap.bound) : 0.0;
  r.feasible = r.max_extra_spend >= 0.0 && r.min_extra_spend <= r.max_extra_spend;
  if (!r.feasible) {
    double worst = -inf;
    for (RoomLimit l : room_limits) {
      const LimitBound& b = r.bounds[std::size_t(l)];
      if (b.given && b.margin_at_zero > worst) {
        worst = b.margin_at_zero;
        r.binding = l;
      }
    }
    r.shortfall = worst;
    r.max_extra_spend = r.min_extra_spend = nan;
    r.max_ci = r.min_ci = {nan, nan};
    return;
  }
  r.shortfall = nan;
  if (!std::isfinite(r.max_extra_spend)) {
    r.max_extra_spend = nan;  // unbounded
    r.max_ci = {nan, nan};
    r.binding.reset();  // nothing bounds it
  }
  if (cap.given)
    r.min_ci = {std::max(0.0, cap.ci[0]), std::max(0.0, cap.ci[1])};
  else
    r.min_extra_spend = nan, r.min_ci = {nan, nan};
}

/// The risk curve over 41 amounts (clarification 37).
void risk_curve(BudgetRoom& r, const Thresholds& t, double fallback_top, const std::array<double, 9>& equity_q,
                double a_last)
{
  const double top = 1.5 * (std::isfinite(r.max_extra_spend) && r.max_extra_spend > 0.0   ? r.max_extra_spend
                            : std::isfinite(r.min_extra_spend) && r.min_extra_spend > 0.0 ? r.min_extra_spend
                                                                                          : fallback_top);
  const double n = static_cast<double>(t.floor.size());
  for (int i = 0; i < curve_points; ++i) {
    // In whole öre: the curve is computed at the amounts the file holds (amounts are written in öre).
    const double e = std::round(top * i / (curve_points - 1) * 100.0) / 100.0 + 0.0;
    r.extra_spend.push_back(e);
    r.p_below_floor_any.push_back(double(below(t.floor, e)) / n);
    r.p_cash_negative_any.push_back(double(below(t.cash, e)) / n);
    r.p_above_cap_last.push_back(
        r.limits.max_p_above_cap ? double(t.cap.end() - std::upper_bound(t.cap.begin(), t.cap.end(), e)) / n : nan);
    r.p_equity_target_met.push_back(r.limits.equity_target ? 1.0 - double(below(t.target, e)) / n : nan);
    std::array<double, 9> q = equity_q;
    for (double& x : q) x -= a_last * e;
    r.equity_last_q.push_back(q);
  }
}

/// The extra spend may not fall in months already booked: `[year_to_date]` holds their actuals.
void check_after_actuals(const Scenario& s, const RoomLimits& limits)
{
  const YearMonth through = s.year_to_date->through;
  if (YearMonth{limits.from_year, 1} > through) return;
  const int last = s.forbund.first_year + s.forbund.years - 1;
  const YearMonth to = limits.to.value_or(YearMonth{last, 12});
  const std::string fix =
      through.year < last
          ? fmt::format("ge --from {} eller senare: utrymmet gäller månader efter utfallet", through.year + 1)
          : fmt::format("scenariot har inget år efter {}: förläng horisonten (forbund.years) för att pröva utrymmet",
                        through.year);
  throw InputError({Problem{
      s.source, 0, 0, "year_to_date.through",
      fmt::format("= \"{}\": --from {} lägger den extra utgiften i {}-01–{}, men månaderna "
                  "t.o.m. {} är redan bokförda; {}",
                  through.to_string(), limits.from_year, limits.from_year, to.to_string(), through.to_string(), fix)}});
}

}  // namespace

double krona_down(double x) { return std::isfinite(x) ? std::floor(x) + 0.0 : x; }

double krona_up(double x) { return std::isfinite(x) ? std::ceil(x) + 0.0 : x; }

const char* limit_name(RoomLimit l)
{
  switch (l) {
    case RoomLimit::max_p_below_floor: return "max_p_below_floor";
    case RoomLimit::max_p_cash_negative: return "max_p_cash_negative";
    case RoomLimit::equity_target: return "equity_target";
    case RoomLimit::max_p_above_cap: return "max_p_above_cap";
  }
  return "";
}

std::optional<RoomLimit> limit_named(const std::string& name)
{
  for (RoomLimit l : room_limits)
    if (name == limit_name(l)) return l;
  return std::nullopt;
}

Insats room_insats(const Scenario& s, const RoomLimits& limits, double amount)
{
  std::string name = "Nya insatser (utrymme)";
  while (std::any_of(s.insatser.begin(), s.insatser.end(), [&](const Insats& i) { return i.name == name; }))
    name += "*";
  const Forbund& f = s.forbund;
  Insats in;
  in.name = name;
  in.kind = InsatsKind::structural;
  const std::string path = "insats." + name;
  in.budget.values.push_back(make_uncertain(Distribution::constant(amount), path + ".budget", 0.0, 1e15));
  in.utilization = make_uncertain(Distribution::constant(1.0), path + ".utilization", 0.0, 1.0);
  in.active.from = YearMonth{limits.from_year, 1};
  in.active.to = limits.to.value_or(YearMonth{f.first_year + f.years - 1, 12});
  in.active.to_given = true;
  in.active.first = in.active.from.index_from(f.first_year);
  in.active.last = in.active.to.index_from(f.first_year);
  in.payment = limits.payment;
  return in;
}

void check_room_limits(const Scenario& s, const RoomLimits& limits)
{
  const Forbund& f = s.forbund;
  const int last = f.first_year + f.years - 1;
  if (limits.from_year < f.first_year || limits.from_year > last)
    throw InputError(
        fmt::format("--from {}: scenariot omfattar {}–{}; ge ett år inom det", limits.from_year, f.first_year, last));
  if (limits.to && (*limits.to < YearMonth{limits.from_year, 1} || *limits.to > YearMonth{last, 12}))
    throw InputError(
        fmt::format("--to {}: den extra utgiften löper från {}-01 till högst {}-12; ge en månad "
                    "däremellan",
                    limits.to->to_string(), limits.from_year, last));
  if (s.year_to_date) check_after_actuals(s, limits);
  // The equity rule cuts a later state allocation by the excess equity: equity is then not linear
  // in the extra spend, and the exact answer does not hold (clarification 38).
  if (s.funding.allocation && s.funding.allocation->equity_rule() && limits.from_year + 2 <= last)
    throw InputError(fmt::format(
        "{}: room kan inte svara när fördelningsmodellens trappa gäller och {} ligger i horisonten: trappan sänker "
        "statens tilldelning två år efter ett eget kapital över tröskeln, så det egna kapitalet beror inte linjärt "
        "på den extra utgiften; kör room med --from {} eller senare, eller ta bort equity_threshold_share och "
        "equity_deduction_share",
        s.source, limits.from_year + 2, last - 1));
}

BudgetRoom find_room(const PreparedScenario& p, const RoomLimits& limits, const MonteCarloSettings& settings)
{
  check_room_limits(p.scenario, limits);
  BudgetRoom r;
  r.limits = limits;
  r.runs = settings.runs;
  r.expected = project_expected(p);
  const PerKrona k = per_krona(p, limits, r.expected);
  r.equity_per_krona = k.equity;
  Thresholds t;
  MonteCarloSettings mc = settings;
  mc.observe = ThresholdKeeper(k, limits, p.scenario.forbund.first_year, settings.runs, t);
  r.montecarlo = run_monte_carlo(p, mc);
  if (r.montecarlo.interrupted) {
    r.interrupted = true;
    return r;
  }
  for (std::vector<double>* v : {&t.floor, &t.cash, &t.target, &t.cap}) std::sort(v->begin(), v->end());
  r.bounds[std::size_t(RoomLimit::max_p_below_floor)] = breach_bound(t.floor, limits.max_p_below_floor);
  r.bounds[std::size_t(RoomLimit::max_p_cash_negative)] = breach_bound(t.cash, limits.max_p_cash_negative);
  if (limits.equity_target)
    r.bounds[std::size_t(RoomLimit::equity_target)] = target_bound(t.target, limits.target_probability);
  if (limits.max_p_above_cap)
    r.bounds[std::size_t(RoomLimit::max_p_above_cap)] = cap_bound(t.cap, *limits.max_p_above_cap);
  settle(r);
  const int last = p.scenario.forbund.years - 1;
  risk_curve(r, t, r.expected.finance.driftbidrag.front(), r.montecarlo.summary(Outcome::equity, last).quantiles,
             k.equity[std::size_t(last)]);
  return r;
}

}  // namespace finsim
