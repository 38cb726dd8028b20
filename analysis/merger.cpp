#include "analysis/merger.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "input/enum_names.h"
#include "input/input_error.h"
#include "input/scenario_reader.h"
#include "input/variant.h"
#include "models/finance_inputs.h"
#include "models/value_source.h"
#include "output/swedish.h"

namespace finsim {

namespace {

/// One förbund to merge: its file, its tree (a variant merged onto its bases) and its scenario.
struct Input {
  std::string path;
  ScenarioTree tree;
  Scenario scenario;
};

/// Whether `x` is written as a TOML integer: whole (as a user writes amounts) and exact in one.
bool whole(double x) { return std::nearbyint(x) == x && std::fabs(x) < 9.0e15; }

/// A TOML number at `key`: an integer when `x` is whole, else a float.
void put(toml::table& t, const std::string& key, double x)
{
  if (whole(x))
    t.insert_or_assign(key, static_cast<std::int64_t>(x));
  else
    t.insert_or_assign(key, x);
}

/// A yearly list of numbers (or one number when every year is the same).
void put_series(toml::table& t, const std::string& key, const std::vector<double>& values)
{
  if (std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); })) {
    put(t, key, values.front());
    return;
  }
  toml::array list;
  for (double v : values) {
    if (whole(v))
      list.push_back(static_cast<std::int64_t>(v));
    else
      list.push_back(v);
  }
  t.insert_or_assign(key, std::move(list));
}

/// The expected value of series `s` in every horizon year (with `growth` past its list).
std::vector<double> yearly(const Series& s, const Uncertain* growth, int years)
{
  ExpectedValues expected;
  std::vector<double> v;
  for (int y = 0; y < years; ++y) v.push_back(series_value(s, growth, y, expected));
  return v;
}

[[noreturn]] void refuse(const Input& in, const std::string& key, const std::string& message)
{
  throw InputError(fmt::format("{}: {}: {}", in.path, key, message));
}

/// The inputs' shared horizon and growth (clarification 47).
void check_mergeable(const std::vector<Input>& inputs, const MergeOptions& o)
{
  const Input& first = inputs.front();
  for (const Input& in : inputs) {
    const Forbund& f = in.scenario.forbund;
    if (f.first_year != o.from_year)
      refuse(in, "forbund.first_year",
             fmt::format("= {}: the merged förbund starts in January {} (--from); give each förbund's scenario from "
                         "{}",
                         f.first_year, o.from_year, o.from_year));
    if (f.years != first.scenario.forbund.years)
      refuse(in, "forbund.years",
             fmt::format("= {}, but {} has {}: the förbund must cover the same years", f.years, first.path,
                         first.scenario.forbund.years));
    if (!(in.scenario.funding.state_growth.distribution == first.scenario.funding.state_growth.distribution))
      refuse(in, "funding.state_growth",
             fmt::format("differs from {}'s: the förbund must share the state growth to be merged", first.path));
  }
}

/// The names that occur in more than one förbund's list (`names`: per förbund).
std::set<std::string> clashes(const std::vector<std::vector<std::string>>& names)
{
  std::map<std::string, int> seen;
  for (const auto& list : names) {
    std::set<std::string> own(list.begin(), list.end());
    for (const std::string& n : own) ++seen[n];
  }
  std::set<std::string> out;
  for (const auto& [n, count] : seen)
    if (count > 1) out.insert(n);
  return out;
}

/// The names each list kind shares with another förbund.
struct Clashes {
  std::set<std::string> income, cost, insats;
  const std::set<std::string>& of(const std::string& kind) const
  {
    return kind == "income" ? income : kind == "cost" ? cost : insats;
  }
};

