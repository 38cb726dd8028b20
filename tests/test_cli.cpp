// The finsim binary as a user meets it: exit codes, messages and files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <thread>

#include "output/hdf5_reader.h"
#include "test_support.h"

using finsim::testing::read_file;
using finsim::testing::TempDir;
using finsim::testing::write_file;

namespace {

struct Outcome {
  int status;
  std::string out, err;
};

/// Runs the finsim binary with `args` in folder `cwd`.
Outcome finsim_in(const TempDir& cwd, const std::string& args)
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

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(Cli, VersionAndHelp)
{
  TempDir dir;
  Outcome v = finsim_in(dir, "--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out, "finsim 0.1.0\n");
  Outcome h = finsim_in(dir, "--help");
  EXPECT_EQ(h.status, 0);
  EXPECT_TRUE(contains(h.out, "Usage: finsim run [SCENARIO.toml] [-o OUT.h5]"));
  Outcome rh = finsim_in(dir, "run --help");
  EXPECT_EQ(rh.status, 0);
  EXPECT_TRUE(contains(rh.out, "--output"));
}

TEST(Cli, UnknownCommandsAndOptionsExitTwoWithUsage)
{
  TempDir dir;
  Outcome c = finsim_in(dir, "simulate");
  EXPECT_EQ(c.status, 2);
  EXPECT_TRUE(contains(c.err, "finsim: unknown command 'simulate'\n\nUsage:")) << c.err;
  Outcome o = finsim_in(dir, "run --frobnicate");
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(contains(o.err, "finsim: unrecognised option '--frobnicate'\n\nUsage: finsim run")) << o.err;
  Outcome g = finsim_in(dir, "--frobnicate");
  EXPECT_EQ(g.status, 2);
  EXPECT_TRUE(contains(g.err, "unknown option '--frobnicate'")) << g.err;
  EXPECT_EQ(finsim_in(dir, "").status, 2);
  EXPECT_EQ(finsim_in(dir, "validate").status, 2);
}

TEST(Cli, RunWithoutArgumentsRunsTheBuiltInScenario)
{
  TempDir dir;
  Outcome r = finsim_in(dir, "run");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Samordningsförbundet i Sollefteå: prognos 2024–2026"));
  EXPECT_TRUE(contains(r.out, "2024    2 832 000"));
  EXPECT_TRUE(contains(r.out, "EK över 20 %-taket 2025: 2 640 000 mot tak 566 400")) << r.out;
  EXPECT_TRUE(std::filesystem::exists(dir.file("output/solleftea-2024.h5")));
  // SamCoach may end early in the Monte Carlo: the expected-value table says it shows the grant.
  EXPECT_TRUE(contains(r.out, "Obs: tabellen visar insatserna som beviljade. Monte Carlo-körningen låter SamCoach"))
      << r.out;
  // The balance sheet at each year end: SamCoach's fourth quarter is invoiced in arrears, so 2024
  // closes with it owed (523 750) and cash that much above equity.
  EXPECT_TRUE(contains(r.out,
                       "Balansräkning vid årets slut (kronor):\n31/12      Kassa  Fordringar  Skulder  Eget kapital\n"
                       "2024   1 023 750           0  523 750       500 000"))
      << r.out;
  // SamCoach's budget is 0 in 2025–2026: no one is served, and no "0 kr per deltagare".
  EXPECT_TRUE(contains(r.out, "2025  SamCoach       0,0   0,0        0,0")) << r.out;
  EXPECT_FALSE(contains(r.out, "             0\n2025    Totalt")) << r.out;
}

TEST(Cli, ACalibrationThatMissesIsMarked)
{
  TempDir dir;
  write_file(dir.file("miss.toml"), finsim::testing::with_participants(
                                        "referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbete = 1 }\n"
                                        "observed = { months = 8, served = 63, new = 18, exits = 13 }\n"));
  Outcome v = finsim_in(dir, "validate miss.toml");
  EXPECT_EQ(v.status, 0) << v.err;
  EXPECT_TRUE(contains(v.out, "(rapporterat 13) på 8 mån från 2024-03  VARNING: mer än en halv person")) << v.out;
  EXPECT_TRUE(contains(v.out, "varning: insats.Team.participants.observed: den kalibrerade modellen ger 16.00 nya"))
      << v.out;
}

TEST(Cli, ValidateSaysOkOrListsEveryProblem)
{
  TempDir dir;
  write_file(dir.file("good.toml"), finsim::testing::minimal_scenario());
  Outcome ok = finsim_in(dir, "validate good.toml");
  EXPECT_EQ(ok.status, 0);
  EXPECT_EQ(ok.out, "ok\n");
  std::string bad = finsim::testing::minimal_scenario();
  bad.replace(bad.find("years = 2"), 9, "years = 99");
  bad.replace(bad.find("amount = 600000"), 15, "amount = -600000");
  write_file(dir.file("bad.toml"), bad);
  Outcome v = finsim_in(dir, "validate bad.toml");
  EXPECT_EQ(v.status, 1);
  EXPECT_TRUE(contains(v.err, "bad.toml:4:9: forbund.years: = 99: must be between 1 and 30")) << v.err;
  EXPECT_TRUE(contains(v.err, "cost.Kansli.amount: = -600000: must be >= 0 (SEK per year)")) << v.err;
}

TEST(Cli, BadInputNeverTouchesTheOutputFile)
{
  TempDir dir;
  write_file(dir.file("good.toml"), finsim::testing::minimal_scenario());
  write_file(dir.file("bad.toml"), "[forbund\nname = 1");
  ASSERT_EQ(finsim_in(dir, "run good.toml -o out.h5").status, 0);
  const std::string good = read_file(dir.file("out.h5"));
  Outcome r = finsim_in(dir, "run bad.toml -o out.h5");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "bad.toml:1:9: not valid TOML")) << r.err;
  EXPECT_EQ(read_file(dir.file("out.h5")), good);
  Outcome n = finsim_in(dir, "run bad.toml -o new.h5");
  EXPECT_EQ(n.status, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.file("new.h5")));
}

