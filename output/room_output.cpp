#include "output/room_output.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "input/enum_names.h"
#include "output/display_names.h"
#include "output/montecarlo_output.h"
#include "output/ore.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string last_month(const Scenario& s, const RoomLimits& l)
{
  return l.to.value_or(YearMonth{s.forbund.first_year + s.forbund.years - 1, 12}).to_string();
}

/// The limit in words, e.g. "P(EK ≥ 800 000 varje år från 2018) ≥ 50 %".
std::string limit_text(const Scenario& s, const RoomLimits& l, RoomLimit which)
{
  const int last = s.forbund.first_year + s.forbund.years - 1;
  switch (which) {
    case RoomLimit::max_p_below_floor:
      return fmt::format("P(EK < golv något år från {}) ≤ {}", l.from_year, format_limit_percent(l.max_p_below_floor));
    case RoomLimit::max_p_cash_negative:
      return fmt::format("P(kassa < 0 någon månad från {}) ≤ {}", l.from_year,
                         format_limit_percent(l.max_p_cash_negative));
    case RoomLimit::equity_target:
      return fmt::format("P(EK ≥ {} varje år från {}) ≥ {}", format_kronor(l.equity_target.value_or(nan)), l.from_year,
                         format_limit_percent(l.target_probability));
    case RoomLimit::max_p_above_cap:
      return fmt::format("P(EK > tak {}) ≤ {}", last, format_limit_percent(l.max_p_above_cap.value_or(nan)));
  }
  return "";
}

std::string interval(const std::array<double, 2>& ci)
{
  return fmt::format("95 %: {}–{}", format_kronor(ci[0]), format_kronor(ci[1]));
}

/// The answer in sentences.
std::string answer(const Scenario& s, const BudgetRoom& r)
{
  const RoomLimits& l = r.limits;
  if (!r.feasible) {
    return fmt::format(
        "Inget extra belopp från {} uppfyller villkoren. Villkoret {} missas mest redan utan extra utgifter: med {} "
        "procentenheter.\n",
        l.from_year, limit_text(s, l, *r.binding), format_decimal(100.0 * r.shortfall, 1));
  }
  std::string out;
  if (std::isnan(r.max_extra_spend)) {
    out = fmt::format("Utrymme för nya insatser från {}: inget tak, villkoren begränsar inte utgifterna uppåt\n",
                      l.from_year);
  } else {
    out = fmt::format("Utrymme för nya insatser från {}: högst {} kr per år ({}), bindande villkor: {}\n", l.from_year,
                      format_kronor(r.max_extra_spend), interval(r.max_ci), limit_text(s, l, *r.binding));
  }
  if (l.max_p_above_cap)
    out +=
        fmt::format("Minst {} kr per år behöver användas från {} för att {} ({})\n", format_kronor(r.min_extra_spend),
                    l.from_year, limit_text(s, l, RoomLimit::max_p_above_cap), interval(r.min_ci));
  return out;
}

std::string limits_table(const Scenario& s, const BudgetRoom& r)
{
  TextTable t({"Villkor", "Gräns för extra kr/år", "P(…) utan extra utgift"});
  for (RoomLimit x : room_limits) {
    const LimitBound& b = r.bounds[std::size_t(x)];
    if (!b.given) continue;
    const bool least = x == RoomLimit::max_p_above_cap;
    const std::string bound = std::isinf(b.bound)
                                  ? std::string("ingen gräns")
                                  : fmt::format("{} {}", least ? "minst" : "högst", format_kronor(b.bound));
    t.add({limit_text(s, r.limits, x), bound, format_probability(b.p_at_zero, r.runs)});
  }
  return t.render();
}

std::string curve_table(const BudgetRoom& r)
{
  std::vector<std::string> header{"Extra kr/år", "P(EK < golv)", "P(kassa < 0)"};
  if (r.limits.equity_target) header.emplace_back("P(mål nås)");
  if (r.limits.max_p_above_cap) header.emplace_back("P(EK > tak)");
  header.emplace_back("EK P50 sista året");
  TextTable t(header);
  for (std::size_t i = 0; i < r.extra_spend.size(); i += 5) {
    std::vector<std::string> row{format_kronor(r.extra_spend[i]), format_probability(r.p_below_floor_any[i], r.runs),
                                 format_probability(r.p_cash_negative_any[i], r.runs)};
    if (r.limits.equity_target) row.push_back(format_probability(r.p_equity_target_met[i], r.runs));
    if (r.limits.max_p_above_cap) row.push_back(format_probability(r.p_above_cap_last[i], r.runs));
    row.push_back(format_kronor(r.equity_last_q[i][4]));
    t.add(row);
  }
  return t.render();
}

}  // namespace

const char* limit_label(RoomLimit l)
{
  switch (l) {
    case RoomLimit::max_p_below_floor: return "P(EK < golv något år)";
    case RoomLimit::max_p_cash_negative: return "P(kassa < 0 någon månad)";
    case RoomLimit::equity_target: return "målet för eget kapital";
    case RoomLimit::max_p_above_cap: return "P(EK > tak sista året)";
  }
  return "";
}

