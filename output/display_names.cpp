#include "output/display_names.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

namespace finsim {

namespace {

/// Swedish words for the label words stored in scales (docs/glossary.md).
constexpr std::array<std::pair<std::string_view, std::string_view>, 27> words{{
    // exit reasons (avslutsorsak)
    {"arbete", "arbete"},
    {"studier", "studier"},
    {"aktivt_arbetssokande", "aktivt arbetssökande"},
    {"ordinarie_rehab", "ordinarie rehabilitering"},
    {"sjukersattning", "sjukersättning"},
    {"aktivitetsersattning", "aktivitetsersättning"},
    {"halsa", "hälsa"},
    {"flytt", "flytt"},
    {"foraldraledighet", "föräldraledighet"},
    {"annan", "annan orsak"},
    {"okand", "okänd"},
    {"tidsbegransning", "tidsgräns nådd"},
    // sources of support (försörjningskälla)
    {"sjukpenning", "sjukpenning"},
    {"a_kassa", "a-kassa"},
    {"aktivitetsstod", "aktivitetsstöd"},
    {"forsorjningsstod", "försörjningsstöd"},
    {"studiestod", "studiestöd"},
    {"annan_offentlig", "annan offentlig försörjning"},
    {"ingen_offentlig", "ingen offentlig försörjning"},
    // referrers
    {"af", "Arbetsförmedlingen"},
    {"fk", "Försäkringskassan"},
    {"kommun", "kommunen"},
    {"region", "regionen"},
    {"self", "egen"},
    {"other", "annan"},
    // genders and the merger's scenarios
    {"kvinnor", "kvinnor"},
    {"män", "män"},
}};

std::string_view find_word(std::string_view word)
{
  for (const auto& [raw, swedish] : words)
    if (raw == word) return swedish;
  return {};
}

/// The attribute of a line's key path: its suffix after the name, and its Swedish label.
struct Attribute {
  std::string_view suffix;
  std::string_view label;
};

constexpr std::array<Attribute, 16> insats_attributes{{
    {".participants.referrals_per_month", "Remisser per månad"},
    {".participants.capacity", "Platser"},
    {".participants.opening_active", "Aktiva deltagare vid start"},
    {".participants.opening_queue", "Kö vid start"},
    {".participants.queue_abandon_per_month", "Andel i kö som avbryter per månad"},
    {".participants.women_share", "Andel kvinnor"},
    {".participants.cost_per_start", "Kostnad per ny deltagare"},
    {".participants.cost_per_participant_month", "Kostnad per deltagarmånad"},
    {".participants", "Deltagarflöden"},
    {".utilization", "Förbrukningsgrad"},
    {".budget", "Budget"},
    {".early_end_probability", "Sannolikhet att avslutas i förtid"},
    {".renewal_probability", "Sannolikhet att förnyas"},
    {".continuation", "Fortsättning (förtida avslut, förnyelse)"},
    {".kind", "Slag"},
    {".payment", "Betalning"},
}};

constexpr std::array<Attribute, 4> income_attributes{{
    {".amount", "Intäkt"},
    {".probability", "Sannolikhet för intäkt"},
    {".payment", "Betalning av intäkt"},
    {".kind", "Slag av intäkt"},
}};

constexpr std::array<Attribute, 5> cost_attributes{{
    {".amount", "Kostnad"},
    {".probability", "Sannolikhet för kostnad"},
    {".growth", "Kostnadsökning per år"},
    {".payment", "Betalning av kostnad"},
    {".kind", "Slag av kostnad"},
}};

constexpr std::array<Attribute, 5> member_attributes{{
    {".name", "Medlemmens namn"},
    {".population", "Befolkning 16–64 år"},
    {".population_16_64", "Befolkning 16–64 år"},
    {".forsorjningsmatt", "Försörjningsmått"},
    {".kind", "Slag av medlem"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 20> whole_paths{{
    {"forbund.name", "Förbundets namn"},
    {"member", "Medlemmar"},
    {"funding", "Driftbidrag"},
    {"forbund.opening_equity", "Ingående eget kapital"},
    {"forbund.opening_cash", "Ingående kassa"},
    {"forbund.opening_receivables", "Ingående fordringar"},
    {"forbund.opening_payables", "Ingående skulder"},
    {"forbund.equity_cap_share", "Takets andel av driftbidraget"},
    {"forbund.equity_floor", "Golv för eget kapital"},
    {"forbund.first_year", "Första år"},
    {"forbund.years", "Antal år"},
    {"funding.state", "Statens bidrag"},
    {"funding.state_growth", "Ökning av statens bidrag per år"},
    {"funding.allocation", "Statens fördelningsmodell"},
    {"year_to_date.deviation.insatser", "Avvikelse resten av året: insatser"},
    {"year_to_date.deviation.admin", "Avvikelse resten av året: administration"},
    {"year_to_date.through", "Utfall till och med"},
    {"year_to_date.driftbidrag", "Driftbidrag hittills i år"},
    {"year_to_date.cash", "Kassa vid utfallets månad"},
    {"year_to_date.driftbidrag_expected", "Förväntat driftbidrag i år"},
}};

constexpr std::array<std::string_view, 10> top_level_keys{
    "forbund", "funding", "member", "income", "cost", "insats", "actual", "correlation", "year_to_date", "valuation"};

/// Splits "…[k]" into the path and k (-1 without an index).
std::pair<std::string_view, int> year_index(std::string_view path)
{
  if (!path.ends_with(']')) return {path, -1};
  const std::size_t open = path.rfind('[');
  if (open == std::string_view::npos) return {path, -1};
  int k = -1;
  const std::string_view digits = path.substr(open + 1, path.size() - open - 2);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), k);
  if (error != std::errc() || end != digits.data() + digits.size() || k < 0) return {path, -1};
  return {path.substr(0, open), k};
}

/// "<label>: <name>" for a line path "<prefix><name><suffix>", or "" when no attribute fits.
template <std::size_t N>
std::string line_label(std::string_view path, std::string_view prefix, const std::array<Attribute, N>& attributes)
{
  if (!path.starts_with(prefix)) return {};
  const std::string_view rest = path.substr(prefix.size());
  for (const Attribute& a : attributes)
    if (rest.size() > a.suffix.size() && rest.ends_with(a.suffix))
      return fmt::format("{}: {}", a.label, rest.substr(0, rest.size() - a.suffix.size()));
  return {};
}

std::string path_without_year(std::string_view path)
{
  for (const auto& [raw, swedish] : whole_paths)
    if (path == raw) return std::string(swedish);
  if (path.starts_with("funding.contributions."))
    return fmt::format("Medlemsbidrag: {}", path.substr(std::string_view("funding.contributions.").size()));
  for (std::string out :
       {line_label(path, "insats.", insats_attributes), line_label(path, "income.", income_attributes),
        line_label(path, "cost.", cost_attributes), line_label(path, "member.", member_attributes)})
    if (!out.empty()) return out;
  if (path.starts_with("year_to_date.own_forecast.")) {
    const std::string_view rest = path.substr(std::string_view("year_to_date.own_forecast.").size());
    if (rest == "result") return "Förbundets egen prognos: resultat";
    if (rest.starts_with("lines.")) return fmt::format("Förbundets egen prognos: {}", rest.substr(6));
  }
  if (path.starts_with("year_to_date.decided."))
    return fmt::format("Beslutat hittills i år: {}", path.substr(std::string_view("year_to_date.decided.").size()));
  if (path.starts_with("year_to_date.")) {
    const std::string_view rest = path.substr(std::string_view("year_to_date.").size());
    const std::size_t dot = rest.rfind('.');
    if (dot != std::string_view::npos) {
      const std::string_view name = rest.substr(dot + 1);
      return fmt::format("Utfall hittills i år: {}", name);
    }
  }
  return {};
}

}  // namespace

std::string outcome_label(Outcome o)
{
  switch (o) {
    case Outcome::equity: return "Eget kapital";
    case Outcome::result: return "Resultat";
    case Outcome::equity_ratio: return "EK/driftbidrag";
    case Outcome::driftbidrag: return "Driftbidrag";
    case Outcome::costs: return "Kostnader";
    case Outcome::cash_min: return "Lägsta kassa";
    case Outcome::served: return "Deltagare";
    case Outcome::exits_work_studies: return "Avslut till arbete/studier";
  }
  return "?";
}

std::string outcome_label(Outcome o, int year) { return fmt::format("{} {}", outcome_label(o), year); }

std::string breach_label(Breach b)
{
  switch (b) {
    case Breach::equity_above_cap: return "EK över taket";
    case Breach::equity_below_floor: return "EK under golvet";
    case Breach::cash_negative: return "Kassa under noll";
  }
  return "?";
}

std::string breach_column(Breach b)
{
  switch (b) {
    case Breach::equity_above_cap: return "P(EK > tak)";
    case Breach::equity_below_floor: return "P(EK < golv)";
    case Breach::cash_negative: return "P(kassa < 0)";
  }
  return "?";
}

std::string breach_any_label(Breach b)
{
  switch (b) {
    case Breach::equity_above_cap: return "P(EK över taket något år)";
    case Breach::equity_below_floor: return "P(EK under golvet något år)";
    case Breach::cash_negative: return "P(kassan under noll någon månad)";
  }
  return "?";
}

std::string sensitivity_output_label(int output)
{
  if (output >= 0 && output < outcome_count) return outcome_label(outcomes[static_cast<std::size_t>(output)].id);
  if (output >= outcome_count && output < outcome_count + breach_count)
    return "Sannolikhet: " + breach_label(breaches[static_cast<std::size_t>(output - outcome_count)].id);
  return "?";
}

std::string label_word(std::string_view word)
{
  const std::string_view swedish = find_word(word);
  return std::string(swedish.empty() ? word : swedish);
}

std::string payer_label(std::string_view payer)
{
  if (payer == "kommun") return "Kommunerna (var och en för sina invånare)";
  if (payer == "region") return "Regionen";
  return std::string(payer);
}

std::string room_limit_label(RoomLimit l)
{
  switch (l) {
    case RoomLimit::max_p_below_floor: return "golvet";
    case RoomLimit::max_p_cash_negative: return "kassan";
    case RoomLimit::equity_target: return "målet för eget kapital";
    case RoomLimit::max_p_above_cap: return "taket";
  }
  return "?";
}

std::string room_limit_label(std::string_view stored)
{
  if (const auto l = limit_named(std::string(stored))) return room_limit_label(*l);
  return stored == "none" ? "ingen" : std::string(stored);
}

std::string payment_label(Payment p)
{
  switch (p) {
    case Payment::monthly: return "månadsvis";
    case Payment::quarterly_advance: return "kvartalsvis i förskott";
    case Payment::quarterly_arrears: return "kvartalsvis i efterskott";
    case Payment::annual_advance: return "årsvis i förskott";
    case Payment::annual_arrears: return "årsvis i efterskott";
  }
  return "?";
}

std::string member_attribute_label(std::string_view key)
{
  const std::size_t dot = key.rfind('.');
  if (dot == std::string_view::npos) return {};
  for (const Attribute& a : member_attributes)
    if (a.suffix == key.substr(dot)) return std::string(a.label);
  return {};
}

std::string budget_kind_label(BudgetKind k)
{
  switch (k) {
    case BudgetKind::income: return "Övrig intäkt";
    case BudgetKind::driftbidrag: return "Driftbidrag";
    case BudgetKind::insats_individual: return "Insats, individinriktad";
    case BudgetKind::insats_structural: return "Insats, strukturövergripande";
    case BudgetKind::kansli: return "Kansli";
    case BudgetKind::styrelse: return "Styrelse";
    case BudgetKind::finansiell: return "Finansiell kostnad";
    case BudgetKind::other: return "Övrig kostnad";
  }
  return "?";
}

std::string member_kind_label(MemberKind k)
{
  switch (k) {
    case MemberKind::state: return "stat";
    case MemberKind::region: return "region";
    case MemberKind::kommun: return "kommun";
  }
  return "?";
}

std::string key_path_label(std::string_view path, int first_year)
{
  const auto [bare, k] = year_index(path);
  std::string label = path_without_year(bare);
  if (label.empty()) return std::string(path);
  if (k >= 0) label += first_year > 0 ? fmt::format(" {}", first_year + k) : fmt::format(" år {}", k + 1);
  return label;
}

std::string factor_label(std::string_view name, int first_year)
{
  // A group of paths is written "a+b+c"; a name with "+" that is not all key paths stays whole.
  if (name.find('+') != std::string_view::npos) {
    std::string out;
    std::size_t start = 0;
    while (start <= name.size()) {
      const std::size_t plus = std::min(name.find('+', start), name.size());
      const std::string_view part = name.substr(start, plus - start);
      const std::string label = key_path_label(part, first_year);
      if (label == part) return key_path_label(name, first_year);
      out += (out.empty() ? "" : " + ") + label;
      start = plus + 1;
    }
    return out;
  }
  return key_path_label(name, first_year);
}

std::string dimension_label(std::string_view dimension)
{
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 23> dimensions{{
      {"year", "år"},
      {"month", "månad (ÅÅÅÅMM)"},
      {"quantile", "kvantil (andel av körningarna)"},
      {"insats", "insats"},
      {"line", "post"},
      {"income_line", "intäktspost"},
      {"member", "medlem"},
      {"kommun", "kommun"},
      {"gender", "kön"},
      {"reason", "avslutsorsak"},
      {"support", "försörjningskälla"},
      {"referrer", "remitterande part"},
      {"payer", "betalare"},
      {"scenario", "scenario"},
      {"source", "förbund som går samman"},
      {"factor", "faktor"},
      {"swing_factor", "faktor i tornadon"},
      {"outcome", "utfall"},
      {"bound", "intervallgräns (låg, hög)"},
      {"limit", "villkor"},
      {"extra_spend", "extra utgift per år"},
      {"case", "fall (tidigare år)"},
      {"run", "körning"},
  }};
  for (const auto& [raw, swedish] : dimensions)
    if (raw == dimension) return std::string(swedish);
  if (dimension == "value") return "värde";
  if (dimension == "unit") return "enhet";
  if (dimension == "value_horizon") return "värderingshorisont (år)";
  return std::string(dimension);
}

std::string stored_label(std::string_view raw, int first_year)
{
  if (!find_word(raw).empty()) return label_word(raw);
  for (int o = 0; o < outcome_count + breach_count; ++o) {
    if (o < outcome_count && raw == outcomes[std::size_t(o)].name) return sensitivity_output_label(o);
  }
  static constexpr std::array<std::string_view, 3> breach_outputs{"above_cap", "below_floor", "cash_negative"};
  for (std::size_t b = 0; b < breach_outputs.size(); ++b)
    if (raw == breach_outputs[b] || raw == breaches[b].name) return breach_label(breaches[b].id);
  if (raw == "income") return "Övriga intäkter";
  if (raw == "low") return "låg";
  if (raw == "high") return "hög";
  if (limit_named(std::string(raw)) || raw == "none") return room_limit_label(raw);
  if (raw == "payer") return "betalare";
  return factor_label(raw, first_year);
}

bool holds_raw_name(std::string_view text)
{
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  for (std::size_t i = 1; i + 1 < text.size(); ++i)
    if (text[i] == '_' && lower(text[i - 1]) && lower(text[i + 1])) return true;
  for (std::string_view key : top_level_keys) {
    for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
      const bool starts_word = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
      const std::size_t after = at + key.size();
      if (starts_word && after < text.size() && (text[after] == '.' || text[after] == '[') && after + 1 < text.size() &&
          !std::isspace(static_cast<unsigned char>(text[after + 1])))
        return true;
    }
  }
  return false;
}

}  // namespace finsim
