#include "app/command_line.h"

#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace finsim {

namespace po = boost::program_options;

std::string general_usage()
{
  return "Usage: finsim run [SCENARIO.toml] [-o OUT.h5] [--runs N] [--seed S] [--threads T]\n"
         "                  [--keep-paths K] [--quiet] [--deterministic]\n"
         "       finsim validate SCENARIO.toml\n"
         "       finsim --help | --version | COMMAND --help\n"
         "\n"
         "Commands:\n"
         "  run       project a samordningsförbund's budget, equity and cash; print the summary\n"
         "            and write an HDF5 file (default scenario: scenarios/solleftea-2024.toml)\n"
         "  validate  check a scenario file and print every problem found, or \"ok\"\n";
}

namespace {

po::options_description run_options()
{
  po::options_description d("Options for finsim run [SCENARIO.toml]");
  d.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>()->value_name("OUT.h5"),
      "HDF5 output file (default output/<scenario-stem>.h5; the folder is created)")(
      "runs", po::value<std::string>()->value_name("N")->default_value("10000"), "Monte Carlo replications")(
      "seed", po::value<std::string>()->value_name("S")->default_value("1"),
      "random seed, 0 … 2^64 − 1 (printed and stored)")("threads", po::value<int>()->value_name("T")->default_value(0),
                                                        "worker threads (0: all cores)")(
      "keep-paths", po::value<std::string>()->value_name("K")->default_value("0"),
      "store the yearly paths of the first K replications")(
      "grain", po::value<std::string>()->value_name("G")->default_value("0"),
      "replications per parallel task (0: automatic; results do not depend on it)")("quiet,q", "no progress bar")(
      "deterministic", "only the expected-value run, no Monte Carlo");
  return d;
}

po::options_description validate_options()
{
  po::options_description d("Options for finsim validate SCENARIO.toml");
  d.add_options()("help,h", "show this help");
  return d;
}

std::string text_of(const po::options_description& d, const std::string& first_line)
{
  std::ostringstream out;
  out << first_line << "\n\n" << d;
  return out.str();
}

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& visible,
                        const std::string& usage, int max_scenarios)
{
  po::options_description all = visible;
  all.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what(), usage);
  }
  if (vm.count("scenario") && static_cast<int>(vm["scenario"].as<std::vector<std::string>>().size()) > max_scenarios)
    throw UsageError("too many scenario files: give one", usage);
  return vm;
}

/// A whole number 0 … 2^64 − 1 written in decimal digits: Boost would wrap "-1" to 2^64 − 1.
std::uint64_t whole_number(const po::variables_map& vm, const std::string& option, const std::string& usage)
{
  const std::string text = vm[option].as<std::string>();
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  errno = 0;
  const unsigned long long value = digits ? std::strtoull(text.c_str(), nullptr, 10) : 0;
  if (!digits || errno == ERANGE)
    throw UsageError(fmt::format("--{} {}: must be a whole number from 0 to 18446744073709551615", option, text),
                     usage);
  return value;
}

/// With --help, the command's usage is the whole answer.
bool wants_help(const po::variables_map& vm, const std::string& usage, Settings& s)
{
  if (vm.count("help") == 0) return false;
  s.help_text = usage;
  return true;
}

}  // namespace

Settings parse_command_line(const std::vector<std::string>& args)
{
  Settings s;
  if (args.empty()) throw UsageError("missing command", general_usage());
  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "-h" || command == "help") {
    s.help_text = general_usage();
    return s;
  }
  if (command == "--version" || command == "-V") {
    s.command = Command::version;
    return s;
  }
  if (command == "run") {
    const po::options_description d = run_options();
    const std::string usage = text_of(d, "Usage: finsim run [SCENARIO.toml] [-o OUT.h5] [options]");
    po::variables_map vm = parse(rest, d, usage, 1);
    if (wants_help(vm, usage, s)) return s;
    s.command = Command::run;
    if (vm.count("scenario")) s.scenario_path = vm["scenario"].as<std::vector<std::string>>().front();
    if (vm.count("output")) {
      s.output_path = vm["output"].as<std::string>();
      if (s.output_path.empty()) throw UsageError("-o needs a file name, e.g. -o out.h5", usage);
    }
    s.runs = whole_number(vm, "runs", usage);
    s.seed = whole_number(vm, "seed", usage);
    s.threads = vm["threads"].as<int>();
    s.keep_paths = whole_number(vm, "keep-paths", usage);
    s.grain = whole_number(vm, "grain", usage);
    s.quiet = vm.count("quiet") > 0;
    s.deterministic = vm.count("deterministic") > 0;
    if (s.runs == 0 || s.runs > 100000000) throw UsageError("--runs must be between 1 and 100000000", usage);
    if (s.threads < 0 || s.threads > 1024) throw UsageError("--threads must be between 0 (all cores) and 1024", usage);
    if (s.keep_paths > s.runs) throw UsageError("--keep-paths cannot exceed --runs", usage);
    if (s.deterministic && !vm["keep-paths"].defaulted())
      throw UsageError("--keep-paths needs the Monte Carlo: leave out --deterministic, or --keep-paths", usage);
    return s;
  }
  if (command == "validate") {
    const po::options_description d = validate_options();
    const std::string usage = text_of(d, "Usage: finsim validate SCENARIO.toml");
    po::variables_map vm = parse(rest, d, usage, 1);
    if (wants_help(vm, usage, s)) return s;
    if (!vm.count("scenario")) throw UsageError("validate needs a scenario file", usage);
    s.command = Command::validate;
    s.scenario_path = vm["scenario"].as<std::vector<std::string>>().front();
    return s;
  }
  if (!command.empty() && command[0] == '-') throw UsageError("unknown option '" + command + "'", general_usage());
  throw UsageError("unknown command '" + command + "'", general_usage());
}

}  // namespace finsim
