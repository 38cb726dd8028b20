#include "output/forecast_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/statistics.h"
#include "input/enum_names.h"
#include "output/montecarlo_output.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

const char* month_name(int month)
{
  static constexpr const char* names[] = {"januari", "februari", "mars",      "april",   "maj",      "juni",
                                          "juli",    "augusti",  "september", "oktober", "november", "december"};
  return month >= 1 && month <= 12 ? names[month - 1] : "?";
}

const char* method_words(ForecastMethod method)
{
  switch (method) {
    case ForecastMethod::budget: return "budget (resten av budgeten)";
    case ForecastMethod::pace: return "takt (årets takt hittills)";
    case ForecastMethod::model: return "modell (osäkerheten, nyttjandet uppdaterat med året hittills)";
  }
  return "";
}

void write_forecast(h5::Group& root, const YearForecast& f)
{
  h5::Group g = root.group("forecast");
  g.attribute("description",
              std::string("Helårsprognos of the horizon's first year from the actuals to `through` ([year_to_date]): "
                          "each line's actual to date plus the months left as `method` forecasts them."));
  g.attribute("through", f.through.to_string());
  g.attribute("method", std::string(enum_name(f.method)));
  g.attribute("from_monte_carlo", static_cast<long long>(f.from_monte_carlo ? 1 : 0));
  const h5::Dataset line = g.label_scale("line", f.lines, "driftbidrag, then every income, cost and insats line");
  const h5::Dataset quantile =
      g.scale("quantile", std::vector<double>(quantile_levels.begin(), quantile_levels.end()), "1", "quantile level");
  g.write("budget", f.budget, {&line}, "SEK", "the full year's expected accrual as budgeted");
  g.write("actual_to_date", f.actual_to_date, {&line}, "SEK",
          "booked to `through` (NaN: not given, the line is forecast from its budget)");
  g.write("budget_to_date", f.budget_to_date, {&line}, "SEK",
          "the budget to `through` on the booking basis (paid: the schedule's payments, accrued: the accrual) at the "
          "expected use");
  g.write("deviation_to_date", f.deviation_to_date, {&line}, "SEK",
          "actual_to_date - budget_to_date for income lines, budget_to_date - actual_to_date for cost lines "
          "(positive: better; NaN: no actual given)");
  g.write("forecast_mean", f.forecast_mean, {&line}, "SEK", "full-year forecast: mean over the runs");
  g.write("deviation_from_budget", f.deviation_from_budget, {&line}, "SEK",
          "forecast_mean - budget for income lines, budget - forecast_mean for cost lines (positive: better)");
  std::vector<double> flagged;
  for (bool b : f.flagged) flagged.push_back(b ? 1.0 : 0.0);
  g.write("forecast_from_budget", flagged, {&line}, "1",
          "1: no actual given (or pace with no active month so far): forecast from the budget");
  g.write("forecast_q", f.forecast_q, {&line, &quantile}, "SEK",
          "full-year forecast: quantiles (type 7; NaN with --deterministic)");
  g.attribute("basis", std::string(enum_name(f.basis)));
  g.write_texts("assumption", f.assumption, line,
                "what the forecast assumed of the line: its schedule and how much of it is paid, avtal, reserv");
  g.write("own_forecast", f.own, {&line}, "SEK", "the förbund's own full-year forecast (NaN: not given)");
  g.write_scalar("own_result", f.own_result, "SEK", "the förbund's own forecast of the year's result (NaN: not given)");
  g.write_scalar("own_result_rank", f.own_result_rank, "1",
                 "share of the runs whose result is at or below own_result (NaN: none given, or no Monte Carlo)");
  g.write_scalar("result_mean", f.result_mean, "SEK", "the year's result: mean");
  g.write_scalar("equity_mean", f.equity_mean, "SEK", "closing equity of the year: mean");
  g.write("result_q", f.result_q, {&quantile}, "SEK", "the year's result: quantiles (NaN with --deterministic)");
  g.write("equity_q", f.equity_q, {&quantile}, "SEK", "closing equity: quantiles (NaN with --deterministic)");
}

std::string default_use_note(const Scenario& s)
{
  std::vector<std::string> names;
  for (const Insats& i : s.insatser)
    if (!i.utilization_given) names.push_back(i.name);
  if (names.empty()) return "";
  const Uncertain u = default_utilization("");
  const double low = u.clamped(u.distribution.quantile(0.05)), high = u.clamped(u.distribution.quantile(0.95));
  return fmt::format(
      "Förbrukningsgrad: {} av {} insatser anger ingen; förväntade värden räknar med beviljat belopp, "
      "Monte Carlo med {} till {} nyttjande (P5–P95, förbundens historik; docs/forecasting.md).\n",
      names.size(), s.insatser.size(), format_decimal(100.0 * low, 0) + " %", format_decimal(100.0 * high, 0) + " %");
}

