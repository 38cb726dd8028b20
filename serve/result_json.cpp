#include "serve/result_json.h"

#include <cmath>
#include <sstream>

#include "analysis/budget_room.h"
#include "analysis/sensitivity.h"
#include "input/enum_names.h"
#include "output/display_names.h"

namespace finsim::serve {

using nlohmann::json;

namespace {

json number(double x, bool whole)
{
  if (!std::isfinite(x)) return nullptr;
  if (whole && std::abs(x) < 9007199254740992.0 && x == std::floor(x)) return static_cast<long long>(x);
  return x;
}

/// The values from `at` on with the dimensions from `dim` on, nested.
json nested(const h5::DatasetValues& d, std::size_t dim, std::size_t& at, bool whole)
{
  if (dim == d.shape.size()) {
    const std::size_t i = at++;
    if (d.is_text) return i < d.texts.size() ? json(d.texts[i]) : json(nullptr);
    return i < d.values.size() ? number(d.values[i], whole) : json(nullptr);
  }
  json a = json::array();
  for (std::size_t k = 0; k < d.shape[dim]; ++k) a.push_back(nested(d, dim + 1, at, whole));
  return a;
}

json nested_json(const h5::DatasetValues& d, bool whole)
{
  std::size_t at = 0;
  return nested(d, 0, at, whole);
}

}  // namespace

json dataset_json(const h5::DatasetValues& d) { return nested_json(d, false); }

json group_json(const h5::Reader& file, const std::string& group, json& units, json& dims)
{
  json out = json::object();
  const std::string prefix = group.size() > 1 && group[0] == '/' ? group.substr(1) : group;
  for (const std::string& name : file.members(group)) {
    const std::string path = group + "/" + name;
    if (file.is_group(path)) {
      out[name] = group_json(file, path, units, dims);
      continue;
    }
    const h5::DatasetValues d = file.read(path);
    out[name] = nested_json(d, file.is_scale(path));
    const std::string key = prefix + "/" + name;
    if (!d.units.empty()) units[key] = d.units;
    dims[key] = d.dims;
  }
  return out;
}

json vocabulary_json()
{
  json outcomes_ = json::object(), limits = json::object(), payments = json::object();
  json budget_kinds = json::object(), member_kinds = json::object();
  for (int o = 0; o < output_count; ++o) outcomes_[output_name(o)] = sensitivity_output_label(o);
  outcomes_["income"] = stored_label("income");
  for (RoomLimit l : room_limits) limits[limit_name(l)] = room_limit_label(l);
  limits["none"] = room_limit_label(std::string_view("none"));
  for (const auto& [value, name] : EnumNames<Payment>::entries) payments[name] = payment_label(value);
  json kind_order = json::array();
  for (const auto& [value, name] : EnumNames<BudgetKind>::entries) {
    budget_kinds[name] = budget_kind_label(value);
    kind_order.push_back(name);
  }
  // What a line pays by when the file does not say (the scenario format's defaults).
  const json default_payments = {{"insats", enum_name(Insats{}.payment)},
                                 {"cost", enum_name(Cost{}.payment)},
                                 {"income", enum_name(Income{}.payment)},
                                 {"funding", enum_name(Funding{}.payment)}};
  for (const auto& [value, name] : EnumNames<MemberKind>::entries) member_kinds[name] = member_kind_label(value);
  return {{"outcomes", outcomes_},
          {"limits", limits},
          {"payments", payments},
          {"budget_kinds", budget_kinds},
          {"budget_kind_order", kind_order},
          {"default_payments", default_payments},
          {"member_kinds", member_kinds}};
}

namespace {

void collect_labels(const json& j, json& labels, int first_year)
{
  if (j.is_string()) {
    const std::string raw = j.get<std::string>();
    if (raw.size() > 200 || labels.contains(raw)) return;
    const std::string swedish = stored_label(raw, first_year);
    if (swedish != raw) labels[raw] = swedish;
  } else if (j.is_array() || j.is_object()) {
    for (const json& x : j) collect_labels(x, labels, first_year);
  }
}

}  // namespace

json labels_json(const json& answer, int first_year)
{
  json labels = json::object();
  for (const auto& [key, value] : answer.items())
    if (key != "summary" && key != "warnings" && key != "text" && key != "units" && key != "dims")
      collect_labels(value, labels, first_year);
  return labels;
}

json result_json(const h5::Reader& file, const std::vector<std::string>& groups)
{
  json out = json::object();
  json units = json::object(), dims = json::object();
  out["forbund"] =
      file.has_attribute("/", "scenario_name") ? json(file.string_attribute("/", "scenario_name")) : json();
  out["summary"] =
      file.has_attribute("/", "summary") ? json(file.string_list_attribute("/", "summary")) : json::array();
  json warnings = json::array();
  if (file.has_attribute("/", "warnings")) {
    std::istringstream lines(file.string_attribute("/", "warnings"));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) warnings.push_back(line);
  }
  out["warnings"] = warnings;
  if (file.has("/deterministic") && file.has_attribute("/deterministic", "first_year"))
    out["first_year"] = static_cast<long long>(file.number_attribute("/deterministic", "first_year"));
  for (const std::string& g : groups) {
    const std::string path = "/" + g;
    if (file.has(path) && file.is_group(path)) out[g] = group_json(file, path, units, dims);
  }
  if (file.has("/montecarlo") && file.has_attribute("/montecarlo", "runs"))
    out["runs"] = static_cast<long long>(file.number_attribute("/montecarlo", "runs"));
  if (file.has("/deterministic") && file.has_attribute("/deterministic", "equity_floor"))
    out["equity_floor"] = file.number_attribute("/deterministic", "equity_floor");
  out["labels"] = labels_json(out, out.contains("first_year") ? out["first_year"].get<int>() : 0);
  out["units"] = units;
  out["dims"] = dims;
  return out;
}

}  // namespace finsim::serve
