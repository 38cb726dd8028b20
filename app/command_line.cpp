#include "app/command_line.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "input/enum_names.h"
#include "input/input_error.h"

namespace finsim {

namespace po = boost::program_options;

std::string general_usage()
{
  return "Användning: finsim run [SCENARIO.toml] [-o OUT.h5] [--runs N] [--seed S] [--threads T]\n"
         "                       [--keep-paths K] [--quiet] [--deterministic] [--method budget|pace|model]\n"
         "            finsim validate SCENARIO.toml\n"
         "            finsim compare BASE.toml VARIANT.toml... [-o OUT.h5] [--runs N] [--seed S]\n"
         "            finsim room SCENARIO.toml --from YEAR [gränser] [-o OUT.h5] [--runs N] [--seed S]\n"
         "            finsim sensitivity SCENARIO.toml [--method M] [--output NAME] [--year YEAR] [-o OUT.h5]\n"
         "            finsim backtest FILE|FOLDER... [--runs N] [-o RESULT.h5]\n"
         "            finsim merge A.toml B.toml [C.toml ...] -o MERGED.toml --name NAME --from YEAR\n"
         "                         [--report RESULT.h5 --runs N --seed S] [alternativ]\n"
         "            finsim report RESULT.h5 [-o rapport.xlsx] [--tkr] | --html [-o rapport.html]\n"
         "            finsim export RESULT.h5 --csv DIR [--standard]\n"
         "            finsim serve [FOLDER] [--port 8080] [--host 127.0.0.1] [--runs N] [--seed S]\n"
         "            finsim --help | --version | COMMAND --help\n"
         "\n"
         "Kommandon:\n"
         "  run       projicera ett samordningsförbunds budget, eget kapital och kassa; skriv ut\n"
         "            sammanfattningen och en HDF5-fil (förvalt scenario: scenarios/solleftea-2024.toml)\n"
         "  validate  granska en scenariofil och skriv varje problem som hittas, eller \"ok\"\n"
         "  compare   kör en bas och dess varianter med samma slumptal, sida vid sida\n"
         "  room      utrymmet för nya insatser: den extra årliga utgift som riskgränserna tillåter\n"
         "  sensitivity  vilka osäkerheter som driver utfallet: tornadodiagram och Sobolindex\n"
         "  backtest  tidigare års prognoser mot utfallen: hur ofta banden höll\n"
         "  merge     flera förbund blir ett: skriv det sammanslagna förbundets scenariofil\n"
         "  report    en svensk Excel-arbetsbok av en resultatfil, med diagram (--html: en fristående webbsida)\n"
         "  export    varje dataset i en resultatfil som CSV för Excel (svensk: ';' och decimalkomma)\n"
         "  serve     arbetsbänken: en lokal webbserver där budgeten ändras och besvaras i webbläsaren\n";
}

namespace {

/// The options every command that runs a Monte Carlo takes (clarification 24). The output file
/// is -o/--output, or -o/--file where --output names something else (sensitivity's outcome).
void add_monte_carlo_options(po::options_description& d, const char* default_output, const char* file = "output,o",
                             const char* file_name = "OUT.h5")
{
  d.add_options()("help,h", "visa den här hjälpen")(file, po::value<std::string>()->value_name(file_name),
                                                    default_output)(
      "runs", po::value<std::string>()->value_name("N")->default_value("10000"), "antal Monte Carlo-körningar")(
      "seed", po::value<std::string>()->value_name("S")->default_value("1"),
      "slumpfrö, 0 … 2^64 − 1 (skrivs ut och sparas)")("threads", po::value<int>()->value_name("T")->default_value(0),
                                                       "trådar (0: alla kärnor)")(
      "grain", po::value<std::string>()->value_name("G")->default_value("0"),
      "körningar per parallell uppgift (0: automatiskt; resultaten beror inte på det)")("quiet,q",
                                                                                        "ingen förloppsindikator");
}

po::options_description run_options()
{
  po::options_description d("Alternativ för finsim run [SCENARIO.toml]");
  add_monte_carlo_options(d, "HDF5-filen som skrivs (förval output/<scenariots namn>.h5; mappen skapas)");
  d.add_options()("keep-paths", po::value<std::string>()->value_name("K")->default_value("0"),
                  "spara de första K körningarnas år för år")("deterministic",
                                                              "bara körningen med väntevärden, ingen Monte Carlo")(
      "method", po::value<std::string>()->value_name("M")->default_value("model"),
      "med [year_to_date]: hur månaderna kvar prognostiseras: budget, pace (takt) eller model (modell)");
  return d;
}

/// --method of run and backtest: budget, pace or model.
ForecastMethod forecast_method(const po::variables_map& vm, const std::string& usage)
{
  const std::string text = vm["method"].as<std::string>();
  if (std::optional<ForecastMethod> m = parse_enum<ForecastMethod>(text)) return *m;
  throw UsageError(fmt::format("--method {}: ska vara budget, pace eller model", text), usage);
}

po::options_description compare_options()
{
  po::options_description d("Alternativ för finsim compare BASE.toml VARIANT.toml...");
  add_monte_carlo_options(d, "HDF5-filen som skrivs (förval output/<basens namn>-compare.h5)");
  return d;
}

po::options_description sensitivity_options()
{
  po::options_description d("Alternativ för finsim sensitivity SCENARIO.toml");
  add_monte_carlo_options(d, "HDF5-filen som skrivs (förval output/<scenariots namn>-sensitivity.h5)", "file,o");
  d.add_options()("method", po::value<std::string>()->value_name("M")->default_value("both"),
                  "tornado, sobol eller both (båda)")(
      "output", po::value<std::string>()->value_name("NAME")->default_value("equity"),
      "utfallet som tornadon och Sobolindexen visar: equity, result, equity_ratio, driftbidrag, costs, "
      "cash_min, served, exits_work_studies, above_cap, below_floor, cash_negative")(
      "year", po::value<std::string>()->value_name("YEAR"), "året de visar (förval: det sista)")(
      "fixed-swing", po::value<std::string>()->value_name("F")->default_value("0.1"),
      "tornadon svänger också varje fast belopp ±F (0: inte)")(
      "base-runs", po::value<std::string>()->value_name("N")->default_value("4096"),
      "Sobols basrader: N × (k + 2) körningar för k faktorer")(
      "resamples", po::value<std::string>()->value_name("B"),
      "intervall från B bootstrapomdragningar (förval: asymptotiska intervall med deltametoden)")(
      "group", po::value<std::vector<std::string>>()->value_name("NAME=PATH,...")->composing(),
      "behandla dessa nyckelsökvägar som en faktor (kan upprepas)");
  return d;
}

po::options_description room_options()
{
  po::options_description d("Alternativ för finsim room SCENARIO.toml --from YEAR");
  add_monte_carlo_options(d, "HDF5-filen som skrivs (förval output/<scenariots namn>-room.h5)");
  d.add_options()("from", po::value<std::string>()->value_name("YEAR"),
                  "den extra utgiften börjar i januari YEAR (krävs)")(
      "to", po::value<std::string>()->value_name("YYYY-MM"), "dess sista månad (förval: horisontens slut)")(
      "payment", po::value<std::string>()->value_name("P")->default_value("quarterly_arrears"),
      "hur den betalas: monthly, quarterly_advance, quarterly_arrears, annual_advance, annual_arrears")(
      "max-p-below-floor", po::value<std::string>()->value_name("A")->default_value("0.05"),
      "P(EK < golv vid något årsskifte från YEAR) får högst vara A")(
      "max-p-cash-negative", po::value<std::string>()->value_name("A")->default_value("0.05"),
      "P(kassa < 0 vid något månadsskifte från YEAR) får högst vara A")(
      "equity-target", po::value<std::string>()->value_name("X"),
      "P(EK ≥ X kr vid varje årsskifte från YEAR) ska vara minst --target-probability")(
      "target-probability", po::value<std::string>()->value_name("Q")->default_value("0.5"),
      "sannolikheten som --equity-target ska nå")(
      "max-p-above-cap", po::value<std::string>()->value_name("B"),
      "P(EK > tak vid sista årsskiftet) får högst vara B: ger det minsta förbundet måste lägga");
  return d;
}

po::options_description validate_options()
{
  po::options_description d("Alternativ för finsim validate SCENARIO.toml");
  d.add_options()("help,h", "visa den här hjälpen");
  return d;
}

std::string text_of(const po::options_description& d, const std::string& first_line)
{
  std::ostringstream out;
  out << first_line << "\n\n" << d;
  return out.str();
}

/// A Boost.Program_options error in Swedish: its English template replaced by ours, so that
/// Boost fills in the option and the value as the user wrote them and no English word is left.
std::string in_swedish(const po::error& e)
{
  std::string text;
  if (dynamic_cast<const po::unknown_option*>(&e) != nullptr) {
    text = "okänt alternativ '%canonical_option%': se alternativen nedan";
  } else if (const auto* a = dynamic_cast<const po::ambiguous_option*>(&e)) {
    text = "alternativet '%canonical_option%' är tvetydigt: skriv hela namnet";
    if (!a->alternatives().empty()) text += fmt::format(" (--{})", fmt::join(a->alternatives(), ", --"));
  } else if (dynamic_cast<const po::multiple_occurrences*>(&e) != nullptr) {
    text = "alternativet '%canonical_option%' får bara ges en gång";
  } else if (dynamic_cast<const po::multiple_values*>(&e) != nullptr) {
    text = "alternativet '%canonical_option%' tar bara ett värde";
  } else if (dynamic_cast<const po::required_option*>(&e) != nullptr) {
    text = "alternativet '%canonical_option%' krävs men saknas";
  } else if (const auto* s = dynamic_cast<const po::invalid_syntax*>(&e)) {
    switch (s->kind()) {
      case po::invalid_syntax::missing_parameter:
      case po::invalid_syntax::empty_adjacent_parameter:
        text = "alternativet '%canonical_option%' behöver ett värde, t.ex. '%canonical_option% 100'";
        break;
      case po::invalid_syntax::extra_parameter:
      case po::invalid_syntax::long_adjacent_not_allowed:
      case po::invalid_syntax::short_adjacent_not_allowed:
        text = "alternativet '%canonical_option%' tar inget värde: skriv det ensamt";
        break;
      default: text = "alternativet '%canonical_option%' är felskrivet"; break;
    }
  } else if (const auto* v = dynamic_cast<const po::validation_error*>(&e)) {
    switch (v->kind()) {
      case po::validation_error::multiple_values_not_allowed:
        text = "alternativet '%canonical_option%' tar bara ett värde";
        break;
      case po::validation_error::at_least_one_value_required:
        text = "alternativet '%canonical_option%' behöver minst ett värde";
        break;
      case po::validation_error::invalid_option_value:
      case po::validation_error::invalid_bool_value:
        text = "%canonical_option% %value%: ogiltigt värde; ange ett heltal";
        break;
      default: text = "alternativet '%canonical_option%' är ogiltigt"; break;
    }
  } else if (dynamic_cast<const po::too_many_positional_options_error*>(&e) != nullptr) {
    return "för många filer på kommandoraden";
  } else {
    return "kommandoraden kan inte tolkas: se alternativen nedan";
  }
  if (const auto* named = dynamic_cast<const po::error_with_option_name*>(&e)) {
    po::error_with_option_name swedish = *named;  // keeps Boost's option name, value and token
    swedish.m_error_template = text;
    return swedish.what();
  }
  return "kommandoraden kan inte tolkas: se alternativen nedan";
}

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& visible,
                        const std::string& usage, int max_scenarios)
{
  po::options_description all = visible;
  all.add_options()("scenario", po::value<std::vector<std::string>>(), "scenariofil");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(in_swedish(e), usage);
  }
  if (vm.count("scenario") && static_cast<int>(vm["scenario"].as<std::vector<std::string>>().size()) > max_scenarios)
    throw UsageError("för många scenariofiler: ge en", usage);
  return vm;
}

