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
#include "models/flow_inputs.h"
#include "models/projection.h"
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

/// Refuses the merge for `key` of förbund `in`: at the key's file, line and column when the
/// key is written (in the file or its base), else at the file.
[[noreturn]] void refuse(const Input& in, const std::string& key, const std::string& message)
{
  if (const toml::node* node = in.tree.root.at_path(key).node())
    throw InputError({in.tree.problem(node->source(), key, message)});
  throw InputError({Problem{in.path, 0, 0, key, message}});
}

/// The names each list kind shares with another förbund.
struct Clashes {
  std::set<std::string> income, cost, insats;
  const std::set<std::string>& of(const std::string& kind) const
  {
    return kind == "income" ? income : kind == "cost" ? cost : insats;
  }
};

/// Kansli or styrelse of the merged förbund: the option's one line, or the förbund's fixed lines
/// of the kind summed into one.
struct Admin {
  CostKind kind;
  const char* label;
  std::optional<double> given;
  std::vector<double> sum;
  std::vector<std::string> from;
  std::vector<Payment> payments;  ///< of the lines summed
};

/// Where an entry of the merged file came from, for messages.
struct Origin {
  const Input* input = nullptr;      ///< its förbund; nullptr: made by the merge
  const toml::node* node = nullptr;  ///< its table in the förbund's tree
  std::string made;                  ///< made by the merge: what it is
};

/// The merged file as the steps of merge_scenarios build it.
struct Draft {
  toml::table root;
  toml::array incomes, costs, insatser;  ///< the lines carried, placed in `root` at the end
  /// Per list ("member", "income", "cost", "insats"): one comment per entry, in the list's order.
  std::map<std::string, std::vector<std::string>> notes;
  /// Per list, and per table ("forbund", "funding", "valuation"): where each entry came from.
  std::map<std::string, std::vector<Origin>> origins;
  std::string forbund_note, funding_note, valuation_note;
  std::vector<std::vector<std::size_t>> member_index;  ///< per förbund: its members' places in the merged list
  Clashes clashes;
  std::vector<toml::table> renamed;  ///< per förbund: its tree with its entries under their merged names
  /// "<kind>.<merged name>." of each entry left behind: an insats of --drop, a line --kansli or
  /// --styrelse replaces (their correlations go with them)
  std::vector<std::string> gone_paths;
  double returned_total = 0.0;
  MergedScenario result;
};

/// Each file read as a tree (for its text) and as a scenario (for its figures).
std::vector<Input> read_inputs(const std::vector<std::string>& paths)
{
  std::vector<Input> inputs;
  for (const std::string& path : paths) {
    std::string text = read_scenario_bytes(path);
    ScenarioTree tree = read_scenario_tree(text, path);
    inputs.push_back(Input{path, std::move(tree), read_scenario_text(std::move(text), path)});
  }
  return inputs;
}

/// The inputs' shared horizon and growth (clarification 47), and names that tell them apart.
void check_mergeable(const std::vector<Input>& inputs, const MergeOptions& o)
{
  const Input& first = inputs.front();
  for (std::size_t f = 0; f < inputs.size(); ++f) {
    const Input& in = inputs[f];
    const Forbund& fb = in.scenario.forbund;
    if (fb.first_year != o.from_year)
      refuse(in, "forbund.first_year",
             fmt::format("= {}: det sammanslagna förbundet börjar i januari {} (--from); ge varje förbunds scenario "
                         "från {}",
                         fb.first_year, o.from_year, o.from_year));
    if (fb.years != first.scenario.forbund.years)
      refuse(in, "forbund.years",
             fmt::format("= {}, men {} har {}: förbunden måste omfatta samma år", fb.years, first.path,
                         first.scenario.forbund.years));
    if (!(in.scenario.funding.state_growth.distribution == first.scenario.funding.state_growth.distribution))
      refuse(in, "funding.state_growth",
             fmt::format("skiljer sig från den i {}: förbunden måste ha samma state_growth för att slås samman",
                         first.path));
    for (std::size_t g = 0; g < f; ++g)
      if (inputs[g].scenario.forbund.name == fb.name)
        refuse(in, "forbund.name",
               fmt::format("= \"{}\", samma namn som i {}: det sammanslagna scenariot skiljer förbundens poster åt "
                           "med förbundens namn; ge förbunden olika namn",
                           fb.name, inputs[g].path));
  }
}

/// The place of a value in its förbund's files: "file:line" (the base's file for a variant's
/// inherited value).
std::string place_of(const Input& in, const toml::node& node)
{
  const Problem p = in.tree.problem(node.source(), "", "");
  return p.line > 0 ? fmt::format("{}:{}", p.file, p.line) : p.file;
}

