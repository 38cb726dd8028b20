#include "output/sensitivity_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "output/display_names.h"
#include "output/ore.h"
#include "output/swedish.h"
#include "output/text_table.h"

namespace finsim {

namespace {

const char* method_name(const SensitivitySettings& s)
{
  return s.tornado && s.sobol ? "both" : s.tornado ? "tornado" : "sobol";
}

/// The output's Swedish label: "Eget kapital", …, "EK över taket".
std::string output_label(int output) { return sensitivity_output_label(output); }

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

/// A tornado row's input: a fixed amount in kronor in the first year its line runs, with that year
/// where it is not the year shown and "olika per år" where the amount differs between years.
std::string row_input_text(const TornadoRow& r, double x, const SensitivitySettings& settings, int first_year)
{
  if (!r.fixed_swing) return input_text(x);
  if (r.input_varies) return fmt::format("{} ({}; olika per år)", format_kronor(x), first_year + r.input_year);
  if (r.input_year != settings.year) return fmt::format("{} ({})", format_kronor(x), first_year + r.input_year);
  return format_kronor(x);
}

/// Which notes the Sobol table needs: an estimate below 0 shown as 0, a number clamped otherwise.
struct IndexNotes {
  bool below_zero = false, clamped = false;
};

/// An index with its interval as reported: within 0–1 (an estimate below 0 as 0), "*" where the
/// estimate or an end lay outside 0–1 (`notes` says which).
std::string index_text(double x, const std::array<double, 2>& ci, IndexNotes& notes)
{
  if (std::isnan(x)) return "–";
  const double low = shown_index(ci[0]), high = shown_index(ci[1]), value = shown_index(x);
  const bool outside = value != x || (low != ci[0] && !std::isnan(ci[0])) || (high != ci[1] && !std::isnan(ci[1]));
  if (x < 0.0)
    notes.below_zero = true;
  else if (outside)
    notes.clamped = true;
  return fmt::format("{} [{} – {}]{}", format_decimal(value, 3), format_decimal(low, 3), format_decimal(high, 3),
                     outside ? " *" : "");
}

/// Whether the output is a 0/1 indicator per run (a breach), whose mean is a probability.
bool binary_output(int output) { return output >= outcome_count; }

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
    table.add({factor_label(r.path, first_year), row_input_text(r, r.input_low, settings, first_year),
               row_input_text(r, r.input_high, settings, first_year), output_text(settings.output, r.low),
               output_text(settings.output, r.high), output_text(settings.output, r.swing()),
               bar(r.low, r.high, t.base, largest)});
  }
  out += table.render();
  if (fixed_shown)
    out += fmt::format(
        "Fasta belopp: indata är beloppet i kronor {}; med ett år inom parentes beloppet det första år raden "
        "löper, \"olika per år\" där det skiljer sig mellan åren (hela serien skalas ±{}). Driftbidraget "
        "flyttas samlat{}, aldrig en medlem ensam.\n",
        first_year + settings.year, format_percent(settings.fixed_swing),
        t.rows.end() != std::find_if(t.rows.begin(), t.rows.end(),
                                     [](const TornadoRow& r) { return r.path.starts_with("Driftbidrag "); })
            ? " och per finansiär (staten, regionen, kommunerna)"
            : "");
  if (!t.left_out.empty()) {
    std::vector<std::string> left_out;
    for (const std::string& name : t.left_out) left_out.push_back(factor_label(name, first_year));
    out += fmt::format("Utan percentil, inte i tornadon (se Sobol): {}\n", fmt::join(left_out, ", "));
  }
  // The uncertain rows come first; the fixed amounts' rows after them.
  const auto uncertain_end =
      std::find_if(t.rows.begin(), t.rows.end(), [](const TornadoRow& r) { return r.fixed_swing; });
  const bool none_moves =
      uncertain_end != t.rows.begin() &&
      std::all_of(t.rows.begin(), uncertain_end, [](const TornadoRow& r) { return r.swing() == 0.0; });
  if (none_moves && binary_output(settings.output))
    out += fmt::format(
        "Inget utslag av de osäkra faktorerna: i basfallet är utfallet {}, och ingen av dem ensam från P10 till P90 "
        "kring medianfallet vänder det. Tornadon visar ett 0/1-utfall bara där en faktor ensam vänder det; "
        "Sobolindexen visar vad som driver sannolikheten.\n",
        format_decimal(t.base, 0));
  else if (none_moves)
    out +=
        "Inget utslag av de osäkra faktorerna: ingen av dem ensam från P10 till P90 kring medianfallet flyttar "
        "utfallet.\n";
  return out;
}

