#include "input/participant_reader.h"

#include <fmt/format.h>

#include <cmath>
#include <tuple>

namespace finsim {

const std::array<std::string, reason_count>& reason_names()
{
  static const std::array<std::string, reason_count> names{
      "arbete", "studier", "aktivt_arbetssokande", "ordinarie_rehab", "sjukersattning", "aktivitetsersattning",
      "halsa",  "flytt",   "foraldraledighet",     "annan",           "okand",          "tidsbegransning"};
  return names;
}

const std::array<std::string, support_count>& support_names()
{
  static const std::array<std::string, support_count> names{
      "sjukpenning", "sjukersattning",  "aktivitetsersattning", "a_kassa", "aktivitetsstod", "forsorjningsstod",
      "studiestod",  "annan_offentlig", "ingen_offentlig",      "arbete",  "studier"};
  return names;
}

const std::array<std::string, referrer_count>& referrer_names()
{
  static const std::array<std::string, referrer_count> names{"af", "fk", "kommun", "region", "self", "other"};
  return names;
}

const std::array<std::string, gender_count>& gender_labels()
{
  static const std::array<std::string, gender_count> names{"kvinnor", "män"};
  return names;
}

namespace {

const double share_tolerance = 1e-6;

/// A sum in a message: nine significant digits, in Swedish form ("0,95").
std::string summed(double x) { return message_number(std::stod(fmt::format("{:.9g}", x))); }
const Range count_range{0.0, 1e9, "≥ 0 (personer)"};
/// People an insats holds or is told of: a replication's work grows with them, and no förbund has a
/// million participants in one insats (clarification 60).
const Range people_range{0.0, max_people, "≥ 0 och högst 1 000 000 (personer)"};
const Range share_range{0.0, 1.0, "mellan 0 och 1 (en andel)"};
const Range rate_range{0.0, max_referrals_per_month, "≥ 0 och högst 100 000 (personer per månad)"};
const Range money_range{0.0, 1e15, "≥ 0 (kr)"};

/// Reads a table of non-negative weights keyed by `names` (the first `n` of them). Unknown names
/// get a suggestion. Sets `all_integers` when every value is a TOML integer (counts).
template <std::size_t N>
std::optional<std::array<double, N>> read_weights(TomlFields& fields, const toml::table& t, const std::string& path,
                                                  const std::string* names, const char* what,
                                                  bool* all_integers = nullptr)
{
  std::array<double, N> out{};
  std::vector<std::string> allowed(names, names + N);
  bool ok = true, integers = true;
  for (auto&& [key, value] : t) {
    const std::string name(key.str());
    const auto it = std::find(allowed.begin(), allowed.end(), name);
    if (it == allowed.end()) {
      fields.problem(&value, path + "." + name,
                     fmt::format("okänd {} '{}'{}", what, name, did_you_mean(name, allowed, '\'', "tillåtna")));
      ok = false;
      continue;
    }
    integers = integers && value.is_integer();
    if (auto v = fields.number(t, name, path + "." + name, true, count_range))
      out[static_cast<std::size_t>(it - allowed.begin())] = *v;
    else
      ok = false;
  }
  if (all_integers != nullptr) *all_integers = integers;
  if (!ok) return std::nullopt;
  return out;
}

template <std::size_t N>
bool sums_to_one(TomlFields& fields, const toml::node* node, const std::string& path, const std::array<double, N>& w)
{
  double sum = 0.0;
  for (double x : w) sum += x;
  if (std::fabs(sum - 1.0) <= share_tolerance) return true;
  fields.problem(node, path, fmt::format("andelarnas summa är {}: den ska vara 1 (på 0,000001 när)", summed(sum)));
  return false;
}

const toml::table* subtable(TomlFields& fields, const toml::table& t, const char* key, const std::string& path)
{
  return fields.table(t, key, path + "." + key, false);
}

/// seasonality: 12 monthly factors with mean 1.
void read_seasonality(TomlFields& fields, const toml::table& participants, const std::string& path, ParticipantSpec& p)
{
  const toml::table* t = &participants;
  if (const toml::node* node = t->get("seasonality")) {
    const toml::array* list = node->as_array();
    if (list == nullptr || list->size() != 12) {
      fields.problem(node, path + ".seasonality",
                     "ska vara en lista med 12 månadsfaktorer (januari först) med medelvärdet 1");
    } else {
      double sum = 0.0;
      bool ok = true;
      const Range factor{0.0, 12.0, "en månadsfaktor mellan 0 och 12"};
      for (std::size_t m = 0; m < 12; ++m) {
        const std::optional<double> v =
            fields.number_node((*list)[m], fmt::format("{}.seasonality[{}]", path, m), factor);
        ok = ok && v.has_value();
        p.seasonality[m] = v.value_or(0.0);
        sum += p.seasonality[m];
      }
      if (ok && std::fabs(sum / 12.0 - 1.0) > share_tolerance)
        fields.problem(
            node, path + ".seasonality",
            fmt::format("de 12 faktorernas medelvärde är {}: det ska vara 1 (på 0,000001 när)", summed(sum / 12.0)));
    }
  }
}

/// kommun_shares: kommun member name → share, summing to 1.
void read_kommun_shares(TomlFields& fields, const toml::table& participants, const std::string& path,
                        const Scenario& scenario, ParticipantSpec& p)
{
  const toml::table* t = &participants;
  // kommun_shares: kommun member name → share.
  std::vector<std::string> kommuner;
  for (const Member& m : scenario.members)
    if (m.kind == MemberKind::kommun) kommuner.push_back(m.name);
  if (const toml::table* k = subtable(fields, *t, "kommun_shares", path)) {
    std::vector<double> shares(scenario.members.size(), 0.0);
    double sum = 0.0;
    bool ok = true;
    for (auto&& [key, value] : *k) {
      const std::string name(key.str());
      auto it = std::find_if(scenario.members.begin(), scenario.members.end(),
                             [&](const Member& m) { return m.name == name && m.kind == MemberKind::kommun; });
      if (it == scenario.members.end()) {
        fields.problem(&value, path + ".kommun_shares." + name,
                       fmt::format("\"{}\" är ingen medlem av kind = \"kommun\"{}", name,
                                   did_you_mean(name, kommuner, '"', "kommunerna")));
        ok = false;
        continue;
      }
      if (auto v = fields.number(*k, name, path + ".kommun_shares." + name, true, share_range)) {
        shares[static_cast<std::size_t>(it - scenario.members.begin())] = *v;
        sum += *v;
      } else {
        ok = false;
      }
    }
    if (ok && std::fabs(sum - 1.0) > share_tolerance)
      fields.problem(k, path + ".kommun_shares",
                     fmt::format("andelarnas summa är {}: den ska vara 1 (på 0,000001 när)", summed(sum)));
    else if (ok)
      p.kommun_shares = shares;
  }
}

/// mean_stay_months: one number, or { women, men }.
void read_mean_stay(TomlFields& fields, const toml::table& participants, const std::string& path, ParticipantSpec& p)
{
  const toml::table* t = &participants;
  if (const toml::node* node = t->get("mean_stay_months")) {
    const Range stay{1.0, 600.0, "minst 1 (månader; inskrivningsmånaden räknas som den första)"};
    if (const toml::table* g = node->as_table()) {
      fields.check_keys(*g, path + ".mean_stay_months", {"women", "men"});
      auto w = fields.number(*g, "women", path + ".mean_stay_months.women", true, stay);
      auto m = fields.number(*g, "men", path + ".mean_stay_months.men", true, stay);
      if (w && m) p.mean_stay_months = std::array<double, gender_count>{*w, *m};
    } else if (auto v = fields.number(*t, "mean_stay_months", path + ".mean_stay_months", true, stay)) {
      p.mean_stay_months = std::array<double, gender_count>{*v, *v};
    }
  }
}

/// entry_support: shares over the nine sources, or { women = {…}, men = {…} }.
void read_entry_support(TomlFields& fields, const toml::table& participants, const std::string& path,
                        ParticipantSpec& p)
{
  const toml::table* t = &participants;
  // entry_support: shares over the nine sources, or { women = {...}, men = {...} }.
  std::fill(p.entry_support.begin(), p.entry_support.end(), EntrySupport{0, 0, 0, 0, 0, 0, 0, 1, 0});
  if (const toml::table* e = subtable(fields, *t, "entry_support", path)) {
    const bool per_gender = e->get("women") != nullptr || e->get("men") != nullptr;
    for (int g = 0; g < gender_count; ++g) {
      const toml::table* source = e;
      std::string where = path + ".entry_support";
      if (per_gender) {
        const char* key = g == women ? "women" : "men";
        where += std::string(".") + key;
        source = fields.table(*e, key, where, true);
        if (g == women) fields.check_keys(*e, path + ".entry_support", {"women", "men"});
      }
      if (source == nullptr) continue;
      if (auto w = read_weights<entry_support_count>(fields, *source, where, support_names().data(),
                                                     "försörjningskälla vid inskrivning"))
        if (sums_to_one(fields, source, where, *w)) p.entry_support[g] = *w;
      if (!per_gender) {
        p.entry_support[men] = p.entry_support[women];
        break;
      }
    }
  }
}

/// exit_support: per entry source, the shares of the sources at exit.
void read_exit_support(TomlFields& fields, const toml::table& participants, const std::string& path, ParticipantSpec& p)
{
  const toml::table* t = &participants;
  if (const toml::table* x = subtable(fields, *t, "exit_support", path)) {
    for (auto&& [key, value] : *x) {
      const std::string name(key.str());
      const std::string where = path + ".exit_support." + name;
      const auto& entry = support_names();
      const auto it = std::find(entry.begin(), entry.begin() + entry_support_count, name);
      if (it == entry.begin() + entry_support_count) {
        fields.problem(
            &value, where,
            fmt::format("okänd försörjningskälla vid inskrivning '{}'{}", name,
                        did_you_mean(name, std::vector<std::string>(entry.begin(), entry.begin() + entry_support_count),
                                     '\'', "tillåtna")));
        continue;
      }
      const toml::table* row = fields.table(*x, name, where, true);
      if (row == nullptr) continue;
      if (auto w = read_weights<support_count>(fields, *row, where, support_names().data(),
                                               "försörjningskälla vid avslut")) {
        double sum = 0.0;
        for (double v : *w) sum += v;
        if (std::fabs(sum - 1.0) > share_tolerance) {
          fields.problem(row, where,
                         fmt::format("radens summa är {}: varje rad i exit_support (källa vid inskrivning → källor "
                                     "vid avslut) ska summera till 1 (på 0,000001 när)",
                                     summed(sum)));
          continue;
        }
        const auto s = static_cast<Eigen::Index>(it - entry.begin());
        for (int c = 0; c < support_count; ++c) p.exit_support(s, c) = (*w)[static_cast<std::size_t>(c)];
        p.exit_support_row_given[static_cast<std::size_t>(s)] = true;
      }
    }
  }
}

/// observed: the figures a report gives for one period.
/// The observed counts against served (only when served itself was read: a missing served is
/// reported once, as missing).
void check_observed_counts(TomlFields& fields, const toml::table& o, const std::string& where, const Observed& obs)
{
  auto at_most_served = [&](const char* key, double value, const char* what, double slack) {
    if (value > obs.served + slack)
      fields.problem(
          o.get(key), where + "." + key,
          fmt::format("= {:g}: {} kan inte vara fler än served ({})", value, what, message_number(obs.served)));
  };
  at_most_served("new", obs.new_participants, "nya deltagare", 0.0);
  at_most_served("exits", obs.exits, "avslut", 0.0);
  if (obs.opening_active) at_most_served("opening_active", *obs.opening_active, "de aktiva vid periodens början", 0.0);
  if (obs.women || obs.men) {
    const double both = obs.women.value_or(0.0) + obs.men.value_or(0.0);
    if (both > obs.served + 0.5)
      fields.problem(o.get(obs.women ? "women" : "men"), where + (obs.women ? ".women" : ".men"),
                     fmt::format("women + men = {}: deltagare per kön kan inte vara fler än served ({})",
                                 message_number(both), message_number(obs.served)));
  }
}

/// The observed period must end within the horizon and start at most 360 months before it.
void check_observed_period(TomlFields& fields, const toml::table& o, const std::string& where, const Observed& obs,
                           const Scenario& scenario, const ActiveMonths& active)
{
  const Forbund& f = scenario.forbund;
  if (f.years <= 0 || obs.months <= 0) return;  // the horizon or the length is reported already
  const YearMonth start = obs.start_given ? obs.start : active.from;
  const int first = start.index_from(f.first_year), last = first + obs.months - 1;
  const YearMonth horizon_end = month_at(f.first_year, f.months() - 1);
  const YearMonth earliest = month_at(f.first_year, -360);
  if (last > f.months() - 1)
    fields.problem(o.get("start") != nullptr ? o.get("start") : &o, where + ".start",
                   fmt::format("perioden {} … {} slutar efter horisonten ({}): observerade siffror beskriver det "
                               "som varit; ge en period som slutar senast {}",
                               start.to_string(), month_at(f.first_year, last).to_string(), horizon_end.to_string(),
                               horizon_end.to_string()));
  else if (first < -360)
    fields.problem(o.get("start"), where + ".start",
                   fmt::format("= \"{}\" ligger mer än 30 år före horisontens början: ge en period från {} eller "
                               "senare",
                               start.to_string(), earliest.to_string()));
}

void read_observed(TomlFields& fields, const toml::table& participants, const std::string& path,
                   const Scenario& scenario, const ActiveMonths& active, ParticipantSpec& p)
{
  const toml::table* t = &participants;
  if (const toml::table* o = subtable(fields, *t, "observed", path)) {
    const std::string where = path + ".observed";
    fields.check_keys(
        *o, where, {"start", "months", "served", "new", "exits", "exits_by_reason", "women", "men", "opening_active"});
    Observed obs;
    const Problem at = fields.locate(o->source(), "", "");
    obs.file = at.file;
    obs.line = at.line;
    obs.column = at.column;
    if (auto s = fields.month(*o, "start", where + ".start")) {
      obs.start = *s;
      obs.start_given = true;
    }
    obs.months = static_cast<int>(
        fields.integer(*o, "months", where + ".months", true, 1, 360, "den rapporterade periodens längd i månader")
            .value_or(0));
    const std::optional<double> served = fields.number(*o, "served", where + ".served", true, people_range);
    obs.served = served.value_or(0.0);
    obs.new_participants = fields.number(*o, "new", where + ".new", true, people_range).value_or(0.0);
    obs.exits = fields.number(*o, "exits", where + ".exits", true, people_range).value_or(0.0);
    obs.women = fields.number(*o, "women", where + ".women", false, people_range);
    obs.men = fields.number(*o, "men", where + ".men", false, people_range);
    obs.opening_active = fields.number(*o, "opening_active", where + ".opening_active", false, people_range);
    if (const toml::table* r = subtable(fields, *o, "exits_by_reason", where))
      obs.exits_by_reason = read_weights<given_reason_count>(fields, *r, where + ".exits_by_reason",
                                                             reason_names().data(), "avslutsorsak");
    if (served) check_observed_counts(fields, *o, where, obs);
    check_observed_period(fields, *o, where, obs, scenario, active);
    if (obs.exits_by_reason) {
      double sum = 0.0;
      for (double x : *obs.exits_by_reason) sum += x;
      if (std::fabs(sum - obs.exits) > 0.5)
        fields.problem(o->get("exits_by_reason"), where + ".exits_by_reason",
                       fmt::format("antalen summerar till {} men exits = {}: de ska stämma överens",
                                   message_number(sum), message_number(obs.exits)));
    }
    p.observed = obs;
  }
}

/// What the flows need, given or derivable from the observed figures.
void check_derivable(TomlFields& fields, const toml::table& participants, const std::string& path,
                     const ParticipantSpec& p)
{
  const toml::table* t = &participants;
  // What the flows need, given or derivable. A key that is there but wrong is reported as wrong,
  // not also as missing.
  auto absent = [&](const char* key) { return t->get(key) == nullptr; };
  const bool observed = p.observed || t->get("observed") != nullptr;
  if (absent("referrals_per_month") && !observed)
    fields.problem(t, path + ".referrals_per_month",
                   "saknas: ge referrals_per_month, eller observerade siffror (observed) att räkna fram det ur");
  if (absent("mean_stay_months") && !observed)
    fields.problem(t, path + ".mean_stay_months",
                   "saknas: ge mean_stay_months, eller observerade siffror (observed) att räkna fram det ur");
  if (absent("exit_reasons") && !(p.observed && p.observed->exits_by_reason) && !observed)
    fields.problem(t, path + ".exit_reasons",
                   "saknas: ge exit_reasons (antal eller andelar), eller observed.exits_by_reason");
  const bool referred = (p.referrals_per_month && p.referrals_per_month->expected() > 0.0) ||
                        (p.observed && p.observed->new_participants > 0.0);
  if (p.capacity && *p.capacity == 0.0 && referred)
    fields.problem(t->get("capacity"), path + ".capacity",
                   "= 0 men insatsen tar emot remisser: ge antalet platser (> 0)");
}

}  // namespace

std::optional<ParticipantSpec> read_participants(TomlFields& fields, const toml::table& insats,
                                                 const std::string& insats_path, const Scenario& scenario,
                                                 const ActiveMonths& active)
{
  const std::string path = insats_path + ".participants";
  const toml::table* t = fields.table(insats, "participants", path, false);
  if (t == nullptr) return std::nullopt;
  fields.check_keys(
      *t, path,
      {"capacity", "opening_active", "opening_queue", "queue_abandon_per_month", "referrals_per_month", "seasonality",
       "referrers", "women_share", "kommun_shares", "mean_stay_months", "max_stay_months", "exit_reasons",
       "entry_support", "exit_support", "observed", "cost_per_start", "cost_per_participant_month"});
  const std::size_t problems_before = fields.problems().size();
  ParticipantSpec p;
  p.capacity = fields.number(*t, "capacity", path + ".capacity", false, count_range);
  p.opening_active = fields.number(*t, "opening_active", path + ".opening_active", false, people_range);
  p.opening_queue = fields.number(*t, "opening_queue", path + ".opening_queue", false, people_range).value_or(0.0);
  p.queue_abandon_per_month =
      fields.number(*t, "queue_abandon_per_month", path + ".queue_abandon_per_month", false, share_range).value_or(0.0);
  p.referrals_per_month = fields.uncertain(*t, "referrals_per_month", path + ".referrals_per_month", false, rate_range);
  p.women_share = fields.number(*t, "women_share", path + ".women_share", false, share_range);
  p.cost_per_start = fields.number(*t, "cost_per_start", path + ".cost_per_start", false, money_range).value_or(0.0);
  p.cost_per_participant_month =
      fields.number(*t, "cost_per_participant_month", path + ".cost_per_participant_month", false, money_range)
          .value_or(0.0);
  p.max_stay_months = static_cast<int>(
      fields.integer(*t, "max_stay_months", path + ".max_stay_months", false, 1, 600, "månader en deltagare får stanna")
          .value_or(0));

  read_seasonality(fields, *t, path, p);
  if (const toml::table* r = subtable(fields, *t, "referrers", path)) {
    if (auto w = read_weights<referrer_count>(fields, *r, path + ".referrers", referrer_names().data(), "remittent"))
      if (sums_to_one(fields, r, path + ".referrers", *w)) p.referrers = *w;
  }

  read_kommun_shares(fields, *t, path, scenario, p);
  read_mean_stay(fields, *t, path, p);
  if (const toml::table* r = subtable(fields, *t, "exit_reasons", path)) {
    bool counts = false;
    if (auto w = read_weights<given_reason_count>(fields, *r, path + ".exit_reasons", reason_names().data(),
                                                  "avslutsorsak", &counts)) {
      double sum = 0.0;
      for (double x : *w) sum += x;
      if (counts && sum <= 0.0)
        fields.problem(r, path + ".exit_reasons", "antalen summerar till 0: ge minst ett avslut");
      else if (counts || sums_to_one(fields, r, path + ".exit_reasons", *w)) {
        p.exit_reasons = *w;
        p.exit_reasons_are_counts = counts;
      }
    }
  }

  read_entry_support(fields, *t, path, p);
  read_exit_support(fields, *t, path, p);
  read_observed(fields, *t, path, scenario, active, p);
  check_derivable(fields, *t, path, p);
  if (fields.problems().size() != problems_before) return std::nullopt;
  return p;
}

}  // namespace finsim
