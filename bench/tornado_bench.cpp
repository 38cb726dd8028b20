// Benchmark: the tornado's time against the number of insatser. A förbund of N insatser, each
// with an uncertain budget and utilisation (2N + 1 rows), generated in memory; prints the seconds
// per size and the growth from one size to the next (2 when linear in the rows, 4 when quadratic).
// Usage: finsim_bench_tornado [N ...]   (default 250 500 1000)
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "analysis/sensitivity.h"
#include "input/scenario_reader.h"

namespace {

std::string large_forbund(int insatser)
{
  std::string text = R"([forbund]
name = "Stort förbund"
first_year = 2025
years = 3
opening_equity = 5000000
opening_cash = 5000000

[funding]
state = { dist = "normal", mean = 900000000, sd = 10000000 }

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

[[cost]]
name = "Kansli"
kind = "kansli"
amount = 2400000
)";
  for (int i = 0; i < insatser; ++i)
    text += fmt::format(
        "\n[[insats]]\nname = \"Insats {}\"\nkind = \"individual\"\nowner = \"Kommun\"\n"
        "budget = {{ dist = \"normal\", mean = 800000, sd = 50000 }}\n"
        "utilization = {{ dist = \"beta\", mean = 0.85, sd = 0.05 }}\nfrom = \"2025-01\"\n",
        i);
  return text;
}

}  // namespace

int main(int argc, char* argv[])
{
  using namespace finsim;
  std::vector<int> sizes;
  for (int a = 1; a < argc; ++a) sizes.push_back(std::atoi(argv[a]));
  if (sizes.empty()) sizes = {250, 500, 1000};
  try {
    double previous = 0.0;
    for (int n : sizes) {
      const PreparedScenario p = prepare(read_scenario_text(large_forbund(n), "stort.toml"));
      SensitivitySettings settings;
      settings.fixed_swing = 0.0;
      const auto factors = sensitivity_factors(p.scenario, {});
      const auto start = std::chrono::steady_clock::now();
      const Tornado t = tornado(p, factors, settings);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%5d insatser: %zu rows, %.2f s, %.2f ms per row%s\n", n, t.rows.size(), seconds,
                  1e3 * seconds / static_cast<double>(t.rows.size()),
                  previous > 0.0 ? fmt::format(", ×{:.1f} the previous size", seconds / previous).c_str() : "");
      previous = seconds;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
