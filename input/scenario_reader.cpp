#include "input/scenario_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "input/enum_names.h"
#include "input/participant_reader.h"
#include "input/toml_fields.h"
#include "input/variant.h"
#include "sampling/correlation.h"

namespace finsim {

namespace {

const Range money{0.0, 1e15, "≥ 0 (kr per år)"};
const Range any_money{-1e15, 1e15, "ett ändligt belopp (kr)"};
const Range share{0.0, 1.0, "mellan 0 och 1 (en andel)"};
const Range probability_range{0.0, 1.0, "mellan 0 och 1 (en sannolikhet)"};
const Range growth_range{-1.0, 10.0, "en årlig tillväxttakt > -1 (t.ex. 0.02 för 2 %)", true};
const Range population_range{0.0, 1e9, "> 0 (invånare)", true};

/// Reads a scenario in one pass over the TOML tree, collecting every problem.
class ScenarioReader {
 public:
  explicit ScenarioReader(const ScenarioTree& tree) : fields_(tree) {}

  Scenario read(const toml::table& root)
  {
    scenario_.forbund = Forbund{};
    fields_.check_keys(root, "",
                       {"forbund", "funding", "member", "income", "cost", "insats", "actual", "correlation",
                        "year_to_date", "valuation"});
    read_forbund(root);
    read_members(root);
    read_funding(root);
    read_incomes(root);
    read_costs(root);
    read_insatser(root);
    read_actual(root);
    read_correlations(root);
    read_year_to_date(root);
    read_valuation(root);
    scenario_.priors = fields_.priors();
    return std::move(scenario_);
  }

  const std::vector<Problem>& problems() const { return fields_.problems(); }

 private:
  int horizon_years() const { return horizon_ok_ ? scenario_.forbund.years : 30; }

  void read_forbund(const toml::table& root)
  {
    const toml::table* t = fields_.table(root, "forbund", "forbund", true);
    if (t == nullptr) return;
    fields_.check_keys(*t, "forbund",
                       {"name", "first_year", "years", "opening_equity", "opening_cash", "opening_payables",
                        "opening_receivables", "equity_cap_share", "equity_floor"});
    Forbund& f = scenario_.forbund;
    if (auto v = fields_.string(*t, "name", "forbund.name", true)) f.name = *v;
    auto first =
        fields_.integer(*t, "first_year", "forbund.first_year", true, 1900, 2200, "projektionens första kalenderår");
    auto years = fields_.integer(*t, "years", "forbund.years", true, 1, 30, "horisonten i kalenderår");
    if (first && years) {
      f.first_year = static_cast<int>(*first);
      f.years = static_cast<int>(*years);
      horizon_ok_ = true;
    }
    if (auto v = fields_.number(*t, "opening_equity", "forbund.opening_equity", true, any_money)) f.opening_equity = *v;
    if (auto v = fields_.number(*t, "opening_cash", "forbund.opening_cash", true, any_money)) f.opening_cash = *v;
    f.opening_payables = opening_item(*t, "opening_payables", "paid");
    f.opening_receivables = opening_item(*t, "opening_receivables", "received");
    if (auto v = fields_.number(*t, "equity_cap_share", "forbund.equity_cap_share", false, share))
      f.equity_cap_share = *v;
    if (auto v = fields_.number(*t, "equity_floor", "forbund.equity_floor", false, any_money)) f.equity_floor = *v;
  }

  /// An opening balance-sheet item: a number (settled in the horizon's first month) or
  /// { amount = …, <when> = "YYYY-MM" } (clarification 28).
  OpeningItem opening_item(const toml::table& t, const std::string& key, const std::string& when)
  {
    OpeningItem item;
    const std::string path = "forbund." + key;
    const toml::node* node = t.get(key);
    if (node == nullptr) return item;
    if (!node->is_table()) {
      item.amount = fields_.number(t, key, path, false, money).value_or(0.0);
      return item;
    }
    const toml::table& it = *node->as_table();
    fields_.check_keys(it, path, {"amount", when});
    item.amount = fields_.number(it, "amount", path + ".amount", true, money).value_or(0.0);
    const std::optional<YearMonth> month = fields_.month(it, when, path + "." + when);
    if (!month || !horizon_ok_) return item;
    const YearMonth start{scenario_.forbund.first_year, 1};
    item.month = month->index_from(start.year);
    if (item.month < 0)
      fields_.problem(it.get(when), path + "." + when,
                      fmt::format("= \"{}\" ligger före horisontens början ({}): en ingående post {} under "
                                  "horisonten eller senare; lämna den utanför balansen om den reglerades före",
                                  month->to_string(), start.to_string(), when == "paid" ? "betalas" : "tas emot"));
    return item;
  }

  /// The path of list element `i` of kind `kind`: "insats.SamCoach" once the name is known.
  static std::string element_path(const std::string& kind, std::size_t i, const toml::table& t)
  {
    const toml::node* name = t.get("name");
    if (name != nullptr && name->is_string() && !name->as_string()->get().empty())
      return kind + "." + name->as_string()->get();
    return fmt::format("{}[{}]", kind, i);
  }

