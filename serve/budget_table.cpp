#include "serve/budget_table.h"

#include "input/enum_names.h"
#include "models/finance_inputs.h"
#include "models/value_source.h"

namespace finsim::serve {

using nlohmann::json;

namespace {

/// Whether year `year` of a series (growing by `growth` past its list) is a plain number.
bool fixed_in_year(const Series& s, const Uncertain* growth, int year)
{
  const int listed = static_cast<int>(s.values.size());
  if (listed == 0) return false;
  if (year < listed) return s.values[static_cast<std::size_t>(year)].is_fixed();
  return s.values.back().is_fixed() && (growth == nullptr || growth->is_fixed());
}

/// Whether the line is active in some month of horizon year `year`.
bool active_in(const ActiveMonths& a, int year) { return a.first <= year * 12 + 11 && a.last >= year * 12; }

json row(const Scenario& s, std::string key, const std::string& name, const char* kind, const char* section,
         const Series& series, const Uncertain* growth, const ActiveMonths* active)
{
  ExpectedValues expected;
  json amounts = json::array(), editable = json::array();
  for (int y = 0; y < s.forbund.years; ++y) {
    const bool on = active == nullptr || active_in(*active, y);
    if (on && !series.values.empty()) {
      amounts.push_back(series_value(series, growth, y, expected));
      editable.push_back(fixed_in_year(series, growth, y));
    } else {
      amounts.push_back(nullptr);
      editable.push_back(false);
    }
  }
  return {{"key", std::move(key)}, {"name", name},         {"kind", kind},           {"section", section},
          {"amounts", amounts},    {"editable", editable}, {"utilization", nullptr}, {"early_end_probability", nullptr},
          {"payment", nullptr}};
}

}  // namespace

json budget_table(const Scenario& s)
{
  json rows = json::array();
  const Funding& f = s.funding;
  if (f.state) {
    json r = row(s, "funding.state", "Statens hälft", "state", "driftbidrag", *f.state, &f.state_growth, nullptr);
    r["payment"] = enum_name(f.payment);
    rows.push_back(r);
  } else if (!f.contributions.empty()) {
    for (std::size_t i = 0; i < s.members.size() && i < f.contributions.size(); ++i) {
      json r = row(s, "funding.contributions." + s.members[i].name, s.members[i].name, enum_name(s.members[i].kind),
                   "driftbidrag", f.contributions[i], &f.state_growth, nullptr);
      r["payment"] = enum_name(f.payment);
      rows.push_back(r);
    }
  } else {  // the allocation model: each member's share follows from it, not editable here
    ExpectedValues expected;
    for (std::size_t i = 0; i < s.members.size(); ++i) {
      json amounts = json::array(), editable = json::array();
      for (int y = 0; y < s.forbund.years; ++y) {
        amounts.push_back(member_contributions(s, y, expected)[i]);
        editable.push_back(false);
      }
      rows.push_back({{"key", "funding.allocation." + s.members[i].name},
                      {"name", s.members[i].name},
                      {"kind", enum_name(s.members[i].kind)},
                      {"section", "driftbidrag"},
                      {"amounts", amounts},
                      {"editable", editable},
                      {"utilization", nullptr},
                      {"early_end_probability", nullptr},
                      {"payment", enum_name(f.payment)}});
    }
  }
  for (const Income& i : s.incomes) {
    json r = row(s, "income." + i.name + ".amount", i.name, "income", "income", i.amount, nullptr, &i.active);
    r["payment"] = enum_name(i.payment);
    r["probability"] = i.probability;
    rows.push_back(r);
  }
  for (const Cost& c : s.costs) {
    json r = row(s, "cost." + c.name + ".amount", c.name, enum_name(c.kind), "cost", c.amount, &c.growth, &c.active);
    r["payment"] = enum_name(c.payment);
    rows.push_back(r);
  }
  for (const Insats& i : s.insatser) {
    json r = row(s, "insats." + i.name + ".budget", i.name, enum_name(i.kind), "insats", i.budget, nullptr, &i.active);
    r["utilization"] = i.utilization.expected();
    r["utilization_editable"] = i.utilization.is_fixed() && i.utilization_given;
    r["early_end_probability"] = i.early_end_probability;
    r["payment"] = enum_name(i.payment);
    rows.push_back(r);
  }
  return {{"first_year", s.forbund.first_year}, {"years", s.forbund.years}, {"rows", rows}};
}

}  // namespace finsim::serve
