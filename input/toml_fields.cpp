#include "input/toml_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

#include "input/enum_names.h"

namespace finsim {

namespace {

const char* type_name(const toml::node& node)
{
  switch (node.type()) {
    case toml::node_type::table: return "en tabell";
    case toml::node_type::array: return "en lista";
    case toml::node_type::string: return "en sträng";
    case toml::node_type::integer: return "ett heltal";
    case toml::node_type::floating_point: return "ett decimaltal";
    case toml::node_type::boolean: return "ett sanningsvärde (true/false)";
    case toml::node_type::date: return "ett datum";
    case toml::node_type::time: return "ett klockslag";
    case toml::node_type::date_time: return "en tidpunkt";
    default: return "ingenting";
  }
}

std::string format_number(double x) { return fmt::format("{}", x); }

}  // namespace

std::string TomlFields::describe(const toml::node& node)
{
  if (node.is_table()) return "en tabell";
  std::ostringstream out;
  if (node.is_array()) {
    // As the user writes a list: [0.9, 1], numbers in their shortest exact form.
    const toml::array& list = *node.as_array();
    out << '[';
    for (std::size_t i = 0; i < list.size(); ++i) out << (i > 0 ? ", " : "") << describe(list[i]);
    out << ']';
  } else if (const auto* x = node.as_floating_point())
    out << fmt::format("{}", x->get());
  else if (node.is_string())
    out << '"' << node.as_string()->get() << '"';
  else
    node.visit([&](auto&& v) { out << v; });
  return shorten(out.str());
}

void TomlFields::problem(const toml::node* node, const std::string& path, const std::string& message)
{
  problems_.push_back(node != nullptr ? locate(node->source(), path, message)
                                      : Problem{tree_.files.front().path, 0, 0, path, message});
}

void TomlFields::check_keys(const toml::table& table, const std::string& path, const std::vector<std::string>& allowed)
{
  for (auto&& [key, value] : table) {
    std::string name(key.str());
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string full = path.empty() ? name : path + "." + name;
    const std::string message = "okänd nyckel" + did_you_mean(name, allowed, '\'', "tillåtna här");
    problems_.push_back(locate(key.source().begin.line > 0 ? key.source() : value.source(), full, message));
  }
}

const toml::table* TomlFields::table(const toml::table& parent, const std::string& key, const std::string& path,
                                     bool required)
{
  const toml::node* node = parent.get(key);
  if (node == nullptr) {
    if (required) problem(&parent, path, fmt::format("tabellen [{}] saknas; den krävs", path));
    return nullptr;
  }
  if (!node->is_table()) {
    problem(node, path, fmt::format("ska vara en tabell, inte {}", type_name(*node)));
    return nullptr;
  }
  return node->as_table();
}

const toml::array* TomlFields::array_of_tables(const toml::table& parent, const std::string& key,
                                               const std::string& path)
{
  const toml::node* node = parent.get(key);
  if (node == nullptr) return nullptr;
  if (!node->is_array_of_tables()) {
    problem(node, path, fmt::format("ska skrivas som tabeller [[{}]], inte {}", path, type_name(*node)));
    return nullptr;
  }
  return node->as_array();
}

std::optional<std::string> TomlFields::string(const toml::table& t, const std::string& key, const std::string& path,
                                              bool required)
{
  const toml::node* node = present(t, key, path, required, nullptr);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) {
    problem(node, path,
            fmt::format("= {}: ska vara en sträng inom citattecken, inte {}", describe(*node), type_name(*node)));
    return std::nullopt;
  }
  std::string value = node->as_string()->get();
  if (value.empty()) {
    problem(node, path, "får inte vara tom");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TomlFields::boolean(const toml::table& t, const std::string& key, const std::string& path)
{
  const toml::node* node = present(t, key, path, false, nullptr);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) {
    problem(node, path, fmt::format("= {}: ska vara true eller false, inte {}", describe(*node), type_name(*node)));
    return std::nullopt;
  }
  return node->as_boolean()->get();
}

std::optional<std::string> TomlFields::choice(const toml::table& t, const std::string& key, const std::string& path,
                                              bool required, const std::vector<std::string>& choices)
{
  std::optional<std::string> value = string(t, key, path, required);
  if (!value) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *value) != choices.end()) return value;
  problem(
      t.get(key), path,
      fmt::format("= \"{}\": ska vara något av {}{}", *value, fmt::join(choices, ", "), did_you_mean(*value, choices)));
  return std::nullopt;
}

std::optional<long long> TomlFields::integer(const toml::table& t, const std::string& key, const std::string& path,
                                             bool required, long long min, long long max, const char* what)
{
  const toml::node* node = present(t, key, path, required, what);
  if (node == nullptr) return std::nullopt;
  if (!node->is_integer()) {
    problem(node, path,
            fmt::format("= {}: ska vara ett heltal ({}), inte {}", describe(*node), what, type_name(*node)));
    return std::nullopt;
  }
  long long value = node->as_integer()->get();
  if (value < min || value > max) {
    problem(node, path, fmt::format("= {}: ska vara mellan {} och {} ({})", value, min, max, what));
    return std::nullopt;
  }
  return value;
}

