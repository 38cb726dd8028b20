#include "output/montecarlo_output.h"

#include <fmt/format.h>

#include <cmath>

#include "output/display_names.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

void write_outcomes(h5::Group& g, const MonteCarloResults& r, const h5::Dataset& year, const h5::Dataset& quantile)
{
  for (const OutcomeInfo& o : outcomes) {
    const std::string name = o.name;
    const SummaryColumns c = summary_columns(r.summaries[index(o.id)]);
    g.write(name + "_mean", c.mean, {&year}, o.unit, name + ": mean over runs (" + o.long_name + ")");
    g.write(name + "_sd", c.sd, {&year}, o.unit, name + ": standard deviation over runs (N-1)");
    g.write(name + "_se", c.se, {&year}, o.unit, name + ": standard error of the mean");
    g.write(name + "_q", c.quantiles, {&year, &quantile}, o.unit, name + ": quantiles (type 7)");
  }
}

void write_breaches(h5::Group& g, const MonteCarloResults& r, const h5::Dataset& year)
{
  for (const BreachInfo& b : breaches) {
    const std::string name = b.name;
    std::vector<double> value, se;
    for (const Probability& x : r.p_breach[index(b.id)]) {
      value.push_back(x.p);
      se.push_back(x.se);
    }
    const Probability& any = r.p_any(b.id);
    g.write("p_" + name, value, {&year}, "1", std::string("share of runs: ") + b.what + " in the year");
    g.write("p_" + name + "_se", se, {&year}, "1", "standard error of p_" + name);
    g.write_scalar("p_any_" + name, any.p, "1",
                   std::string("share of runs: ") + b.what + " in some year of the horizon");
    g.write_scalar("p_any_" + name + "_se", any.se, "1", "standard error of p_any_" + name);
  }
}

}  // namespace

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
  const h5::Dataset quantile =
      g.scale("quantile", std::vector<double>(quantile_levels.begin(), quantile_levels.end()), "1", "quantile level");
  write_outcomes(g, r, year, quantile);
  write_breaches(g, r, year);
  std::vector<std::string> names;
  for (const OutcomeInfo& o : outcomes) names.emplace_back(o.name);
  const h5::Dataset outcome = g.label_scale("outcome", names, "outcome");
  g.write("actual_percentile", std::vector<double>(r.actual_percentile.begin(), r.actual_percentile.end()), {&outcome},
          "1", "mid-rank percentile (0-1) of the [actual] outcome among the runs; NaN where none is given");
  if (r.kept_paths > 0) {
    std::vector<long long> runs;
    for (std::uint64_t k = 0; k < r.kept_paths; ++k) runs.push_back(static_cast<long long>(k));
    const h5::Dataset run = g.scale("run", runs, "1", "replication index");
    for (const OutcomeInfo& o : outcomes)
      g.write(std::string("paths_") + o.name, r.paths[index(o.id)], {&run, &year}, o.unit,
              std::string(o.name) + ": yearly path of the first replications");
  }
}

std::string format_probability(const Probability& p, std::uint64_t runs)
{
  // No run or every run hit: the one-sided bound, which has no standard error to show.
  if (p.p == 0.0 || p.p == 1.0) return format_probability(p.p, runs);
  return format_probability(p.p, runs) + " ± " + format_decimal(100.0 * p.se, 2);
}

std::string format_probability(double p, std::uint64_t runs)
{
  if (std::isnan(p)) return "–";
  const double n = static_cast<double>(std::max<std::uint64_t>(runs, 1));
  if (p == 0.0) {
    // No run hit: the one-sided 95 % Clopper–Pearson upper bound 1 − 0.05^(1/N), rounded up.
    const double bound = std::ceil(1000.0 * (1.0 - std::pow(0.05, 1.0 / n)) - 1e-9) / 10.0;
    return "< " + format_decimal(bound, 1) + " %";
  }
  if (p == 1.0) {
    const double bound = std::floor(1000.0 * std::pow(0.05, 1.0 / n) + 1e-9) / 10.0;
    return "> " + format_decimal(bound, 1) + " %";
  }
  // Some runs hit and some did not: never "0,0 %" or "100,0 %", two decimals where one would say so.
  const std::string text = format_percent(p);
  if (text != format_percent(0.0) && text != format_percent(1.0)) return text;
  const std::string finer = format_decimal(100.0 * p, 2);
  if (finer == format_decimal(0.0, 2)) return "< " + format_decimal(0.01, 2) + " %";
  if (finer == format_decimal(100.0, 2)) return "> " + format_decimal(99.99, 2) + " %";
  return finer + " %";
}

std::string montecarlo_report(const Scenario& s, const MonteCarloResults& r)
{
  const std::string cap = fmt::format("{:g} %", s.forbund.equity_cap_share * 100.0);
  std::string out =
      fmt::format("Monte Carlo: {} {}, frö {}, {} {}, {} s", r.runs, r.runs == 1 ? "körning" : "körningar", r.seed,
                  r.threads, r.threads == 1 ? "tråd" : "trådar", format_decimal(r.wall_seconds, 1));
  if (r.memory_estimate > 0) out += ", minne ≈ " + format_kronor(static_cast<double>(r.memory_estimate) / 1e6) + " MB";
  out += "\n\n";
  std::vector<std::string> header{"År", "EK P5", "EK P50", "EK P95"};
  for (const BreachInfo& b : breaches) header.emplace_back(breach_column(b.id));
  TextTable table(header);
  for (int y = 0; y < r.years; ++y) {
    const Summary& e = r.summary(Outcome::equity, y);
    std::vector<std::string> row{std::to_string(s.forbund.first_year + y), format_kronor(e.at(0.05)),
                                 format_kronor(e.at(0.50)), format_kronor(e.at(0.95))};
    for (const BreachInfo& b : breaches) row.push_back(format_probability(r.p(b.id, y), r.runs));
    table.add(row);
  }
  out += table.render();
  out += fmt::format(
      "Över hela perioden: P(EK över {}-taket något år) {}, P(EK under golvet något år) {}, "
      "P(kassan under noll någon månad) {}\n",
      cap, format_probability(r.p_any(Breach::equity_above_cap), r.runs),
      format_probability(r.p_any(Breach::equity_below_floor), r.runs),
      format_probability(r.p_any(Breach::cash_negative), r.runs));
  out +=
      "(± är ett standardfel; \"< x %\" och \"> y %\" är ensidiga 95 %-gränser när ingen eller varje körning "
      "träffar.)\n";
  if (s.actual) {
    std::string lines;
    for (const OutcomeInfo& o : outcomes)
      if (!std::isnan(r.actual_percentile[index(o.id)]))
        lines += fmt::format("  {}: utfallet ligger på percentil {} av prognosen\n", outcome_label(o.id),
                             format_decimal(100.0 * r.actual_percentile[index(o.id)], 1));
    if (!lines.empty()) out += fmt::format("Utfall {} mot Monte Carlo-prognosen:\n", s.actual->year) + lines;
  }
  return out;
}

}  // namespace finsim