/// What the Sobol table says when there are no indices to show, or "" when there are.
std::string no_indices_text(const Sensitivity& r, std::size_t q)
{
  const SobolIndices& x = r.sobol->indices;
  if (std::isnan(x.variance[q])) return "Utfallet är inte ett tal i någon körning (NaN): inga index att beräkna.\n";
  if (!(x.variance[q] > 0.0))
    return "Utfallet varierar inte mellan körningarna: ett utfall utan varians har inga Sobolindex (NaN i filen), "
           "och ingen faktor har något att förklara.\n";
  if (r.factors.empty()) return "Scenariot har inga faktorer att dela variansen mellan: inga index att beräkna.\n";
  return "";
}

/// The notes under the Sobol table: values shown within 0–1, a 0/1 outcome's noise.
std::string sobol_notes(const IndexNotes& notes, int output)
{
  std::string out;
  if (notes.below_zero)
    out +=
        "* Ett skattat index under 0 visas som 0: inom skattningens osäkerhet (ett index är en andel av variansen). "
        "Filen har skattningen som den är.\n";
  if (notes.clamped)
    out +=
        "* Skattningen eller intervallets ände låg utanför 0–1 och visas begränsad till 0–1 (ett index är en andel av "
        "variansen); filen har skattningen som den är. Det är brus: höj --base-runs.\n";
  if (binary_output(output))
    out +=
        "Ett 0/1-utfall har variansen p(1 − p), liten när sannolikheten p ligger nära 0 eller 1: indexen bygger då på "
        "de få körningar där utfallet skiljer sig, och intervallen blir breda. Höj --base-runs "
        "(docs/sensitivity.md).\n";
  return out;
}

std::string sobol_text(const Sensitivity& r, const SensitivitySettings& settings, int first_year)
{
  const SobolResult& s = *r.sobol;
  const std::size_t k = r.factors.size();
  const std::size_t q = std::size_t(settings.output * r.years + settings.year);
  std::string out =
      fmt::format("Sobolindex: {} {}; {} basrader, {} körningar, {}, {} s\n", output_label(settings.output),
                  first_year + settings.year, format_kronor(double(s.design.base_rows)),
                  format_kronor(double(s.design.evaluations())),
                  settings.resamples > 0 ? fmt::format("{} bootstrap-omdragningar", settings.resamples)
                                         : std::string("asymptotiska intervall"),
                  format_decimal(s.seconds, 1));
  if (const std::string none = no_indices_text(r, q); !none.empty()) return out + none;
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return s.indices.total[q * k + a] > s.indices.total[q * k + b];
  });
  TextTable table({"Faktor", "S1 [95 % KI]", "ST [95 % KI]"});
  double first_sum = 0.0, total_sum = 0.0;
  IndexNotes notes;
  for (std::size_t i : order) {
    table.add({factor_label(r.factors[i].name, first_year),
               index_text(s.indices.first[q * k + i], s.indices.first_ci[q * k + i], notes),
               index_text(s.indices.total[q * k + i], s.indices.total_ci[q * k + i], notes)});
    first_sum += shown_index(s.indices.first[q * k + i]);
    total_sum += shown_index(s.indices.total[q * k + i]);
  }
  out += table.render();
  out += fmt::format(
      "Summa S1 = {}, summa ST = {}; samspel mellan faktorerna bär 1 − ΣS1 = {} av variansen{}.\n"
      "(S1: den del av variansen faktorn ensam förklarar; ST: dess del med allt samspel. {})\n",
      format_decimal(first_sum, 3), format_decimal(total_sum, 3), format_percent(std::max(0.0, 1.0 - first_sum)),
      first_sum > 1.0 ? " (≈ 0: inget påvisbart samspel)" : "",
      settings.resamples > 0 ? "KI från bootstrap över basraderna."
                             : "KI: skattningen ± 1,96 medelfel, medelfelet med deltametoden över basraderna.");
  return out + sobol_notes(notes, settings.output);
}

}  // namespace