/// A whole number within [min, max] written in decimal digits (Boost would wrap "-1" to
/// 2^64 − 1). The refusal names the option as written and its range.
std::uint64_t whole_number(const po::variables_map& vm, const std::string& option, std::uint64_t min, std::uint64_t max,
                           const std::string& usage)
{
  const std::string text = vm[option].as<std::string>();
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  errno = 0;
  const unsigned long long value = digits ? std::strtoull(text.c_str(), nullptr, 10) : 0;
  if (!digits || errno == ERANGE || value < min || value > max)
    throw UsageError(fmt::format("--{} {}: måste vara ett {}heltal från {} till {}", option, text,
                                 min >= 1 ? "positivt " : "", message_whole(min), message_whole(max)),
                     usage);
  return value;
}

constexpr std::uint64_t any_whole = std::numeric_limits<std::uint64_t>::max();

/// A number written in decimal (e.g. 0.05 or 800000) within [min, max].
double decimal_number(const po::variables_map& vm, const std::string& option, double min, double max,
                      const std::string& usage)
{
  const std::string text = vm[option].as<std::string>();
  char* end = nullptr;
  errno = 0;
  const double value = text.empty() ? 0.0 : std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value) || value < min ||
      value > max)
    throw UsageError(fmt::format("--{} {}: ska vara ett tal från {} till {} (skrivet utan mellanslag och med "
                                 "decimalpunkt)",
                                 option, text, message_number(min), message_number(max)),
                     usage);
  return value;
}

