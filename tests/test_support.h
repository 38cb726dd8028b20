// Helpers shared by the tests: temporary folders, scenario text, and exception checks.
#pragma once
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "input/input_error.h"

namespace finsim::testing {

/// A fresh folder under the system's temporary folder, removed when the object goes.
class TempDir {
 public:
  TempDir()
  {
    auto base = std::filesystem::temp_directory_path();
    for (int i = 0;; ++i) {
      path_ = base / ("finsim-test-" + std::to_string(::getpid()) + "-" + std::to_string(i));
      if (std::filesystem::create_directory(path_)) break;
    }
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, const std::string& text)
{
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// What the finsim binary did: its exit status and what it printed.
struct Outcome {
  int status;
  std::string out, err;
};

/// Runs the finsim binary with `args` in folder `cwd`.
inline Outcome finsim_in(const TempDir& cwd, const std::string& args)
{
  const std::string out = cwd.file(".stdout"), err = cwd.file(".stderr");
  const std::string command =
      "cd '" + cwd.path().string() + "' && '" + FINSIM_BINARY + "' " + args + " >'" + out + "' 2>'" + err + "'";
  const int raw = std::system(command.c_str());
  Outcome o{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(out), read_file(err)};
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return o;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A small valid scenario: a förbund of FK, AF, a region and two kommuner over two years.
inline std::string minimal_scenario()
{
  return R"([forbund]
name = "Testförbundet"
first_year = 2024
years = 2
opening_equity = 100000
opening_cash = 100000

[funding]
state = 1000000

[[member]]
name = "Försäkringskassan"
kind = "state"
[[member]]
name = "Arbetsförmedlingen"
kind = "state"
[[member]]
name = "Region Test"
kind = "region"
[[member]]
name = "Storby kommun"
kind = "kommun"
population = 30000
[[member]]
name = "Lillby kommun"
kind = "kommun"
population = 10000

[[cost]]
name = "Kansli"
kind = "kansli"
amount = 600000

[[insats]]
name = "Team"
kind = "individual"
owner = "Storby kommun"
budget = 1200000
from = "2024-03"
)";
}

/// `text` with the minimal scenario's team granted in full with certainty (`utilization = 1.0`):
/// the closed forms of the Monte Carlo need the team's cost fixed, not the default use drawn.
inline std::string granted(const std::string& text)
{
  const std::string from = "budget = 1200000\n", to = "budget = 1200000\nutilization = 1.0\n";
  std::string out = text;
  const auto at = out.find(from);
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

/// One year (2025) of a förbund of FK, a region and one kommun whose driftbidrag is 2 000 000,
/// with the opening equity and cash given: the start of the closed-form cases.
inline std::string one_year_forbund(const std::string& name, long opening_equity, long opening_cash)
{
  return "[forbund]\nname = \"" + name +
         "\"\nfirst_year = 2025\nyears = 1\nopening_equity = " + std::to_string(opening_equity) +
         "\nopening_cash = " + std::to_string(opening_cash) + R"(

[funding]
state = 1000000

[[member]]
name = "Försäkringskassan"
kind = "state"
[[member]]
name = "Region"
kind = "region"
[[member]]
name = "Kommun"
kind = "kommun"
population = 10000
)";
}

/// The minimal scenario whose insats has the [insats.participants] table `keys`.
inline std::string with_participants(const std::string& keys)
{
  return minimal_scenario() + "[insats.participants]\n" + keys;
}

/// `text` with the first `from` replaced by `to`; a missing `from` fails the test.
inline std::string replace(std::string text, const std::string& from, const std::string& to)
{
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "not in the text: " << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

/// Expects `f` to throw InputError whose message contains `expected`; prints the message if not.
inline void expect_input_error(const std::function<void()>& f, const std::string& expected)
{
  try {
    f();
    ADD_FAILURE() << "expected InputError containing: " << expected;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos)
        << "message:  " << e.what() << "\nexpected: " << expected;
  }
}

}  // namespace finsim::testing