  void check_unique(std::set<std::string>& seen, const std::string& name, const toml::table& t, const std::string& path,
                    const char* kind)
  {
    if (!seen.insert(name).second)
      fields_.problem(
          t.get("name"), path + ".name",
          fmt::format("namnet \"{}\" finns redan bland [[{}]]: varje post behöver ett eget namn", name, kind));
  }

  /// Calls `read(t, path, name)` for each [[kind]] table, in file order, after checking its keys
  /// and reading its name (unique among its kind).
  template <class Read>
  void each_entry(const toml::table& root, const std::string& kind, const std::vector<std::string>& allowed, Read read)
  {
    const toml::array* list = fields_.array_of_tables(root, kind, kind);
    if (list == nullptr) return;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const toml::table& t = *(*list)[i].as_table();
      const std::string path = element_path(kind, i, t);
      fields_.check_keys(t, path, allowed);
      std::string name;
      if (auto v = fields_.string(t, "name", path + ".name", true)) {
        name = *v;
        check_unique(seen, name, t, path, kind.c_str());
      }
      read(t, path, name);
    }
  }

  void read_members(const toml::table& root)
  {
    if (root.get("member") == nullptr)
      fields_.problem(nullptr, "member",
                      "inga [[member]]-tabeller: räkna upp förbundets medlemmar (state, region, kommun)");
    each_entry(root, "member", {"name", "kind", "population", "forsorjningsmatt", "population_16_64"},
               [&](const toml::table& t, const std::string& path, const std::string& name) {
                 Member m;
                 m.name = name;
                 const auto kind = fields_.choice(t, "kind", path + ".kind", true, enum_names<MemberKind>());
                 if (kind) m.kind = *parse_enum<MemberKind>(*kind);
                 member_tables_.push_back(kind ? &t : nullptr);  // a wrong kind: no checks that depend on it
                 // The kommun's own figures: its population splits the kommun quarter, its
                 // försörjningsmått and population 16–64 feed the allocation model.
                 const std::pair<const char*, double*> figures[] = {{"population", &m.population},
                                                                    {"forsorjningsmatt", &m.forsorjningsmatt},
                                                                    {"population_16_64", &m.population_16_64}};
                 for (const auto& [key, target] : figures) {
                   const std::string at = path + "." + key;
                   if (!kind)
                     fields_.number(t, key, at, false, population_range);
                   else if (t.get(key) != nullptr && m.kind != MemberKind::kommun)
                     fields_.problem(t.get(key), at,
                                     fmt::format("{} gäller bara medlemmar av kind = \"kommun\" (kommunens egen "
                                                 "siffra)",
                                                 key));
                   else if (auto v = fields_.number(t, key, at, false, population_range))
                     *target = *v;
                 }
                 scenario_.members.push_back(std::move(m));
               });
  }

  int member_index(const std::string& name) const
  {
    for (std::size_t i = 0; i < scenario_.members.size(); ++i)
      if (scenario_.members[i].name == name) return static_cast<int>(i);
    return -1;
  }

  std::vector<std::string> member_names() const
  {
    std::vector<std::string> names;
    for (const Member& m : scenario_.members) names.push_back(m.name);
    return names;
  }

  std::optional<Payment> payment(const toml::table& t, const std::string& path, Payment fallback)
  {
    auto v = fields_.choice(t, "payment", path + ".payment", false, enum_names<Payment>());
    if (!v) return t.get("payment") == nullptr ? std::optional<Payment>(fallback) : std::nullopt;
    return parse_enum<Payment>(*v);
  }

  Uncertain growth(const toml::table& t, const std::string& key, const std::string& path)
  {
    if (auto v = fields_.uncertain(t, key, path, false, growth_range)) return *v;
    return make_uncertain(Distribution::constant(0.0), path);
  }