/// A calendar year written in digits, 1900–2200.
int calendar_year(const po::variables_map& vm, const std::string& option, const std::string& usage)
{
  const std::string text = vm[option].as<std::string>();
  const int year = text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos
                       ? 0
                       : std::stoi(text);
  if (year < 1900 || year > 2200)
    throw UsageError(fmt::format("--{} {}: ska vara ett år från 1900 till 2200, t.ex. --{} 2025", option, text, option),
                     usage);
  return year;
}

/// --runs, --seed, --threads, --grain, --quiet and -o, as every Monte Carlo command reads them.
void read_monte_carlo_options(const po::variables_map& vm, const std::string& usage, Settings& s,
                              const char* file = "output")
{
  if (vm.count(file)) {
    s.output_path = vm[file].as<std::string>();
    if (s.output_path.empty()) throw UsageError("-o behöver ett filnamn, t.ex. -o resultat.h5", usage);
  }
  s.runs = whole_number(vm, "runs", 1, 100000000, usage);
  s.seed = whole_number(vm, "seed", 0, any_whole, usage);
  s.threads = vm["threads"].as<int>();
  s.grain = whole_number(vm, "grain", 0, any_whole, usage);
  s.quiet = vm.count("quiet") > 0;
  if (s.threads < 0 || s.threads > 1024)
    throw UsageError(fmt::format("--threads {}: måste vara ett heltal från 0 (alla kärnor) till 1024", s.threads),
                     usage);
}