void write_room(h5::Group& root, const Scenario& s, const BudgetRoom& r)
{
  const RoomLimits& l = r.limits;
  h5::Group g = root.group("room");
  g.attribute("description",
              std::string("Extra yearly spend from January of `from` (a room insats: fixed amount, utilisation 1, "
                          "paid by `payment`) that keeps the limits; exact for the drawn runs, since each run's "
                          "equity and cash are linear in the amount."));
  g.attribute("from", static_cast<long long>(l.from_year));
  g.attribute("to", last_month(s, l));
  g.attribute("payment", std::string(enum_name(l.payment)));
  g.attribute("max_p_below_floor", l.max_p_below_floor);
  g.attribute("max_p_cash_negative", l.max_p_cash_negative);
  g.attribute("equity_target", round_to_ore(l.equity_target.value_or(nan)));
  g.attribute("target_probability", l.target_probability);
  g.attribute("max_p_above_cap", l.max_p_above_cap.value_or(nan));
  g.attribute("shortfall", r.shortfall);
  g.attribute("runs", static_cast<long long>(r.runs));
  g.attribute("ci_method", std::string("order statistics of the runs' thresholds at ranks r -/+ "
                                       "ceil(1.96 sqrt(N q (1 - q))), q = r/N"));
  g.write_scalar("max_extra_spend", r.max_extra_spend, "SEK/year",
                 "largest extra yearly spend meeting every limit (NaN: unbounded or none meets them)");
  g.write_scalar("min_extra_spend", r.min_extra_spend, "SEK/year",
                 "least extra yearly spend meeting max_p_above_cap (NaN: no such limit or none meets them)");
  const h5::Dataset bound = g.label_scale("bound", {"low", "high"}, "ends of the 95 % interval");
  g.write("max_extra_spend_ci", {r.max_ci[0], r.max_ci[1]}, {&bound}, "SEK/year", "95 % interval of max_extra_spend");
  g.write("min_extra_spend_ci", {r.min_ci[0], r.min_ci[1]}, {&bound}, "SEK/year", "95 % interval of min_extra_spend");
  g.write_text("binding_limit", r.binding ? limit_name(*r.binding) : "none",
               "the limit that sets max_extra_spend; when none is met, the one missed most at no extra spend");
  std::vector<std::string> names;
  std::vector<double> bounds, at_zero;
  for (RoomLimit x : room_limits) {
    const LimitBound& b = r.bounds[std::size_t(x)];
    names.emplace_back(limit_name(x));
    bounds.push_back(b.given && std::isfinite(b.bound) ? b.bound : nan);
    at_zero.push_back(b.given ? b.p_at_zero : nan);
  }
  const h5::Dataset limit = g.label_scale("limit", names, "the room's limits");
  g.write(
      "limit_bound", bounds, {&limit}, "SEK/year",
      "each limit's own bound on the extra spend (a maximum; for max_p_above_cap a minimum); NaN: not given or none");
  g.write("limit_p_at_zero", at_zero, {&limit}, "1",
          "each limit's probability with no extra spend (for equity_target: the share meeting it)");

  const h5::Dataset extra = g.scale("extra_spend", r.extra_spend, "SEK/year", "extra yearly spend of the risk curve");
  const h5::Dataset quantile =
      g.scale("quantile", std::vector<double>(quantile_levels.begin(), quantile_levels.end()), "1", "quantile level");
  g.write("p_below_floor_any", r.p_below_floor_any, {&extra}, "1", "P(equity < floor at some year end from `from`)");
  g.write("p_cash_negative_any", r.p_cash_negative_any, {&extra}, "1", "P(cash < 0 at some month end from `from`)");
  g.write("p_above_cap_last", r.p_above_cap_last, {&extra}, "1",
          "P(equity > cap at the last year end); NaN without max_p_above_cap");
  g.write("p_equity_target_met", r.p_equity_target_met, {&extra}, "1",
          "P(equity >= equity_target at every year end from `from`); NaN without equity_target");
  std::vector<double> q;
  for (const auto& row : r.equity_last_q) q.insert(q.end(), row.begin(), row.end());
  g.write("equity_last_q", q, {&extra, &quantile}, "SEK", "closing equity of the last year: quantiles (type 7)");
}

std::string room_report(const Scenario& s, const BudgetRoom& r)
{
  const RoomLimits& l = r.limits;
  std::string out = fmt::format(
      "Utrymme för nya insatser: en extra årlig utgift från {}-01 till {}, betalas {}; "
      "{} körningar\n\n",
      l.from_year, last_month(s, l), payment_label(l.payment), r.runs);
  out += answer(s, r);
  out += fmt::format("\n{}\nRiskkurva:\n{}", limits_table(s, r), curve_table(r));
  out +=
      "(Beloppen är exakta för de dragna körningarna: varje körnings eget kapital och kassa minskar linjärt med den "
      "extra utgiften. 95 %-intervallen kommer från körningarnas ordningsstatistik.)\n";
  return out;
}

}  // namespace finsim