TEST(Cli, UnwritableOutputPathExitsOne)
{
  TempDir dir;
  write_file(dir.file("good.toml"), finsim::testing::minimal_scenario());
  write_file(dir.file("file"), "x");
  Outcome r = finsim_in(dir, "run good.toml -o file/out.h5");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "cannot write output \"file/out.h5\"")) << r.err;
}

TEST(Cli, CtrlCStopsTheRunAndLeavesNoFile)
{
  TempDir dir;
  const std::string large = std::string(FINSIM_SOURCE_DIR) + "/bench/large.toml";
  // SIGINT as soon as the Monte Carlo has started (the expected-value table is printed and flushed
  // just before it), into a million replications of the benchmark scenario on one thread: a minute
  // here, far longer than the wait for the signal on any machine.
  const std::string err = dir.file("err.txt"), out = dir.file("out.txt");
  const std::string command = "cd '" + dir.path().string() + "' && { '" + FINSIM_BINARY + "' run '" + large +
                              "' --runs 1000000 --threads 1 --quiet -o out.h5 >'" + out + "' 2>'" + err +
                              "' & pid=$!; for i in $(seq 1200); do grep -q 'Ingående eget kapital' '" + out +
                              "' && break; sleep 0.1; done; kill -INT $pid; wait $pid; }";
  const int raw = std::system(command.c_str());
  EXPECT_EQ(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, 130);
  EXPECT_TRUE(contains(read_file(err), "finsim: avbrutet (Ctrl-C)")) << read_file(err);
  EXPECT_TRUE(contains(read_file(out), "Ingående eget kapital")) << "the run never started";
  EXPECT_FALSE(contains(read_file(out), "Monte Carlo:")) << "the run finished before the signal";
  std::filesystem::remove(err);
  std::filesystem::remove(out);
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.h5")));
  for (auto& e : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename().string().find(".out.h5.tmp"), std::string::npos) << e.path();
}

TEST(Cli, PlausibilityWarningsGoToStderrValidateAndTheFile)
{
  TempDir dir;
  write_file(dir.file("growth.toml"), finsim::testing::replace(finsim::testing::minimal_scenario(), "amount = 600000",
                                                               "amount = 600000\ngrowth = 3"));
  Outcome v = finsim_in(dir, "validate growth.toml");
  EXPECT_EQ(v.status, 0) << v.err;
  EXPECT_TRUE(contains(v.out, "varning: cost.Kansli.growth = 3: en årlig tillväxt över 0.5")) << v.out;
  EXPECT_TRUE(contains(v.out, "ok\n")) << v.out;
  Outcome r = finsim_in(dir, "run growth.toml --runs 20 -o g.h5");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "varning: cost.Kansli.growth = 3")) << r.err;
  const finsim::h5::Reader file = finsim::h5::Reader::open(dir.file("g.h5"));
  EXPECT_EQ(file.string_attribute("/", "warnings").rfind("cost.Kansli.growth = 3: en årlig tillväxt över 0.5", 0), 0u);
  Outcome clean = finsim_in(dir, "run --deterministic -o clean.h5");
  EXPECT_EQ(finsim::h5::Reader::open(dir.file("clean.h5")).string_attribute("/", "warnings"), "");
}