/// A member several förbund share is one member: the same kind and, where both files give them,
/// the same population and allocation figures. `a` is its table in `first`, `b` in `in`.
void check_same_member(const Input& first, const toml::table& a, const Member& ma, const Input& in,
                       const toml::table& b, const Member& mb)
{
  const std::string key = "member." + mb.name;
  if (ma.kind != mb.kind)
    throw InputError({in.tree.problem(
        (b.get("kind") != nullptr ? *b.get("kind") : static_cast<const toml::node&>(b)).source(), key + ".kind",
        fmt::format("= \"{}\", men {} ger \"{}\": en medlem i flera förbund är samma medlem; ge samma kind i båda "
                    "filerna, eller olika namn om det är olika medlemmar",
                    enum_name(mb.kind), place_of(first, a.get("kind") != nullptr ? *a.get("kind") : a),
                    enum_name(ma.kind)))});
  for (auto [name, x, y] : {std::tuple{"population", ma.population, mb.population},
                            std::tuple{"forsorjningsmatt", ma.forsorjningsmatt, mb.forsorjningsmatt},
                            std::tuple{"population_16_64", ma.population_16_64, mb.population_16_64}}) {
    const toml::node* at_a = a.get(name);
    const toml::node* at_b = b.get(name);
    if (at_a == nullptr || at_b == nullptr || x == y) continue;
    throw InputError({in.tree.problem(
        at_b->source(), key + "." + name,
        fmt::format("= {}, men {} ger {}: en kommun i flera förbund har ett värde; ge samma {} i båda filerna "
                    "(det sammanslagna förbundet fördelar efter det)",
                    y, place_of(first, *at_a), x, name))});
  }
}

/// [[member]]: the state members and regions once, every kommun with its figures; a member of
/// several förbund must agree in each (check_same_member).
void merge_members(const std::vector<Input>& inputs, Draft& d)
{
  struct Seen {
    std::size_t forbund, index, merged;  ///< where a member was first written, and its place in the merged list
  };
  toml::array members;
  std::vector<std::string>& notes = d.notes["member"];
  std::map<std::string, Seen> seen;
  for (std::size_t f = 0; f < inputs.size(); ++f) {
    const toml::array* list = inputs[f].tree.root["member"].as_array();
    for (std::size_t i = 0; list != nullptr && i < list->size(); ++i) {
      const Member& m = inputs[f].scenario.members[i];
      if (const auto at = seen.find(m.name); at != seen.end()) {
        const Input& first = inputs[at->second.forbund];
        const std::size_t j = at->second.index;
        check_same_member(first, *(*first.tree.root["member"].as_array())[j].as_table(), first.scenario.members[j],
                          inputs[f], *(*list)[i].as_table(), m);
        notes[at->second.merged] += ", " + inputs[f].scenario.forbund.name;
        continue;
      }
      seen[m.name] = Seen{f, i, members.size()};
      d.origins["member"].push_back(Origin{&inputs[f], &(*list)[i], ""});
      members.push_back(*(*list)[i].as_table());
      notes.push_back("från " + inputs[f].scenario.forbund.name);
      d.result.members.push_back(m.name);
    }
  }
  for (const Input& in : inputs) {
    d.member_index.emplace_back();
    for (const Member& m : in.scenario.members) d.member_index.back().push_back(seen.at(m.name).merged);
  }
  d.root.insert_or_assign("member", std::move(members));
}

