#include "output/comparison_output.h"

#include <fmt/format.h>

#include <cmath>

#include "output/display_names.h"
#include "output/montecarlo_output.h"
#include "output/result_file.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

/// A paired difference in percentage points with its standard error: "+1,20 ± 0,35".
std::string format_points(const Probability& d)
{
  return fmt::format("{}{} ± {}", d.p > 0.0 ? "+" : "", format_decimal(100.0 * d.p, 2),
                     format_decimal(100.0 * d.se, 2));
}

std::string format_signed_kronor(double x) { return fmt::format("{}{}", x > 0.0 ? "+" : "", format_kronor(x)); }

/// Rows of scenario × year, row-major, from a per-scenario, per-year getter.
template <typename F>
std::vector<double> by_scenario_year(const Comparison& c, F value)
{
  std::vector<double> out;
  for (std::size_t i = 0; i < c.names.size(); ++i)
    for (int y = 0; y < c.years; ++y) out.push_back(value(i, y));
  return out;
}

/// Quantiles of a per-scenario, per-year Summary: scenario × year × quantile.
template <typename F>
std::vector<double> quantiles_by_scenario_year(const Comparison& c, F summary)
{
  std::vector<double> out;
  for (std::size_t i = 0; i < c.names.size(); ++i)
    for (int y = 0; y < c.years; ++y)
      for (double q : summary(i, y).quantiles) out.push_back(q);
  return out;
}

void write_breach_datasets(h5::Group& g, const Comparison& c, const h5::Dataset& scenario, const h5::Dataset& year)
{
  for (const BreachInfo& b : breaches) {
    const std::string name = std::string("p_") + b.name, delta = "delta_" + name;
    const std::size_t i = index(b.id);
    g.write(name, by_scenario_year(c, [&](std::size_t s, int y) { return c.results[s].p(b.id, y).p; }),
            {&scenario, &year}, "1", std::string("share of runs: ") + b.what + " in the year");
    g.write(name + "_se", by_scenario_year(c, [&](std::size_t s, int y) { return c.results[s].p(b.id, y).se; }),
            {&scenario, &year}, "1", "standard error of " + name);
    g.write(delta,
            by_scenario_year(c, [&](std::size_t s, int y) { return c.differences[s].breach[i][std::size_t(y)].p; }),
            {&scenario, &year}, "1", "paired difference of the breach indicator, variant - base (0 for the base)");
    g.write(delta + "_se",
            by_scenario_year(c, [&](std::size_t s, int y) { return c.differences[s].breach[i][std::size_t(y)].se; }),
            {&scenario, &year}, "1", "standard error of " + delta + ": sd (N-1) of the paired differences / sqrt(N)");
  }
}

/// Every scenario's yearly key table: each yearly dataset of `/deterministic` over (scenario,
/// year), from the expected-value projections (clarification 83). The allocation model's parts
/// when some scenario has [funding.allocation], NaN in the rows of those without.
void write_key_tables(h5::Group& g, const Comparison& c, const std::vector<const Scenario*>& scenarios,
                      const h5::Dataset& scenario, const h5::Dataset& year)
{
  const auto allocation = [&](std::size_t s) { return scenarios[s]->funding.allocation.has_value(); };
  bool any_allocation = false;
  for (std::size_t s = 0; s < scenarios.size(); ++s) any_allocation = any_allocation || allocation(s);
  for (const YearlyDataset& d : yearly_datasets()) {
    if (d.allocation && !any_allocation) continue;
    std::vector<double> values;
    for (std::size_t s = 0; s < c.expected.size(); ++s) {
      std::vector<double> row = d.values(c.expected[s]);
      if (d.allocation && !allocation(s)) row.assign(std::size_t(c.years), std::nan(""));
      values.insert(values.end(), row.begin(), row.end());
    }
    const std::string what = std::string(d.description) + " (expected-value projection, per scenario" +
                             (d.allocation ? "; NaN without [funding.allocation]" : "") + ")";
    if (d.flag)
      g.write_flags(d.name, std::vector<bool>(values.begin(), values.end()), {&scenario, &year}, what);
    else
      g.write(d.name, values, {&scenario, &year}, d.units, what);
  }
  std::vector<std::string> texts;
  for (const Scenario* s : scenarios) texts.push_back(s->text);
  h5::Dataset text = g.write_texts("scenario_text", texts, scenario,
                                   "each scenario's text as run: the file, or for a variant (extends) the merged "
                                   "scenario as TOML without extends");
  text.attribute("units", "text");
}

}  // namespace