  void read_funding(const toml::table& root)
  {
    const toml::table* t = fields_.table(root, "funding", "funding", true);
    if (t == nullptr) return;
    fields_.check_keys(*t, "funding", {"state", "state_growth", "payment", "contributions", "allocation"});
    Funding& f = scenario_.funding;
    f.state_growth = growth(*t, "state_growth", "funding.state_growth");
    if (auto p = payment(*t, "funding", Payment::quarterly_advance)) f.payment = *p;
    const int sources =
        (t->get("state") != nullptr) + (t->get("contributions") != nullptr) + (t->get("allocation") != nullptr);
    if (sources > 1) {
      fields_.problem(t, "funding",
                      "ge ett av funding.state (statens hälft), [funding.allocation] (statens fördelningsmodell) "
                      "eller [funding.contributions] (varje medlems belopp), inte flera");
      return;
    }
    if (sources == 0) {
      fields_.problem(t, "funding.state",
                      "saknas: ge funding.state (statens hälft, kr per år), [funding.allocation] (statens "
                      "fördelningsmodell) eller [funding.contributions] med varje medlems belopp");
      return;
    }
    if (t->get("state") != nullptr) {
      f.state = fields_.series(*t, "state", "funding.state", true, money, horizon_years());
      check_matching_members(*t, "state");
      return;
    }
    if (t->get("allocation") != nullptr) {
      read_allocation(*t);
      check_matching_members(*t, "allocation");
      return;
    }
    const toml::table* c = fields_.table(*t, "contributions", "funding.contributions", true);
    if (c == nullptr) return;
    f.contributions.resize(scenario_.members.size());
    std::vector<bool> given(scenario_.members.size(), false);
    for (auto&& [key, value] : *c) {
      std::string name(key.str());
      std::string path = "funding.contributions." + name;
      int index = member_index(name);
      if (index < 0) {
        fields_.problem(
            &value, path,
            fmt::format("\"{}\" är inget namn på en [[member]]{}", name, did_you_mean(name, member_names(), '"')));
        continue;
      }
      given[index] = true;
      if (auto s = fields_.series(*c, name, path, true, money, horizon_years())) f.contributions[index] = *s;
    }
    for (std::size_t i = 0; i < given.size(); ++i)
      if (!given[i])
        fields_.problem(c, "funding.contributions",
                        fmt::format("medlemmen \"{}\" har inget medlemsbidrag: ge dess belopp (0 om den inte "
                                    "betalar något)",
                                    scenario_.members[i].name));
  }

  /// `[funding.allocation]` (clarification 44): the national figures, the weights and this
  /// förbund's shares (given, or its kommuner's figures over the national totals).
  void read_allocation(const toml::table& funding)
  {
    const toml::table* t = fields_.table(funding, "allocation", "funding.allocation", true);
    if (t == nullptr) return;
    const std::string at = "funding.allocation.";
    fields_.check_keys(
        *t, "funding.allocation",
        {"national_total", "forbund_count", "base_amount", "forsorjningsmatt_weight", "population_weight",
         "forsorjningsmatt_share", "population_share", "national_forsorjningsmatt", "national_population_16_64",
         "max_yearly_cut", "equity_threshold_share", "equity_deduction_share"});
    Allocation a;
    const Range count{1.0, 10000.0, "mellan 1 och 10 000 (förbund)"};
    if (auto v = fields_.series(*t, "national_total", at + "national_total", true, money, horizon_years()))
      a.national_total = *v;
    if (auto v = fields_.series(*t, "forbund_count", at + "forbund_count", true, count, horizon_years()))
      a.forbund_count = *v;
    for (const Uncertain& n : a.forbund_count.values)
      if (!n.is_fixed()) fields_.problem(t->get("forbund_count"), n.path, "ska vara ett tal, inte en fördelning");
    a.base_amount = fields_.number(*t, "base_amount", at + "base_amount", false, money).value_or(400000.0);
    a.forsorjningsmatt_weight =
        fields_.number(*t, "forsorjningsmatt_weight", at + "forsorjningsmatt_weight", false, share).value_or(0.75);
    a.population_weight =
        fields_.number(*t, "population_weight", at + "population_weight", false, share).value_or(0.25);
    a.max_yearly_cut = fields_.number(*t, "max_yearly_cut", at + "max_yearly_cut", false, share);
    a.equity_threshold_share =
        fields_.number(*t, "equity_threshold_share", at + "equity_threshold_share", false, share);
    a.equity_deduction_share =
        fields_.number(*t, "equity_deduction_share", at + "equity_deduction_share", false, share);
    if (a.equity_threshold_share.has_value() != a.equity_deduction_share.has_value())
      fields_.problem(t, "funding.allocation",
                      "trappan (regeln om eget kapital) behöver både equity_threshold_share och "
                      "equity_deduction_share (eller ingen av dem: då gäller regeln inte)");
    // Each share: given directly, or the kommuner's figures over the national total.
    auto share_of = [&](const char* key, const char* national, double Member::*figure) {
      const std::string path = at + key;
      if (t->get(key) != nullptr) {
        if (t->get(national) != nullptr)
          fields_.problem(t->get(national), at + national,
                          fmt::format("ge antingen {} eller kommunernas siffror med {}, inte båda", key, national));
        return fields_.uncertain(*t, key, path, true, share).value_or(Uncertain{});
      }
      const std::optional<double> total = fields_.number(*t, national, at + national, false, population_range);
      if (!total) {
        fields_.problem(
            t, path,
            fmt::format("saknas: ge {} (förbundets andel) eller {} med varje kommunmedlems {}", key, national,
                        figure == &Member::forsorjningsmatt ? "forsorjningsmatt" : "population_16_64"));
        return Uncertain{};
      }
      double sum = 0.0;
      const char* figure_key = figure == &Member::forsorjningsmatt ? "forsorjningsmatt" : "population_16_64";
      for (std::size_t i = 0; i < scenario_.members.size(); ++i) {
        const Member& m = scenario_.members[i];
        sum += m.*figure;
        if (m.kind == MemberKind::kommun && member_tables_[i] != nullptr &&
            member_tables_[i]->get(figure_key) == nullptr)
          fields_.problem(member_tables_[i], "member." + m.name + "." + figure_key,
                          fmt::format("saknas: med {} behöver varje kommunmedlem sitt {} (eller ge {} direkt)",
                                      national, figure_key, key));
      }
      if (sum > *total)
        fields_.problem(t->get(national), at + national,
                        fmt::format("= {}: mindre än kommunmedlemmarnas summa {}; riksvärdet ska omfatta dem", *total,
                                    message_number(sum)));
      return make_uncertain(Distribution::constant(sum / *total), path, 0.0, 1.0);
    };
    a.forsorjningsmatt_share =
        share_of("forsorjningsmatt_share", "national_forsorjningsmatt", &Member::forsorjningsmatt);
    a.population_share = share_of("population_share", "national_population_16_64", &Member::population_16_64);
    // The rest shared by the shares must not be negative in any horizon year (expected values;
    // past its list national_total grows by the expected state_growth). The first such year is named.
    const std::size_t years = static_cast<std::size_t>(horizon_years());
    double total = 0.0;
    for (std::size_t y = 0; y < years && !a.national_total.values.empty() && !a.forbund_count.values.empty(); ++y) {
      total = y < a.national_total.values.size() ? a.national_total.values[y].expected()
                                                 : total * (1.0 + scenario_.funding.state_growth.expected());
      const double n = a.forbund_count.values[std::min(y, a.forbund_count.values.size() - 1)].expected();
      if (total - n * a.base_amount < 0.0) {
        fields_.problem(t, "funding.allocation",
                        fmt::format("riksramen ({} kr) år {} är mindre än antalet förbund ({}) gånger grundbeloppet "
                                    "({} kr): det som fördelas efter försörjningsmått och befolkning skulle bli "
                                    "negativt; ge en större national_total (eller en per år) eller ett mindre "
                                    "base_amount",
                                    message_kronor(total), scenario_.forbund.first_year + static_cast<int>(y),
                                    message_number(n), message_kronor(a.base_amount)));
        break;
      }
    }
    scenario_.funding.allocation = std::move(a);
  }

