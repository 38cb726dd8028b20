#include "serve/new_forbund.h"

#include <fmt/format.h>

#include <algorithm>

#include "input/enum_names.h"
#include "input/input_error.h"
#include "input/scenario_reader.h"
#include "models/projection.h"
#include "output/display_names.h"
#include "serve/http_error.h"

namespace finsim::serve {

using nlohmann::json;

json paste_problems_json(const std::vector<PasteProblem>& problems)
{
  json out = json::array();
  for (const PasteProblem& p : problems) {
    json j = {{"row", p.row}, {"column", p.column}, {"level", p.level}, {"message", p.message}};
    if (!p.field.empty()) j["field"] = p.field;
    if (p.member > 0) j["member"] = p.member;
    out.push_back(std::move(j));
  }
  return out;
}

json pasted_budget_json(const PastedBudget& b)
{
  json rows = json::array(), subtotals = json::array();
  for (const PastedRow& r : b.rows)
    rows.push_back({{"name", r.name},
                    {"kind", enum_name(r.kind)},
                    {"section", r.section},
                    {"amounts", r.amounts},
                    {"row", r.row}});
  for (const PastedSubtotal& s : b.subtotals)
    subtotals.push_back(
        {{"name", s.name}, {"row", s.row}, {"year", s.year}, {"expected", s.expected}, {"found", s.found}});
  return {{"years", b.years},
          {"rows", rows},
          {"subtotals", subtotals},
          {"subtotals_checked", b.subtotals_checked},
          {"problems", paste_problems_json(b.problems)}};
}

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& what)
{
  throw HttpError(400, fmt::format("\"{}\" {}", field, what));
}

/// A number, or an amount as a Swedish user types it ("1 416 000 kr").
double amount_of(const json& v, const std::string& field)
{
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    std::string error;
    if (const std::optional<double> x = read_amount_cell(v.get<std::string>(), 1.0, error)) return *x;
    bad(field, error);
  }
  bad(field, "ska vara ett belopp, t.ex. 500000 eller \"500 000 kr\"");
}

std::optional<double> optional_amount(const json& o, const char* key, const std::string& field)
{
  if (!o.contains(key) || o[key].is_null() || (o[key].is_string() && o[key].get<std::string>().empty()))
    return std::nullopt;
  return amount_of(o[key], field);
}

/// A number or a list of numbers (one per year).
std::vector<double> amounts_of(const json& v, const std::string& field)
{
  std::vector<double> out;
  if (v.is_array()) {
    if (v.size() > 100) bad(field, "har fler än 100 år");
    for (std::size_t k = 0; k < v.size(); ++k) out.push_back(v[k].is_null() ? 0.0 : amount_of(v[k], field));
  } else {
    out.push_back(amount_of(v, field));
  }
  return out;
}

std::string text_of(const json& o, const char* key, const std::string& field)
{
  if (!o.contains(key) || o[key].is_null()) return "";
  if (!o[key].is_string()) bad(field, "ska vara en text");
  std::string s = o[key].get<std::string>();
  if (s.size() > 200) bad(field, "är längre än 200 tecken");
  return s;
}

int whole_of(const json& o, const char* key, const std::string& field)
{
  if (!o.contains(key) || o[key].is_null()) return 0;
  const double x = amount_of(o[key], field);
  if (x != static_cast<int>(x) || x < 0 || x > 3000) bad(field, "ska vara ett heltal, t.ex. 2025");
  return static_cast<int>(x);
}

template <class E>
std::optional<E> enum_of(const json& o, const char* key, const std::string& field)
{
  const std::string name = text_of(o, key, field);
  if (name.empty()) return std::nullopt;
  if (const std::optional<E> e = parse_enum<E>(name)) return e;
  std::string allowed;
  for (const std::string& n : enum_names<E>()) allowed += (allowed.empty() ? "" : ", ") + n;
  bad(field, fmt::format("\"{}\" är inget av {}", shorten(name), allowed));
}

}  // namespace