std::optional<double> TomlFields::number_node(const toml::node& node, const std::string& path, const Range& range)
{
  if (!node.is_number()) {
    problem(&node, path,
            fmt::format("= {}: ska vara ett tal ({}), inte {}", describe(node), range.what, type_name(node)));
    return std::nullopt;
  }
  if (node.is_integer()) {
    // Beyond 2^53 a double cannot hold every whole number: refuse rather than round (clarification 60).
    const long long whole = node.as_integer()->get();
    if (whole > max_exact_integer || whole < -max_exact_integer) {
      problem(&node, path,
              fmt::format("= {}: ett så stort heltal kan inte läsas exakt (högst 2^53 = {} till beloppet); "
                          "ska vara {}",
                          whole, message_number(static_cast<double>(max_exact_integer)), range.what));
      return std::nullopt;
    }
  }
  const double value =
      node.is_integer() ? static_cast<double>(node.as_integer()->get()) : node.as_floating_point()->get();
  bool below = range.min_open ? !(value > range.min) : !(value >= range.min);
  if (!std::isfinite(value) || below || value > range.max) {
    problem(&node, path, fmt::format("= {}: ska vara {}", format_number(value), range.what));
    return std::nullopt;
  }
  return value;
}

const toml::node* TomlFields::present(const toml::table& t, const std::string& key, const std::string& path,
                                      bool required, const char* what)
{
  const toml::node* node = t.get(key);
  if (node == nullptr && required)
    problem(&t, path,
            what == nullptr ? std::string("nyckeln saknas; den krävs")
                            : fmt::format("nyckeln saknas; den krävs ({})", what));
  return node;
}

std::optional<double> TomlFields::number(const toml::table& t, const std::string& key, const std::string& path,
                                         bool required, const Range& range)
{
  const toml::node* node = present(t, key, path, required, range.what);
  return node != nullptr ? number_node(*node, path, range) : std::nullopt;
}

std::optional<Uncertain> TomlFields::uncertain_node(const toml::node& node, const std::string& path, const Range& range)
{
  if (!node.is_table()) {
    std::optional<double> value = number_node(node, path, range);
    if (!value) return std::nullopt;
    return make_uncertain(Distribution::constant(*value), path, range.min, range.max);
  }
  const toml::table& t = *node.as_table();
  if (t.contains("history")) return history_node(t, path, range);
  std::optional<std::string> kind_name = choice(t, "dist", path + ".dist", true, enum_names<DistributionKind>());
  if (!kind_name) return std::nullopt;
  Distribution d;
  d.kind = *parse_enum<DistributionKind>(*kind_name);
  std::vector<std::string> keys;
  switch (d.kind) {
    case DistributionKind::uniform: keys = {"min", "max"}; break;
    case DistributionKind::triangular: keys = {"min", "mode", "max"}; break;
    case DistributionKind::student_t: keys = {"location", "scale", "df"}; break;
    default: keys = {"mean", "sd"}; break;
  }
  std::vector<std::string> allowed = keys;
  allowed.insert(allowed.end(), {"dist", "per"});
  check_keys(t, path, allowed);
  const Range any{-1e300, 1e300, "ett ändligt tal"};
  bool complete = true;
  for (const std::string& k : keys) {
    std::optional<double> v = number(t, k, path + "." + k, true, any);
    if (!v) {
      complete = false;
      continue;
    }
    if (k == "mean" || k == "location") d.mean = *v;
    if (k == "sd" || k == "scale") d.sd = *v;
    if (k == "df") d.df = *v;
    if (k == "min") d.min = *v;
    if (k == "mode") d.mode = *v;
    if (k == "max") d.max = *v;
  }
  if (std::optional<std::string> per = choice(t, "per", path + ".per", false, enum_names<DrawFrequency>()))
    d.per = *parse_enum<DrawFrequency>(*per);
  if (!complete) return std::nullopt;
  if (std::string why = d.parameter_problem(); !why.empty()) {
    problem(&node, path, fmt::format("{} {}", *kind_name, why));
    return std::nullopt;
  }
  // The distribution must stay inside the key's range: its mean always, its bounds when finite.
  double mean = d.expected();
  bool mean_bad = range.min_open ? !(mean > range.min) : !(mean >= range.min);
  if (mean_bad || mean > range.max) {
    problem(&node, path,
            fmt::format("fördelningen {} har medelvärdet {}: det ska vara {}", *kind_name, message_number(mean),
                        range.what));
    return std::nullopt;
  }
  if ((d.kind == DistributionKind::uniform || d.kind == DistributionKind::triangular) &&
      (d.min < range.min || d.max > range.max || (range.min_open && d.min <= range.min))) {
    problem(&node, path,
            fmt::format("{} från {} till {}: varje värde ska vara {}", *kind_name, format_number(d.min),
                        format_number(d.max), range.what));
    return std::nullopt;
  }
  // Draws are clamped into the key's range; an open lower bound (growth > −1) stays just above it.
  const double lowest = range.min_open ? std::nextafter(range.min, range.max) : range.min;
  return make_uncertain(d, path, lowest, range.max);
}