/// The opening payables and receivables summed; each keeps the month it is settled in, which
/// the förbund must share.
std::pair<OpeningItem, OpeningItem> summed_opening_items(const std::vector<Input>& inputs)
{
  OpeningItem payables, receivables;
  for (const Input& in : inputs) {
    const Forbund& fb = in.scenario.forbund;
    for (auto [item, sum, key] : {std::tuple{&fb.opening_payables, &payables, "forbund.opening_payables"},
                                  std::tuple{&fb.opening_receivables, &receivables, "forbund.opening_receivables"}}) {
      if (item->amount == 0.0) continue;
      if (sum->amount != 0.0 && sum->month != item->month)
        refuse(in, key,
               "regleras en annan månad än de andra förbundens: ge dem samma månad, eller reglera dem den första "
               "månaden");
      sum->amount += item->amount;
      sum->month = item->month;
    }
  }
  return {payables, receivables};
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

/// The equity returned to the members at the merger (clarification 49): each förbund's part
/// goes to its own members in proportion to what they paid in. Sets `d.result.returned` and
/// `d.returned_total`.
void return_equity(const std::vector<Input>& inputs, const MergeOptions& o, double equity, Draft& d)
{
  d.result.returned.assign(d.result.members.size(), 0.0);
  if (o.equity == EquityOption::pooled) return;
  const double kept = o.equity == EquityOption::keep ? o.keep : 0.0;
  if (kept > equity)
    throw InputError(
        fmt::format("--equity keep {}: förbundens eget kapital är tillsammans {} kr; behåll högst så "
                    "mycket",
                    format_kronor(kept), format_kronor(equity)));
  const double to_return = equity - kept;
  for (std::size_t f = 0; f < inputs.size(); ++f) {
    const double e = inputs[f].scenario.forbund.opening_equity;
    const double from_this = equity != 0.0 ? to_return * e / equity : 0.0;
    const std::vector<double> paid = paid_in(inputs[f].scenario);
    double total = 0.0;
    for (double p : paid) total += p;
    for (std::size_t m = 0; m < paid.size(); ++m)
      d.result.returned[d.member_index[f][m]] += total > 0.0 ? from_this * paid[m] / total : 0.0;
  }
  d.returned_total = to_return;
}

/// An opening item as the merged file writes it: the amount, with its month when not the first.
void put_opening_item(toml::table& forbund, const OpeningItem& item, const char* key, const char* when, int from_year)
{
  if (item.month == 0) {
    put(forbund, key, item.amount);
    return;
  }
  toml::table t;
  put(t, "amount", item.amount);
  t.insert_or_assign(when, month_at(from_year, item.month).to_string());
  forbund.insert_or_assign(key, std::move(t));
}

/// [forbund]: the merged förbund's name, horizon and opening position (clarification 49).
void merge_opening_position(const std::vector<Input>& inputs, const MergeOptions& o, Draft& d)
{
  double equity = 0.0, cash = 0.0;
  for (const Input& in : inputs) {
    equity += in.scenario.forbund.opening_equity;
    cash += in.scenario.forbund.opening_cash;
    d.result.forbund.push_back(in.scenario.forbund.name);
    d.result.equity_brought_in.push_back(in.scenario.forbund.opening_equity);
  }
  const auto [payables, receivables] = summed_opening_items(inputs);
  return_equity(inputs, o, equity, d);
  d.result.opening_equity = equity - d.returned_total;
  d.result.opening_cash = cash - d.returned_total;

  const Forbund& first = inputs.front().scenario.forbund;
  toml::table forbund;
  forbund.insert_or_assign("name", o.name);
  put(forbund, "first_year", o.from_year);
  put(forbund, "years", first.years);
  put(forbund, "opening_equity", d.result.opening_equity);
  put(forbund, "opening_cash", d.result.opening_cash);
  put_opening_item(forbund, payables, "opening_payables", "paid", o.from_year);
  put_opening_item(forbund, receivables, "opening_receivables", "received", o.from_year);
  put(forbund, "equity_cap_share", first.equity_cap_share);
  put(forbund, "equity_floor", first.equity_floor);
  d.root.insert_or_assign("forbund", std::move(forbund));
  d.origins["forbund"] = {Origin{nullptr, nullptr, "[forbund], som merge bygger av förbundens"}};
  d.forbund_note = fmt::format(
      "Ingående ställning: {}.",
      o.equity == EquityOption::pooled
          ? "förbundens eget kapital summerat (--equity pooled)"
          : fmt::format("{} kr återbetalas till medlemmarna i proportion till vad var och en betalat in (--equity {})",
                        format_kronor(d.returned_total), o.equity == EquityOption::keep ? "keep" : "returned"));
}

/// The years funding sums are written for: as far as the longest list given (past it the merged
/// file's state_growth applies, drawn as in the separate förbund).
int summed_years(const std::vector<Input>& inputs)
{
  std::size_t listed = 1;
  for (const Input& in : inputs) {
    const Funding& fu = in.scenario.funding;
    if (fu.state) listed = std::max(listed, fu.state->values.size());
    if (fu.allocation) listed = std::max(listed, fu.allocation->national_total.values.size());
    for (const Series& c : fu.contributions) listed = std::max(listed, c.values.size());
  }
  return std::min(inputs.front().scenario.forbund.years, static_cast<int>(listed));
}

/// All förbund with `state`: the state halves summed per year.
std::string merge_state(const std::vector<Input>& inputs, toml::table& funding)
{
  const int years = summed_years(inputs);
  std::vector<double> sum(static_cast<std::size_t>(years), 0.0);
  for (const Input& in : inputs) {
    for (const Uncertain& u : in.scenario.funding.state->values)
      if (!u.is_fixed())
        refuse(in, u.path, "en fördelning kan inte summeras med de andra förbundens statliga hälft; ge tal");
    const std::vector<double> v = yearly(*in.scenario.funding.state, &in.scenario.funding.state_growth, years);
    for (int y = 0; y < years; ++y) sum[static_cast<std::size_t>(y)] += v[static_cast<std::size_t>(y)];
  }
  put_series(funding, "state", sum);
  return "state: förbundens statliga hälfter summerade per år";
}

/// All förbund with the allocation model: the same country, the shares summed, and
/// `forbund_count` n − 1 lower (clarification 47).
std::string merge_allocation(const std::vector<Input>& inputs, toml::table& funding)
{
  const int years = inputs.front().scenario.forbund.years;
  const Allocation& a0 = *inputs.front().scenario.funding.allocation;
  toml::table allocation = *inputs.front().tree.root["funding"]["allocation"].as_table();
  double s_f = 0.0, s_p = 0.0;
  for (const Input& in : inputs) {
    const Allocation& a = *in.scenario.funding.allocation;
    if (!(a.national_total.values.size() == a0.national_total.values.size()) || a.base_amount != a0.base_amount ||
        a.forsorjningsmatt_weight != a0.forsorjningsmatt_weight || a.population_weight != a0.population_weight ||
        yearly(a.national_total, nullptr, years) != yearly(a0.national_total, nullptr, years) ||
        yearly(a.forbund_count, nullptr, years) != yearly(a0.forbund_count, nullptr, years))
      refuse(in, "funding.allocation",
             fmt::format("national_total, forbund_count, base_amount och vikterna måste vara desamma som i {}: "
                         "landet är detsamma för alla förbund",
                         inputs.front().path));
    for (const Uncertain* share : {&a.forsorjningsmatt_share, &a.population_share})
      if (!share->is_fixed()) refuse(in, share->path, "en andel som fördelning kan inte summeras; ge ett tal");
    s_f += a.forsorjningsmatt_share.expected();
    s_p += a.population_share.expected();
  }
  for (const char* key : {"national_forsorjningsmatt", "national_population_16_64"}) allocation.erase(key);
  put(allocation, "forsorjningsmatt_share", s_f);
  put(allocation, "population_share", s_p);
  const std::size_t n = inputs.size();
  std::vector<double> count = yearly(a0.forbund_count, nullptr, years);
  for (double& c : count) c -= static_cast<double>(n - 1);
  put_series(allocation, "forbund_count", count);
  funding.insert_or_assign("allocation", std::move(allocation));
  return fmt::format(
      "allocation: förbundens andelar summerade; forbund_count {} lägre (resten av landet oförändrat), så det "
      "sammanslagna förbundet får ett grundbelopp i stället för {}",
      n - 1, n);
}

/// Förbund funded in different ways: each member's expected contributions summed per year.
std::string merge_contributions(const std::vector<Input>& inputs, const Draft& d, toml::table& funding)
{
  const int years = summed_years(inputs);
  toml::table contributions;
  std::vector<std::vector<double>> per_member(d.result.members.size(), std::vector<double>(years, 0.0));
  ExpectedValues expected;
  for (std::size_t f = 0; f < inputs.size(); ++f)
    for (int y = 0; y < years; ++y) {
      const std::vector<double> amounts = member_contributions(inputs[f].scenario, y, expected);
      for (std::size_t m = 0; m < amounts.size(); ++m)
        per_member[d.member_index[f][m]][static_cast<std::size_t>(y)] += amounts[m];
    }
  for (std::size_t m = 0; m < per_member.size(); ++m) put_series(contributions, d.result.members[m], per_member[m]);
  funding.insert_or_assign("contributions", std::move(contributions));
  return "contributions: varje medlems bidrag summerade per år (väntevärden)";
}

/// [funding] (clarification 47): the state halves, the allocation model or the contributions.
void merge_funding(const std::vector<Input>& inputs, Draft& d)
{
  const Funding& f0 = inputs.front().scenario.funding;
  toml::table funding;
  if (const toml::node* growth = inputs.front().tree.root["funding"]["state_growth"].node())
    funding.insert_or_assign("state_growth", *growth);
  funding.insert_or_assign("payment", std::string(enum_name(f0.payment)));
  const auto all = [&](auto has) { return std::all_of(inputs.begin(), inputs.end(), has); };
  d.result.lost_base_amounts = static_cast<int>(inputs.size()) - 1;
  d.result.base_amounts_modelled = all([](const Input& in) { return in.scenario.funding.allocation.has_value(); });
  if (all([](const Input& in) { return in.scenario.funding.state.has_value(); }))
    d.funding_note = merge_state(inputs, funding);
  else if (d.result.base_amounts_modelled)
    d.funding_note = merge_allocation(inputs, funding);
  else
    d.funding_note = merge_contributions(inputs, d, funding);
  d.root.insert_or_assign("funding", std::move(funding));
  d.origins["funding"] = {Origin{nullptr, nullptr, "[funding], som merge bygger av förbundens"}};
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

/// The names of list `member` (incomes, costs or insatser), per förbund.
template <class List>
std::vector<std::vector<std::string>> entry_names(const std::vector<Input>& inputs, List Scenario::*member)
{
  std::vector<std::vector<std::string>> names;
  for (const Input& in : inputs) {
    names.emplace_back();
    for (const auto& e : in.scenario.*member) names.back().push_back(e.name);
  }
  return names;
}

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

/// Entries under their merged names: a name used by more than one förbund gets its förbund's
/// name in front (clarification 48). The report runs each förbund under these names (without
/// [year_to_date]), so the draws match.
void rename_entries(const std::vector<Input>& inputs, Draft& d)
{
  d.clashes = Clashes{clashes(entry_names(inputs, &Scenario::incomes)), clashes(entry_names(inputs, &Scenario::costs)),
                      clashes(entry_names(inputs, &Scenario::insatser))};
  for (const Input& in : inputs) {
    d.renamed.push_back(in.tree.root);
    rename_clashes(d.renamed.back(), in.scenario.forbund.name, d.clashes);
    toml::table separate = d.renamed.back();
    separate.erase("year_to_date");
    d.result.separate.push_back(tree_text(separate));
  }
}

/// Insats `insats` of `s` with its kommun shares written out (kommun name → share, the kommuner
/// with a share): a default share is by the population of its own förbund's kommuner, which in
/// the merged förbund would become the whole county's.
void write_kommun_shares(toml::table& entry, const Scenario& s, const Insats& insats)
{
  toml::table* participants = entry["participants"].as_table();
  if (participants == nullptr || !insats.participants || participants->contains("kommun_shares")) return;
  const std::vector<double> shares = base_parameters(s, insats).kommun_shares;  // per kommun, in member order
  toml::table written;
  std::size_t k = 0;
  for (const Member& m : s.members)
    if (m.kind == MemberKind::kommun && k < shares.size())
      if (const double share = shares[k++]; share > 0.0) put(written, m.name, share);
  if (written.empty()) return;
  written.is_inline(true);
  participants->insert_or_assign("kommun_shares", std::move(written));
}

/// Carries entry `i` of list `kind` of förbund `f` (named `name` there) into `out` under its
/// merged name, with a note saying where it came from; an insats keeps its förbund's kommun shares.
void carry(const std::vector<Input>& inputs, std::size_t f, const char* kind, std::size_t i, const std::string& name,
           toml::array& out, Draft& d)
{
  toml::table entry = *(*d.renamed[f][kind].as_array())[i].as_table();
  std::string note = "från " + inputs[f].scenario.forbund.name;
  if (entry["name"].value_or(std::string()) != name) {
    note += fmt::format(" (där \"{}\")", name);
    d.result.renamed.push_back(entry["name"].value_or(std::string()));
  }
  if (std::string(kind) == "insats") write_kommun_shares(entry, inputs[f].scenario, inputs[f].scenario.insatser[i]);
  out.push_back(std::move(entry));
  d.notes[kind].push_back(note);
  d.origins[kind].push_back(Origin{&inputs[f], &(*inputs[f].tree.root[kind].as_array())[i], ""});
}

/// Whether cost `c` is a plain fixed line over the whole horizon (summed with its kind's kind).
bool plain_fixed(const Cost& c, const Scenario& s)
{
  return std::all_of(c.amount.values.begin(), c.amount.values.end(), [](const Uncertain& u) { return u.is_fixed(); }) &&
         c.growth.is_fixed() && c.probability == 1.0 && c.unless_income < 0 && c.active.first == 0 &&
         c.active.last == s.forbund.months() - 1;
}

/// Whether cost `c` of `s` goes into one of the merged admin lines (the option's line replaces
/// every line of its kind; a plain fixed line is summed); if so, it is counted there.
bool into_admin(const Cost& c, const Scenario& s, std::vector<Admin>& admin)
{
  Admin* a = nullptr;
  for (Admin& x : admin)
    if (x.kind == c.kind) a = &x;
  if (a == nullptr || (!a->given && !plain_fixed(c, s))) return false;
  if (!a->given) {
    const std::vector<double> v = yearly(c.amount, &c.growth, s.forbund.years);
    for (std::size_t y = 0; y < v.size(); ++y) a->sum[y] += v[y];
  }
  a->from.push_back(fmt::format("\"{}\" ({})", c.name, s.forbund.name));
  a->payments.push_back(c.payment);
  return true;
}

/// Whether insats `name` of förbund `in` is left behind (--drop); if so, it is recorded.
bool dropped(const Input& in, const std::string& name, const MergeOptions& o, std::set<std::string>& matched, Draft& d)
{
  const std::string renamed = in.scenario.forbund.name + ": " + name;
  const auto drop =
      std::find_if(o.drop.begin(), o.drop.end(), [&](const std::string& x) { return x == name || x == renamed; });
  if (drop == o.drop.end()) return false;
  matched.insert(*drop);
  d.gone_paths.push_back("insats." + (d.clashes.insats.count(name) > 0 ? renamed : name) + ".");
  d.result.dropped.push_back(fmt::format("{} ({})", name, in.scenario.forbund.name));
  return true;
}

/// The merged admin lines, one per kind: the option's amount (paid monthly) or the fixed lines
/// summed (paid as they are when they share a payment schedule, else monthly).
void add_admin_lines(const std::vector<Admin>& admin, Draft& d)
{
  for (const Admin& a : admin) {
    if (a.from.empty() && !a.given) continue;
    toml::table line;
    line.insert_or_assign("name", std::string(a.label));
    line.insert_or_assign("kind", std::string(enum_name(a.kind)));
    if (a.given)
      put(line, "amount", *a.given);
    else
      put_series(line, "amount", a.sum);
    const bool shared = !a.given && std::all_of(a.payments.begin(), a.payments.end(),
                                                [&](Payment x) { return x == a.payments.front(); });
    line.insert_or_assign(
        "payment", std::string(enum_name(shared && !a.payments.empty() ? a.payments.front() : Payment::monthly)));
    d.costs.push_back(std::move(line));
    std::string from;
    for (const std::string& x : a.from) from += (from.empty() ? "" : ", ") + x;
    const std::string option = a.label == std::string("Kansli") ? "kansli" : "styrelse";
    d.notes["cost"].push_back(a.given ? fmt::format("--{} {} kr: en rad i stället för {}", option,
                                                    format_kronor(*a.given), from.empty() ? "inga" : from)
                                      : "förbundens fasta rader summerade: " + from);
    d.origins["cost"].push_back(Origin{nullptr, nullptr,
                                       a.given ? fmt::format("raden {} som --{} ger", a.label, option)
                                               : fmt::format("raden {} som merge summerar av {}", a.label, from)});
  }
}

/// Incomes, costs and insatser carried over förbund by förbund; kansli and styrelse into the
/// admin lines, the insatser of --drop left behind.
void carry_lines(const std::vector<Input>& inputs, const MergeOptions& o, Draft& d)
{
  const auto years = static_cast<std::size_t>(inputs.front().scenario.forbund.years);
  std::vector<Admin> admin{{CostKind::kansli, "Kansli", o.kansli, std::vector<double>(years, 0.0), {}, {}},
                           {CostKind::styrelse, "Styrelse", o.styrelse, std::vector<double>(years, 0.0), {}, {}}};
  std::set<std::string> matched;  // the --drop names that matched
  for (std::size_t f = 0; f < inputs.size(); ++f) {
    const Scenario& s = inputs[f].scenario;
    for (std::size_t i = 0; i < s.incomes.size(); ++i) carry(inputs, f, "income", i, s.incomes[i].name, d.incomes, d);
    for (std::size_t i = 0; i < s.costs.size(); ++i) {
      const std::string& name = s.costs[i].name;
      if (!into_admin(s.costs[i], s, admin))
        carry(inputs, f, "cost", i, name, d.costs, d);
      else
        d.gone_paths.push_back("cost." + (d.clashes.cost.count(name) > 0 ? s.forbund.name + ": " + name : name) + ".");
    }
    for (std::size_t i = 0; i < s.insatser.size(); ++i)
      if (!dropped(inputs[f], s.insatser[i].name, o, matched, d))
        carry(inputs, f, "insats", i, s.insatser[i].name, d.insatser, d);
  }
  for (const std::string& x : o.drop)
    if (matched.count(x) == 0) {
      std::vector<std::string> names;
      for (const Input& in : inputs)
        for (const Insats& insats : in.scenario.insatser) names.push_back(insats.name);
      throw InputError(fmt::format("--drop \"{}\": ingen insats med det namnet i förbunden som slås samman{}", x,
                                   did_you_mean(x, names, '"', "insatserna")));
    }
  add_admin_lines(admin, d);
}

/// The correlations with their entries' new names, less those with an entry left behind.
void merge_correlations(const std::vector<Input>& inputs, Draft& d)
{
  toml::array correlations;
  for (std::size_t f = 0; f < inputs.size(); ++f)
    if (const toml::array* list = d.renamed[f]["correlation"].as_array())
      for (std::size_t i = 0; i < list->size(); ++i) {
        const toml::table& c = *(*list)[i].as_table();
        const bool gone = std::any_of(d.gone_paths.begin(), d.gone_paths.end(), [&](const std::string& x) {
          return c["a"].value_or(std::string()).rfind(x, 0) == 0 || c["b"].value_or(std::string()).rfind(x, 0) == 0;
        });
        if (gone) continue;
        correlations.push_back(c);
        d.origins["correlation"].push_back(
            Origin{&inputs[f], &(*inputs[f].tree.root["correlation"].as_array())[i], ""});
      }
  if (!correlations.empty()) d.root.insert_or_assign("correlation", std::move(correlations));
}

/// The valuation's figures are the county's: the first förbund's that gives one.
void carry_valuation(const std::vector<Input>& inputs, Draft& d)
{
  for (const Input& in : inputs)
    if (const toml::table* valuation = in.tree.root["valuation"].as_table()) {
      d.root.insert_or_assign("valuation", *valuation);
      d.valuation_note = "från " + in.scenario.forbund.name;
      d.origins["valuation"] = {Origin{&in, in.tree.root["valuation"].node(), ""}};
      return;
    }
}

/// Where `o` came from, for a message: its förbund's file and line, or what the merge made.
std::string describe(const Origin& o)
{
  if (o.input == nullptr) return o.made;
  return fmt::format("{} ({})", place_of(*o.input, *o.node), o.input->scenario.forbund.name);
}

/// A problem at entry `o` (at its förbund's file and line when it has one).
Problem problem_at(const Origin& o, const std::string& key, const std::string& message)
{
  if (o.input != nullptr) return o.input->tree.problem(o.node->source(), key, message);
  return Problem{"", 0, 0, key, message};
}

/// Every income, cost and insats of the merged file has a name of its own. A clash the renaming
/// leaves (a förbund's own "<other förbund>: <name>", a line named like a merged admin line) is
/// refused naming both entries' files.
void check_unique_names(const Draft& d)
{
  for (auto [kind, list] :
       {std::pair{"income", &d.incomes}, std::pair{"cost", &d.costs}, std::pair{"insats", &d.insatser}}) {
    const auto origins = d.origins.find(kind);
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < list->size() && origins != d.origins.end(); ++i) {
      const std::string name = (*(*list)[i].as_table())["name"].value_or(std::string());
      const auto [at, fresh] = seen.emplace(name, i);
      if (fresh) continue;
      const Origin& first = origins->second[at->second];
      const Origin& second = origins->second[i];
      throw InputError({problem_at(
          second.input != nullptr ? second : first, fmt::format("{}.{}.name", kind, name),
          fmt::format("\"{}\" blir två poster i det sammanslagna förbundet, från {} och från {}: ge den ena ett annat "
                      "namn",
                      name, describe(first), describe(second)))});
    }
  }
}

/// What the merge reads its own text as, in messages.
const char* const merged_source = "(det sammanslagna scenariot)";

/// Problem `p` of the merged text told at the entry it is in: at the entry's place in the
/// förbund's file it came from (the merged file is not written yet), or as made by the merge.
Problem at_source(const Problem& p, const ScenarioTree& written, const Draft& d, const std::vector<Input>& inputs)
{
  if (p.file != merged_source || p.line <= 0) return p;
  const Origin* origin = nullptr;  // of the last entry that starts at or before the problem's line
  long start = 0;
  auto consider = [&](const toml::node& node, const Origin& o) {
    const auto line = static_cast<long>(node.source().begin.line);
    if (line <= p.line && line > start) start = line, origin = &o;
  };
  for (const auto& [key, list] : d.origins)
    if (const toml::array* a = written.root[key].as_array())
      for (std::size_t i = 0; i < a->size() && i < list.size(); ++i) consider((*a)[i], list[i]);
    else if (const toml::node* t = written.root[key].node(); t != nullptr && !list.empty())
      consider(*t, list.front());
  if (origin == nullptr || origin->input == nullptr) {
    std::string files;
    for (const Input& in : inputs) files += (files.empty() ? "" : ", ") + in.path;
    return Problem{"", 0, 0, p.key,
                   fmt::format("{} (i det sammanslagna scenariot, rad {}: {}; förbunden: {})", p.message, p.line,
                               origin != nullptr ? origin->made : "som merge bygger", files)};
  }
  return problem_at(*origin, p.key,
                    fmt::format("{} (posten kommer från {}; i det sammanslagna scenariot rad {})", p.message,
                                origin->input->scenario.forbund.name, p.line));
}

/// The merged text read back as a scenario; its problems told at the förbund's files.
Scenario read_back(const std::string& text, const Draft& d, const std::vector<Input>& inputs)
{
  try {
    return read_scenario_text(text, merged_source);
  } catch (const InputError& e) {
    const ScenarioTree written = read_scenario_tree(text, merged_source);
    std::vector<Problem> problems;
    for (const Problem& p : e.problems()) problems.push_back(at_source(p, written, d, inputs));
    throw InputError(std::move(problems));
  }
}

/// The file's header: where it came from, what was left behind and what was returned.
std::string header(const std::vector<Input>& inputs, const MergeOptions& o, const Draft& d)
{
  std::string text = fmt::format("# {}: det sammanslagna förbundet från januari {}, skrivet av finsim merge ur:\n",
                                 o.name, o.from_year);
  for (const Input& in : inputs) text += fmt::format("#   {} ({})\n", in.path, in.scenario.forbund.name);
  if (!d.result.dropped.empty()) {
    text += "# Insatser som lämnas utanför (--drop):";
    for (const std::string& x : d.result.dropped) text += " " + x + ";";
    text += '\n';
  }
  if (d.returned_total > 0.0) {
    text += "# Eget kapital som återbetalas till medlemmarna vid sammanslagningen:\n";
    for (std::size_t m = 0; m < d.result.members.size(); ++m)
      if (d.result.returned[m] != 0.0)
        text += fmt::format("#   {}: {} kr\n", d.result.members[m], format_kronor(d.result.returned[m]));
  }
  return text + "# [actual] och [year_to_date] lämnas utanför: de beskriver de separata förbunden.\n\n";
}

/// The merged file's text: the lines placed, every entry with its comment, under the header.
std::string merged_text(const std::vector<Input>& inputs, const MergeOptions& o, Draft& d)
{
  for (auto [key, list] :
       {std::pair{"income", &d.incomes}, std::pair{"cost", &d.costs}, std::pair{"insats", &d.insatser}})
    if (!list->empty()) d.root.insert_or_assign(key, std::move(*list));
  TreeComments comments;
  comments[d.root["forbund"].node()] = d.forbund_note;
  comments[d.root["funding"].node()] = d.funding_note;
  if (toml::node* valuation = d.root["valuation"].node()) comments[valuation] = d.valuation_note;
  for (const auto& [key, notes] : d.notes)
    if (toml::array* list = d.root[key].as_array())
      for (std::size_t i = 0; i < list->size() && i < notes.size(); ++i) comments[&(*list)[i]] = notes[i];
  return header(inputs, o, d) + tree_text(d.root, comments);
}

/// The admin kinds no option replaced (the merged förbund keeps the förbund's sum) and what they
/// cost it per year: the expected accrual of its lines of those kinds, summed or carried.
void summed_admin(const MergeOptions& o, MergedScenario& m)
{
  std::vector<CostKind> kinds;
  for (const auto& [kind, given] :
       {std::pair{CostKind::kansli, o.kansli.has_value()}, std::pair{CostKind::styrelse, o.styrelse.has_value()}})
    if (!given) {
      kinds.push_back(kind);
      m.admin_summed.emplace_back(enum_name(kind));
    }
  if (kinds.empty()) return;
  const Projection p = project_expected(prepare(m.scenario));
  m.admin_summed_amount.assign(static_cast<std::size_t>(m.scenario.forbund.years), 0.0);
  for (std::size_t i = 0; i < m.scenario.costs.size(); ++i)
    if (std::find(kinds.begin(), kinds.end(), m.scenario.costs[i].kind) != kinds.end())
      for (std::size_t y = 0; y < m.admin_summed_amount.size(); ++y)
        m.admin_summed_amount[y] += p.finance.line_costs(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(y));
}

}  // namespace

MergedScenario merge_scenarios(const std::vector<std::string>& paths, const MergeOptions& o)
{
  const std::vector<Input> inputs = read_inputs(paths);
  check_mergeable(inputs, o);
  Draft d;
  merge_members(inputs, d);
  merge_opening_position(inputs, o, d);
  merge_funding(inputs, d);
  rename_entries(inputs, d);
  carry_lines(inputs, o, d);
  check_unique_names(d);
  merge_correlations(inputs, d);
  carry_valuation(inputs, d);
  d.result.text = merged_text(inputs, o, d);
  d.result.scenario = read_back(d.result.text, d, inputs);
  summed_admin(o, d.result);
  return std::move(d.result);
}

}  // namespace finsim