/// The room command's year, months and limits.
void read_room_options(const po::variables_map& vm, const std::string& usage, RoomLimits& r)
{
  if (!vm.count("from"))
    throw UsageError("room behöver --from med året då den extra utgiften börjar, t.ex. --from 2025", usage);
  r.from_year = calendar_year(vm, "from", usage);
  if (vm.count("to")) {
    r.to = parse_year_month(vm["to"].as<std::string>());
    if (!r.to)
      throw UsageError("--to " + vm["to"].as<std::string>() + ": ska vara en månad ÅÅÅÅ-MM, t.ex. 2025-12", usage);
  }
  const std::string payment = vm["payment"].as<std::string>();
  const std::optional<Payment> p = parse_enum<Payment>(payment);
  if (!p)
    throw UsageError(
        "--payment " + payment + ": ska vara något av " + fmt::format("{}", fmt::join(enum_names<Payment>(), ", ")),
        usage);
  r.payment = *p;
  r.max_p_below_floor = decimal_number(vm, "max-p-below-floor", 0.0, 1.0, usage);
  r.max_p_cash_negative = decimal_number(vm, "max-p-cash-negative", 0.0, 1.0, usage);
  r.target_probability = decimal_number(vm, "target-probability", 0.0, 1.0, usage);
  if (vm.count("equity-target")) r.equity_target = decimal_number(vm, "equity-target", -1e15, 1e15, usage);
  if (vm.count("max-p-above-cap")) r.max_p_above_cap = decimal_number(vm, "max-p-above-cap", 0.0, 1.0, usage);
  if (!vm["target-probability"].defaulted() && !r.equity_target)
    throw UsageError("--target-probability behöver --equity-target X (det egna kapital som sannolikheten gäller)",
                     usage);
}

std::vector<FactorGroup> factor_groups(const std::vector<std::string>& given, const std::string& usage);

