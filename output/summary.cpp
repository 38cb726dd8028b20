#include "output/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "input/calendar.h"
#include "output/display_names.h"
#include "output/forecast_output.h"
#include "output/montecarlo_output.h"
#include "output/swedish.h"

namespace finsim {

namespace {

std::string kr(double amount) { return format_kronor(amount) + " kr"; }

/// "A", "A och B", "A, B och C".
std::string and_list(const std::vector<std::string>& parts)
{
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? " och " : ", ") + parts[i];
  return out;
}

const char* const month_short[] = {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};

/// "blir 120 000 kr högre" / "blir 120 000 kr lägre" / "blir oförändrat".
std::string change_words(double delta)
{
  if (std::round(delta) == 0.0) return "blir oförändrat";
  return fmt::format("blir {} {}", kr(std::fabs(delta)), delta > 0 ? "högre" : "lägre");
}

std::string cap_sentence_mc(const Scenario& s, const Projection& e, const MonteCarloResults& mc)
{
  const int first = s.forbund.first_year;
  for (int y = 0; y < mc.years; ++y) {
    const double over = mc.summary(Outcome::equity, y).at(0.5) - e.finance.equity_cap[std::size_t(y)];
    if (over > 0.0)
      return fmt::format("Eget kapital väntas överstiga taket {} med {} (P50); sannolikheten är {}.", first + y,
                         kr(over), chance_text(mc.p(Breach::equity_above_cap, y).p, mc.runs));
  }
  return fmt::format(
      "Eget kapital väntas stanna under taket alla år (P50); sannolikheten att överstiga det något år "
      "är {}.",
      chance_text(mc.p_any(Breach::equity_above_cap).p, mc.runs));
}

std::string floor_sentence_mc(const Scenario& s, const MonteCarloResults& mc)
{
  const double floor = s.forbund.equity_floor;
  for (int y = 0; y < mc.years; ++y) {
    const double under = floor - mc.summary(Outcome::equity, y).at(0.5);
    if (under > 0.0)
      return fmt::format("Eget kapital väntas understiga golvet ({}) {} med {} (P50); sannolikheten är {}.", kr(floor),
                         s.forbund.first_year + y, kr(under),
                         chance_text(mc.p(Breach::equity_below_floor, y).p, mc.runs));
  }
  return fmt::format("Sannolikheten att eget kapital understiger golvet ({}) något år är {}.", kr(floor),
                     chance_text(mc.p_any(Breach::equity_below_floor).p, mc.runs));
}

std::string cash_sentence_mc(const MonteCarloResults& mc)
{
  const Probability& p = mc.p_any(Breach::cash_negative);
  if (p.p == 0.0) return "Kassan räcker alla månader.";
  return fmt::format("Sannolikheten att kassan går under noll någon månad är {}.", chance_text(p.p, mc.runs));
}

Sentences run_expected(const Scenario& s, const Projection& e)
{
  const FinanceProjection& f = e.finance;
  const int first = s.forbund.first_year;
  Sentences out;
  std::string cap = "Eget kapital väntas stanna under taket alla år (väntevärde).";
  for (std::size_t y = 0; y < f.equity.size(); ++y)
    if (f.equity[y] > f.equity_cap[y]) {
      cap = fmt::format("Eget kapital väntas överstiga taket {} med {} (väntevärde).", first + int(y),
                        kr(f.equity[y] - f.equity_cap[y]));
      break;
    }
  out.push_back(cap);
  std::string floor =
      fmt::format("Eget kapital väntas inte understiga golvet ({}) något år (väntevärde).", kr(s.forbund.equity_floor));
  for (std::size_t y = 0; y < f.equity.size(); ++y)
    if (f.equity[y] < s.forbund.equity_floor) {
      floor = fmt::format("Eget kapital väntas understiga golvet ({}) {} med {} (väntevärde).",
                          kr(s.forbund.equity_floor), first + int(y), kr(s.forbund.equity_floor - f.equity[y]));
      break;
    }
  out.push_back(floor);
  const auto lowest = std::min_element(f.cash.begin(), f.cash.end());
  if (lowest == f.cash.end() || *lowest >= 0.0) {
    out.emplace_back("Kassan räcker alla månader.");
  } else {
    const auto first_negative =
        std::size_t(std::find_if(f.cash.begin(), f.cash.end(), [](double c) { return c < 0.0; }) - f.cash.begin());
    out.push_back(fmt::format("Kassan går under noll i {} {} och är som lägst {} (väntevärde).",
                              month_name(int(first_negative % 12) + 1), first + int(first_negative / 12), kr(*lowest)));
  }
  return out;
}

/// The room's window: "under 2018 (jan–dec, betalt kvartalsvis i efterskott)".
std::string room_window(const Scenario& s, const RoomLimits& l)
{
  const YearMonth to = l.to.value_or(YearMonth{s.forbund.first_year + s.forbund.years - 1, 12});
  const std::string months = to.year == l.from_year
                                 ? fmt::format("{}–{}", month_short[0], month_short[to.month - 1])
                                 : fmt::format("jan {}–{} {}", l.from_year, month_short[to.month - 1], to.year);
  const std::string when =
      to.year == l.from_year ? fmt::format("under {}", l.from_year) : fmt::format("per år från {}", l.from_year);
  return fmt::format("{} ({}, betalt {})", when, months, payment_label(l.payment));
}

/// The condition a limit sets, for "… om <condition>".
std::string room_condition(const Scenario& s, const RoomLimits& l, RoomLimit which)
{
  switch (which) {
    case RoomLimit::max_p_below_floor:
      return fmt::format("risken att eget kapital understiger golvet ({}) något år från {} ska vara högst {}",
                         kr(s.forbund.equity_floor), l.from_year, format_limit_percent(l.max_p_below_floor));
    case RoomLimit::max_p_cash_negative:
      return fmt::format("risken att kassan går under noll någon månad från {} ska vara högst {}", l.from_year,
                         format_limit_percent(l.max_p_cash_negative));
    case RoomLimit::equity_target:
      return fmt::format("eget kapital ska vara minst {} med {} sannolikhet", kr(l.equity_target.value_or(NAN)),
                         format_limit_percent(l.target_probability));
    case RoomLimit::max_p_above_cap:
      return fmt::format("risken att eget kapital överstiger taket {} ska vara högst {}",
                         s.forbund.first_year + s.forbund.years - 1,
                         format_limit_percent(l.max_p_above_cap.value_or(NAN)));
  }
  return "";
}

std::string interval_words(const std::array<double, 2>& ci)
{
  if (!std::isfinite(ci[0]) || !std::isfinite(ci[1])) return "";
  return fmt::format(" (95 %-intervall {}–{} kr)", format_kronor(ci[0]), format_kronor(ci[1]));
}

}  // namespace

