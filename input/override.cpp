#include "input/override.h"

#include <fmt/format.h>

#include <functional>
#include <optional>
#include <string_view>

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

constexpr double money = 1e15, people = 1e9;

/// Builds the slots of one part of a scenario, in scenario order.
class SlotList {
 public:
  explicit SlotList(std::vector<Slot>& out) : out_(out) {}
  void number(std::string path, double& x, double lo, double hi)
  {
    out_.push_back({.path = std::move(path), .number = &x, .lowest = lo, .highest = hi});
  }
  void optional_number(std::string path, std::optional<double>& x, double lo, double hi)
  {
    out_.push_back({.path = std::move(path), .optional_number = &x, .lowest = lo, .highest = hi});
  }
  void series(std::string path, Series& x, const Uncertain* growth)
  {
    out_.push_back({.path = std::move(path), .series = &x, .growth = growth});
  }
  void uncertain(Uncertain& u) { out_.push_back({.path = u.path, .uncertain = &u}); }

  /// The förbund's own numbers, the members' populations and the funding.
  void forbund(Scenario& s)
  {
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
  }
  void income(Income& in)
  {
    series("income." + in.name + ".amount", in.amount, nullptr);
    number("income." + in.name + ".probability", in.probability, 0.0, 1.0);
  }
  void cost(Cost& c)
  {
    series("cost." + c.name + ".amount", c.amount, &c.growth);
    uncertain(c.growth);
    number("cost." + c.name + ".probability", c.probability, 0.0, 1.0);
  }
  void insats(Insats& in)
  {
    const std::string path = "insats." + in.name;
    series(path + ".budget", in.budget, nullptr);
    uncertain(in.utilization);
    number(path + ".early_end_probability", in.early_end_probability, 0.0, 1.0);
    number(path + ".renewal_probability", in.renewal_probability, 0.0, 1.0);
    if (in.participants) participants(path + ".participants", *in.participants);
  }

 private:
  void participants(const std::string& part, ParticipantSpec& p)
  {
    out_.push_back({.path = part + ".referrals_per_month",
                    .optional_uncertain = &p.referrals_per_month,
                    .lowest = 0.0,
                    .highest = people});
    optional_number(part + ".capacity", p.capacity, 0.0, people);
    optional_number(part + ".opening_active", p.opening_active, 0.0, people);
    number(part + ".opening_queue", p.opening_queue, 0.0, people);
    number(part + ".queue_abandon_per_month", p.queue_abandon_per_month, 0.0, 1.0);
    optional_number(part + ".women_share", p.women_share, 0.0, 1.0);
    number(part + ".cost_per_start", p.cost_per_start, 0.0, money);
    number(part + ".cost_per_participant_month", p.cost_per_participant_month, 0.0, money);
  }

  std::vector<Slot>& out_;
};

/// Every slot of `s`, in scenario order.
std::vector<Slot> slots(Scenario& s)
{
  std::vector<Slot> out;
  SlotList list(out);
  list.forbund(s);
  for (Income& in : s.incomes) list.income(in);
  for (Cost& c : s.costs) list.cost(c);
  for (Insats& in : s.insatser) list.insats(in);
  return out;
}

/// Whether `path` lies under "<prefix><name>.".
bool under(std::string_view path, std::string_view prefix, const std::string& name)
{
  return path.size() > prefix.size() + name.size() && path.starts_with(prefix) &&
         path.substr(prefix.size()).starts_with(name) && path[prefix.size() + name.size()] == '.';
}

/// The slots of the parts of `s` that `path` may name: the one income, cost or insats whose name
/// it starts with (or the förbund's own numbers), without building the slots of every other line.
/// One override costs a scan of the names, not the slots of the whole scenario.
std::vector<Slot> slots_near(Scenario& s, std::string_view path)
{
  std::vector<Slot> out;
  SlotList list(out);
  if (path.starts_with("forbund.") || path.starts_with("member.") || path.starts_with("funding.")) list.forbund(s);
  for (Income& in : s.incomes)
    if (under(path, "income.", in.name)) list.income(in);
  for (Cost& c : s.costs)
    if (under(path, "cost.", c.name)) list.cost(c);
  for (Insats& in : s.insatser)
    if (under(path, "insats.", in.name)) list.insats(in);
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
    if (std::string why = d.parameter_problem(); !why.empty())
      refuse(s, path, "ersättningsvärdet: fördelningen " + why);
    return;
  }
  if (!(d.value >= lowest && d.value <= highest))
    refuse(s, path,
           fmt::format("ersättningsvärdet {} ska vara mellan {} och {}", message_number(d.value),
                       message_number(lowest), message_number(highest)));
}