/// The sensitivity command's method, output, year, swing, design and groups.
void read_sensitivity_options(const po::variables_map& vm, const std::string& usage, Settings& s)
{
  SensitivitySettings& x = s.sensitivity;
  const std::string method = vm["method"].as<std::string>();
  if (method != "tornado" && method != "sobol" && method != "both")
    throw UsageError("--method " + method + ": ska vara tornado, sobol eller both", usage);
  x.tornado = method != "sobol";
  x.sobol = method != "tornado";
  x.output = output_index(vm["output"].as<std::string>());
  if (x.output < 0) {
    std::vector<std::string> names;
    for (int o = 0; o < output_count; ++o) names.push_back(output_name(o));
    throw UsageError(
        fmt::format("--output {}: ska vara något av {}", vm["output"].as<std::string>(), fmt::join(names, ", ")),
        usage);
  }
  if (vm.count("year")) s.sensitivity_year = calendar_year(vm, "year", usage);
  x.fixed_swing = decimal_number(vm, "fixed-swing", 0.0, 0.99, usage);
  x.base_runs = whole_number(vm, "base-runs", 2, 10000000, usage);
  if (vm.count("resamples")) x.resamples = static_cast<int>(whole_number(vm, "resamples", 10, 100000, usage));
  if (vm.count("group") > 0) x.groups = factor_groups(vm["group"].as<std::vector<std::string>>(), usage);
}

/// The --group NAME=PATH,PATH,... options.
std::vector<FactorGroup> factor_groups(const std::vector<std::string>& given, const std::string& usage)
{
  std::vector<FactorGroup> groups;
  for (const std::string& text : given) {
    const std::size_t eq = text.find('=');
    FactorGroup g;
    if (eq != std::string::npos) {
      g.name = text.substr(0, eq);
      for (std::size_t at = eq + 1; at <= text.size();) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        if (comma > at) g.paths.push_back(text.substr(at, comma - at));
        at = comma + 1;
      }
    }
    if (g.name.empty() || g.paths.empty())
      throw UsageError(
          "--group " + text + ": skriv NAMN=SÖKVÄG,SÖKVÄG,... t.ex. --group Lokaler=cost.Hyra.amount,cost.El.amount",
          usage);
    groups.push_back(std::move(g));
  }
  return groups;
}

/// A command's arguments read against its options: the values, the usage for messages, and
/// whether --help asked for the usage alone.
struct CommandArgs {
  po::variables_map vm;
  std::string usage;
  bool help = false;

  /// The files given (positional arguments), in order.
  std::vector<std::string> files() const
  {
    return vm.count("scenario") ? vm["scenario"].as<std::vector<std::string>>() : std::vector<std::string>{};
  }
};

CommandArgs read_args(const std::vector<std::string>& rest, const po::options_description& d,
                      const std::string& first_line, int max_files)
{
  CommandArgs a;
  a.usage = text_of(d, first_line);
  a.vm = parse(rest, d, a.usage, max_files);
  a.help = a.vm.count("help") > 0;
  return a;
}

/// The settings that only print `text` (--help).
Settings help(const std::string& text)
{
  Settings s;
  s.help_text = text;
  return s;
}

/// Settings of `command` with the first file given as the scenario, or a usage error saying
/// `missing` when there is none.
Settings with_scenario(Command command, const CommandArgs& a, const char* missing)
{
  if (a.files().empty()) throw UsageError(missing, a.usage);
  Settings s;
  s.command = command;
  s.scenario_path = a.files().front();
  return s;
}

Settings parse_run(const std::vector<std::string>& rest)
{
  const CommandArgs a =
      read_args(rest, run_options(), "Användning: finsim run [SCENARIO.toml] [-o OUT.h5] [alternativ]", 1);
  if (a.help) return help(a.usage);
  Settings s;
  s.command = Command::run;
  if (!a.files().empty()) s.scenario_path = a.files().front();
  read_monte_carlo_options(a.vm, a.usage, s);
  s.keep_paths = whole_number(a.vm, "keep-paths", 0, s.runs, a.usage);
  s.deterministic = a.vm.count("deterministic") > 0;
  s.forecast_method = forecast_method(a.vm, a.usage);
  if (s.deterministic && !a.vm["keep-paths"].defaulted())
    throw UsageError("--keep-paths behöver Monte Carlo-körningen: ta bort --deterministic eller --keep-paths", a.usage);
  return s;
}

Settings parse_validate(const std::vector<std::string>& rest)
{
  const CommandArgs a = read_args(rest, validate_options(), "Användning: finsim validate SCENARIO.toml", 1);
  if (a.help) return help(a.usage);
  return with_scenario(Command::validate, a, "validate behöver en scenariofil");
}