std::vector<double> TomlFields::history_values(const toml::table& t, const std::string& path, const Range& range)
{
  check_keys(t, path, {"history", "per"});
  const toml::node* node = t.get("history");
  const toml::array* list = node->as_array();
  if (list == nullptr || list->size() < 2) {
    problem(node, path + ".history",
            fmt::format("= {}: ska vara en lista med minst två tidigare observationer, t.ex. history = [0.92, 0.83, "
                        "1.02]",
                        describe(*node)));
    return {};
  }
  // Past observations may lie outside the key's range (a year at 102 % use); they must be numbers.
  const Range any{-1e300, 1e300, range.what};
  std::vector<double> values;
  for (std::size_t i = 0; i < list->size(); ++i)
    if (std::optional<double> v = number_node((*list)[i], fmt::format("{}.history[{}]", path, i), any))
      values.push_back(*v);
  if (values.size() != list->size()) return {};
  return values;
}

std::optional<Uncertain> TomlFields::history_node(const toml::table& t, const std::string& path, const Range& range)
{
  const std::vector<double> values = history_values(t, path, range);
  if (values.empty()) return std::nullopt;
  Distribution d = predictive_from_history(values);
  if (std::optional<std::string> per = choice(t, "per", path + ".per", false, enum_names<DrawFrequency>()))
    d.per = *parse_enum<DrawFrequency>(*per);
  const double lowest = range.min_open ? std::nextafter(range.min, range.max) : range.min;
  Uncertain u = make_uncertain(d, path, lowest, range.max);
  priors_.push_back({path, values, d, u.expected()});
  return u;
}

std::optional<double> TomlFields::probability(const toml::table& t, const std::string& key, const std::string& path,
                                              bool required, const Range& range)
{
  const toml::node* node = present(t, key, path, required, range.what);
  if (node == nullptr) return std::nullopt;
  if (!node->is_table() || !node->as_table()->contains("history")) return number_node(*node, path, range);
  const toml::table& table = *node->as_table();
  check_keys(table, path, {"history"});
  const std::vector<double> values = history_values(table, path, range);
  if (values.empty()) return std::nullopt;
  // Each past year happened (1) or not (0): the posterior mean with a uniform prior (clarification 58).
  double happened = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] != 0.0 && values[i] != 1.0) {
      problem(table.get("history"), fmt::format("{}.history[{}]", path, i),
              fmt::format("= {}: en sannolikhets historik anger 0 (hände inte) eller 1 (hände) för varje tidigare år",
                          format_number(values[i])));
      return std::nullopt;
    }
    happened += values[i];
  }
  const double p = (happened + 1.0) / (static_cast<double>(values.size()) + 2.0);
  priors_.push_back({path, values, Distribution::constant(p), p});
  return p;
}

std::optional<Uncertain> TomlFields::uncertain(const toml::table& t, const std::string& key, const std::string& path,
                                               bool required, const Range& range)
{
  const toml::node* node = present(t, key, path, required, range.what);
  return node != nullptr ? uncertain_node(*node, path, range) : std::nullopt;
}

std::optional<Series> TomlFields::series(const toml::table& t, const std::string& key, const std::string& path,
                                         bool required, const Range& range, int max_length)
{
  const toml::node* node = present(t, key, path, required, range.what);
  if (node == nullptr) return std::nullopt;
  Series s;
  if (!node->is_array()) {
    std::optional<Uncertain> value = uncertain_node(*node, path, range);
    if (!value) return std::nullopt;
    s.values.push_back(std::move(*value));
    return s;
  }
  const toml::array& list = *node->as_array();
  s.is_list = true;
  if (list.empty()) {
    problem(node, path, "får inte vara en tom lista (ge ett värde per år från first_year)");
    return std::nullopt;
  }
  if (static_cast<int>(list.size()) > max_length) {
    problem(node, path,
            fmt::format("har {} värden men horisonten är {} år: ge högst ett värde per år från first_year", list.size(),
                        max_length));
    return std::nullopt;
  }
  bool ok = true;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::optional<Uncertain> value = uncertain_node(list[i], fmt::format("{}[{}]", path, i), range);
    if (value)
      s.values.push_back(std::move(*value));
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return s;
}

std::optional<YearMonth> TomlFields::month(const toml::table& t, const std::string& key, const std::string& path)
{
  const toml::node* node = t.get(key);
  if (node == nullptr) return std::nullopt;
  if (node->is_string()) {
    if (std::optional<YearMonth> ym = parse_year_month(node->as_string()->get())) return ym;
  }
  problem(
      node, path,
      fmt::format("= {}: ska vara en månad skriven \"ÅÅÅÅ-MM\" inom citattecken, t.ex. \"2024-03\"", describe(*node)));
  return std::nullopt;
}

}  // namespace finsim