void write_comparison(h5::Group& root, const Comparison& c, const std::vector<const Scenario*>& scenarios)
{
  h5::Group g = root.group("compare");
  g.attribute("description", std::string("Scenarios run with the same seed and replication indices (common random "
                                         "numbers); differences are paired run by run, variant - base."));
  g.attribute("runs", static_cast<long long>(c.runs));
  g.attribute("seed", static_cast<long long>(c.seed));
  std::vector<std::string> sources, texts;
  for (const Scenario* s : scenarios) {
    sources.push_back(s->source);
    texts.push_back(s->text);
  }
  g.attribute("scenario_sources", sources);
  g.attribute("scenario_tomls", texts);
  const h5::Dataset scenario = g.label_scale("scenario", c.names, "scenario file stem, the base first");
  std::vector<long long> years;
  for (int y = 0; y < c.years; ++y) years.push_back(c.first_year + y);
  const h5::Dataset year = g.scale("year", years, "year", "calendar year");
  const h5::Dataset quantile =
      g.scale("quantile", std::vector<double>(quantile_levels.begin(), quantile_levels.end()), "1", "quantile level");

  const auto equity = [&](std::size_t s, int y) -> const Summary& { return c.results[s].summary(Outcome::equity, y); };
  const auto delta = [&](std::size_t s, int y) -> const Summary& { return c.differences[s].equity[std::size_t(y)]; };
  g.write("equity_mean", by_scenario_year(c, [&](std::size_t s, int y) { return equity(s, y).mean; }),
          {&scenario, &year}, "SEK", "closing eget kapital: mean over runs");
  g.write("equity_q", quantiles_by_scenario_year(c, equity), {&scenario, &year, &quantile}, "SEK",
          "closing eget kapital: quantiles (type 7)");
  write_breach_datasets(g, c, scenario, year);
  write_key_tables(g, c, scenarios, scenario, year);
  g.write("delta_equity_mean", by_scenario_year(c, [&](std::size_t s, int y) { return delta(s, y).mean; }),
          {&scenario, &year}, "SEK", "closing equity, variant - base, paired: mean over runs (0 for the base)");
  g.write("delta_equity_se", by_scenario_year(c, [&](std::size_t s, int y) { return delta(s, y).se; }),
          {&scenario, &year}, "SEK",
          "standard error of delta_equity_mean: sd (N-1) of the paired differences / sqrt(N)");
  g.write("delta_equity_q", quantiles_by_scenario_year(c, delta), {&scenario, &year, &quantile}, "SEK",
          "quantiles (type 7) of the paired difference in closing equity");
  g.write("p_equity_higher",
          by_scenario_year(c, [&](std::size_t s, int y) { return c.differences[s].p_equity_higher[std::size_t(y)]; }),
          {&scenario, &year}, "1",
          "share of runs where the variant's closing equity is above the base's (0 for the base)");
  g.write(
      "crn_variance_ratio",
      by_scenario_year(c, [&](std::size_t s, int y) { return c.differences[s].crn_variance_ratio[std::size_t(y)]; }),
      {&scenario, &year}, "1",
      "(var base + var variant) / var of the paired difference: the variance reduction of common random numbers "
      "(NaN for the base and when the paired variance is 0)");
}

std::string comparison_report(const Comparison& c)
{
  std::string out = fmt::format("Jämförelse: {} scenarier, {} körningar vardera, frö {}, gemensamma slumptal\n\n",
                                c.names.size(), c.runs, c.seed);
  std::vector<std::string> header{"År", "Scenario", "EK P5", "EK P50", "EK P95"};
  for (const BreachInfo& b : breaches) header.emplace_back(breach_column(b.id));
  TextTable table(header, 2);
  for (int y = 0; y < c.years; ++y)
    for (std::size_t s = 0; s < c.names.size(); ++s) {
      const Summary& e = c.results[s].summary(Outcome::equity, y);
      std::vector<std::string> row{s == 0 ? std::to_string(c.first_year + y) : "", c.names[s],
                                   format_kronor(e.at(0.05)), format_kronor(e.at(0.50)), format_kronor(e.at(0.95))};
      for (const BreachInfo& b : breaches) row.push_back(format_probability(c.results[s].p(b.id, y), c.runs));
      table.add(row);
    }
  out += table.render();
  if (c.names.size() < 2) return out;

  out += fmt::format("\nVariant mot basen {} (skillnad i eget kapital vid årets slut, körning för körning):\n",
                     c.names.front());
  std::vector<std::string> delta_header{"År", "Variant", "ΔEK medel ± se", "ΔEK P5", "ΔEK P95", "P(EK > basens)"};
  for (const BreachInfo& b : breaches) delta_header.push_back(fmt::format("Δ{} %-enh.", breach_column(b.id)));
  TextTable deltas(delta_header, 2);
  for (int y = 0; y < c.years; ++y)
    for (std::size_t s = 1; s < c.names.size(); ++s) {
      const PairedDifference& d = c.differences[s];
      const Summary& e = d.equity[std::size_t(y)];
      std::vector<std::string> row{s == 1 ? std::to_string(c.first_year + y) : "",
                                   c.names[s],
                                   format_signed_kronor(e.mean) + " ± " + format_kronor(e.se),
                                   format_signed_kronor(e.at(0.05)),
                                   format_signed_kronor(e.at(0.95)),
                                   format_probability(d.p_equity_higher[std::size_t(y)], c.runs)};
      for (const BreachInfo& b : breaches) row.push_back(format_points(d.breach[index(b.id)][std::size_t(y)]));
      deltas.add(row);
    }
  out += deltas.render();
  out += "(± är ett standardfel av den parvisa skillnaden.)\n";

  const int last = c.years - 1;
  out += fmt::format(
      "\nVariansreduktion av gemensamma slumptal, {}: (var bas + var variant) ÷ var av den parvisa skillnaden\n",
      c.first_year + last);
  for (std::size_t s = 1; s < c.names.size(); ++s) {
    const double ratio = c.differences[s].crn_variance_ratio[std::size_t(last)];
    out +=
        fmt::format("  {}: {}\n", c.names[s],
                    std::isnan(ratio) ? "– (skillnaden är densamma i varje körning)"
                                      : format_decimal(ratio, 1) + " gånger mindre varians än med oberoende körningar");
  }
  return out;
}

}  // namespace finsim