NewForbund new_forbund_of(const json& body)
{
  NewForbund f;
  if (!body.contains("forbund") || !body["forbund"].is_object())
    bad("forbund", "saknas: ange förbundets name, first_year, years, opening_equity och opening_cash");
  const json& fb = body["forbund"];
  f.name = text_of(fb, "name", "forbund.name");
  f.first_year = whole_of(fb, "first_year", "forbund.first_year");
  f.years = whole_of(fb, "years", "forbund.years");
  f.opening_equity = optional_amount(fb, "opening_equity", "forbund.opening_equity").value_or(0.0);
  f.opening_cash = optional_amount(fb, "opening_cash", "forbund.opening_cash").value_or(0.0);
  f.equity_cap_share = optional_amount(fb, "equity_cap_share", "forbund.equity_cap_share").value_or(0.20);

  if (!body.contains("members") || !body["members"].is_array())
    bad("members",
        "saknas: ange medlemmarna som en lista, t.ex. [{\"name\": \"Försäkringskassan\", \"kind\": \"state\"}]");
  if (body["members"].size() > 100) bad("members", "har fler än 100 medlemmar");
  for (std::size_t m = 0; m < body["members"].size(); ++m) {
    const json& mj = body["members"][m];
    const std::string field = fmt::format("members[{}]", m + 1);
    if (!mj.is_object()) bad(field, "ska vara ett objekt med name, kind och population");
    NewMember member;
    member.name = text_of(mj, "name", field + ".name");
    member.kind = enum_of<MemberKind>(mj, "kind", field + ".kind").value_or(MemberKind::kommun);
    member.population = optional_amount(mj, "population", field + ".population");
    if (mj.contains("contribution") && !mj["contribution"].is_null())
      member.contribution = amounts_of(mj["contribution"], field + ".contribution");
    f.members.push_back(std::move(member));
  }

  if (body.contains("funding") && !body["funding"].is_null()) {
    const json& fu = body["funding"];
    if (!fu.is_object()) bad("funding", "ska vara ett objekt med state, payment eller contributions");
    if (fu.contains("state") && !fu["state"].is_null()) f.state = amounts_of(fu["state"], "funding.state");
    f.funding_payment = enum_of<Payment>(fu, "payment", "funding.payment");
    if (fu.contains("contributions") && !fu["contributions"].is_null()) {
      if (!fu["contributions"].is_object()) bad("funding.contributions", "ska vara ett objekt: medlem → belopp per år");
      for (const auto& item : fu["contributions"].items()) {
        const std::string& name = item.key();  // not a structured binding: the lambda below captures it
        const json& v = item.value();
        auto m = std::find_if(f.members.begin(), f.members.end(), [&](const NewMember& x) { return x.name == name; });
        if (m == f.members.end())
          bad("funding.contributions", fmt::format("nämner \"{}\" som inte är en medlem", shorten(name)));
        m->contribution = amounts_of(v, "funding.contributions." + name);
      }
    }
  }

  if (!body.contains("rows") || !body["rows"].is_array())
    bad("rows", "saknas: ange budgetens rader som /api/budget-table gav dem");
  if (body["rows"].size() > max_paste_lines) bad("rows", fmt::format("har fler än {} rader", max_paste_lines));
  for (std::size_t r = 0; r < body["rows"].size(); ++r) {
    const json& rj = body["rows"][r];
    const std::string field = fmt::format("rows[{}]", r + 1);
    if (!rj.is_object()) bad(field, "ska vara ett objekt med name, kind och amounts");
    NewLine line;
    line.name = text_of(rj, "name", field + ".name");
    line.kind = enum_of<BudgetKind>(rj, "kind", field + ".kind").value_or(BudgetKind::other);
    if (rj.contains("amounts") && !rj["amounts"].is_null())
      line.amounts = amounts_of(rj["amounts"], field + ".amounts");
    line.row = rj.contains("row") && rj["row"].is_number_integer() ? rj["row"].get<int>() : 0;
    line.payment = enum_of<Payment>(rj, "payment", field + ".payment");
    line.utilization = optional_amount(rj, "utilization", field + ".utilization");
    f.lines.push_back(std::move(line));
  }
  return f;
}

std::vector<PasteProblem> read_back(const NewScenarioText& written, const std::string& source)
{
  std::vector<Problem> found;
  try {
    prepare(read_scenario_text(written.text, source));
  } catch (const InputError& e) {
    found = e.problems();
    if (found.empty()) found.push_back({source, 0, 0, "", e.what()});
  }
  std::vector<PasteProblem> out;
  for (const Problem& p : found) {
    PasteProblem q{0, 0, "error", p.message, "", 0};
    if (p.line > 0 && static_cast<std::size_t>(p.line) <= written.origins.size()) {
      const LineOrigin& o = written.origins[static_cast<std::size_t>(p.line) - 1];
      q.row = o.row;
      q.member = o.member;
      q.field = o.field;
    }
    // The field in the steps' words ("Ingående kassa: …", "Medlem 3, Befolkning 16–64 år: …")
    // where the CLI's message names its key.
    if (q.member > 0) {
      const std::string attribute = member_attribute_label(p.key);
      q.message = fmt::format("Medlem {}{}: {}", q.member, attribute.empty() ? "" : ", " + attribute, p.message);
    } else if (!p.key.empty()) {
      q.message = key_path_label(p.key) + ": " + p.message;
    }
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace finsim::serve