/// Renames in `root` (one förbund's tree) every income, cost and insats whose name another
/// förbund also uses to "<forbund>: <name>", and the correlations' paths with them (clarification 48).
void rename_clashes(toml::table& root, const std::string& forbund, const Clashes& clashes)
{
  for (const std::string kind : {"income", "cost", "insats"})
    if (toml::array* list = root[kind].as_array())
      for (toml::node& entry : *list)
        if (const auto* name = (*entry.as_table())["name"].as_string(); name && clashes.of(kind).count(name->get()))
          entry.as_table()->insert_or_assign("name", forbund + ": " + name->get());
  // A cost booked unless an income comes names the income by its new name.
  if (toml::array* list = root["cost"].as_array())
    for (toml::node& entry : *list)
      if (const auto* unless = (*entry.as_table())["unless"].as_string(); unless && clashes.income.count(unless->get()))
        entry.as_table()->insert_or_assign("unless", forbund + ": " + unless->get());
  if (toml::array* list = root["correlation"].as_array())
    for (toml::node& c : *list)
      for (const char* end : {"a", "b"})
        if (const auto* path = (*c.as_table())[end].as_string()) {
          std::string p = path->get();
          for (const std::string kind : {"income", "cost", "insats"})
            for (const std::string& name : clashes.of(kind))
              if (p.rfind(kind + "." + name + ".", 0) == 0) p = kind + "." + forbund + ": " + p.substr(kind.size() + 1);
          c.as_table()->insert_or_assign(end, p);
        }
}

/// Each member's expected contributions summed over the horizon (the key of returned equity).
std::vector<double> paid_in(const Scenario& s)
{
  ExpectedValues expected;
  std::vector<double> total(s.members.size(), 0.0);
  for (int y = 0; y < s.forbund.years; ++y) {
    const std::vector<double> amounts = member_contributions(s, y, expected);
    for (std::size_t i = 0; i < amounts.size(); ++i) total[i] += amounts[i];
  }
  return total;
}

/// Whether cost `c` is a plain fixed line over the whole horizon (summed with its kind's kind).
bool plain_fixed(const Cost& c, const Scenario& s)
{
  return std::all_of(c.amount.values.begin(), c.amount.values.end(), [](const Uncertain& u) { return u.is_fixed(); }) &&
         c.growth.is_fixed() && c.probability == 1.0 && c.unless_income < 0 && c.active.first == 0 &&
         c.active.last == s.forbund.months() - 1;
}

}  // namespace

