#include "output/montecarlo_output.h"

#include <fmt/format.h>

#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

void write_montecarlo(h5::Group& root, const Scenario& s, const MonteCarloResults& r)
{
  h5::Group g = root.group("montecarlo");
  g.attribute("runs", static_cast<long long>(r.runs));
  g.attribute("seed", static_cast<long long>(r.seed));
  g.attribute("threads", static_cast<long long>(r.threads));
  g.attribute("wall_time_seconds", r.wall_seconds);
  g.attribute("description", std::string("Monte Carlo over the scenario's distributions and probabilities; "
                                         "sd with N-1, se = sd/sqrt(N), quantiles type 7."));
  std::vector<long long> years;
  for (int y = 0; y < r.years; ++y) years.push_back(s.forbund.first_year + y);
  const h5::Dataset year = g.scale("year", years, "year", "calendar year");
  const h5::Dataset quantile = g.scale("quantile", std::vector<double>(quantile_levels.begin(), quantile_levels.end()),
                                       "1", "quantile level");
  for (int q = 0; q < outcome_count; ++q) {
    const std::string name = outcome_names[q];
    const std::string units = outcome_units[q];
    std::vector<double> mean, sd, se, quantiles;
    for (const Summary& summary : r.summaries[q]) {
      mean.push_back(summary.mean);
      sd.push_back(summary.sd);
      se.push_back(summary.se);
      quantiles.insert(quantiles.end(), summary.quantiles.begin(), summary.quantiles.end());
    }
    g.write(name + "_mean", mean, {&year}, units, name + ": mean over runs");
    g.write(name + "_sd", sd, {&year}, units, name + ": standard deviation over runs (N-1)");
    g.write(name + "_se", se, {&year}, units, name + ": standard error of the mean");
    g.write(name + "_q", quantiles, {&year, &quantile}, units, name + ": quantiles (type 7)");
  }
  auto probabilities = [&](const std::string& name, const std::vector<Probability>& p, const Probability& any,
                           const std::string& what) {
    std::vector<double> value, se;
    for (const Probability& x : p) {
      value.push_back(x.p);
      se.push_back(x.se);
    }
    g.write("p_" + name, value, {&year}, "1", "share of runs: " + what + " in the year");
    g.write("p_" + name + "_se", se, {&year}, "1", "standard error of p_" + name);
    g.write_scalar("p_any_" + name, any.p, "1", "share of runs: " + what + " in some year of the horizon");
    g.write_scalar("p_any_" + name + "_se", any.se, "1", "standard error of p_any_" + name);
  };
  probabilities("equity_above_cap", r.p_equity_above_cap, r.p_any_equity_above_cap,
                "year-end equity strictly above the cap");
  probabilities("equity_below_floor", r.p_equity_below_floor, r.p_any_equity_below_floor,
                "year-end equity strictly below the floor");
  probabilities("cash_negative", r.p_cash_negative, r.p_any_cash_negative, "a month-end cash below zero");
  if (r.kept_paths > 0) {
    std::vector<long long> runs;
    for (std::uint64_t k = 0; k < r.kept_paths; ++k) runs.push_back(static_cast<long long>(k));
    const h5::Dataset run = g.scale("run", runs, "1", "replication index");
    for (int q = 0; q < outcome_count; ++q)
      g.write(std::string("paths_") + outcome_names[q], r.paths[q], {&run, &year}, outcome_units[q],
              std::string(outcome_names[q]) + ": yearly path of the first replications");
  }
}

std::string montecarlo_report(const Scenario& s, const MonteCarloResults& r)
{
  const std::string cap = fmt::format("{:g} %", s.forbund.equity_cap_share * 100.0);
  std::string out = fmt::format("Monte Carlo: {} körningar, frö {}, {} trådar, {} s\n\n", r.runs, r.seed, r.threads,
                                format_decimal(r.wall_seconds, 1));
  TextTable table({"År", "EK P5", "EK P50", "EK P95", "P(EK > tak)", "P(EK < golv)", "P(kassa < 0)"});
  auto percent_se = [](const Probability& p) {
    return format_percent(p.p) + " ± " + format_decimal(100.0 * p.se, 2);
  };
  for (int y = 0; y < r.years; ++y) {
    const Summary& e = r.summaries[0][y];
    table.add({std::to_string(s.forbund.first_year + y), format_kronor(e.quantiles[1]),
                    format_kronor(e.quantiles[4]), format_kronor(e.quantiles[7]), percent_se(r.p_equity_above_cap[y]),
                    percent_se(r.p_equity_below_floor[y]), percent_se(r.p_cash_negative[y])});
  }
  out += table.render();
  out += fmt::format("Över hela perioden: P(EK över {}-taket något år) {}, P(EK under golvet något år) {}, "
                     "P(kassan under noll någon månad) {}\n",
                     cap, percent_se(r.p_any_equity_above_cap), percent_se(r.p_any_equity_below_floor),
                     percent_se(r.p_any_cash_negative));
  if (s.actual) {
    const char* labels[outcome_count] = {"Eget kapital", "Resultat", "", "Driftbidrag", "Kostnader", "", "", ""};
    std::string lines;
    for (int q = 0; q < outcome_count; ++q)
      if (!std::isnan(r.actual_percentile[q]))
        lines += fmt::format("  {}: utfallet ligger på percentil {} av prognosen\n", labels[q],
                             format_decimal(100.0 * r.actual_percentile[q], 1));
    if (!lines.empty()) out += fmt::format("Utfall {} mot Monte Carlo-prognosen:\n", s.actual->year) + lines;
  }
  return out;
}

}  // namespace finsim
