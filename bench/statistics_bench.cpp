// Benchmark of the Monte Carlo's summarising step: the (outcome, year) columns of a 10^5-run,
// 10-year result (80 columns of 100 000 values) summarised by full sorts on one thread (how
// finsim did it before), by selection on one thread, and by selection in parallel as
// engine/monte_carlo does. Prints seconds for each. A program, not a test.
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "engine/statistics.h"

int main(int argc, char* argv[])
{
  using namespace finsim;
  const std::size_t runs = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000, columns = 80;
  std::mt19937_64 random(1);
  std::normal_distribution<double> normal(1e6, 2e5);
  std::vector<std::vector<double>> data(columns, std::vector<double>(runs));
  for (auto& c : data)
    for (double& x : c) x = normal(random);
  auto seconds = [](auto f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::vector<Summary> out(columns);
  const double sorted = seconds([&] {
    for (std::size_t c = 0; c < columns; ++c) {
      std::vector<double> copy = data[c];
      std::sort(copy.begin(), copy.end());
      for (std::size_t q = 0; q < quantile_levels.size(); ++q)
        out[c].quantiles[q] = quantile_type7(copy, quantile_levels[q]);
    }
  });
  const double selected = seconds([&] {
    for (std::size_t c = 0; c < columns; ++c) out[c] = summarize(data[c]);
  });
  const double parallel =
      seconds([&] { tbb::parallel_for(std::size_t{0}, columns, [&](std::size_t c) { out[c] = summarize(data[c]); }); });
  std::printf(
      "%zu columns of %zu values: sort, one thread %.3f s; selection, one thread %.3f s; "
      "selection, parallel %.3f s\n",
      columns, runs, sorted, selected, parallel);
  return 0;
}
