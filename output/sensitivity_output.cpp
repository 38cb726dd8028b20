#include "output/sensitivity_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

const char* method_name(const SensitivitySettings& s)
{
  return s.tornado && s.sobol ? "both" : s.tornado ? "tornado" : "sobol";
}

/// The output's Swedish label: "Eget kapital", …, "EK över taket".
std::string output_label(int output)
{
  if (output < outcome_count) return outcomes[static_cast<std::size_t>(output)].label;
  static const char* const labels[] = {"EK över taket (0/1)", "EK under golvet (0/1)", "Kassa under noll (0/1)"};
  return labels[output - outcome_count];
}

/// A value of the output as the terminal shows it: kronor, people or a share.
std::string output_text(int output, double x)
{
  if (output >= outcome_count) return format_decimal(x, 0);
  const std::string unit = outcomes[static_cast<std::size_t>(output)].unit;
  if (unit == "1") return format_decimal(x, 3);
  if (unit == "people") return format_decimal(x, 1);
  return format_kronor(x);
}

/// An input value: amounts in kronor, small numbers (rates, shares) with three decimals.
std::string input_text(double x) { return std::fabs(x) >= 100.0 ? format_kronor(x) : format_decimal(x, 3); }

/// An index with its interval; "≈ 0" for an estimate below zero whose interval covers zero.
std::string index_text(double x, const std::array<double, 2>& ci)
{
  if (std::isnan(x)) return "–";
  const std::string value = x < 0.0 && ci[0] <= 0.0 && ci[1] >= 0.0 ? "≈ 0" : format_decimal(x, 3);
  return fmt::format("{} [{} – {}]", value, format_decimal(ci[0], 3), format_decimal(ci[1], 3));
}

/// A bar around the base: '█' from the centre towards the low and the high output, `half`
/// characters for the largest deviation.
std::string bar(double low, double high, double base, double largest, int half = 15)
{
  const auto cells = [&](double x) {
    return largest > 0.0 ? static_cast<int>(std::lround(std::fabs(x - base) / largest * half)) : 0;
  };
  std::string left(static_cast<std::size_t>(half), ' '), right(static_cast<std::size_t>(half), ' ');
  std::string out;
  const int l = std::max(low < base ? cells(low) : 0, high < base ? cells(high) : 0);
  const int r = std::max(low > base ? cells(low) : 0, high > base ? cells(high) : 0);
  for (int i = 0; i < half; ++i) out += i >= half - l ? "█" : " ";
  out += "|";
  for (int i = 0; i < r; ++i) out += "█";
  return out;
}

std::string tornado_text(const Tornado& t, const SensitivitySettings& settings, int first_year)
{
  std::string out = fmt::format(
      "Tornado: {} {}, basvärde {} (varje fördelning i sin median; en i taget till P10 "
      "och P90, en sannolikhet till 0 och 1)\n",
      output_label(settings.output), first_year + settings.year, output_text(settings.output, t.base));
  double largest = 0.0;
  for (const TornadoRow& r : t.rows)
    largest = std::max({largest, std::fabs(r.low - t.base), std::fabs(r.high - t.base)});
  TextTable table({"Faktor", "Indata låg", "Indata hög", "Utfall låg", "Utfall hög", "Utslag", ""});
  bool fixed_shown = false;
  for (const TornadoRow& r : t.rows) {
    if (r.fixed_swing && !fixed_shown) {
      table.add({fmt::format("Fasta belopp ±{}:", format_percent(settings.fixed_swing)), "", "", "", "", "", ""});
      fixed_shown = true;
    }
    table.add({r.path, input_text(r.input_low), input_text(r.input_high), output_text(settings.output, r.low),
               output_text(settings.output, r.high), output_text(settings.output, r.swing()),
               bar(r.low, r.high, t.base, largest)});
  }
  out += table.render();
  if (!t.left_out.empty())
    out += fmt::format("Utan percentil, inte i tornadon (se Sobol): {}\n", fmt::join(t.left_out, ", "));
  return out;
}

std::string sobol_text(const Sensitivity& r, const SensitivitySettings& settings, int first_year)
{
  const SobolResult& s = *r.sobol;
  const std::size_t k = r.factors.size();
  const std::size_t q = std::size_t(settings.output * r.years + settings.year);
  std::string out =
      fmt::format("Sobolindex: {} {}; {} basrader, {} körningar, {} bootstrap-omdragningar, {} s\n",
                  output_label(settings.output), first_year + settings.year, format_kronor(double(s.design.base_rows)),
                  format_kronor(double(s.design.evaluations())), settings.resamples, format_decimal(s.seconds, 1));
  if (!(s.indices.variance[q] > 0.0))
    return out + "Utfallet varierar inte mellan körningarna: inga index att beräkna.\n";
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return s.indices.total[q * k + a] > s.indices.total[q * k + b];
  });
  TextTable table({"Faktor", "S1 [95 % KI]", "ST [95 % KI]"});
  double first_sum = 0.0, total_sum = 0.0;
  for (std::size_t i : order) {
    table.add({r.factors[i].name, index_text(s.indices.first[q * k + i], s.indices.first_ci[q * k + i]),
               index_text(s.indices.total[q * k + i], s.indices.total_ci[q * k + i])});
    first_sum += s.indices.first[q * k + i];
    total_sum += s.indices.total[q * k + i];
  }
  out += table.render();
  out += fmt::format(
      "Summa S1 = {}, summa ST = {}; samspel mellan faktorerna bär 1 − ΣS1 = {} av variansen{}.\n"
      "(S1: den del av variansen faktorn ensam förklarar; ST: dess del med allt samspel. KI från bootstrap över "
      "basraderna.)\n",
      format_decimal(first_sum, 3), format_decimal(total_sum, 3), format_percent(1.0 - first_sum),
      first_sum > 1.0 ? " (≈ 0: inget påvisbart samspel)" : "");
  return out;
}

}  // namespace