  void check_matching_members(const toml::table& funding, const char* key)
  {
    int state = 0, region = 0, kommun = 0;
    bool kinds_known = true;
    for (std::size_t i = 0; i < scenario_.members.size(); ++i) {
      const Member& m = scenario_.members[i];
      const toml::table* table = member_tables_[i];
      if (table == nullptr) {  // its kind is reported already
        kinds_known = false;
        continue;
      }
      if (m.kind == MemberKind::state) ++state;
      if (m.kind == MemberKind::region) ++region;
      if (m.kind == MemberKind::kommun) {
        ++kommun;
        if (!(m.population > 0) && table->get("population") == nullptr)
          fields_.problem(table, "member." + m.name + ".population",
                          "saknas: en kommun behöver sin population (invånare) för att kommunernas fjärdedel av "
                          "driftbidraget ska kunna fördelas");
      }
    }
    if (scenario_.members.empty() || !kinds_known) return;
    if (state == 0 || region == 0 || kommun == 0)
      fields_.problem(funding.get(key), std::string("funding.") + key,
                      fmt::format("medlemmarna matchar statens hälft bara med minst en medlem av varje kind: "
                                  "state, region och kommun (här {}, {} och {}); ge annars [funding.contributions]",
                                  state, region, kommun));
  }

  ActiveMonths active_months(const toml::table& t, const std::string& path)
  {
    const Forbund& f = scenario_.forbund;
    ActiveMonths a;
    a.from = YearMonth{f.first_year, 1};
    a.to = YearMonth{f.first_year + f.years - 1, 12};
    std::optional<YearMonth> from = fields_.month(t, "from", path + ".from");
    std::optional<YearMonth> to = fields_.month(t, "to", path + ".to");
    if (from) a.from = *from;
    if (to) a.to = *to;
    a.to_given = to.has_value();
    if (horizon_ok_) {
      YearMonth end{f.first_year + f.years - 1, 12};
      YearMonth start{f.first_year, 1};
      if (from && *from > end)
        fields_.problem(t.get("from"), path + ".from",
                        fmt::format("= \"{}\" ligger efter horisontens slut ({}): börja inom {}–{}", from->to_string(),
                                    end.to_string(), start.to_string(), end.to_string()));
      else if (to && *to < start)
        fields_.problem(t.get("to"), path + ".to",
                        fmt::format("= \"{}\" ligger före horisontens början ({}): posten skulle aldrig vara "
                                    "aktiv; ta bort den eller flytta den",
                                    to->to_string(), start.to_string()));
      else if (from && to && *to < *from)
        fields_.problem(t.get("to"), path + ".to",
                        fmt::format("= \"{}\" ligger före from = \"{}\": to ska vara samma månad som from eller "
                                    "senare",
                                    to->to_string(), from->to_string()));
      a.first = std::max(0, a.from.index_from(f.first_year));
      a.last = std::min(f.months() - 1, a.to.index_from(f.first_year));
    }
    return a;
  }