Settings parse_compare(const std::vector<std::string>& rest)
{
  const CommandArgs a = read_args(
      rest, compare_options(), "Användning: finsim compare BASE.toml VARIANT.toml... [-o OUT.h5] [alternativ]", 1000);
  if (a.help) return help(a.usage);
  const std::vector<std::string> files = a.files();
  if (files.size() < 2) throw UsageError("compare behöver ett basscenario och minst en variant", a.usage);
  Settings s = with_scenario(Command::compare, a, "");
  s.variant_paths.assign(files.begin() + 1, files.end());
  read_monte_carlo_options(a.vm, a.usage, s);
  return s;
}

po::options_description merge_options()
{
  po::options_description d("Alternativ för finsim merge A.toml B.toml [C.toml ...]");
  add_monte_carlo_options(d,
                          "MERGED.toml: det sammanslagna förbundets scenariofil som skrivs (TOML, krävs); inte "
                          "resultatfilen, den ges med --report",
                          "output,o", "MERGED.toml");
  d.add_options()("report", po::value<std::string>()->value_name("RESULT.h5"),
                  "kör också de separata förbunden och det sammanslagna med samma frö och skriv effektrapporten till "
                  "RESULT.h5 (HDF5: /merger och det sammanslagna förbundets resultat; finsim report ger arbetsboken)")(
      "name", po::value<std::string>()->value_name("NAME"), "det sammanslagna förbundets namn (krävs)")(
      "from", po::value<std::string>()->value_name("YEAR"),
      "det sammanslagna förbundet börjar i januari YEAR; varje förbunds scenario måste börja då (krävs)")(
      "drop", po::value<std::vector<std::string>>()->value_name("NAME"),
      "lämna insatsen NAME utanför (namnet i sitt förbund eller det sammanslagna namnet; kan upprepas)")(
      "kansli", po::value<std::string>()->value_name("AMOUNT"),
      "en rad \"Kansli\" på AMOUNT kr per år (fast, betalas månadsvis) i stället för förbundens kanslirader; utan "
      "den behåller det sammanslagna förbundet summan av förbundens kanslier")(
      "styrelse", po::value<std::string>()->value_name("AMOUNT"),
      "en rad \"Styrelse\" på AMOUNT kr per år (fast, betalas månadsvis) i stället för förbundens styrelserader; "
      "utan den behåller det sammanslagna förbundet summan av förbundens styrelser")(
      "equity", po::value<std::vector<std::string>>()->multitoken()->value_name("pooled|returned|keep X"),
      "förbundens eget kapital: pooled (summeras, förval), returned (återbetalas till medlemmarna) eller keep X (X kr "
      "behålls, resten återbetalas)");
  return d;
}

/// merge --equity pooled | returned | keep AMOUNT.
void read_equity_option(const std::vector<std::string>& e, const std::string& usage, MergeOptions& m)
{
  if (e.size() == 1 && e[0] == "pooled") {
    m.equity = EquityOption::pooled;
  } else if (e.size() == 1 && e[0] == "returned") {
    m.equity = EquityOption::returned;
  } else if (e.size() == 2 && e[0] == "keep") {
    m.equity = EquityOption::keep;
    po::variables_map amount;
    amount.insert({"equity", po::variable_value(e[1], false)});
    m.keep = decimal_number(amount, "equity", 0.0, 1e12, usage);
  } else {
    throw UsageError(fmt::format("--equity {}: ska vara pooled, returned eller keep med ett belopp, t.ex. keep 500000",
                                 fmt::join(e, " ")),
                     usage);
  }
}

/// merge's name, year, drops, admin lines and equity.
void read_merge_options(const po::variables_map& vm, const std::string& usage, MergeOptions& m)
{
  m.name = vm["name"].as<std::string>();
  m.from_year = calendar_year(vm, "from", usage);
  if (vm.count("drop")) m.drop = vm["drop"].as<std::vector<std::string>>();
  if (vm.count("kansli")) m.kansli = decimal_number(vm, "kansli", 0.0, 1e12, usage);
  if (vm.count("styrelse")) m.styrelse = decimal_number(vm, "styrelse", 0.0, 1e12, usage);
  if (vm.count("equity")) read_equity_option(vm["equity"].as<std::vector<std::string>>(), usage, m);
}