/// Writes `series` out as a list up to year `year` (exact only for fixed values and growth).
void write_out(const Scenario& s, const std::string& path, Series& series, const Uncertain* growth, int year)
{
  const Uncertain last = series.values.back();  // a copy: the list grows below
  if (!last.is_fixed() || (growth != nullptr && !growth->is_fixed()))
    refuse(s, fmt::format("{}[{}]", path, year),
           fmt::format("listan slutar vid [{}] med ett osäkert värde eller en osäker tillväxt, så år {} har inget "
                       "enskilt tal att ersätta; ersätt hela serien ({}) i stället",
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
    u.deterministic.reset();  // an overridden value is its own expected value
    u.path = slot.path;
    u.stream_id = make_uncertain(value, slot.path).stream_id;
    series.values.assign(1, u);
    return;
  }
  if (*year < 0 || *year >= s.forbund.years)
    refuse(s, fmt::format("{}[{}]", slot.path, *year),
           fmt::format("årsindex {} ligger utanför horisonten (0 … {})", *year, s.forbund.years - 1));
  if (*year >= static_cast<int>(series.values.size())) write_out(s, slot.path, series, slot.growth, *year);
  check_value(s, fmt::format("{}[{}]", slot.path, *year), value, first.lowest, first.highest);
  series.values[static_cast<std::size_t>(*year)].distribution = value;
  series.values[static_cast<std::size_t>(*year)].deterministic.reset();
}

void apply(Scenario& s, Slot& slot, const std::optional<int>& year, const Override& o)
{
  if (slot.series != nullptr) {
    if (!year) check_value(s, o.path, o.value, slot.series->values.front().lowest, slot.series->values.front().highest);
    apply_to_series(s, slot, year, o.value);
    return;
  }
  if (year) refuse(s, o.path, "tar inget årsindex [år]: det är ett enda tal, ingen serie per år");
  Uncertain* u = slot.uncertain != nullptr ? slot.uncertain : nullptr;
  if (slot.optional_uncertain != nullptr) {
    if (!*slot.optional_uncertain)
      *slot.optional_uncertain = make_uncertain(o.value, slot.path, slot.lowest, slot.highest);
    u = &**slot.optional_uncertain;
  }
  if (u != nullptr) {
    check_value(s, o.path, o.value, u->lowest, u->highest);
    u->distribution = o.value;
    u->deterministic.reset();  // a default utilisation overridden: the value given, not the grant
    return;
  }
  if (o.value.kind != DistributionKind::fixed) refuse(s, o.path, "tar ett tal, inte en fördelning");
  check_value(s, o.path, o.value, slot.lowest, slot.highest);
  if (slot.number != nullptr) *slot.number = o.value.value;
  if (slot.optional_number != nullptr) *slot.optional_number = o.value.value;
}

/// An override's path without its "[k]", and k.
std::pair<std::string, std::optional<int>> split_index(const Scenario& s, const std::string& written)
{
  std::string path = written;
  std::optional<int> year;
  if (const auto open = path.rfind('['); open != std::string::npos && path.back() == ']') {
    try {
      std::size_t used = 0;
      year = std::stoi(path.substr(open + 1), &used);
      if (open + 1 + used + 1 != path.size()) throw std::invalid_argument(path);
    } catch (const std::exception&) {
      refuse(s, written, "indexet inom [ ] ska vara ett heltal (ett år i horisonten, räknat från 0)");
    }
    path.resize(open);
  }
  return {path, year};
}

}  // namespace

void apply_overrides(Scenario& s, const std::vector<Override>& overrides)
{
  for (const Override& o : overrides) {
    const auto [path, year] = split_index(s, o.path);
    std::vector<Slot> near = slots_near(s, path);
    const auto it =
        std::find_if(near.begin(), near.end(), [&, &wanted = path](const Slot& x) { return x.path == wanted; });
    if (it == near.end()) {
      std::vector<std::string> known;
      for (const Slot& x : slots(s)) known.push_back(x.path);
      refuse(s, o.path, "scenariot har inget sådant tal" + did_you_mean(path, known, '"'));
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