  double probability(const toml::table& t, const std::string& path)
  {
    return fields_.probability(t, "probability", path + ".probability", false, probability_range).value_or(1.0);
  }

  void read_incomes(const toml::table& root)
  {
    each_entry(root, "income", {"name", "amount", "from", "to", "probability", "payment"},
               [&](const toml::table& t, const std::string& path, const std::string& name) {
                 Income in;
                 in.name = name;
                 if (auto s = fields_.series(t, "amount", path + ".amount", true, money, horizon_years()))
                   in.amount = *s;
                 in.active = active_months(t, path);
                 in.probability = probability(t, path);
                 if (auto p = payment(t, path, Payment::quarterly_advance)) in.payment = *p;
                 scenario_.incomes.push_back(std::move(in));
               });
  }

  /// The index of the `[[income]]` that `key` (`unless`, `follows`) names, or -1 (a problem when
  /// it names none).
  int income_named(const toml::table& t, const std::string& key, const std::string& path)
  {
    const std::optional<std::string> v = fields_.string(t, key, path + "." + key, false);
    if (!v) return -1;
    std::vector<std::string> incomes;
    for (std::size_t k = 0; k < scenario_.incomes.size(); ++k) {
      incomes.push_back(scenario_.incomes[k].name);
      if (scenario_.incomes[k].name == *v) return static_cast<int>(k);
    }
    fields_.problem(
        t.get(key), path + "." + key,
        fmt::format("= \"{}\" är inget namn på en [[income]]{}", *v, did_you_mean(*v, incomes, '"', "intäkterna")));
    return -1;
  }

  /// `contracted` and `reserve` (clarification 97): how a forecast treats the line.
  void forecast_role(const toml::table& t, const std::string& path, bool& contracted, bool& reserve)
  {
    contracted = fields_.boolean(t, "contracted", path + ".contracted").value_or(false);
    reserve = fields_.boolean(t, "reserve", path + ".reserve").value_or(false);
    if (contracted && reserve)
      fields_.problem(t.get("reserve"), path + ".reserve",
                      "en post kan inte både vara avtalad (contracted) och en reserv (reserve); ta bort den ena");
  }

  void read_costs(const toml::table& root)
  {
    each_entry(root, "cost",
               {"name", "kind", "amount", "growth", "from", "to", "probability", "unless", "follows", "payment",
                "contracted", "reserve"},
               [&](const toml::table& t, const std::string& path, const std::string& name) {
                 Cost c;
                 c.name = name;
                 if (auto v = fields_.choice(t, "kind", path + ".kind", true, enum_names<CostKind>()))
                   c.kind = *parse_enum<CostKind>(*v);
                 if (auto s = fields_.series(t, "amount", path + ".amount", true, money, horizon_years()))
                   c.amount = *s;
                 c.growth = growth(t, "growth", path + ".growth");
                 c.active = active_months(t, path);
                 c.probability = probability(t, path);
                 c.unless_income = income_named(t, "unless", path);
                 c.follows_income = income_named(t, "follows", path);
                 if (t.contains("unless") && t.contains("follows"))
                   fields_.problem(t.get("follows"), path + ".follows",
                                   "kan inte stå tillsammans med unless: en kostnad följer en intäkt eller bokas "
                                   "när den uteblir; ta bort den ena");
                 if (auto p = payment(t, path, Payment::monthly)) c.payment = *p;
                 forecast_role(t, path, c.contracted, c.reserve);
                 scenario_.costs.push_back(std::move(c));
               });
  }

  void read_insatser(const toml::table& root)
  {
    each_entry(
        root, "insats",
        {"name", "kind", "owner", "budget", "from", "to", "utilization", "payment", "participants",
         "early_end_probability", "renewal_probability", "contracted", "reserve"},
        [&](const toml::table& t, const std::string& path, const std::string& name) {
          Insats in;
          in.name = name;
          if (auto v = fields_.choice(t, "kind", path + ".kind", true, enum_names<InsatsKind>()))
            in.kind = *parse_enum<InsatsKind>(*v);
          if (auto v = fields_.string(t, "owner", path + ".owner", false)) {
            in.owner = member_index(*v);
            if (in.owner < 0)
              fields_.problem(t.get("owner"), path + ".owner",
                              fmt::format("= \"{}\" är inget namn på en [[member]]{}", *v,
                                          did_you_mean(*v, member_names(), '"', "medlemmarna")));
          }
          if (auto s = fields_.series(t, "budget", path + ".budget", true, money, horizon_years())) in.budget = *s;
          in.active = active_months(t, path);
          if (auto u = fields_.uncertain(t, "utilization", path + ".utilization", false, share)) {
            in.utilization = *u;
            in.utilization_given = true;
          } else {
            in.utilization = default_utilization(path + ".utilization");
          }
          forecast_role(t, path, in.contracted, in.reserve);
          if (auto p = payment(t, path, Payment::quarterly_arrears)) in.payment = *p;
          in.participants = read_participants(fields_, t, path, scenario_, in.active);
          in.early_end_probability =
              fields_.probability(t, "early_end_probability", path + ".early_end_probability", false, probability_range)
                  .value_or(0.0);
          in.renewal_probability =
              fields_.probability(t, "renewal_probability", path + ".renewal_probability", false, probability_range)
                  .value_or(1.0);
          scenario_.insatser.push_back(std::move(in));
        });
  }

