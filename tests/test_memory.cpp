// The memory estimate a run is refused by, against the peak memory a run really reaches.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cmath>
#include <regex>

#include "test_support.h"

using finsim::testing::read_file;
using finsim::testing::TempDir;
using finsim::testing::write_file;

namespace {

/// Runs finsim on a 30-year förbund without participants (2 kB a replication kept, cheap to run)
/// in `dir` with `options`; stdout and stderr go to out.txt and err.txt; returns the exit status.
int run_long(const TempDir& dir, const std::string& options)
{
  write_file(dir.file("long.toml"),
             finsim::testing::replace(finsim::testing::minimal_scenario(), "years = 2", "years = 30"));
  const std::string command = "cd '" + dir.path().string() + "' && '" + FINSIM_BINARY + "' run long.toml " + options +
                              " -o out.h5 > out.txt 2> err.txt";
  const int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

}  // namespace

/// 150 000 runs of the 30-year förbund hold about 300 MB. The estimate printed in the run's Monte Carlo line must lie
/// within 20 % of the peak resident set the kernel measured.
TEST(Memory, EstimateIsWithinTwentyPercentOfThePeak)
{
#if defined(FINSIM_SANITIZED)
  GTEST_SKIP() << "sanitizers change the memory a run takes";
#endif
  TempDir dir;
  ASSERT_EQ(run_long(dir, "--runs 150000 --quiet"), 0) << read_file(dir.file("err.txt"));
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);  // the largest child: this run
  const double measured = static_cast<double>(usage.ru_maxrss) * 1024.0;
  std::smatch m;
  const std::string out = read_file(dir.file("out.txt"));
  ASSERT_TRUE(std::regex_search(out, m, std::regex("minne ≈ ([0-9 ]+) MB"))) << out;
  std::string digits = m[1];
  std::erase(digits, ' ');
  const double estimated = std::stod(digits) * 1e6;
  EXPECT_GT(measured, 200e6) << "the run should hold its columns";
  EXPECT_LE(std::fabs(estimated - measured), 0.2 * measured)
      << "estimated " << estimated << " bytes, measured peak " << measured << ", error " << estimated - measured;
}

TEST(Memory, ARunThatCannotFitIsRefusedBeforeAnyWork)
{
  TempDir dir;
  // 30 years, 10^8 runs with every path kept: about 400 GB.
  EXPECT_EQ(run_long(dir, "--runs 100000000 --keep-paths 100000000"), 1);
  const std::string err = read_file(dir.file("err.txt"));
  EXPECT_TRUE(
      std::regex_search(err, std::regex("--runs 100000000: körningen behöver ungefär [0-9]+ MB minne men [0-9]+ MB "
                                        "finns tillgängligt; högst [0-9]+ körningar ryms")))
      << err;
  EXPECT_EQ(read_file(dir.file("out.txt")), "") << "nothing printed before the refusal";
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.h5")));
}
