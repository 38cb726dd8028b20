#include "models/calibration.h"

#include <fmt/format.h>

#include <cmath>

#include "input/input_error.h"

namespace finsim {

namespace {

struct Fit {
  double starts, exits;
};

Fit fit(FlowParameters p, double referrals, const std::array<double, gender_count>& exit_probability)
{
  p.referrals_per_month = referrals;
  p.exit_probability = exit_probability;
  const InsatsFlows f = simulate_flows(p);
  Fit out{0.0, 0.0};
  for (double x : f.starts) out.starts += x;
  for (double x : f.exits) out.exits += x;
  return out;
}

/// The referral rate whose expected starts over the period equal `target`; nullopt when no rate
/// reaches it (the places are full).
std::optional<double> solve_referrals(const FlowParameters& p, const std::array<double, gender_count>& exit_probability,
                                      double target)
{
  double lo = 0.0, hi = std::max(1.0, 2.0 * target / p.months);
  for (int i = 0; fit(p, hi, exit_probability).starts < target; ++i) {
    if (i == 40) return std::nullopt;
    lo = hi;
    hi *= 2.0;
  }
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    (fit(p, mid, exit_probability).starts < target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

std::vector<std::optional<Calibration>> calibrate_participants(const Scenario& s)
{
  std::vector<std::optional<Calibration>> out(s.insatser.size());
  for (std::size_t i = 0; i < s.insatser.size(); ++i) out[i] = calibrate_insats(s, i);
  return out;
}

std::optional<Calibration> calibrate_insats(const Scenario& s, std::size_t i)
{
  const Insats& insats = s.insatser[i];
  if (!insats.participants || !insats.participants->observed) return std::nullopt;
  const ParticipantSpec& spec = *insats.participants;
  const Observed& o = *spec.observed;
  const std::string where = "insats." + insats.name + ".participants.observed";
  FlowParameters p = base_parameters(s, insats);
  const YearMonth start = observed_start(o, insats);
  p.months = o.months;
  p.calendar_offset = start.month - 1;
  p.first_month = 0;
  p.last_month = o.months - 1;
  p.opening_active = o.opening();
  if (p.opening_active < 0)
    throw InputError(
        {Problem{o.file, o.line, o.column, where,
                 fmt::format("opening_active = {}: served minus new får inte vara negativt; ge opening_active eller "
                             "kontrollera served och new",
                             p.opening_active)}});

  Calibration c;
  c.observed = o;
  c.start = start;
  c.referrals_derived = !spec.referrals_per_month;
  c.stay_derived = !spec.mean_stay_months;
  std::array<double, gender_count> exit_probability{1.0, 1.0};
  if (!c.stay_derived) exit_probability = {1.0 / (*spec.mean_stay_months)[women], 1.0 / (*spec.mean_stay_months)[men]};
  auto referrals_for = [&](const std::array<double, gender_count>& q) -> std::optional<double> {
    if (!c.referrals_derived) return spec.referrals_per_month->expected();
    return solve_referrals(p, q, o.new_participants);
  };
  if (c.stay_derived) {
    // Exits rise with the monthly exit probability: bisect it in (0, 1]. Where no referral rate
    // reaches the new count, places are too full: people must leave faster.
    std::optional<double> referrals = referrals_for({1.0, 1.0});
    if (referrals && fit(p, *referrals, {1.0, 1.0}).exits < o.exits - 0.5)
      throw InputError({Problem{
          o.file, o.line, o.column, where,
          fmt::format("exits = {} kan inte nås: även om alla slutade efter en månad skulle "
                      "{} sluta på {} månader; kontrollera served, new och exits",
                      o.exits, message_number(std::round(fit(p, *referrals, {1.0, 1.0}).exits * 10) / 10), o.months)}});
    double lo = 1e-9, hi = 1.0;
    for (int k = 0; k < 100; ++k) {
      const double mid = 0.5 * (lo + hi);
      referrals = referrals_for({mid, mid});
      (!referrals || fit(p, *referrals, {mid, mid}).exits < o.exits ? lo : hi) = mid;
    }
    exit_probability = {hi, hi};
  }
  const std::optional<double> referrals = referrals_for(exit_probability);
  if (!referrals)
    throw InputError({Problem{o.file, o.line, o.column, where,
                              fmt::format("new = {} kan inte nås på {} månader med capacity = {} och en "
                                          "medelvistelse på {} månader: höj capacity eller kontrollera siffrorna",
                                          o.new_participants, o.months, p.capacity,
                                          message_number(std::round(10.0 / exit_probability[women]) / 10))}});
  c.referrals_per_month = *referrals;
  c.mean_stay_months = 1.0 / exit_probability[women];
  const Fit result = fit(p, c.referrals_per_month, exit_probability);
  c.fitted_new = result.starts;
  c.fitted_exits = result.exits;
  return c;
}

}  // namespace finsim