void write_sensitivity(h5::Group& root, const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings)
{
  h5::Group g = root.group("sensitivity");
  g.attribute("description", std::string("Tornado around the median case and variance-based (Sobol) indices from a "
                                         "pick-and-freeze design: first order by Saltelli 2010, total by Jansen; "
                                         "95 % bootstrap percentile intervals over the base rows."));
  g.attribute("method", std::string(method_name(settings)));
  g.attribute("output", output_name(settings.output));
  g.attribute("year", static_cast<long long>(s.forbund.first_year + settings.year));
  g.attribute("seed", static_cast<long long>(settings.monte_carlo.seed));
  g.attribute("base_runs", static_cast<long long>(settings.base_runs));
  g.attribute("replications", static_cast<long long>(r.sobol ? r.sobol->design.evaluations() : 0));
  g.attribute("bootstrap_resamples", static_cast<long long>(settings.resamples));
  std::vector<std::string> names, paths;
  for (const SensitivityFactor& f : r.factors) {
    names.push_back(f.name);
    paths.push_back(fmt::format("{}", fmt::join(f.paths, ",")));
  }
  const h5::Dataset factor =
      g.label_scale("factor", names, "independent source of uncertainty (a group: paths joined by +)");
  g.write_texts("factor_paths", paths, factor, "the key paths in each factor, joined by commas");
  std::vector<std::string> outputs;
  for (int o = 0; o < output_count; ++o) outputs.push_back(output_name(o));
  const h5::Dataset outcome = g.label_scale("outcome", outputs, "the Monte Carlo outcomes and the breach indicators");
  std::vector<long long> years;
  for (int y = 0; y < r.years; ++y) years.push_back(s.forbund.first_year + y);
  const h5::Dataset year = g.scale("year", years, "year", "calendar year");
  const h5::Dataset bound = g.label_scale("bound", {"low", "high"}, "ends of the 95 % interval");
  if (r.sobol) {
    const SobolIndices& x = r.sobol->indices;
    const std::size_t k = r.factors.size(), quantities = x.variance.size();
    std::vector<double> first, total, first_ci, total_ci;
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t q = 0; q < quantities; ++q) {  // quantity = output × years + year: (outcome, year) order
        first.push_back(x.first[q * k + i]);
        total.push_back(x.total[q * k + i]);
        first_ci.insert(first_ci.end(), x.first_ci[q * k + i].begin(), x.first_ci[q * k + i].end());
        total_ci.insert(total_ci.end(), x.total_ci[q * k + i].begin(), x.total_ci[q * k + i].end());
      }
    g.write("sobol_first", first, {&factor, &outcome, &year}, "1", "first-order Sobol index (Saltelli 2010)");
    g.write("sobol_total", total, {&factor, &outcome, &year}, "1", "total Sobol index (Jansen)");
    g.write("sobol_first_ci", first_ci, {&factor, &outcome, &year, &bound}, "1",
            "95 % bootstrap percentile interval of sobol_first");
    g.write("sobol_total_ci", total_ci, {&factor, &outcome, &year, &bound}, "1",
            "95 % bootstrap percentile interval of sobol_total");
    g.write("outcome_variance", x.variance, {&outcome, &year}, "(unit of the outcome)^2",
            "variance of the outcome over the design's A and B rows (divisor 2N)");
  }
  if (r.tornado) {
    const Tornado& t = *r.tornado;
    std::vector<std::string> rows;
    std::vector<double> low, high, input_low, input_high, fixed;
    for (const TornadoRow& row : t.rows) {
      rows.push_back(row.path);
      low.push_back(row.low);
      high.push_back(row.high);
      input_low.push_back(row.input_low);
      input_high.push_back(row.input_high);
      fixed.push_back(row.fixed_swing ? 1.0 : 0.0);
    }
    const h5::Dataset swing = g.label_scale("swing_factor", rows, "the tornado's key paths, ranked by swing");
    const std::string unit = settings.output < outcome_count ? outcomes[std::size_t(settings.output)].unit : "1";
    g.write("tornado_low", low, {&swing}, unit, "the output with the input at its low value (P10, 0 or -F)");
    g.write("tornado_high", high, {&swing}, unit, "the output with the input at its high value (P90, 1 or +F)");
    g.write("tornado_input_low", input_low, {&swing}, "(unit of the input)", "the low input in the chosen year");
    g.write("tornado_input_high", input_high, {&swing}, "(unit of the input)", "the high input in the chosen year");
    g.write("tornado_fixed_swing", fixed, {&swing}, "1", "1 for a fixed amount swung by +/- fixed_swing");
    g.write_scalar("tornado_base", t.base, unit, "the output with every distribution at its median");
    g.attribute("fixed_swing", settings.fixed_swing);
    g.attribute("tornado_left_out", fmt::format("{}", fmt::join(t.left_out, ",")));
  }
}

std::string sensitivity_report(const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings)
{
  std::string out = fmt::format("Känslighetsanalys, {}: {} faktorer\n", s.forbund.name, r.factors.size());
  for (std::size_t i = 0; i < r.factors.size(); ++i) out += fmt::format("  {:>2}  {}\n", i + 1, r.factors[i].name);
  if (r.tornado) out += fmt::format("\n{}", tornado_text(*r.tornado, settings, s.forbund.first_year));
  if (r.sobol) out += fmt::format("\n{}", sobol_text(r, settings, s.forbund.first_year));
  return out;
}

}  // namespace finsim