TEST(Cli, MonteCarloOptionsAndTheirErrors)
{
  TempDir dir;
  Outcome r = finsim_in(dir, "run --runs 200 --seed 7 --threads 1 --keep-paths 3 -o mc.h5");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Monte Carlo: 200 körningar, frö 7, 1 tråd,")) << r.out;
  EXPECT_TRUE(contains(r.out, "P(EK > tak)")) << r.out;
  EXPECT_EQ(finsim_in(dir, "run --runs 0").status, 2);
  EXPECT_EQ(finsim_in(dir, "run --runs 10 --keep-paths 11").status, 2);
  EXPECT_EQ(finsim_in(dir, "run --threads -1").status, 2);
  Outcome d = finsim_in(dir, "run --deterministic -o det.h5");
  EXPECT_EQ(d.status, 0);
  EXPECT_FALSE(contains(d.out, "Monte Carlo:")) << d.out;
}

TEST(Cli, OneRunIsOneKorningAndBoundsReplaceZeroProbabilities)
{
  TempDir dir;
  Outcome one = finsim_in(dir, "run --runs 1 --quiet -o one.h5");
  EXPECT_EQ(one.status, 0) << one.err;
  EXPECT_TRUE(contains(one.out, "Monte Carlo: 1 körning,")) << one.out;
  Outcome r = finsim_in(dir, "run --runs 100 --quiet -o hundred.h5");
  // No run has negative cash: the one-sided 95 % bound 1 − 0.05^(1/100) = 2.95 %, rounded up.
  EXPECT_TRUE(contains(r.out, "< 3,0 %")) << r.out;
  EXPECT_FALSE(contains(r.out, "0,0 % ± 0,00")) << r.out;
  // Every run is above the cap in 2025: 0.05^(1/100) = 97.05 %, rounded down.
  EXPECT_TRUE(contains(r.out, "> 97,0 %")) << r.out;
  EXPECT_TRUE(contains(r.out, "± är ett standardfel")) << r.out;
}

TEST(Cli, BadMonteCarloOptionsAreRefused)
{
  TempDir dir;
  for (const char* args :
       {"run --seed -1", "run --grain -1", "run --runs -5", "run --keep-paths -1", "run --seed 1x"}) {
    Outcome o = finsim_in(dir, args);
    EXPECT_EQ(o.status, 2) << args << ": " << o.err;
    EXPECT_TRUE(contains(o.err, "must be a whole number")) << args << ": " << o.err;
  }
  Outcome k = finsim_in(dir, "run --deterministic --keep-paths 5");
  EXPECT_EQ(k.status, 2);
  EXPECT_TRUE(contains(k.err, "--keep-paths needs the Monte Carlo")) << k.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("output/solleftea-2024.h5")));
}

TEST(Cli, MoreThreadsThanCoresUsesTheCoresAndSaysSoOnce)
{
  TempDir dir;
  Outcome o = finsim_in(dir, "run --runs 50 --threads 1024 --quiet -o t.h5");
  EXPECT_EQ(o.status, 0) << o.err;
  const auto cores = std::thread::hardware_concurrency();
  if (cores >= 1024) GTEST_SKIP() << "this machine has 1024 cores";
  const std::string said = "--threads 1024: datorn har";
  EXPECT_TRUE(contains(o.err, said)) << o.err;
  EXPECT_EQ(o.err.find(said), o.err.rfind(said)) << "said more than once: " << o.err;
  EXPECT_FALSE(contains(o.err, "TBB")) << o.err;
  EXPECT_FALSE(contains(o.out, "1024 trådar")) << o.out;
  const finsim::h5::Reader file = finsim::h5::Reader::open(dir.file("t.h5"));
  EXPECT_LE(file.number_attribute("/montecarlo", "threads"), static_cast<double>(cores));
}
