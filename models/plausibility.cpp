#include "models/plausibility.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "input/input_error.h"

namespace finsim {

namespace {

/// A share as a percentage in a message: 0.5 → "50 %".
std::string percent(double share) { return message_number(100.0 * share) + " %"; }

void check_growth(const Uncertain& g, std::vector<std::string>& out)
{
  if (g.expected() > plausible_growth)
    out.push_back(
        fmt::format("{} = {:g}: en årlig tillväxt över {} är nästan säkert ett misstag; tillväxt skrivs som andel, "
                    "0.03 för 3 %",
                    g.path, g.expected(), percent(plausible_growth)));
}

/// One warning for a line whose expected amount exceeds 10 × the year's driftbidrag in some year.
void check_amount(const std::string& path, const Series& amount, const Uncertain* growth, int first_year,
                  const std::vector<double>& driftbidrag, std::vector<std::string>& out)
{
  ExpectedValues expected;
  for (std::size_t y = 0; y < driftbidrag.size(); ++y) {
    if (driftbidrag[y] == 0.0) continue;
    const double x = series_value(amount, growth, static_cast<int>(y), expected);
    if (x > plausible_amount_share * driftbidrag[y]) {
      out.push_back(
          fmt::format("{}: {} kr år {} är mer än {} gånger årets driftbidrag ({} kr); kontrollera "
                      "enheten (kronor per år) och tillväxten",
                      path, message_kronor(x), first_year + static_cast<int>(y), message_number(plausible_amount_share),
                      message_kronor(driftbidrag[y])));
      return;
    }
  }
}

/// One warning for an amount written as a list shorter than the years it is used in: the years
/// past the list take its last amount (grown by `growth` when it is given and not 0). `last_year`
/// is the index of the line's last active year; years before `first_year` are not filled.
void check_list_length(const std::string& path, const Series& amount, const Uncertain* growth, int first_year,
                       int first_active, int last_active, std::vector<std::string>& out)
{
  const int listed = static_cast<int>(amount.values.size());
  if (!amount.is_list || listed == 0 || last_active < listed) return;
  const int from = std::max(listed, first_active);
  if (from > last_active) return;
  const Uncertain& last = amount.values.back();
  const std::string years = from == last_active ? fmt::format("{}", first_year + from)
                                                : fmt::format("{}–{}", first_year + from, first_year + last_active);
  const bool grows = growth != nullptr && (!growth->is_fixed() || growth->expected() != 0.0);
  out.push_back(fmt::format("{}: {} belopp för {} år; {} får det sista beloppet ({}{} kr){}", path, listed,
                            last_active + 1, years, last.is_fixed() ? "" : "väntevärde ",
                            message_kronor(last.expected()), grows ? ", uppräknat med den årliga tillväxten" : ""));
}

/// The first and last year (indices in the horizon) that a line's months fall in.
std::pair<int, int> active_years(const ActiveMonths& a) { return {a.first / 12, a.last / 12}; }

void check_participants(const Insats& insats, const std::optional<Calibration>& c, std::vector<std::string>& out)
{
  const ParticipantSpec& p = *insats.participants;
  const std::string path = "insats." + insats.name + ".participants";
  if (p.mean_stay_months && std::max((*p.mean_stay_months)[0], (*p.mean_stay_months)[1]) > plausible_stay_months)
    out.push_back(fmt::format(
        "{}.mean_stay_months = {:g}: en medelvistelse över {} månader är nästan säkert ett misstag", path,
        std::max((*p.mean_stay_months)[0], (*p.mean_stay_months)[1]), message_number(plausible_stay_months)));
  const double referrals = p.referrals_per_month ? p.referrals_per_month->expected() : c ? c->referrals_per_month : 0.0;
  if (referrals > plausible_referrals_per_month)
    out.push_back(
        fmt::format("{}.referrals_per_month = {:g}: fler än {} remisser i månaden är nästan säkert ett "
                    "misstag (talet gäller per månad och insats)",
                    path, referrals, message_number(plausible_referrals_per_month)));
  if (c && calibration_missed(*c))
    out.push_back(fmt::format(
        "{}.observed: den kalibrerade modellen ger {} nya (rapporterat {}) och {} avslut (rapporterat {}), mer än "
        "{} person fel: kontrollera de rapporterade siffrorna mot antalet platser, medelvistelsen och antalet "
        "aktiva vid periodens början",
        path, message_number(std::round(c->fitted_new * 100.0) / 100.0), message_number(c->observed.new_participants),
        message_number(std::round(c->fitted_exits * 100.0) / 100.0), message_number(c->observed.exits),
        message_number(calibration_tolerance)));
}

}  // namespace

bool calibration_missed(const Calibration& c)
{
  return std::fabs(c.fitted_new - c.observed.new_participants) > calibration_tolerance ||
         std::fabs(c.fitted_exits - c.observed.exits) > calibration_tolerance;
}

std::vector<std::string> plausibility_warnings(const PreparedScenario& p)
{
  const Scenario& s = p.scenario;
  std::vector<std::string> out;
  const double g = s.forbund.other_net_assets();
  if (std::fabs(g) >= 1.0)
    out.push_back(fmt::format(
        "forbund: den ingående balansen går inte ihop: det egna kapitalet är {} kr {} än kassan och fordringarna "
        "minus skulderna (skillnaden räknas som övriga nettotillgångar); kontrollera balansräkningens siffror",
        message_kronor(std::fabs(g)), g > 0 ? "större" : "mindre"));
  ExpectedValues expected;
  std::vector<double> driftbidrag(static_cast<std::size_t>(s.forbund.years), 0.0);
  for (int y = 0; y < s.forbund.years; ++y)
    for (double x : member_contributions(s, y, expected)) driftbidrag[static_cast<std::size_t>(y)] += x;
  const int first_year = s.forbund.first_year, last = s.forbund.years - 1;
  check_growth(s.funding.state_growth, out);
  if (s.funding.state)
    check_list_length("funding.state", *s.funding.state, &s.funding.state_growth, first_year, 0, last, out);
  if (s.funding.allocation)
    check_list_length("funding.allocation.national_total", s.funding.allocation->national_total,
                      &s.funding.state_growth, first_year, 0, last, out);
  for (std::size_t m = 0; m < s.funding.contributions.size() && m < s.members.size(); ++m)
    check_list_length("funding.contributions." + s.members[m].name, s.funding.contributions[m], &s.funding.state_growth,
                      first_year, 0, last, out);
  for (const Income& in : s.incomes) {
    const std::string path = "income." + in.name + ".amount";
    const auto [from, to] = active_years(in.active);
    check_list_length(path, in.amount, nullptr, first_year, from, to, out);
    check_amount(path, in.amount, nullptr, first_year, driftbidrag, out);
  }
  for (const Cost& c : s.costs) {
    const std::string path = "cost." + c.name + ".amount";
    const auto [from, to] = active_years(c.active);
    check_growth(c.growth, out);
    check_list_length(path, c.amount, &c.growth, first_year, from, to, out);
    check_amount(path, c.amount, &c.growth, first_year, driftbidrag, out);
  }
  for (std::size_t i = 0; i < s.insatser.size(); ++i) {
    const Insats& in = s.insatser[i];
    const std::string path = "insats." + in.name + ".budget";
    const auto [from, to] = active_years(in.active);
    check_list_length(path, in.budget, nullptr, first_year, from, to, out);
    check_amount(path, in.budget, nullptr, first_year, driftbidrag, out);
    if (in.participants) check_participants(in, p.calibrations[i], out);
  }
  return out;
}

}  // namespace finsim
