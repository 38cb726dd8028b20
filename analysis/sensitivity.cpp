#include "analysis/sensitivity.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <string_view>
#include <unordered_map>

#include "input/input_error.h"
#include "models/finance_inputs.h"
#include "models/value_source.h"
#include "sampling/stream_keys.h"

namespace finsim {

namespace {

/// Union–find over factor indices, for correlation groups and --group.
struct Groups {
  std::vector<std::size_t> parent;
  explicit Groups(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t root(std::size_t i) { return parent[i] == i ? i : parent[i] = root(parent[i]); }
  void join(std::size_t a, std::size_t b)
  {
    a = root(a), b = root(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

/// The factors one by one, before grouping, in scenario order.
std::vector<SensitivityFactor> single_factors(const Scenario& s)
{
  std::vector<SensitivityFactor> out;
  const auto add = [&](const std::string& path, std::vector<std::uint64_t> streams) {
    out.push_back(SensitivityFactor{path, {path}, std::move(streams)});
  };
  const auto uncertain = [&](const Uncertain& u) {
    if (!u.is_fixed()) add(u.path, {u.stream_id});
  };
  const auto series = [&](const Series& x) {
    for (const Uncertain& u : x.values) uncertain(u);
  };
  const auto probability = [&](const std::string& path, double p, const Series& amount) {
    if (p > 0.0 && p < 1.0) add(path, {occurrence_stream(amount.values.front().stream_id)});
  };
  if (s.funding.state) series(*s.funding.state);
  uncertain(s.funding.state_growth);
  for (const Series& c : s.funding.contributions) series(c);
  for (const Income& i : s.incomes) {
    series(i.amount);
    probability("income." + i.name + ".probability", i.probability, i.amount);
  }
  for (const Cost& c : s.costs) {
    series(c.amount);
    uncertain(c.growth);
    probability("cost." + c.name + ".probability", c.probability, c.amount);
  }
  for (const Insats& i : s.insatser) {
    series(i.budget);
    if (!i.utilization.is_fixed()) {
      // With [year_to_date] the first year's months left draw the posterior of this utilisation
      // from a stream of its own: one factor with the prior's.
      std::vector<std::uint64_t> streams{i.utilization.stream_id};
      if (s.year_to_date) streams.push_back(year_to_date_stream(i.name));
      add(i.utilization.path, std::move(streams));
    }
    if (i.participants && i.participants->referrals_per_month) uncertain(*i.participants->referrals_per_month);
    if (i.early_end_probability > 0.0 || i.renewal_probability < 1.0)
      add("insats." + i.name + ".continuation", {continuation_stream(i.name)});
    if (i.participants) {
      const ReasonStreams reasons(i.name);
      std::vector<std::uint64_t> streams{reasons.groups, reasons.within};
      for (int spell = 0; spell <= s.forbund.years; ++spell) streams.push_back(participant_stream(i.name, spell));
      add("insats." + i.name + ".participants", streams);
    }
  }
  // With [year_to_date] the months left carry the default deviation of their kind (one stream each).
  if (s.year_to_date) {
    add("year_to_date.deviation.insatser", {forecast_deviation_stream(1)});
    add("year_to_date.deviation.admin", {forecast_deviation_stream(2)});
  }
  return out;
}

std::size_t find_path(const std::vector<SensitivityFactor>& factors, const std::string& path)
{
  for (std::size_t i = 0; i < factors.size(); ++i)
    if (factors[i].paths.front() == path) return i;
  return factors.size();
}

/// Joins the --group paths, checking names and paths (clarification 40).
void join_user_groups(const std::vector<SensitivityFactor>& single, const std::vector<FactorGroup>& groups,
                      Groups& joined, std::vector<std::string>& names)
{
  std::vector<std::string> known;
  for (const SensitivityFactor& f : single) known.push_back(f.name);
  std::set<std::string> seen_names, seen_paths;
  std::vector<Problem> problems;
  for (const FactorGroup& g : groups) {
    if (!seen_names.insert(g.name).second)
      problems.push_back(Problem{"", 0, 0, "--group", fmt::format("{}: namnet ges två gånger", g.name)});
    std::size_t first = single.size();
    for (const std::string& path : g.paths) {
      const std::size_t i = find_path(single, path);
      if (!seen_paths.insert(path).second)
        problems.push_back(
            Problem{"", 0, 0, "--group", fmt::format("{}: nyckelsökvägen {} står i två grupper", g.name, path)});
      else if (i == single.size())
        problems.push_back(Problem{"", 0, 0, "--group",
                                   fmt::format("{}: {} är inget osäkert tal i scenariot{}", g.name, path,
                                               did_you_mean(path, known, '\'', "dess faktorer"))});
      else if (first == single.size())
        first = i;
      else
        joined.join(first, i);
    }
    if (first < single.size()) names[first] = g.name;
  }
  if (!problems.empty()) throw InputError(problems);
}

/// Factor names are unique: a --group may not take the name another factor has (a path, or a
/// correlation group's paths joined by "+").
void check_unique_names(const std::vector<SensitivityFactor>& factors, const std::vector<FactorGroup>& groups)
{
  const auto is_group = [&](const SensitivityFactor& f) {
    return std::any_of(groups.begin(), groups.end(), [&](const FactorGroup& g) {
      return g.name == f.name && std::find(f.paths.begin(), f.paths.end(), g.paths.front()) != f.paths.end();
    });
  };
  std::map<std::string, const SensitivityFactor*> seen;
  for (const SensitivityFactor& f : factors) {
    const auto [at, fresh] = seen.emplace(f.name, &f);
    if (fresh) continue;
    // Paths and --group names are unique already: one of the two is a group named as the other.
    const SensitivityFactor& other = is_group(f) ? *at->second : f;
    throw InputError({Problem{"", 0, 0, "--group",
                              fmt::format("{}: namnet används redan av faktorn {}; två faktorer kan inte heta "
                                          "likadant i tabellerna och i filen: ge gruppen ett annat namn",
                                          f.name, fmt::join(other.paths, ", "))}});
  }
}

/// Each distribution of the scenario at its median, the base case of the tornado.
std::vector<Override> medians(const Scenario& s)
{
  std::vector<Override> out;
  for (const Uncertain* u : random_quantities(s))
    out.push_back(Override::number(u->path, u->clamped(u->distribution.quantile(0.5))));
  return out;
}

/// The insats whose participants `path` names ("insats.<name>.participants…"), or none.
std::optional<std::size_t> participants_of(const Scenario& s, const std::string& path)
{
  if (path.find(".participants.") == std::string::npos) return std::nullopt;
  for (std::size_t i = 0; i < s.insatser.size(); ++i)
    if (path.starts_with("insats." + s.insatser[i].name + ".participants.")) return i;
  return std::nullopt;
}

/// `p` with `overrides` applied. The participants' calibration depends only on an insats' own
/// participant keys and months, so only the insatser whose participants an override touches are
/// calibrated again.
/// The allocation model's money scaled by `factor`: the national total and the base amount together,
/// so that the state half before the equity rule scales by `factor` exactly.
void scale_allocation(Scenario& s, double factor)
{
  Allocation& a = *s.funding.allocation;
  for (Uncertain& u : a.national_total.values) {
    u.distribution = Distribution::constant(u.expected() * factor);
    u.deterministic.reset();
  }
  a.base_amount *= factor;
}

PreparedScenario adjusted(const PreparedScenario& p, const std::vector<Override>& overrides,
                          double allocation_factor = 1.0)
{
  Scenario s = p.scenario;
  apply_overrides(s, overrides);
  if (allocation_factor != 1.0) scale_allocation(s, allocation_factor);
  Calibrations calibrations = p.calibrations;
  std::vector<bool> done(s.insatser.size(), false);
  for (const Override& o : overrides)
    if (const std::optional<std::size_t> i = participants_of(s, o.path); i && !done[*i]) {
      calibrations[*i] = calibrate_insats(s, *i);
      done[*i] = true;
    }
  return prepare_calibrated(std::move(s), std::move(calibrations));
}

/// The tornado's projections: the base case (every distribution at its median) made once, and
/// each row's case from it with the row's own values changed, so that a row costs one projection
/// and not the whole list of medians again.
class TornadoCases {
 public:
  TornadoCases(const PreparedScenario& p, const SensitivitySettings& settings)
      : base_(adjusted(p, medians(p.scenario))), settings_(settings)
  {
  }
  /// The output in the chosen year of the base case.
  double base() const { return output_value(project_expected(base_), settings_.output, settings_.year); }
  /// The output in the chosen year with `change` on top of the base case.
  /// `allocation_factor` scales the allocation model's money (`[funding.allocation]`).
  double with(const std::vector<Override>& change, double allocation_factor = 1.0) const
  {
    return output_value(project_expected(adjusted(base_, change, allocation_factor)), settings_.output, settings_.year);
  }

 private:
  PreparedScenario base_;
  const SensitivitySettings& settings_;
};

/// A fixed amount (no distribution, some year nonzero) the fixed swing may scale.
bool swingable(const Series& x)
{
  return std::all_of(x.values.begin(), x.values.end(), [](const Uncertain& u) { return u.is_fixed(); }) &&
         std::any_of(x.values.begin(), x.values.end(), [](const Uncertain& u) { return u.expected() != 0.0; });
}

/// The overrides that scale the whole series at `path` by `factor`.
std::vector<Override> scaled(const std::string& path, const Series& x, double factor)
{
  std::vector<Override> out;
  if (!x.is_list) return {Override::number(path, x.values.front().expected() * factor)};
  for (std::size_t k = 0; k < x.values.size(); ++k)
    out.push_back(Override::number(fmt::format("{}[{}]", path, k), x.values[k].expected() * factor));
  return out;
}

/// The series' written value in year `year` (the last written value past the list).
double in_year(const Series& x, int year)
{
  return x.values[std::min<std::size_t>(static_cast<std::size_t>(year), x.values.size() - 1)].expected();
}

/// A fixed amount the fixed swing scales: one line, or the driftbidrag's lines that swing together.
struct FixedAmount {
  std::string name;
  std::vector<std::pair<std::string, const Series*>> parts;  ///< key path and series of each line
  const ActiveMonths* active = nullptr;                      ///< the line's months (none: every year)
  /// The whole driftbidrag (the members' contributions summed); with `[funding.allocation]` it has
  /// no parts and the swing scales the model's money.
  const Scenario* driftbidrag = nullptr;
};

/// Whether a line with months `active` (none: every month) runs in year `year`.
bool runs_in(const ActiveMonths* active, int year)
{
  return active == nullptr || (active->first <= 12 * year + 11 && active->last >= 12 * year);
}

/// The amount's written value in year `year`, its parts summed.
double amount_in(const FixedAmount& a, int year)
{
  double sum = 0.0;
  if (a.driftbidrag != nullptr) {
    ExpectedValues expected;
    for (double x : member_contributions(*a.driftbidrag, year, expected)) sum += x;
    return sum;
  }
  for (const auto& [path, series] : a.parts) sum += in_year(*series, year);
  return sum;
}

/// The first year the amount's line runs with a nonzero amount (the chosen year when it never
/// does), and whether its value differs between the years it runs.
std::pair<int, bool> first_running_year(const FixedAmount& a, int years, int fallback)
{
  int first = -1;
  bool varies = false;
  for (int y = 0; y < years; ++y) {
    const double x = amount_in(a, y);
    if (!runs_in(a.active, y) || x == 0.0) continue;
    if (first < 0)
      first = y;
    else if (std::fabs(x - amount_in(a, first)) > 0.5)  // half a krona
      varies = true;
  }
  return {first < 0 ? fallback : first, varies};
}

const char* source_name(MemberKind kind)
{
  switch (kind) {
    case MemberKind::state: return "Driftbidrag staten";
    case MemberKind::region: return "Driftbidrag regionen";
    case MemberKind::kommun: return "Driftbidrag kommunerna";
  }
  return "Driftbidrag";
}

std::vector<FixedAmount> fixed_amounts(const Scenario& s)
{
  std::vector<FixedAmount> out;
  // The state half with the members matching it: all of it moves together.
  if (s.funding.state && swingable(*s.funding.state))
    out.push_back(FixedAmount{"Driftbidrag", {{"funding.state", &*s.funding.state}}, nullptr, &s});
  if (s.funding.allocation) out.push_back(FixedAmount{"Driftbidrag", {}, nullptr, &s});
  // Members' explicit contributions: tied by the matching rule, all of them together; each funding
  // source (staten, regionen, kommunerna) as one amount. Never one member alone.
  std::vector<std::pair<std::string, const Series*>> all;
  std::map<MemberKind, std::vector<std::pair<std::string, const Series*>>> by_source;
  for (std::size_t m = 0; m < s.funding.contributions.size() && m < s.members.size(); ++m)
    if (swingable(s.funding.contributions[m])) {
      const std::pair<std::string, const Series*> part{"funding.contributions." + s.members[m].name,
                                                       &s.funding.contributions[m]};
      all.push_back(part);
      by_source[s.members[m].kind].push_back(part);
    }
  if (!all.empty() && state_half_matched(s)) out.push_back(FixedAmount{"Driftbidrag", all, nullptr, &s});
  for (auto& [kind, parts] : by_source) out.push_back(FixedAmount{source_name(kind), std::move(parts)});
  for (const Income& i : s.incomes)
    if (swingable(i.amount))
      out.push_back(
          FixedAmount{"income." + i.name + ".amount", {{"income." + i.name + ".amount", &i.amount}}, &i.active});
  for (const Cost& c : s.costs)
    if (swingable(c.amount))
      out.push_back(FixedAmount{"cost." + c.name + ".amount", {{"cost." + c.name + ".amount", &c.amount}}, &c.active});
  for (const Insats& i : s.insatser)
    if (swingable(i.budget))
      out.push_back(
          FixedAmount{"insats." + i.name + ".budget", {{"insats." + i.name + ".budget", &i.budget}}, &i.active});
  return out;
}

/// The overrides that scale every part of `a` by `factor`.
std::vector<Override> scaled(const FixedAmount& a, double factor)
{
  std::vector<Override> out;
  for (const auto& [path, series] : a.parts) {
    std::vector<Override> part = scaled(path, *series, factor);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

Tornado interrupted(Tornado& t)
{
  t.interrupted = true;
  return t;
}

void rank(std::vector<TornadoRow>& rows)
{
  std::stable_sort(rows.begin(), rows.end(), [](const TornadoRow& a, const TornadoRow& b) {
    if (a.fixed_swing != b.fixed_swing) return !a.fixed_swing;
    return a.swing() > b.swing();
  });
}

}  // namespace

std::vector<SensitivityFactor> sensitivity_factors(const Scenario& s, const std::vector<FactorGroup>& groups)
{
  const std::vector<SensitivityFactor> single = single_factors(s);
  Groups joined(single.size());
  for (const Correlation& c : s.correlations) {
    const std::size_t a = find_path(single, c.a), b = find_path(single, c.b);
    if (a < single.size() && b < single.size()) joined.join(a, b);
  }
  // The driftbidrag's numbers tied together (the matching rule) or by funding source are one factor.
  std::map<std::string, std::size_t> funding_first;
  std::vector<std::string> funding_name(single.size());
  for (std::size_t i = 0; i < single.size(); ++i) {
    funding_name[i] = funding_source(s, single[i].name);
    if (funding_name[i].empty()) continue;
    const auto [at, fresh] = funding_first.emplace(funding_name[i], i);
    if (!fresh) joined.join(at->second, i);
  }
  std::vector<std::string> names(single.size());
  join_user_groups(single, groups, joined, names);
  // A funding group of more than one number takes its name, unless a --group named it.
  for (const auto& [name, first] : funding_first) {
    const std::size_t r = joined.root(first);
    std::size_t members = 0;
    bool named = false;
    for (std::size_t i = 0; i < single.size(); ++i)
      if (joined.root(i) == r) ++members, named = named || !names[i].empty();
    if (members > 1 && !named) names[r] = name;
  }
  std::vector<SensitivityFactor> out;
  std::vector<std::size_t> slot(single.size(), single.size());
  for (std::size_t i = 0; i < single.size(); ++i) {
    const std::size_t r = joined.root(i);
    if (slot[r] == single.size()) {
      slot[r] = out.size();
      out.push_back(SensitivityFactor{"", {}, {}});
    }
    SensitivityFactor& f = out[slot[r]];
    f.paths.push_back(single[i].name);
    f.streams.insert(f.streams.end(), single[i].streams.begin(), single[i].streams.end());
  }
  for (std::size_t i = 0; i < single.size(); ++i) {
    SensitivityFactor& f = out[slot[joined.root(i)]];
    if (!names[i].empty()) f.name = names[i];
  }
  for (SensitivityFactor& f : out) {
    if (f.name.empty()) f.name = fmt::format("{}", fmt::join(f.paths, "+"));
    std::sort(f.streams.begin(), f.streams.end());
  }
  check_unique_names(out, groups);
  return out;
}

bool state_half_matched(const Scenario& s)
{
  if (s.funding.state || s.funding.allocation) return true;
  if (s.funding.contributions.empty()) return false;
  for (int y = 0; y < s.forbund.years; ++y) {
    double state = 0.0, region = 0.0, kommun = 0.0;
    for (std::size_t m = 0; m < s.funding.contributions.size() && m < s.members.size(); ++m) {
      const double x = in_year(s.funding.contributions[m], y);
      (s.members[m].kind == MemberKind::state ? state : s.members[m].kind == MemberKind::region ? region : kommun) += x;
    }
    if (!(state > 0.0) || std::fabs(state - 2.0 * region) > 0.005 * state ||
        std::fabs(state - 2.0 * kommun) > 0.005 * state)
      return false;
  }
  return true;
}

std::string funding_source(const Scenario& s, const std::string& path)
{
  if (path == "funding.state" || path.starts_with("funding.state[")) return "Driftbidrag";
  const std::string prefix = "funding.contributions.";
  if (!path.starts_with(prefix)) return "";
  for (std::size_t m = 0; m < s.members.size(); ++m) {
    const std::string member = prefix + s.members[m].name;
    if (path == member || path.starts_with(member + "["))
      return state_half_matched(s) ? "Driftbidrag" : source_name(s.members[m].kind);
  }
  return "";
}

std::string output_name(int output)
{
  if (output < outcome_count) return outcomes[static_cast<std::size_t>(output)].name;
  static const char* const names[] = {"above_cap", "below_floor", "cash_negative"};
  return names[output - outcome_count];
}

int output_index(const std::string& name)
{
  for (int o = 0; o < output_count; ++o)
    if (output_name(o) == name) return o;
  return -1;
}

double output_value(const Projection& p, int output, int year)
{
  if (output >= outcome_count)
    return breach_flags(breaches[static_cast<std::size_t>(output - outcome_count)].id, p)[std::size_t(year)] ? 1.0
                                                                                                             : 0.0;
  thread_local std::vector<double> values;
  outcome_values(outcomes[static_cast<std::size_t>(output)].id, p, values);
  return values[std::size_t(year)];
}

Tornado tornado(const PreparedScenario& p, const std::vector<SensitivityFactor>& factors,
                const SensitivitySettings& settings)
{
  const Scenario& s = p.scenario;
  const TornadoCases cases(p, settings);
  const std::atomic<bool>* stop = settings.monte_carlo.stop;
  const auto stopped = [stop] { return stop != nullptr && stop->load(std::memory_order_relaxed); };
  Tornado t;
  t.base = cases.base();
  std::unordered_map<std::string_view, const Uncertain*> quantities;
  for (const Uncertain* u : random_quantities(s)) quantities.emplace(u->path, u);
  for (const SensitivityFactor& f : factors)
    for (const std::string& path : f.paths) {
      if (stopped()) return interrupted(t);
      TornadoRow row{path};
      row.input_year = settings.year;
      if (const auto q = quantities.find(path); q != quantities.end()) {
        row.input_low = q->second->clamped(q->second->distribution.quantile(0.10));
        row.input_high = q->second->clamped(q->second->distribution.quantile(0.90));
      } else if (path.ends_with(".probability")) {
        row.input_low = 0.0, row.input_high = 1.0;  // absent and present
      } else {
        t.left_out.push_back(path);  // continuation and participants have no percentile
        continue;
      }
      row.low = cases.with({Override::number(path, row.input_low)});
      row.high = cases.with({Override::number(path, row.input_high)});
      t.rows.push_back(row);
    }
  if (settings.fixed_swing > 0.0)
    for (const FixedAmount& a : fixed_amounts(s)) {
      if (stopped()) return interrupted(t);
      auto [year, varies] = first_running_year(a, s.forbund.years, settings.year);
      // The same amount runs in the chosen year: shown as that year's.
      if (!varies && runs_in(a.active, settings.year) && amount_in(a, settings.year) == amount_in(a, year))
        year = settings.year;
      const double amount = amount_in(a, year), f = settings.fixed_swing;
      TornadoRow row{a.name, amount * (1.0 - f), amount * (1.0 + f)};
      row.fixed_swing = true;
      row.input_year = year;
      row.input_varies = varies;
      const bool allocation = a.driftbidrag != nullptr && a.parts.empty();
      row.low = cases.with(scaled(a, 1.0 - f), allocation ? 1.0 - f : 1.0);
      row.high = cases.with(scaled(a, 1.0 + f), allocation ? 1.0 + f : 1.0);
      t.rows.push_back(row);
    }
  rank(t.rows);
  return t;
}

std::optional<SobolResult> sobol(const PreparedScenario& p, const std::vector<SensitivityFactor>& factors,
                                 const SensitivitySettings& settings)
{
  const auto start = std::chrono::steady_clock::now();
  SobolResult r;
  r.design = SobolDesign{settings.base_runs, static_cast<int>(factors.size())};
  const std::uint64_t n = settings.base_runs, evaluations = r.design.evaluations();
  const int years = p.scenario.forbund.years;
  MonteCarloSettings mc = settings.monte_carlo;
  std::optional<std::vector<std::vector<double>>> kept =
      allocate_columns(std::size_t(output_count * years), evaluations, mc.stop);
  if (!kept) return std::nullopt;
  std::vector<std::vector<double>> outputs = std::move(*kept);  // moved, not copied: the columns are large
  mc.runs = evaluations;
  mc.keep_paths = 0;
  // Evaluated row by row: row j's B, its A, then its A with each factor from B, so that the
  // insatser a factor does not touch take their flows from the A before (MonteCarloSettings::
  // reuse_flows). Each is stored where the design keeps it: A in block 0, B in block 1, the
  // factor's in block 2 + i (SobolDesign).
  const std::uint64_t row_size = static_cast<std::uint64_t>(factors.size()) + 2;
  const auto block = [&](std::uint64_t e) {
    const std::uint64_t m = e % row_size;
    return m == 0 ? 1 : m == 1 ? 0 : m;
  };
  const auto stored_at = [&](std::uint64_t e) { return block(e) * n + e / row_size; };
  mc.reuse_flows = true;
  mc.design = [&](std::uint64_t e) {
    const std::uint64_t j = e / row_size, b = block(e);
    if (b < 2) return StreamReplication(b * n + j);  // A, or B
    return StreamReplication(j, n + j, &factors[std::size_t(b - 2)].streams);
  };
  // Each outcome's years computed once per evaluation (output_value would compute them per year).
  mc.observe = [&](std::uint64_t evaluation, const Projection& projection) {
    const std::uint64_t e = stored_at(evaluation);
    thread_local std::vector<double> values;
    for (int o = 0; o < outcome_count; ++o) {
      outcome_values(outcomes[std::size_t(o)].id, projection, values);
      for (int y = 0; y < years; ++y) outputs[std::size_t(o * years + y)][e] = values[std::size_t(y)];
    }
    for (int b = 0; b < breach_count; ++b) {
      const std::vector<bool>& flags = breach_flags(breaches[std::size_t(b)].id, projection);
      for (int y = 0; y < years; ++y)
        outputs[std::size_t((outcome_count + b) * years + y)][e] = flags[std::size_t(y)] ? 1.0 : 0.0;
    }
  };
  if (run_monte_carlo(p, mc).interrupted) return std::nullopt;
  r.indices = sobol_indices(r.design, outputs, SobolSettings{settings.resamples, mc.seed, mc.threads, mc.stop});
  if (r.indices.interrupted) return std::nullopt;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

SobolMemoryNeed sobol_memory(std::size_t factors, int years, const SensitivitySettings& settings, int threads)
{
  const SobolDesign d{settings.base_runs, static_cast<int>(factors)};
  const std::size_t quantities = std::size_t(output_count) * std::size_t(years);
  const SobolMemory bootstrap = sobol_indices_memory(d, quantities, settings.resamples, threads);
  const std::size_t outputs_per_row = (factors + 2) * quantities * sizeof(double);
  return {outputs_per_row + bootstrap.per_base_row, bootstrap.fixed};
}

Sensitivity analyse_sensitivity(const PreparedScenario& p, const SensitivitySettings& settings)
{
  Sensitivity s;
  s.factors = sensitivity_factors(p.scenario, settings.groups);
  s.years = p.scenario.forbund.years;
  if (settings.tornado) {
    s.tornado = tornado(p, s.factors, settings);
    if (s.tornado->interrupted) {
      s.interrupted = true;
      return s;
    }
  }
  if (settings.sobol) {
    s.sobol = sobol(p, s.factors, settings);
    s.interrupted = !s.sobol.has_value();
  }
  return s;
}

}  // namespace finsim