std::string forecast_report(const Scenario& s, const YearForecast& f)
{
  const int year = s.forbund.first_year;
  const std::string to_date = fmt::format("Utfall t.o.m. {}", month_name(f.through.month));
  const bool bands = f.from_monte_carlo;
  std::vector<std::string> header{"Post", "Årsbudget", to_date, bands ? "Prognos (P50)" : "Prognos"};
  if (bands) header.insert(header.end(), {"P5", "P95"});
  header.emplace_back(bands ? "Avvikelse (P50)" : "Avvikelse");
  const bool own = std::any_of(f.own.begin(), f.own.end(), [](double x) { return !std::isnan(x); });
  if (own) header.emplace_back("Förbundets prognos");
  header.emplace_back("Antagande");
  TextTable table(header);
  bool any_flag = false;
  auto money = [](double x) { return std::isnan(x) ? std::string("–") : format_kronor(x); };
  for (std::size_t i = 0; i < f.lines.size(); ++i) {
    const double central = bands ? f.forecast_at(i, 0.50) : f.forecast_mean[i];
    const double deviation = f.income[i] ? central - f.budget[i] : f.budget[i] - central;
    std::string name = f.lines[i] == "driftbidrag" ? "Driftbidrag" : f.lines[i];
    if (f.flagged[i]) {
      name += " *";
      any_flag = true;
    }
    std::vector<std::string> row{name, money(f.budget[i]), money(f.actual_to_date[i]), money(central)};
    if (bands) row.insert(row.end(), {money(f.forecast_at(i, 0.05)), money(f.forecast_at(i, 0.95))});
    row.push_back(money(deviation));
    if (own) row.push_back(money(f.own[i]));
    row.push_back(f.assumption[i]);
    table.add(row);
  }
  std::string out = fmt::format("Helårsprognos {} med utfall t.o.m. {} {} (metod: {}):\n", year,
                                month_name(f.through.month), year, method_words(f.method));
  out += table.render();
  if (any_flag)
    out += f.method == ForecastMethod::model
               ? "* inget utfall angivet: hela året enligt modellen (budgeten med dess osäkerhet)\n"
               : "* inget utfall angivet, eller takt utan aktiv månad hittills: prognos enligt budget\n";
  out += bands ? "Avvikelse (P50): prognosens median mot budget, positiv när den är bättre (högre intäkt, lägre "
                 "kostnad); filen och arbetsboken visar medelvärdets avvikelse.\n"
               : "Avvikelse: prognos mot budget, positiv när den är bättre än budget (högre intäkt, lägre kostnad).\n";
  auto band = [&](const std::vector<double>& q) {
    return fmt::format("{} (P5–P95: {} – {})", format_kronor(q[4]), format_kronor(q[1]), format_kronor(q[7]));
  };
  out += fmt::format(
      "Bokfört {}. Poster utan egen osäkerhet har standardosäkerheten för månaderna kvar: insatser "
      "Student-t med skala 9,4 % av årsbudgeten (förbundens historik av nyttjande), administration "
      "5 %; avtal och reserver ingen (docs/forecasting.md).\n",
      f.basis == BookingBasis::paid ? "som betalt (basis = \"paid\"): nyttjandet hittills är det "
                                      "bokförda mot vad betalningsplanen betalat"
                                    : "periodiserat (basis = \"accrued\")");
  if (bands) {
    out += fmt::format("Resultat {}: {}\n", year, band(f.result_q));
    out += fmt::format("Eget kapital 31/12 {}: {}\n", year, band(f.equity_q));
    if (!std::isnan(f.own_result)) {
      const double rank = f.own_result_rank;
      const bool inside = f.own_result >= f.result_q[1] && f.own_result <= f.result_q[7];
      out += fmt::format(
          "Förbundets egen prognos för resultatet: {}; finsims P50 {}, skillnad {}. Den egna ligger "
          "vid {} av finsims körningar ({} P5–P95).\n",
          format_kronor(f.own_result), format_kronor(f.result_q[4]), format_kronor(f.result_q[4] - f.own_result),
          format_probability(rank, f.runs), inside ? "inom" : "utanför");
    }
  } else {
    out += fmt::format("Resultat {}: {}\n", year, format_kronor(f.result_mean));
    out += fmt::format("Eget kapital 31/12 {}: {}\n", year, format_kronor(f.equity_mean));
  }
  return out;
}

}  // namespace finsim