  void read_actual(const toml::table& root)
  {
    const toml::table* t = fields_.table(root, "actual", "actual", false);
    if (t == nullptr) return;
    fields_.check_keys(*t, "actual", {"year", "driftbidrag", "income", "costs", "result", "equity"});
    Actual a;
    a.year = scenario_.forbund.first_year;
    if (horizon_ok_) {
      const Forbund& f = scenario_.forbund;
      if (auto y = fields_.integer(*t, "year", "actual.year", false, f.first_year, f.first_year + f.years - 1,
                                   "ett år inom horisonten"))
        a.year = static_cast<int>(*y);
    }
    a.driftbidrag = fields_.number(*t, "driftbidrag", "actual.driftbidrag", false, money);
    a.income = fields_.number(*t, "income", "actual.income", false, money);
    a.costs = fields_.number(*t, "costs", "actual.costs", false, money);
    a.result = fields_.number(*t, "result", "actual.result", false, any_money);
    a.equity = fields_.number(*t, "equity", "actual.equity", false, any_money);
    scenario_.actual = a;
  }

  /// `[year_to_date]`: `through` in the first year, the driftbidrag and cash to date, and the
  /// booked amount per line name (clarifications 54–55).
  void read_year_to_date(const toml::table& root)
  {
    const toml::table* t = fields_.table(root, "year_to_date", "year_to_date", false);
    if (t == nullptr) return;
    fields_.check_keys(
        *t, "year_to_date",
        {"through", "driftbidrag", "cash", "lines", "basis", "driftbidrag_expected", "decided", "own_forecast"});
    YearToDate ytd;
    const Forbund& f = scenario_.forbund;
    if (std::optional<YearMonth> through = fields_.month(*t, "through", "year_to_date.through")) {
      ytd.through = *through;
      ytd.through_month = through->index_from(f.first_year);
      if (horizon_ok_ && through->year != f.first_year)
        fields_.problem(t->get("through"), "year_to_date.through",
                        fmt::format("= \"{}\": ska vara en månad i horisontens första år {} (t.ex. \"{}-08\")",
                                    through->to_string(), f.first_year, f.first_year));
    } else if (!t->contains("through")) {
      fields_.problem(t, "year_to_date", "nyckeln through saknas; den krävs (utfallets sista månad, \"ÅÅÅÅ-MM\")");
    }
    ytd.driftbidrag = fields_.number(*t, "driftbidrag", "year_to_date.driftbidrag", false, any_money);
    ytd.cash = fields_.number(*t, "cash", "year_to_date.cash", false, any_money);
    if (auto v = fields_.choice(*t, "basis", "year_to_date.basis", false, enum_names<BookingBasis>()))
      ytd.basis = *parse_enum<BookingBasis>(*v);
    ytd.driftbidrag_expected =
        fields_.number(*t, "driftbidrag_expected", "year_to_date.driftbidrag_expected", false, money);

    // Names are unique across incomes, costs and insatser and none is "driftbidrag".
    std::vector<std::string> names;
    for (const Income& x : scenario_.incomes) names.push_back(x.name);
    for (const Cost& x : scenario_.costs) names.push_back(x.name);
    for (const Insats& x : scenario_.insatser) names.push_back(x.name);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const bool reserved = names[i] == "driftbidrag";
      const bool repeated = std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
                            names.begin() + static_cast<std::ptrdiff_t>(i);
      if (reserved || repeated)
        fields_.problem(
            t, "year_to_date",
            fmt::format("postnamnet \"{}\" {}: med [year_to_date] behöver varje intäkt, kostnad och insats ett "
                        "eget namn; byt namn på posten",
                        names[i], reserved ? "är reserverat för medlemmarnas bidrag" : "används två gånger"));
    }
    read_line_amounts(*t, "lines", names, ytd.incomes, ytd.costs, ytd.insatser);
    read_decided(*t, names, ytd);
    read_own_forecast(*t, names, ytd);
    scenario_.year_to_date = ytd;
  }