MergedScenario merge_scenarios(const std::vector<std::string>& paths, const MergeOptions& o)
{
  std::vector<Input> inputs;
  for (const std::string& path : paths) {
    std::string text = read_scenario_bytes(path);
    ScenarioTree tree = read_scenario_tree(text, path);
    inputs.push_back(Input{path, std::move(tree), read_scenario_text(std::move(text), path)});
  }
  check_mergeable(inputs, o);
  const int years = inputs.front().scenario.forbund.years;
  const std::size_t n = inputs.size();

  MergedScenario result;
  toml::table root;
  TreeComments comments;

  // [[member]]: the state members and regions once, every kommun with its figures.
  toml::array members;
  std::vector<std::string> member_notes;
  std::map<std::string, std::size_t> member_at;
  for (const Input& in : inputs) {
    const toml::array* list = in.tree.root["member"].as_array();
    for (std::size_t i = 0; list != nullptr && i < list->size(); ++i) {
      const std::string& name = in.scenario.members[i].name;
      if (const auto at = member_at.find(name); at != member_at.end()) {
        member_notes[at->second] += ", " + in.scenario.forbund.name;
        continue;
      }
      member_at[name] = members.size();
      members.push_back(*(*list)[i].as_table());
      member_notes.push_back("from " + in.scenario.forbund.name);
      result.members.push_back(name);
    }
  }

  // Each förbund's members' positions in the merged list, and what they paid in over the horizon.
  std::vector<std::vector<std::size_t>> index_of(n);
  for (std::size_t f = 0; f < n; ++f)
    for (const Member& m : inputs[f].scenario.members) index_of[f].push_back(member_at.at(m.name));

  // [forbund]: the merged förbund's opening position (clarification 49).
  double equity = 0.0, cash = 0.0;
  OpeningItem payables, receivables;
  for (std::size_t f = 0; f < n; ++f) {
    const Forbund& fb = inputs[f].scenario.forbund;
    equity += fb.opening_equity;
    cash += fb.opening_cash;
    // An opening item keeps the month it is settled in; the förbund's must agree.
    for (auto [item, sum, key] : {std::tuple{&fb.opening_payables, &payables, "forbund.opening_payables"},
                                  std::tuple{&fb.opening_receivables, &receivables, "forbund.opening_receivables"}}) {
      if (item->amount == 0.0) continue;
      if (sum->amount != 0.0 && sum->month != item->month)
        refuse(inputs[f], key,
               "is settled in another month than the other förbund's: give them one month, or settle them in the "
               "first month");
      sum->amount += item->amount;
      sum->month = item->month;
    }
  }
  result.returned.assign(result.members.size(), 0.0);
  double returned_total = 0.0;
  if (o.equity != EquityOption::pooled) {
    const double kept = o.equity == EquityOption::keep ? o.keep : 0.0;
    if (kept > equity)
      throw InputError(fmt::format("--equity keep {}: the förbund's equity together is {}; keep at most that",
                                   format_kronor(kept), format_kronor(equity)));
    const double to_return = equity - kept;
    for (std::size_t f = 0; f < n; ++f) {
      const double e = inputs[f].scenario.forbund.opening_equity;
      const double from_this = equity != 0.0 ? to_return * e / equity : 0.0;
      const std::vector<double> paid = paid_in(inputs[f].scenario);
      double total = 0.0;
      for (double p : paid) total += p;
      for (std::size_t m = 0; m < paid.size(); ++m)
        result.returned[index_of[f][m]] += total > 0.0 ? from_this * paid[m] / total : 0.0;
    }
    returned_total = to_return;
  }
  result.opening_equity = equity - returned_total;
  result.opening_cash = cash - returned_total;

  toml::table forbund;
  forbund.insert_or_assign("name", o.name);
  put(forbund, "first_year", o.from_year);
  put(forbund, "years", years);
  const std::string equity_note =
      o.equity == EquityOption::pooled
          ? "the förbund's equity summed (--equity pooled)"
          : fmt::format("{} returned to the members in proportion to what each paid in (--equity {})",
                        format_kronor(returned_total), o.equity == EquityOption::keep ? "keep" : "returned");
  put(forbund, "opening_equity", result.opening_equity);
  put(forbund, "opening_cash", result.opening_cash);
  for (auto [item, key, when] : {std::tuple{&payables, "opening_payables", "paid"},
                                 std::tuple{&receivables, "opening_receivables", "received"}}) {
    if (item->month == 0) {
      put(forbund, key, item->amount);
      continue;
    }
    toml::table t;
    put(t, "amount", item->amount);
    t.insert_or_assign(when, month_at(o.from_year, item->month).to_string());
    forbund.insert_or_assign(key, std::move(t));
  }
  put(forbund, "equity_cap_share", inputs.front().scenario.forbund.equity_cap_share);
  put(forbund, "equity_floor", inputs.front().scenario.forbund.equity_floor);
  root.insert_or_assign("forbund", std::move(forbund));

  // [funding] (clarification 47).
  toml::table funding;
  const Funding& f0 = inputs.front().scenario.funding;
  const bool all_state =
      std::all_of(inputs.begin(), inputs.end(), [](const Input& in) { return in.scenario.funding.state.has_value(); });
  const bool all_allocation = std::all_of(inputs.begin(), inputs.end(),
                                          [](const Input& in) { return in.scenario.funding.allocation.has_value(); });
  std::string funding_note;
  if (const toml::node* growth = inputs.front().tree.root["funding"]["state_growth"].node())
    funding.insert_or_assign("state_growth", *growth);
  funding.insert_or_assign("payment", std::string(enum_name(f0.payment)));
  // Sums are written per year as far as the longest list given; past it the merged file's
  // state_growth applies, drawn as in the separate förbund.
  std::size_t listed = 1;
  for (const Input& in : inputs) {
    const Funding& fu = in.scenario.funding;
    if (fu.state) listed = std::max(listed, fu.state->values.size());
    if (fu.allocation) listed = std::max(listed, fu.allocation->national_total.values.size());
    for (const Series& c : fu.contributions) listed = std::max(listed, c.values.size());
  }
  const int summed_years = std::min(years, static_cast<int>(listed));
  if (all_state) {
    std::vector<double> sum(static_cast<std::size_t>(summed_years), 0.0);
    for (const Input& in : inputs) {
      for (const Uncertain& u : in.scenario.funding.state->values)
        if (!u.is_fixed())
          refuse(in, u.path, "a distribution cannot be summed with the other förbund's state half; give numbers");
      const std::vector<double> v = yearly(*in.scenario.funding.state, &in.scenario.funding.state_growth, summed_years);
      for (int y = 0; y < summed_years; ++y) sum[static_cast<std::size_t>(y)] += v[static_cast<std::size_t>(y)];
    }
    put_series(funding, "state", sum);
    funding_note = "state: the förbund's state halves summed per year";
  } else if (all_allocation) {
    const Allocation& a0 = *f0.allocation;
    toml::table allocation = *inputs.front().tree.root["funding"]["allocation"].as_table();
    double s_f = 0.0, s_p = 0.0;
    for (const Input& in : inputs) {
      const Allocation& a = *in.scenario.funding.allocation;
      if (!(a.national_total.values.size() == a0.national_total.values.size()) || a.base_amount != a0.base_amount ||
          a.forsorjningsmatt_weight != a0.forsorjningsmatt_weight || a.population_weight != a0.population_weight ||
          yearly(a.national_total, nullptr, years) != yearly(a0.national_total, nullptr, years) ||
          yearly(a.forbund_count, nullptr, years) != yearly(a0.forbund_count, nullptr, years))
        refuse(in, "funding.allocation",
               fmt::format("national_total, forbund_count, base_amount and the weights must be those of {}: the "
                           "country is the same for every förbund",
                           inputs.front().path));
      for (const Uncertain* share : {&a.forsorjningsmatt_share, &a.population_share})
        if (!share->is_fixed()) refuse(in, share->path, "a distribution share cannot be summed; give a number");
      s_f += a.forsorjningsmatt_share.expected();
      s_p += a.population_share.expected();
    }
    for (const char* key : {"national_forsorjningsmatt", "national_population_16_64"}) allocation.erase(key);
    put(allocation, "forsorjningsmatt_share", s_f);
    put(allocation, "population_share", s_p);
    std::vector<double> count = yearly(a0.forbund_count, nullptr, years);
    for (double& c : count) c -= static_cast<double>(n - 1);
    put_series(allocation, "forbund_count", count);
    funding.insert_or_assign("allocation", std::move(allocation));
    funding_note = fmt::format(
        "allocation: the förbund's shares summed; forbund_count {} lower (the rest of the country unchanged), so "
        "the merged förbund gets one base amount instead of {}",
        n - 1, n);
  } else {
    toml::table contributions;
    std::vector<std::vector<double>> per_member(result.members.size(), std::vector<double>(summed_years, 0.0));
    ExpectedValues expected;
    for (std::size_t f = 0; f < n; ++f)
      for (int y = 0; y < summed_years; ++y) {
        const std::vector<double> amounts = member_contributions(inputs[f].scenario, y, expected);
        for (std::size_t m = 0; m < amounts.size(); ++m)
          per_member[index_of[f][m]][static_cast<std::size_t>(y)] += amounts[m];
      }
    for (std::size_t m = 0; m < per_member.size(); ++m) put_series(contributions, result.members[m], per_member[m]);
    funding.insert_or_assign("contributions", std::move(contributions));
    funding_note = "contributions: each member's contributions summed per year (expected values)";
  }
  root.insert_or_assign("funding", std::move(funding));
  root.insert_or_assign("member", std::move(members));

  // Entries carried over: a name used by more than one förbund gets its förbund's name in front
  // (clarification 48); the report runs each förbund under these names, so the draws match.
  auto entry_names = [&](auto member) {
    std::vector<std::vector<std::string>> names;
    for (const Input& in : inputs) {
      names.emplace_back();
      for (const auto& e : in.scenario.*member) names.back().push_back(e.name);
    }
    return names;
  };
  const Clashes clash{clashes(entry_names(&Scenario::incomes)), clashes(entry_names(&Scenario::costs)),
                      clashes(entry_names(&Scenario::insatser))};
  std::vector<toml::table> renamed_roots;
  for (const Input& in : inputs) {
    renamed_roots.push_back(in.tree.root);
    rename_clashes(renamed_roots.back(), in.scenario.forbund.name, clash);
    toml::table separate = renamed_roots.back();
    separate.erase("year_to_date");
    result.separate.push_back(tree_text(separate));
  }
  auto carry = [&](std::size_t f, const char* kind, std::size_t i, const std::string& name, toml::array& out,
                   std::vector<std::string>& notes) {
    const toml::table& entry = *(*renamed_roots[f][kind].as_array())[i].as_table();
    std::string note = "from " + inputs[f].scenario.forbund.name;
    if (entry["name"].value_or(std::string()) != name) {
      note += fmt::format(" (there \"{}\")", name);
      result.renamed.push_back(entry["name"].value_or(std::string()));
    }
    out.push_back(entry);
    notes.push_back(note);
  };

  toml::array incomes, costs, insatser;
  std::set<std::string> dropped_names;     // the --drop names that matched
  std::vector<std::string> dropped_paths;  // "insats.<merged name>." of each insats left behind
  std::vector<std::string> income_notes, cost_notes, insats_notes;
  // Kansli and styrelse: the option's one line, or the fixed lines summed into one per kind.
  struct Admin {
    CostKind kind;
    const char* label;
    std::optional<double> given;
    std::vector<double> sum;
    std::vector<std::string> from;
    std::vector<Payment> payments;  ///< of the lines summed
  };
  std::vector<Admin> admin{{CostKind::kansli, "Kansli", o.kansli, std::vector<double>(years, 0.0), {}, {}},
                           {CostKind::styrelse, "Styrelse", o.styrelse, std::vector<double>(years, 0.0), {}, {}}};
  for (std::size_t f = 0; f < n; ++f) {
    const Scenario& s = inputs[f].scenario;
    for (std::size_t i = 0; i < s.incomes.size(); ++i) carry(f, "income", i, s.incomes[i].name, incomes, income_notes);
    {
      for (std::size_t i = 0; i < s.costs.size(); ++i) {
        const Cost& c = s.costs[i];
        Admin* a = nullptr;
        for (Admin& x : admin)
          if (x.kind == c.kind) a = &x;
        if (a != nullptr && (a->given || plain_fixed(c, s))) {
          if (!a->given) {
            const std::vector<double> v = yearly(c.amount, &c.growth, years);
            for (int y = 0; y < years; ++y) a->sum[static_cast<std::size_t>(y)] += v[static_cast<std::size_t>(y)];
          }
          a->from.push_back(fmt::format("\"{}\" ({})", c.name, s.forbund.name));
          a->payments.push_back(c.payment);
          continue;
        }
        carry(f, "cost", i, c.name, costs, cost_notes);
      }
    }
    {
      for (std::size_t i = 0; i < s.insatser.size(); ++i) {
        const std::string& name = s.insatser[i].name;
        const std::string renamed = s.forbund.name + ": " + name;
        const auto drop =
            std::find_if(o.drop.begin(), o.drop.end(), [&](const std::string& d) { return d == name || d == renamed; });
        if (drop != o.drop.end()) {
          dropped_names.insert(*drop);
          dropped_paths.push_back("insats." + (clash.insats.count(name) > 0 ? renamed : name) + ".");
          result.dropped.push_back(fmt::format("{} ({})", name, s.forbund.name));
          continue;
        }
        carry(f, "insats", i, name, insatser, insats_notes);
      }
    }
  }
  for (const std::string& d : o.drop)
    if (dropped_names.count(d) == 0)
      throw InputError(fmt::format("--drop \"{}\": no insats of that name in the förbund merged", d));
  for (Admin& a : admin) {
    if (a.from.empty() && !a.given) continue;
    toml::table line;
    line.insert_or_assign("name", std::string(a.label));
    line.insert_or_assign("kind", std::string(enum_name(a.kind)));
    if (a.given)
      put(line, "amount", *a.given);
    else
      put_series(line, "amount", a.sum);
    // --kansli / --styrelse lines are paid monthly; summed lines keep the payment they share.
    const bool shared = !a.given && std::all_of(a.payments.begin(), a.payments.end(),
                                                [&](Payment x) { return x == a.payments.front(); });
    line.insert_or_assign(
        "payment", std::string(enum_name(shared && !a.payments.empty() ? a.payments.front() : Payment::monthly)));
    costs.push_back(std::move(line));
    std::string from;
    for (const std::string& x : a.from) from += (from.empty() ? "" : ", ") + x;
    cost_notes.push_back(a.given ? fmt::format("--{} {}: one line instead of {}",
                                               a.label == std::string("Kansli") ? "kansli" : "styrelse",
                                               format_kronor(*a.given), from.empty() ? "none" : from)
                                 : "the förbund's fixed lines summed: " + from);
  }

  // Correlations, with their entries' new names.
  toml::array correlations;
  for (const toml::table& r : renamed_roots)
    if (const toml::array* list = r["correlation"].as_array())
      for (const toml::node& c : *list) {
        // A correlation with an insats left behind goes with it.
        const bool gone = std::any_of(dropped_paths.begin(), dropped_paths.end(), [&](const std::string& d) {
          return (*c.as_table())["a"].value_or(std::string()).rfind(d, 0) == 0 ||
                 (*c.as_table())["b"].value_or(std::string()).rfind(d, 0) == 0;
        });
        if (!gone) correlations.push_back(*c.as_table());
      }
  // The valuation's figures are the county's: the first förbund's that gives one.
  for (const Input& in : inputs)
    if (const toml::table* valuation = in.tree.root["valuation"].as_table()) {
      root.insert_or_assign("valuation", *valuation);
      comments[root["valuation"].node()] = "from " + in.scenario.forbund.name;
      break;
    }
  if (!incomes.empty()) root.insert_or_assign("income", std::move(incomes));
  if (!costs.empty()) root.insert_or_assign("cost", std::move(costs));
  if (!insatser.empty()) root.insert_or_assign("insats", std::move(insatser));
  if (!correlations.empty()) root.insert_or_assign("correlation", std::move(correlations));

  // The comments, now that every node has its place.
  comments[root["forbund"].node()] = fmt::format("Opening position: {}.", equity_note);
  comments[root["funding"].node()] = funding_note;
  auto note_list = [&](const char* key, const std::vector<std::string>& notes) {
    if (toml::array* list = root[key].as_array())
      for (std::size_t i = 0; i < list->size() && i < notes.size(); ++i) comments[&(*list)[i]] = notes[i];
  };
  note_list("member", member_notes);
  note_list("income", income_notes);
  note_list("cost", cost_notes);
  note_list("insats", insats_notes);

  std::string header =
      fmt::format("# {}: the merged förbund from January {}, written by finsim merge from:\n", o.name, o.from_year);
  for (const Input& in : inputs) header += fmt::format("#   {} ({})\n", in.path, in.scenario.forbund.name);
  if (!result.dropped.empty()) {
    header += "# Insatser left behind (--drop):";
    for (const std::string& d : result.dropped) header += " " + d + ";";
    header += '\n';
  }
  if (returned_total > 0.0) {
    header += "# Equity returned to the members at the merger:\n";
    for (std::size_t m = 0; m < result.members.size(); ++m)
      if (result.returned[m] != 0.0)
        header += fmt::format("#   {}: {} kr\n", result.members[m], format_kronor(result.returned[m]));
  }
  header += "# [actual] and [year_to_date] of the förbund are left out: they describe the separate förbund.\n\n";
  result.text = header + tree_text(root, comments);
  return result;
}

}  // namespace finsim