double shown_index(double x) { return std::isnan(x) ? x : std::clamp(x, 0.0, 1.0); }

const char* interval_method(const SensitivitySettings& settings)
{
  return settings.resamples > 0 ? "bootstrap" : "delta";
}

std::string interval_source(const h5::Reader& file)
{
  const bool delta =
      file.has_attribute("/sensitivity", "interval") && file.string_attribute("/sensitivity", "interval") == "delta";
  return delta ? "deltametoden" : "bootstrap";
}

namespace {

/// The tornado's datasets in `/sensitivity`, ranked by swing.
void write_tornado(h5::Group& g, const Scenario& s, const Tornado& t, const SensitivitySettings& settings)
{
  std::vector<std::string> rows;
  std::vector<double> low, high, input_low, input_high, fixed, input_varies;
  std::vector<double> input_year;
  for (const TornadoRow& row : t.rows) {
    input_year.push_back(double(s.forbund.first_year + row.input_year));
    input_varies.push_back(row.input_varies ? 1.0 : 0.0);
    rows.push_back(row.path);
    low.push_back(row.low);
    high.push_back(row.high);
    // A fixed amount's input is kronor: in öre as every amount written (its unit says only "the input's").
    input_low.push_back(row.fixed_swing ? round_to_ore(row.input_low) : row.input_low);
    input_high.push_back(row.fixed_swing ? round_to_ore(row.input_high) : row.input_high);
    fixed.push_back(row.fixed_swing ? 1.0 : 0.0);
  }
  const h5::Dataset swing = g.label_scale("swing_factor", rows, "the tornado's key paths, ranked by swing");
  const std::string unit = settings.output < outcome_count ? outcomes[std::size_t(settings.output)].unit : "1";
  g.write("tornado_low", low, {&swing}, unit, "the output with the input at its low value (P10, 0 or -F)");
  g.write("tornado_high", high, {&swing}, unit, "the output with the input at its high value (P90, 1 or +F)");
  g.write("tornado_input_low", input_low, {&swing}, "(unit of the input)",
          "the low input: a fixed amount in SEK in tornado_input_year, a distribution's value in the chosen year");
  g.write("tornado_input_high", input_high, {&swing}, "(unit of the input)",
          "the high input: a fixed amount in SEK in tornado_input_year, a distribution's value in the chosen year");
  g.write("tornado_input_year", input_year, {&swing}, "year",
          "the year of the input: a fixed amount's first year its line runs, the chosen year otherwise");
  g.write("tornado_input_varies", input_varies, {&swing}, "1",
          "1 for a fixed amount that differs between the years its line runs");
  g.write("tornado_fixed_swing", fixed, {&swing}, "1", "1 for a fixed amount swung by +/- fixed_swing");
  g.write_scalar("tornado_base", t.base, unit, "the output with every distribution at its median");
  g.attribute("fixed_swing", settings.fixed_swing);
  g.attribute("tornado_left_out", fmt::format("{}", fmt::join(t.left_out, ",")));
}

}  // namespace

