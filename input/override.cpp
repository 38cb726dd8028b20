#include "input/override.h"

#include <fmt/format.h>

#include <functional>
#include <optional>

#include "input/input_error.h"

namespace finsim {

namespace {

/// Where a key path points: a plain number, an uncertain number or a yearly series.
struct Slot {
  std::string path;
  double* number = nullptr;
  std::optional<double>* optional_number = nullptr;
  Uncertain* uncertain = nullptr;
  std::optional<Uncertain>* optional_uncertain = nullptr;
  Series* series = nullptr;
  const Uncertain* growth = nullptr;  ///< the series' growth past its list (null: repeats)
  double lowest = -1e15, highest = 1e15;
};

/// Every slot of `s`, in scenario order.
std::vector<Slot> slots(Scenario& s)
{
  std::vector<Slot> out;
  const double money = 1e15, people = 1e9;
  auto number = [&](std::string path, double& x, double lo, double hi) {
    out.push_back({.path = std::move(path), .number = &x, .lowest = lo, .highest = hi});
  };
  auto series = [&](std::string path, Series& x, const Uncertain* growth) {
    out.push_back({.path = std::move(path), .series = &x, .growth = growth});
  };
  auto uncertain = [&](Uncertain& u) { out.push_back({.path = u.path, .uncertain = &u}); };
  Forbund& f = s.forbund;
  number("forbund.opening_equity", f.opening_equity, -money, money);
  number("forbund.opening_cash", f.opening_cash, -money, money);
  number("forbund.equity_cap_share", f.equity_cap_share, 0.0, 1.0);
  number("forbund.equity_floor", f.equity_floor, -money, money);
  for (Member& m : s.members)
    if (m.kind == MemberKind::kommun) number("member." + m.name + ".population", m.population, 1e-9, people);
  if (s.funding.state) series("funding.state", *s.funding.state, &s.funding.state_growth);
  uncertain(s.funding.state_growth);
  for (std::size_t i = 0; i < s.funding.contributions.size() && i < s.members.size(); ++i)
    series("funding.contributions." + s.members[i].name, s.funding.contributions[i], &s.funding.state_growth);
  for (Income& in : s.incomes) {
    series("income." + in.name + ".amount", in.amount, nullptr);
    number("income." + in.name + ".probability", in.probability, 0.0, 1.0);
  }
  for (Cost& c : s.costs) {
    series("cost." + c.name + ".amount", c.amount, &c.growth);
    uncertain(c.growth);
    number("cost." + c.name + ".probability", c.probability, 0.0, 1.0);
  }
  for (Insats& in : s.insatser) {
    const std::string path = "insats." + in.name;
    series(path + ".budget", in.budget, nullptr);
    uncertain(in.utilization);
    number(path + ".early_end_probability", in.early_end_probability, 0.0, 1.0);
    number(path + ".renewal_probability", in.renewal_probability, 0.0, 1.0);
    if (!in.participants) continue;
    ParticipantSpec& p = *in.participants;
    const std::string part = path + ".participants";
    out.push_back({.path = part + ".referrals_per_month",
                   .optional_uncertain = &p.referrals_per_month,
                   .lowest = 0.0,
                   .highest = people});
    out.push_back({.path = part + ".capacity", .optional_number = &p.capacity, .lowest = 0.0, .highest = people});
    out.push_back(
        {.path = part + ".opening_active", .optional_number = &p.opening_active, .lowest = 0.0, .highest = people});
    number(part + ".opening_queue", p.opening_queue, 0.0, people);
    number(part + ".queue_abandon_per_month", p.queue_abandon_per_month, 0.0, 1.0);
    out.push_back({.path = part + ".women_share", .optional_number = &p.women_share, .lowest = 0.0, .highest = 1.0});
    number(part + ".cost_per_start", p.cost_per_start, 0.0, money);
    number(part + ".cost_per_participant_month", p.cost_per_participant_month, 0.0, money);
  }
  return out;
}

[[noreturn]] void refuse(const Scenario& s, const std::string& path, const std::string& message)
{
  throw InputError({Problem{s.source, 0, 0, path, message}});
}

/// `d` checked against the key's range: a number inside it, a distribution with valid parameters.
void check_value(const Scenario& s, const std::string& path, const Distribution& d, double lowest, double highest)
{
  if (d.kind != DistributionKind::fixed) {
    if (std::string why = d.parameter_problem(); !why.empty()) refuse(s, path, "override: distribution " + why);
    return;
  }
  if (!(d.value >= lowest && d.value <= highest))
    refuse(s, path, fmt::format("override = {}: must be between {} and {}", d.value, lowest, highest));
}

/// Writes `series` out as a list up to year `year` (exact only for fixed values and growth).
void write_out(const Scenario& s, const std::string& path, Series& series, const Uncertain* growth, int year)
{
  const Uncertain last = series.values.back();  // a copy: the list grows below
  if (!last.is_fixed() || (growth != nullptr && !growth->is_fixed()))
    refuse(s, fmt::format("{}[{}]", path, year),
           fmt::format("the list ends at [{}] with an uncertain value or growth, so year {} has no single number "
                       "to replace; override the whole series ({}) instead",
                       series.values.size() - 1, year, path));
  double x = last.expected();
  for (auto k = static_cast<int>(series.values.size()); k <= year; ++k) {
    if (growth != nullptr) x *= 1.0 + growth->expected();
    Uncertain u = last;
    u.distribution = Distribution::constant(x);
    u.path = fmt::format("{}[{}]", path, k);
    series.values.push_back(u);
  }
}

void apply_to_series(const Scenario& s, Slot& slot, const std::optional<int>& year, const Distribution& value)
{
  Series& series = *slot.series;
  const Uncertain first = series.values.front();  // a copy: the list may grow below
  if (!year) {
    Uncertain u = first;
    u.distribution = value;
    u.path = slot.path;
    u.stream_id = make_uncertain(value, slot.path).stream_id;
    series.values.assign(1, u);
    return;
  }
  if (*year < 0 || *year >= s.forbund.years)
    refuse(s, fmt::format("{}[{}]", slot.path, *year),
           fmt::format("year index {} is outside the horizon (0 … {})", *year, s.forbund.years - 1));
  if (*year >= static_cast<int>(series.values.size())) write_out(s, slot.path, series, slot.growth, *year);
  check_value(s, fmt::format("{}[{}]", slot.path, *year), value, first.lowest, first.highest);
  series.values[static_cast<std::size_t>(*year)].distribution = value;
}

void apply(Scenario& s, Slot& slot, const std::optional<int>& year, const Override& o)
{
  if (slot.series != nullptr) {
    if (!year) check_value(s, o.path, o.value, slot.series->values.front().lowest, slot.series->values.front().highest);
    apply_to_series(s, slot, year, o.value);
    return;
  }
  if (year) refuse(s, o.path, "takes no [year] index: it is one number, not a yearly series");
  Uncertain* u = slot.uncertain != nullptr ? slot.uncertain : nullptr;
  if (slot.optional_uncertain != nullptr) {
    if (!*slot.optional_uncertain)
      *slot.optional_uncertain = make_uncertain(o.value, slot.path, slot.lowest, slot.highest);
    u = &**slot.optional_uncertain;
  }
  if (u != nullptr) {
    check_value(s, o.path, o.value, u->lowest, u->highest);
    u->distribution = o.value;
    return;
  }
  if (o.value.kind != DistributionKind::fixed) refuse(s, o.path, "takes a number, not a distribution");
  check_value(s, o.path, o.value, slot.lowest, slot.highest);
  if (slot.number != nullptr) *slot.number = o.value.value;
  if (slot.optional_number != nullptr) *slot.optional_number = o.value.value;
}

}  // namespace

void apply_overrides(Scenario& s, const std::vector<Override>& overrides)
{
  for (const Override& o : overrides) {
    std::string path = o.path;
    std::optional<int> year;
    if (const auto open = path.rfind('['); open != std::string::npos && path.back() == ']') {
      try {
        std::size_t used = 0;
        year = std::stoi(path.substr(open + 1), &used);
        if (open + 1 + used + 1 != path.size()) throw std::invalid_argument(path);
      } catch (const std::exception&) {
        refuse(s, o.path, "the index in [ ] must be a whole number (a year of the horizon, from 0)");
      }
      path.resize(open);
    }
    std::vector<Slot> all = slots(s);
    const auto it = std::find_if(all.begin(), all.end(), [&](const Slot& x) { return x.path == path; });
    if (it == all.end()) {
      std::vector<std::string> known;
      for (const Slot& x : all) known.push_back(x.path);
      refuse(s, o.path, "no such number in the scenario" + did_you_mean(path, known, '"'));
    }
    apply(s, *it, year, o);
  }
}

std::vector<std::string> override_paths(const Scenario& s)
{
  Scenario copy = s;
  std::vector<std::string> out;
  for (const Slot& x : slots(copy)) out.push_back(x.path);
  return out;
}

}  // namespace finsim