std::string chance_text(double p, std::uint64_t runs) { return format_probability(p, runs); }

Sentences run_summary(const Scenario& s, const Projection& expected, const MonteCarloResults* montecarlo)
{
  if (montecarlo == nullptr) return run_expected(s, expected);
  return {cap_sentence_mc(s, expected, *montecarlo), floor_sentence_mc(s, *montecarlo), cash_sentence_mc(*montecarlo)};
}

Sentences forecast_summary(const YearForecast& f)
{
  const int year = f.through.year;
  Sentences out;
  if (f.from_monte_carlo) {
    const auto at = [&](double level) {
      const auto i =
          std::size_t(std::find(quantile_levels.begin(), quantile_levels.end(), level) - quantile_levels.begin());
      return f.result_q[i];
    };
    out.push_back(
        fmt::format("Helårsprognos {} med utfall till och med {} {}: årets resultat väntas bli {} (P50; "
                    "90 %-intervall {} till {}).",
                    year, month_name(f.through.month), year, kr(at(0.5)), kr(at(0.05)), kr(at(0.95))));
    if (std::isfinite(f.own_result)) {
      const bool inside = f.own_result >= at(0.05) && f.own_result <= at(0.95);
      out.push_back(fmt::format("Förbundets egen prognos, {}, ligger {} intervallet.", kr(f.own_result),
                                inside                    ? "inom"
                                : f.own_result < at(0.05) ? "under"
                                                          : "över"));
    }
  } else {
    out.push_back(
        fmt::format("Helårsprognos {} med utfall till och med {} {}: årets resultat väntas bli {} "
                    "(väntevärde).",
                    year, month_name(f.through.month), year, kr(f.result_mean)));
    if (std::isfinite(f.own_result)) out.push_back(fmt::format("Förbundets egen prognos är {}.", kr(f.own_result)));
  }
  return out;
}