  /// A table of line name → SEK under `[year_to_date]` (`lines`, `decided`, `own_forecast.lines`),
  /// sorted into incomes, costs and insatser by the line's name.
  void read_line_amounts(const toml::table& parent, const std::string& key, const std::vector<std::string>& names,
                         std::vector<std::optional<double>>& incomes, std::vector<std::optional<double>>& costs,
                         std::vector<std::optional<double>>& insatser, const std::string& prefix = "year_to_date.")
  {
    incomes.resize(scenario_.incomes.size());
    costs.resize(scenario_.costs.size());
    insatser.resize(scenario_.insatser.size());
    if (const toml::table* lines = fields_.table(parent, key, prefix + key, false)) {
      for (const auto& [line_key, node] : *lines) {
        const std::string name(line_key.str());
        const std::string path = prefix + key + "." + name;
        std::optional<double> amount = fields_.number_node(node, path, any_money);
        const std::size_t n_in = scenario_.incomes.size(), n_cost = scenario_.costs.size();
        const auto at = std::find(names.begin(), names.end(), name);
        if (at == names.end()) {
          fields_.problem(&node, path,
                          fmt::format("är inget namn på en intäkt, kostnad eller insats i scenariot{}; ge det "
                                      "bokförda beloppet under postens eget namn",
                                      did_you_mean(name, names, '"')));
          continue;
        }
        const auto k = static_cast<std::size_t>(at - names.begin());
        if (k < n_in)
          incomes[k] = amount;
        else if (k < n_in + n_cost)
          costs[k - n_in] = amount;
        else
          insatser[k - n_in - n_cost] = amount;
      }
    }
  }

  /// `[year_to_date.decided]`: what the board has decided to spend from a reserve in the rest of
  /// the year (clarification 97); only reserve lines may have an entry.
  void read_decided(const toml::table& t, const std::vector<std::string>& names, YearToDate& ytd)
  {
    std::vector<std::optional<double>> incomes, costs, insatser;
    read_line_amounts(t, "decided", names, incomes, costs, insatser);
    ytd.decided_costs.assign(costs.size(), 0.0);
    ytd.decided_insatser.assign(insatser.size(), 0.0);
    auto refuse = [&](const std::string& name) {
      fields_.problem(t.get("decided"), "year_to_date.decided." + name,
                      fmt::format("\"{}\" är ingen reserv: beslutade belopp gäller poster med reserve = true", name));
    };
    for (std::size_t i = 0; i < incomes.size(); ++i)
      if (incomes[i]) refuse(scenario_.incomes[i].name);
    for (std::size_t i = 0; i < costs.size(); ++i)
      if (costs[i]) {
        if (!scenario_.costs[i].reserve) refuse(scenario_.costs[i].name);
        ytd.decided_costs[i] = *costs[i];
      }
    for (std::size_t i = 0; i < insatser.size(); ++i)
      if (insatser[i]) {
        if (!scenario_.insatser[i].reserve) refuse(scenario_.insatser[i].name);
        ytd.decided_insatser[i] = *insatser[i];
      }
  }

  /// `own_forecast = { result = …, lines = { … } }`: the förbund's own prognos, shown beside.
  void read_own_forecast(const toml::table& t, const std::vector<std::string>& names, YearToDate& ytd)
  {
    const toml::table* own = fields_.table(t, "own_forecast", "year_to_date.own_forecast", false);
    if (own == nullptr) return;
    fields_.check_keys(*own, "year_to_date.own_forecast", {"result", "lines"});
    ytd.own.result = fields_.number(*own, "result", "year_to_date.own_forecast.result", false, any_money);
    read_line_amounts(*own, "lines", names, ytd.own.incomes, ytd.own.costs, ytd.own.insatser,
                      "year_to_date.own_forecast.");
  }

  /// `[valuation]`: the year the figures are from, the horizons, an optional discount rate and,
  /// per source of support at entry, `{ cost = SEK per year, payer = "..." }` (clarification 51).
  void read_valuation(const toml::table& root)
  {
    const toml::table* t = fields_.table(root, "valuation", "valuation", false);
    if (t == nullptr) return;
    std::vector<std::string> allowed{"year", "years", "discount_rate"};
    const auto& sources = support_names();
    allowed.insert(allowed.end(), sources.begin(), sources.begin() + entry_support_count);
    fields_.check_keys(*t, "valuation", allowed);
    Valuation v;
    if (auto y = fields_.integer(*t, "year", "valuation.year", true, 1900, 2200, "året som siffrorna gäller"))
      v.year = static_cast<int>(*y);
    if (const toml::node* years = t->get("years")) {
      const toml::array* list = years->as_array();
      v.years.clear();
      for (std::size_t i = 0; list != nullptr && i < list->size(); ++i)
        if (auto h = (*list)[i].value<std::int64_t>(); h && *h >= 1 && *h <= 50)
          v.years.push_back(static_cast<int>(*h));
      if (list == nullptr || list->empty() || v.years.size() != list->size())
        fields_.problem(years, "valuation.years",
                        fmt::format("= {}: ska vara en lista med horisonter i hela år från 1 till 50, t.ex. [1, 5]",
                                    TomlFields::describe(*years)));
    }
    v.discount_rate = fields_.number(*t, "discount_rate", "valuation.discount_rate", false, share).value_or(0.0);
    std::vector<std::string> payers = member_names();
    payers.insert(payers.begin(), {"kommun", "region"});
    for (int s = 0; s < entry_support_count; ++s) {
      const std::string path = "valuation." + sources[static_cast<std::size_t>(s)];
      const toml::table* c = fields_.table(*t, sources[static_cast<std::size_t>(s)], path, false);
      if (c == nullptr) continue;
      fields_.check_keys(*c, path, {"cost", "payer"});
      SupportCost cost;
      if (auto x = fields_.number(*c, "cost", path + ".cost", true, money)) cost.cost = *x;
      if (auto p = fields_.string(*c, "payer", path + ".payer", true)) {
        cost.payer = *p;
        if (std::find(payers.begin(), payers.end(), *p) == payers.end())
          fields_.problem(c->get("payer"), path + ".payer",
                          fmt::format("= \"{}\": ska vara \"kommun\" (deltagarens kommun), \"region\" eller en "
                                      "medlems namn{}",
                                      *p, did_you_mean(*p, payers, '"')));
        else if (std::find(v.payers.begin(), v.payers.end(), *p) == v.payers.end())
          v.payers.push_back(*p);
      }
      v.costs[static_cast<std::size_t>(s)] = cost;
    }
    scenario_.valuation = v;
  }