void write_sensitivity(h5::Group& root, const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings)
{
  h5::Group g = root.group("sensitivity");
  const bool bootstrap = settings.resamples > 0;
  g.attribute("description",
              std::string("Tornado around the median case and variance-based (Sobol) indices from a "
                          "pick-and-freeze design: first order by Saltelli 2010, total by Jansen; ") +
                  (bootstrap ? "95 % bootstrap percentile intervals over the base rows."
                             : "95 % asymptotic intervals, the estimate +- 1.96 standard errors by the delta method "
                               "over the base rows."));
  g.attribute("interval", std::string(interval_method(settings)));
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
    g.write("sobol_first", first, {&factor, &outcome, &year}, "1",
            "first-order Sobol index (Saltelli 2010), as estimated (noise may take it outside 0-1; reports show it "
            "clamped); NaN for an outcome without variance");
    g.write("sobol_total", total, {&factor, &outcome, &year}, "1",
            "total Sobol index (Jansen), as estimated (noise may take it outside 0-1; reports show it clamped); NaN "
            "for an outcome without variance");
    const std::string interval = bootstrap ? "95 % bootstrap percentile interval of "
                                           : "95 % asymptotic interval "
                                             "(delta method) of ";
    g.write("sobol_first_ci", first_ci, {&factor, &outcome, &year, &bound}, "1", interval + "sobol_first");
    g.write("sobol_total_ci", total_ci, {&factor, &outcome, &year, &bound}, "1", interval + "sobol_total");
    g.write("outcome_variance", x.variance, {&outcome, &year}, "(unit of the outcome)^2",
            "variance of the outcome over the design's A and B rows (divisor 2N)");
  }
  if (r.tornado) write_tornado(g, s, *r.tornado, settings);
}

std::string StoredTornado::input_year_text(std::size_t i) const
{
  if (i >= input_year.size()) return "";
  return i < input_varies.size() && input_varies[i] != 0.0 ? fmt::format("{:.0f}; olika per år", input_year[i])
                                                           : fmt::format("{:.0f}", input_year[i]);
}

StoredTornado read_tornado(const h5::Reader& file)
{
  const std::string g = "/sensitivity/";
  StoredTornado t;
  t.base = file.read(g + "tornado_base").values.front();
  t.rows = file.labels(g + "swing_factor");
  t.low = file.read(g + "tornado_low").values;
  t.high = file.read(g + "tornado_high").values;
  t.input_low = file.read(g + "tornado_input_low").values;
  t.input_high = file.read(g + "tornado_input_high").values;
  t.fixed = file.read(g + "tornado_fixed_swing").values;
  // Files written before the input's year was kept have neither dataset.
  if (file.has(g + "tornado_input_year")) t.input_year = file.read(g + "tornado_input_year").values;
  if (file.has(g + "tornado_input_varies")) t.input_varies = file.read(g + "tornado_input_varies").values;
  t.fixed_swing = file.has_attribute("/sensitivity", "fixed_swing")
                      ? file.number_attribute("/sensitivity", "fixed_swing")
                      : std::numeric_limits<double>::quiet_NaN();
  t.order.resize(t.rows.size());
  std::iota(t.order.begin(), t.order.end(), 0);
  std::stable_sort(t.order.begin(), t.order.end(), [&](std::size_t a, std::size_t b) {
    return std::fabs(t.high[a] - t.low[a]) > std::fabs(t.high[b] - t.low[b]);
  });
  return t;
}

std::string sensitivity_report(const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings)
{
  std::string out = fmt::format("Känslighetsanalys, {}: {} faktorer\n", s.forbund.name, r.factors.size());
  for (std::size_t i = 0; i < r.factors.size(); ++i)
    out += fmt::format("  {:>2}  {}\n", i + 1, factor_label(r.factors[i].name, s.forbund.first_year));
  if (r.tornado) out += fmt::format("\n{}", tornado_text(*r.tornado, settings, s.forbund.first_year));
  if (r.sobol) out += fmt::format("\n{}", sobol_text(r, settings, s.forbund.first_year));
  return out;
}

}  // namespace finsim