Sentences comparison_summary(const Comparison& c)
{
  Sentences out;
  if (c.names.empty() || c.years == 0) return out;
  const int last = c.years - 1;
  const int last_year = c.first_year + last;
  for (std::size_t v = 1; v < c.names.size(); ++v) {
    const Summary& d = c.differences[v].equity[std::size_t(last)];
    std::string sentence =
        fmt::format("{} mot {}: eget kapital {} {} (P50 av skillnaden; P5–P95 {} till {}).", c.names[v], c.names[0],
                    last_year, change_words(d.at(0.5)), kr(d.at(0.05)), kr(d.at(0.95)));
    std::vector<std::string> risks;
    for (const BreachInfo& b : breaches) {
      const double before = c.results[0].p_any(b.id).p, after = c.results[v].p_any(b.id).p;
      if (chance_text(before, c.runs) != chance_text(after, c.runs))
        risks.push_back(fmt::format("{} från {} till {}", breach_any_label(b.id), chance_text(before, c.runs),
                                    chance_text(after, c.runs)));
    }
    sentence += risks.empty() ? " Riskerna är oförändrade." : " Riskerna ändras: " + and_list(risks) + ".";
    out.push_back(sentence);
  }
  return out;
}

Sentences room_summary(const Scenario& s, const BudgetRoom& r)
{
  const RoomLimits& l = r.limits;
  Sentences out;
  if (!r.feasible) {
    out.push_back(
        fmt::format("Inget extra belopp {} uppfyller villkoren: redan utan nya insatser missas villkoret att "
                    "{}, med {} procentenheter.",
                    room_window(s, l), room_condition(s, l, *r.binding), format_decimal(100.0 * r.shortfall, 1)));
    return out;
  }
  if (std::isnan(r.max_extra_spend)) {
    out.push_back(fmt::format("Villkoren sätter ingen övre gräns för nya insatser {}.", room_window(s, l)));
  } else {
    out.push_back(fmt::format("Högst {}{} kan läggas på nya insatser {} om {}.", kr(r.max_extra_spend),
                              interval_words(r.max_ci), room_window(s, l), room_condition(s, l, *r.binding)));
    // The next limit: the least bound above the binding one among the other upper limits.
    std::optional<RoomLimit> next;
    for (RoomLimit x : room_limits) {
      const LimitBound& b = r.bounds[std::size_t(x)];
      if (x == RoomLimit::max_p_above_cap || !b.given || x == *r.binding || std::isinf(b.bound)) continue;
      if (!next || b.bound < r.bounds[std::size_t(*next)].bound) next = x;
    }
    if (next)
      out.push_back(
          fmt::format("Nästa gräns är {} ({}).", room_limit_label(*next), kr(r.bounds[std::size_t(*next)].bound)));
    else
      out.emplace_back("Inget annat villkor sätter en gräns.");
  }
  if (l.max_p_above_cap)
    out.push_back(fmt::format("Minst {}{} behöver läggas på nya insatser om {}.", kr(r.min_extra_spend),
                              interval_words(r.min_ci), room_condition(s, l, RoomLimit::max_p_above_cap)));
  return out;
}

Sentences sensitivity_summary(const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings)
{
  const int year = s.forbund.first_year + settings.year;
  const std::string output = fmt::format("{} {}", sensitivity_output_label(settings.output), year);
  Sentences out;
  if (r.sobol) {
    const std::size_t q = std::size_t(settings.output) * std::size_t(r.years) + std::size_t(settings.year);
    const std::size_t k = r.factors.size();
    const SobolIndices& ix = r.sobol->indices;
    if (ix.variance.empty() || ix.variance[q] == 0.0) {
      out.push_back(fmt::format("{} varierar inte mellan körningarna: ingen faktor påverkar det.", output));
    } else {
      std::vector<std::size_t> order(k);
      std::iota(order.begin(), order.end(), 0);
      const auto total = [&](std::size_t i) { return ix.total[q * k + i]; };
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return total(a) > total(b); });
      std::vector<std::string> parts;
      for (std::size_t i = 0; i < std::min<std::size_t>(3, k); ++i)
        parts.push_back(fmt::format("{} ({})", factor_label(r.factors[order[i]].name, s.forbund.first_year),
                                    format_percent(std::clamp(total(order[i]), 0.0, 1.0))));
      out.push_back(fmt::format("{} beror mest på {}: andel av variansen som faktorn står för (totalindex).", output,
                                and_list(parts)));
    }
  }
  if (!r.sobol && r.tornado && !r.tornado->rows.empty()) {
    // The uncertain numbers drive the outcome; the fixed amounts' ±F swings only when none is uncertain.
    std::vector<const TornadoRow*> rows;
    for (const TornadoRow& row : r.tornado->rows)
      if (!row.fixed_swing) rows.push_back(&row);
    if (rows.empty())
      for (const TornadoRow& row : r.tornado->rows) rows.push_back(&row);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const TornadoRow* a, const TornadoRow* b) { return a->swing() > b->swing(); });
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, rows.size()); ++i)
      parts.push_back(fmt::format("{} ({})", factor_label(rows[i]->path, s.forbund.first_year), kr(rows[i]->swing())));
    out.push_back(fmt::format("Störst utslag i tornadon ger {} (skillnaden i {} mellan låg och hög indata).",
                              and_list(parts), output));
  }
  return out;
}