Settings parse_merge(const std::vector<std::string>& rest)
{
  const CommandArgs a = read_args(
      rest, merge_options(),
      "Användning: finsim merge A.toml B.toml [C.toml ...] -o MERGED.toml --name NAME --from YEAR [alternativ]", 1000);
  if (a.help) return help(a.usage);
  if (a.files().size() < 2) throw UsageError("merge behöver scenarierna för minst två förbund", a.usage);
  for (const char* required : {"output", "name", "from"})
    if (!a.vm.count(required)) throw UsageError(fmt::format("merge behöver --{}", required), a.usage);
  Settings s;
  s.command = Command::merge;
  s.merge_paths = a.files();
  read_monte_carlo_options(a.vm, a.usage, s);
  if (a.vm.count("report")) s.merge_report = a.vm["report"].as<std::string>();
  read_merge_options(a.vm, a.usage, s.merge);
  return s;
}

Settings parse_backtest(const std::vector<std::string>& rest)
{
  po::options_description d("Alternativ för finsim backtest FILE|FOLDER...");
  add_monte_carlo_options(d, "HDF5-filen som skrivs (förval output/backtest.h5)");
  const CommandArgs a =
      read_args(rest, d, "Användning: finsim backtest FILE|FOLDER... [--runs N] [-o RESULT.h5]", 1000);
  if (a.help) return help(a.usage);
  if (a.files().empty())
    throw UsageError("backtest behöver tidigare års scenariofiler med [actual] (eller en mapp med sådana)", a.usage);
  Settings s;
  s.command = Command::backtest;
  s.backtest_paths = a.files();
  read_monte_carlo_options(a.vm, a.usage, s);
  return s;
}

Settings parse_report(const std::vector<std::string>& rest)
{
  po::options_description d("Alternativ för finsim report RESULT.h5");
  d.add_options()("help,h", "visa den här hjälpen")(
      "output,o", po::value<std::string>()->value_name("OUT.xlsx"),
      "arbetsboken (förval: <resultatets namn>.xlsx bredvid resultatet; med --html <resultatets namn>.html)")(
      "tkr", "visa belopp i tusental, med \"tkr\" i rubrikerna")(
      "html",
      "skriv en fristående HTML-fil i stället för arbetsboken: sammanfattning, diagram, analys och räkenskaper som "
      "öppnas med dubbelklick och skrivs ut på A4; hämtar inget från nätet (diagrammen kräver paketet libjs-chart.js)");
  const CommandArgs a = read_args(rest, d,
                                  "Användning: finsim report RESULT.h5 [-o rapport.xlsx] [--tkr]\n            finsim "
                                  "report RESULT.h5 --html [-o rapport.html]",
                                  1);
  if (a.help) return help(a.usage);
  if (a.files().empty()) throw UsageError("report behöver en resultatfil från finsim (.h5)", a.usage);
  Settings s;
  s.command = Command::report;
  s.result_path = a.files().front();
  s.html = a.vm.count("html") > 0;
  if (a.vm.count("output")) {
    s.output_path = a.vm["output"].as<std::string>();
    if (s.output_path.empty())
      throw UsageError(
          s.html ? "-o behöver ett filnamn, t.ex. -o rapport.html" : "-o behöver ett filnamn, t.ex. -o rapport.xlsx",
          a.usage);
  }
  s.tkr = a.vm.count("tkr") > 0;
  if (s.html && s.tkr) throw UsageError("--tkr gäller arbetsboken; HTML-rapporten visar hela kronor", a.usage);
  return s;
}

Settings parse_export(const std::vector<std::string>& rest)
{
  po::options_description d("Alternativ för finsim export RESULT.h5 --csv DIR");
  d.add_options()("help,h", "visa den här hjälpen")("csv", po::value<std::string>()->value_name("DIR"),
                                                    "skriv en CSV-fil per dataset i mappen DIR (skapas)")(
      "standard", "skriv ',' mellan fälten och '.' som decimaltecken, utan byte order mark");
  const CommandArgs a = read_args(rest, d, "Användning: finsim export RESULT.h5 --csv DIR [--standard]", 1);
  if (a.help) return help(a.usage);
  if (a.files().empty()) throw UsageError("export behöver en resultatfil från finsim (.h5)", a.usage);
  if (!a.vm.count("csv") || a.vm["csv"].as<std::string>().empty())
    throw UsageError("export behöver --csv med mappen som CSV-filerna skrivs till, t.ex. --csv output/csv", a.usage);
  Settings s;
  s.command = Command::export_csv;
  s.result_path = a.files().front();
  s.csv_folder = a.vm["csv"].as<std::string>();
  s.standard_csv = a.vm.count("standard") > 0;
  return s;
}

