// The sensitivity command's memory check against what the Sobol design really allocates: every
// allocation of this test binary is counted (operator new replaced), and the peak the design and
// its intervals reach must lie within what sobol_design_need, the check the command refuses a
// design by, counts. A term the check leaves out (the design's outputs, the bootstrap's index
// vectors or tables, the intervals' scratch) shows as a peak above it.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "analysis/sensitivity.h"
#include "app/memory_check.h"
#include "input/scenario_reader.h"
#include "test_support.h"

#if !defined(FINSIM_SANITIZED)  // the sanitizers bring their own operator new

namespace {

std::atomic<std::size_t> live_bytes{0}, peak_bytes{0};

void* counted(void* p)
{
  if (p == nullptr) throw std::bad_alloc();
  const std::size_t now = live_bytes.fetch_add(malloc_usable_size(p)) + malloc_usable_size(p);
  for (std::size_t peak = peak_bytes.load(); now > peak && !peak_bytes.compare_exchange_weak(peak, now);) {
  }
  return p;
}

void uncounted(void* p) noexcept
{
  if (p == nullptr) return;
  live_bytes.fetch_sub(malloc_usable_size(p));
  std::free(p);
}

std::size_t rounded(std::size_t size, std::size_t alignment) { return (size + alignment - 1) / alignment * alignment; }

}  // namespace

void* operator new(std::size_t size) { return counted(std::malloc(size == 0 ? 1 : size)); }
void* operator new[](std::size_t size) { return counted(std::malloc(size == 0 ? 1 : size)); }
void* operator new(std::size_t size, std::align_val_t a)
{
  const auto alignment = static_cast<std::size_t>(a);
  return counted(std::aligned_alloc(alignment, rounded(size == 0 ? 1 : size, alignment)));
}
void* operator new[](std::size_t size, std::align_val_t a) { return operator new(size, a); }
void operator delete(void* p) noexcept { uncounted(p); }
void operator delete[](void* p) noexcept { uncounted(p); }
void operator delete(void* p, std::size_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::size_t) noexcept { uncounted(p); }
void operator delete(void* p, std::align_val_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::align_val_t) noexcept { uncounted(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { uncounted(p); }

#endif

namespace finsim {
namespace {

TEST(SensitivityMemory, TheCheckCountsEverythingTheDesignAndItsIntervalsAllocate)
{
#if defined(FINSIM_SANITIZED)
  GTEST_SKIP() << "the sanitizers count allocations their own way";
#else
  // Three uncertain costs over one year: a design of 50 000 base rows (250 000 runs) whose
  // outputs (22 MB) and, with the bootstrap, index vectors (40 MB at 200 resamples) outweigh the
  // fixed allowance for the tasks' workspaces.
  std::string text = testing::one_year_forbund("Minnesförbundet", 4000000, 4000000);
  for (int i = 1; i <= 3; ++i)
    text += fmt::format(
        "\n[[cost]]\nname = \"C{}\"\nkind = \"other\"\namount = {{ dist = \"normal\", mean = 2000000, sd = {} }}\n", i,
        100000 * i);
  const PreparedScenario p = prepare(read_scenario_text(text, "m.toml"));
  for (int resamples : {0, 200}) {
    SensitivitySettings s;
    s.tornado = false;
    s.base_runs = 50000;
    s.resamples = resamples;
    s.monte_carlo.seed = 1;
    s.monte_carlo.threads = 2;
    const std::size_t factors = sensitivity_factors(p.scenario, s.groups).size();
    const MemoryNeed need = sobol_design_need(s, factors, p.scenario.forbund.years, threads_used(2));
    const double checked = double(need.count) * double(need.bytes_each) + double(need.fixed_bytes);

    const std::size_t before = live_bytes.load();
    peak_bytes = before;
    const Sensitivity r = analyse_sensitivity(p, s);
    ASSERT_TRUE(r.sobol.has_value());
    const double peak = double(peak_bytes.load() - before);
    std::cout << (resamples > 0 ? "bootstrap" : "delta method") << ": peak " << peak / 1e6 << " MB, checked "
              << checked / 1e6 << " MB\n";
    EXPECT_EQ(factors, 3u);
    EXPECT_LE(peak, checked) << "the check misses an allocation of the design or its intervals";
    // Nor a check that passes by asking for far too much: what it counts per base row is there (the
    // threads' scratch of the intervals need not all be held at the same moment).
    EXPECT_GE(peak, 0.9 * double(need.count) * double(need.bytes_each)) << resamples;
  }
#endif
}

}  // namespace
}  // namespace finsim