Sentences backtest_summary(const Backtest& b)
{
  Sentences out;
  std::vector<std::string> parts;
  int cases = 0;
  for (std::size_t o = 0; o < backtest_outcome_count; ++o) {
    if (b.counted[o] == 0) continue;
    cases = std::max(cases, b.counted[o]);
  }
  const std::size_t result = 3, equity = 4;
  for (std::size_t o : {result, equity}) {
    if (b.counted[o] == 0) continue;
    int in90 = 0, in50 = 0;
    for (const BacktestCase& c : b.cases) {
      in90 += c.inside_90[o] == 1.0;
      in50 += c.inside_50[o] == 1.0;
    }
    parts.push_back(fmt::format("{} {} av {} inom 90 %-bandet och {} inom 50 %-bandet",
                                o == result ? "årets resultat" : "eget kapital", in90, b.counted[o], in50));
  }
  if (parts.empty()) {
    out.emplace_back("Inget av fallen har ett utfall att pröva prognosen mot.");
    return out;
  }
  out.push_back(fmt::format("Av {} tidigare år låg {}.", cases, and_list(parts)));
  out.emplace_back("Ett välkalibrerat band träffar 90 % respektive 50 % av utfallen.");
  return out;
}

Sentences merger_summary(const MergerImpact& m)
{
  Sentences out;
  if (m.scenarios.empty() || m.years == 0) return out;
  const auto merged = static_cast<Eigen::Index>(m.scenarios.size() - 1);
  const double separate = m.driftbidrag.topRows(merged).col(0).sum();
  const double change = m.driftbidrag(merged, 0) - separate;
  std::string first = fmt::format("Sammanslagningen ändrar driftbidraget {} med {} per år", m.first_year, kr(change));
  const double lost = m.lost_base_amounts.empty() ? NAN : m.lost_base_amounts.front();
  if (std::isnan(lost))
    first += fmt::format("; de {} förlorade grundbeloppen är inte modellerade.", m.lost_base_amount_count);
  else
    first += fmt::format(", varav {} förlorade grundbelopp ({}).", m.lost_base_amount_count, kr(lost));
  out.push_back(first);
  if (!m.admin_saving.empty() && m.admin_summed.empty())
    out.push_back(
        fmt::format("Kansli och styrelse kostar {} mindre per år ({}).", kr(m.admin_saving.front()), m.first_year));
  std::vector<std::string> more, less;
  for (std::size_t k = 0; k < m.kommuner.size(); ++k) {
    const double d =
        m.kommun_contribution_merged(Eigen::Index(k), 0) - m.kommun_contribution_separate(Eigen::Index(k), 0);
    if (std::round(d) > 0) more.push_back(fmt::format("{} ({})", m.kommuner[k], kr(d)));
    if (std::round(d) < 0) less.push_back(fmt::format("{} ({})", m.kommuner[k], kr(-d)));
  }
  if (more.empty() && less.empty())
    out.emplace_back("Varje kommun betalar lika mycket som förut.");
  else {
    std::string who;
    if (!more.empty()) who += "Mer betalar " + and_list(more);
    if (!less.empty()) who += (who.empty() ? "Mindre betalar " : "; mindre ") + and_list(less);
    out.push_back(who + fmt::format(" ({}).", m.first_year));
  }
  return out;
}

std::string summary_lines(const Sentences& sentences)
{
  std::string out;
  for (const std::string& s : sentences) out += s + '\n';
  return sentences.empty() ? out : out + '\n';
}

}  // namespace finsim