Settings parse_sensitivity(const std::vector<std::string>& rest)
{
  const CommandArgs a = read_args(rest, sensitivity_options(),
                                  "Användning: finsim sensitivity SCENARIO.toml [-o OUT.h5] [alternativ]", 1);
  if (a.help) return help(a.usage);
  Settings s = with_scenario(Command::sensitivity, a, "sensitivity behöver en scenariofil");
  read_monte_carlo_options(a.vm, a.usage, s, "file");
  read_sensitivity_options(a.vm, a.usage, s);
  return s;
}

Settings parse_room(const std::vector<std::string>& rest)
{
  const CommandArgs a = read_args(
      rest, room_options(), "Användning: finsim room SCENARIO.toml --from YEAR [gränser] [-o OUT.h5] [alternativ]", 1);
  if (a.help) return help(a.usage);
  Settings s = with_scenario(Command::room, a, "room behöver en scenariofil");
  read_monte_carlo_options(a.vm, a.usage, s);
  read_room_options(a.vm, a.usage, s.room);
  return s;
}

Settings parse_serve(const std::vector<std::string>& rest)
{
  po::options_description d("Alternativ för finsim serve [FOLDER]");
  d.add_options()("help,h", "visa den här hjälpen")("port",
                                                    po::value<std::string>()->value_name("PORT")->default_value("8080"),
                                                    "porten servern lyssnar på (0: en ledig port, som skrivs ut)")(
      "host", po::value<std::string>()->value_name("ADRESS")->default_value("127.0.0.1"),
      "adressen servern lyssnar på; en annan än 127.0.0.1, localhost eller ::1 kräver en nyckel (token) som "
      "skrivs ut i adressen")("runs", po::value<std::string>()->value_name("N")->default_value("10000"),
                              "antal Monte Carlo-körningar när en fråga inte anger det")(
      "seed", po::value<std::string>()->value_name("S")->default_value("1"),
      "slumpfrö när en fråga inte anger det, 0 … 2^64 − 1");
  const CommandArgs a =
      read_args(rest, d, "Användning: finsim serve [FOLDER] [--port 8080] [--host 127.0.0.1] [--runs N] [--seed S]", 1);
  if (a.help) return help(a.usage);
  Settings s;
  s.command = Command::serve;
  if (!a.files().empty()) s.serve_folder = a.files().front();
  s.serve_port = static_cast<int>(whole_number(a.vm, "port", 0, 65535, a.usage));
  s.serve_host = a.vm["host"].as<std::string>();
  if (s.serve_host.empty()) throw UsageError("--host behöver en adress, t.ex. --host 127.0.0.1", a.usage);
  s.runs = whole_number(a.vm, "runs", 1, 100000000, a.usage);
  s.seed = whole_number(a.vm, "seed", 0, any_whole, a.usage);
  return s;
}

/// Each command's reader of the arguments after it.
using CommandParser = Settings (*)(const std::vector<std::string>&);
const std::pair<const char*, CommandParser> command_parsers[] = {
    {"run", parse_run},       {"validate", parse_validate},       {"compare", parse_compare},
    {"merge", parse_merge},   {"backtest", parse_backtest},       {"report", parse_report},
    {"export", parse_export}, {"sensitivity", parse_sensitivity}, {"room", parse_room},
    {"serve", parse_serve}};

}  // namespace

Settings parse_command_line(const std::vector<std::string>& args)
{
  if (args.empty()) throw UsageError("kommando saknas: ange ett av kommandona nedan", general_usage());
  const std::string& command = args.front();
  if (command == "--help" || command == "-h" || command == "help") return help(general_usage());
  if (command == "--version" || command == "-V") {
    Settings s;
    s.command = Command::version;
    return s;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& [name, parse_command] : command_parsers)
    if (command == name) return parse_command(rest);
  if (!command.empty() && command[0] == '-')
    throw UsageError("okänt alternativ '" + command + "': ange först ett kommando, t.ex. finsim run --help",
                     general_usage());
  std::vector<std::string> names;
  for (const auto& [name, parse_command] : command_parsers) names.push_back(name);
  throw UsageError("okänt kommando '" + command + "'" + did_you_mean(command, names, '\'', "kommandon"),
                   general_usage());
}

}  // namespace finsim
