#include "models/plausibility.h"

#include <fmt/format.h>

#include <cmath>

namespace finsim {

namespace {

void check_growth(const Uncertain& g, std::vector<std::string>& out)
{
  if (g.expected() > plausible_growth)
    out.push_back(
        fmt::format("{} = {:g}: en årlig tillväxt över {:g} ({:g} %) är nästan säkert ett misstag; tillväxt "
                    "skrivs som andel, 0.03 för 3 %",
                    g.path, g.expected(), plausible_growth, 100.0 * plausible_growth));
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
          fmt::format("{} = {:.0f} år {}: mer än {:g} × årets driftbidrag ({:.0f}); kontrollera enheten "
                      "(kronor per år) och tillväxten",
                      path, x, first_year + static_cast<int>(y), plausible_amount_share, driftbidrag[y]));
      return;
    }
  }
}

void check_participants(const Insats& insats, const std::optional<Calibration>& c, std::vector<std::string>& out)
{
  const ParticipantSpec& p = *insats.participants;
  const std::string path = "insats." + insats.name + ".participants";
  if (p.mean_stay_months && std::max((*p.mean_stay_months)[0], (*p.mean_stay_months)[1]) > plausible_stay_months)
    out.push_back(
        fmt::format("{}.mean_stay_months = {:g}: en medelvistelse över {:g} månader är nästan säkert ett misstag", path,
                    std::max((*p.mean_stay_months)[0], (*p.mean_stay_months)[1]), plausible_stay_months));
  const double referrals = p.referrals_per_month ? p.referrals_per_month->expected() : c ? c->referrals_per_month : 0.0;
  if (referrals > plausible_referrals_per_month)
    out.push_back(
        fmt::format("{}.referrals_per_month = {:g}: fler än {:g} remisser i månaden är nästan säkert ett "
                    "misstag (talet gäller per månad och insats)",
                    path, referrals, plausible_referrals_per_month));
  if (c && calibration_missed(*c))
    out.push_back(fmt::format(
        "{}.observed: den kalibrerade modellen ger {:.2f} nya (rapporterat {:g}) och {:.2f} avslut "
        "(rapporterat {:g}), mer än {:g} person fel: kontrollera de rapporterade siffrorna mot "
        "capacity, mean_stay_months och opening_active",
        path, c->fitted_new, c->observed.new_participants, c->fitted_exits, c->observed.exits, calibration_tolerance));
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
    out.push_back(
        fmt::format("forbund: den ingående balansen går inte ihop: opening_equity − opening_cash − "
                    "opening_receivables + opening_payables = {:.0f} kr (räknas som övrigt netto); "
                    "kontrollera balansräkningens siffror",
                    g));
  ExpectedValues expected;
  std::vector<double> driftbidrag(static_cast<std::size_t>(s.forbund.years), 0.0);
  for (int y = 0; y < s.forbund.years; ++y)
    for (double x : member_contributions(s, y, expected)) driftbidrag[static_cast<std::size_t>(y)] += x;
  check_growth(s.funding.state_growth, out);
  for (const Income& in : s.incomes)
    check_amount("income." + in.name + ".amount", in.amount, nullptr, s.forbund.first_year, driftbidrag, out);
  for (const Cost& c : s.costs) {
    check_growth(c.growth, out);
    check_amount("cost." + c.name + ".amount", c.amount, &c.growth, s.forbund.first_year, driftbidrag, out);
  }
  for (std::size_t i = 0; i < s.insatser.size(); ++i) {
    const Insats& in = s.insatser[i];
    check_amount("insats." + in.name + ".budget", in.budget, nullptr, s.forbund.first_year, driftbidrag, out);
    if (in.participants) check_participants(in, p.calibrations[i], out);
  }
  return out;
}

}  // namespace finsim