  void read_correlations(const toml::table& root)
  {
    const toml::array* list = fields_.array_of_tables(root, "correlation", "correlation");
    if (list == nullptr) return;
    std::vector<const Uncertain*> random = random_quantities(scenario_);
    std::vector<std::string> paths;
    for (const Uncertain* u : random) paths.push_back(u->path);
    auto find = [&](const std::string& path) -> const Uncertain* {
      for (const Uncertain* u : random)
        if (u->path == path) return u;
      return nullptr;
    };
    for (std::size_t i = 0; i < list->size(); ++i) {
      const toml::table& t = *(*list)[i].as_table();
      const std::string path = fmt::format("correlation[{}]", i);
      fields_.check_keys(t, path, {"a", "b", "rho"});
      auto a = fields_.string(t, "a", path + ".a", true);
      auto b = fields_.string(t, "b", path + ".b", true);
      auto rho = fields_.number(t, "rho", path + ".rho", true, Range{-1.0, 1.0, "mellan -1 och 1 (rangkorrelation)"});
      bool ok = a && b && rho;
      for (auto [name, key] : {std::pair{&a, "a"}, std::pair{&b, "b"}}) {
        if (!*name || find(**name) != nullptr) continue;
        fields_.problem(t.get(key), path + "." + key,
                        fmt::format("\"{}\" är ingen fördelning i scenariot{}", **name,
                                    did_you_mean(**name, paths, '"', "fördelningarna")));
        ok = false;
      }
      if (!ok) continue;
      if (*a == *b) {
        fields_.problem(&t, path, fmt::format("a och b är båda \"{}\": korrelera två olika fördelningar", *a));
        continue;
      }
      if (find(*a)->per_year() != find(*b)->per_year()) {
        fields_.problem(&t, path,
                        fmt::format("\"{}\" dras {} men \"{}\" {}: bara fördelningar som dras lika ofta kan korreleras "
                                    "(sätt per = \"run\" eller \"year\" på den ena)",
                                    *a, find(*a)->per_year() ? "per år" : "per körning", *b,
                                    find(*b)->per_year() ? "per år" : "per körning"));
        continue;
      }
      const auto same =
          std::find_if(scenario_.correlations.begin(), scenario_.correlations.end(),
                       [&](const Correlation& c) { return (c.a == *a && c.b == *b) || (c.a == *b && c.b == *a); });
      if (same != scenario_.correlations.end()) {  // reported here, at the second one
        fields_.problem(&t, path,
                        fmt::format("paret \"{}\" – \"{}\" korreleras redan (correlation[{}]): ge varje par en gång",
                                    *a, *b, same - scenario_.correlations.begin()));
        continue;
      }
      scenario_.correlations.push_back(Correlation{*a, *b, *rho});
    }
    if (std::string why = correlation_problem(scenario_.correlations); !why.empty())
      fields_.problem(list, "correlation", why);
  }

  TomlFields fields_;
  Scenario scenario_;
  std::vector<const toml::table*> member_tables_;  ///< per member, null when its kind is wrong
  bool horizon_ok_ = false;
};

}  // namespace

Scenario read_scenario_text(std::string text, const std::string& source)
{
  const ScenarioTree tree = read_scenario_tree(std::move(text), source);
  ScenarioReader reader(tree);
  Scenario scenario = reader.read(tree.root);
  if (!reader.problems().empty()) throw InputError(reader.problems());
  scenario.source = source;
  scenario.text = tree.is_variant() ? tree_text(tree.root) : tree.files.front().text;
  for (const SourceFile& f : tree.files) scenario.files.push_back(ScenarioFile{f.path, f.text});
  return scenario;
}

Scenario read_scenario_file(const std::string& path) { return read_scenario_text(read_scenario_bytes(path), path); }

}  // namespace finsim
