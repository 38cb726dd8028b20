#include "output/backtest_output.h"

#include <fmt/format.h>

#include <cmath>

#include "output/montecarlo_output.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

/// The Swedish label of backtest outcome `o`.
const char* outcome_label(std::size_t o)
{
  static constexpr const char* labels[] = {"Driftbidrag", "Övriga intäkter", "Kostnader", "Resultat", "Eget kapital"};
  return labels[o];
}

std::string yes_no(double flag) { return std::isnan(flag) ? "–" : flag == 1.0 ? "ja" : "nej"; }

/// What the coverage of one outcome says, with the caveat of few cases.
std::string verdict(int in90, int in50, int n)
{
  const bool narrow = binomial_cdf(in90, n, 0.90) < 0.05 || binomial_cdf(in50, n, 0.50) < 0.05;
  const bool wide = in50 > 0 && 1.0 - binomial_cdf(in50 - 1, n, 0.50) < 0.05 && in90 == n;
  if (narrow) return "banden ser för smala ut (färre träffar än nominellt, p < 0,05)";
  if (wide) return "banden ser för breda ut (fler träffar i 50 %-bandet än nominellt, p < 0,05)";
  return "ingen tydlig avvikelse från nominell täckning";
}

}  // namespace

void write_backtest(h5::Group& root, const Backtest& b)
{
  h5::Group g = root.group("backtest");
  g.attribute("description", std::string("Past years' scenarios as known before each year against their [actual] "
                                         "outcomes: where each actual fell in its forecast and how often the bands "
                                         "held."));
  g.attribute("runs", static_cast<long long>(b.runs));
  g.attribute("seed", static_cast<long long>(b.seed));
  std::vector<std::string> names, paths;
  std::vector<long long> years;
  for (const BacktestCase& c : b.cases) {
    names.push_back(c.name);
    paths.push_back(c.path);
    years.push_back(c.year);
  }
  g.attribute("case_files", paths);
  const h5::Dataset case_scale = g.label_scale("case", names, "the past year's scenario file (stem)");
  const h5::Dataset outcome = g.label_scale(
      "outcome", std::vector<std::string>(backtest_outcomes.begin(), backtest_outcomes.end()), "the checked outcome");
  const h5::Dataset quantile =
      g.scale("quantile", std::vector<double>(quantile_levels.begin(), quantile_levels.end()), "1", "quantile level");
  std::vector<double> percentile, inside_90, inside_50, width, actual, q, year;
  for (const BacktestCase& c : b.cases) {
    year.push_back(c.year);
    for (std::size_t o = 0; o < backtest_outcome_count; ++o) {
      percentile.push_back(c.percentile[o]);
      inside_90.push_back(c.inside_90[o]);
      inside_50.push_back(c.inside_50[o]);
      width.push_back(c.band_width[o]);
      actual.push_back(c.actual[o]);
      q.insert(q.end(), c.quantiles[o].begin(), c.quantiles[o].end());
    }
  }
  g.write("year", year, {&case_scale}, "year", "the year of each case's [actual]");
  g.write("percentile", percentile, {&case_scale, &outcome}, "1",
          "mid-rank percentile (0-1) of the actual among the runs; NaN: not given");
  g.write("inside_90", inside_90, {&case_scale, &outcome}, "1", "1: P5 <= actual <= P95 (type 7), 0: outside, NaN");
  g.write("inside_50", inside_50, {&case_scale, &outcome}, "1", "1: P25 <= actual <= P75 (type 7), 0: outside, NaN");
  g.write("band_width", width, {&case_scale, &outcome}, "1", "(P95 - P5) / the year's expected driftbidrag");
  g.write("actual", actual, {&case_scale, &outcome}, "SEK", "the [actual] figure; NaN: not given");
  g.write("forecast_q", q, {&case_scale, &outcome, &quantile}, "SEK", "the forecast's quantiles (type 7)");
  g.write("coverage_90", std::vector<double>(b.coverage_90.begin(), b.coverage_90.end()), {&outcome}, "1",
          "share of cases inside P5-P95 (nominal 0.90); NaN: no case gives the outcome");
  g.write("coverage_50", std::vector<double>(b.coverage_50.begin(), b.coverage_50.end()), {&outcome}, "1",
          "share of cases inside P25-P75 (nominal 0.50); NaN: no case gives the outcome");
}

std::string backtest_report(const Backtest& b)
{
  std::string out = fmt::format("Backtest: {} fall, {} körningar per fall, frö {}\n\n", b.cases.size(), b.runs, b.seed);
  TextTable table(
      {"Fall", "År", "Utfall", "Post", "P5", "P50", "P95", "Percentil", "Inom 90 %", "Inom 50 %", "Bandbredd"}, 4);
  for (const BacktestCase& c : b.cases)
    for (std::size_t o = 0; o < backtest_outcome_count; ++o) {
      if (std::isnan(c.actual[o])) continue;
      table.add({c.name, std::to_string(c.year), format_kronor(c.actual[o]), outcome_label(o),
                 format_kronor(c.quantiles[o][1]), format_kronor(c.quantiles[o][4]), format_kronor(c.quantiles[o][7]),
                 format_probability(c.percentile[o], b.runs), yes_no(c.inside_90[o]), yes_no(c.inside_50[o]),
                 format_percent(c.band_width[o])});
    }
  out += table.render();
  out += "Bandbredd: (P95 − P5) i procent av årets förväntade driftbidrag.\n\nTäckning över alla fall:\n";
  TextTable coverage({"Post", "Fall", "Inom 90 %", "Inom 50 %", "Bedömning"}, 1);
  for (std::size_t o = 0; o < backtest_outcome_count; ++o) {
    const int n = b.counted[o];
    if (n == 0) continue;
    const int in90 = static_cast<int>(std::lround(b.coverage_90[o] * n)),
              in50 = static_cast<int>(std::lround(b.coverage_50[o] * n));
    coverage.add({outcome_label(o), std::to_string(n),
                  fmt::format("{} av {} ({})", in90, n, format_percent(b.coverage_90[o])),
                  fmt::format("{} av {} ({})", in50, n, format_percent(b.coverage_50[o])), verdict(in90, in50, n)});
  }
  out += coverage.render();
  const int n = static_cast<int>(b.cases.size());
  out += fmt::format(
      "Nominellt: 90 % och 50 %. Med {} fall är testet svagt: även väl kalibrerade band missar 90 %-bandet i minst "
      "ett fall med sannolikhet {}, och bara grova fel syns.\n",
      n, format_percent(1.0 - std::pow(0.9, n)));
  return out;
}

}  // namespace finsim
