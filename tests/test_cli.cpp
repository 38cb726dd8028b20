// The finsim binary as a user meets it: exit codes, messages and files.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <csignal>
#include <thread>

#include "output/hdf5_reader.h"
#include "test_support.h"

using finsim::testing::read_file;
using finsim::testing::TempDir;
using finsim::testing::write_file;

using finsim::testing::contains;
using finsim::testing::finsim_in;
using finsim::testing::Outcome;

TEST(Cli, EveryHelpSpeaksSwedish)
{
  // The option names stay as they are; the words around them are Swedish (issue 26).
  for (const char* command : {"", "run ", "validate ", "compare ", "room ", "sensitivity ", "backtest ", "merge ",
                              "report ", "export ", "serve "}) {
    TempDir dir;
    const Outcome h = finsim_in(dir, std::string(command) + "--help");
    EXPECT_EQ(h.status, 0) << command;
    EXPECT_TRUE(contains(h.out, "Användning: finsim")) << command << h.out;
    for (const char* english : {"Usage", "Options for", "show this", " the ", "[options]", "default", "Commands"})
      EXPECT_FALSE(contains(h.out, english)) << command << ": '" << english << "' in\n" << h.out;
  }
}

TEST(Cli, VersionAndHelp)
{
  TempDir dir;
  Outcome v = finsim_in(dir, "--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out, "finsim 0.1.0\n");
  Outcome h = finsim_in(dir, "--help");
  EXPECT_EQ(h.status, 0);
  EXPECT_TRUE(contains(h.out, "Användning: finsim run [SCENARIO.toml] [-o OUT.h5]"));
  Outcome rh = finsim_in(dir, "run --help");
  EXPECT_EQ(rh.status, 0);
  EXPECT_TRUE(contains(rh.out, "--output"));
}

TEST(Cli, UnknownCommandsAndOptionsExitTwoWithUsage)
{
  TempDir dir;
  Outcome c = finsim_in(dir, "simulate");
  EXPECT_EQ(c.status, 2);
  EXPECT_TRUE(contains(c.err, "finsim: okänt kommando 'simulate'; kommandon: run, validate")) << c.err;
  Outcome o = finsim_in(dir, "run --frobnicate");
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(
      contains(o.err, "finsim: okänt alternativ '--frobnicate': se alternativen nedan\n\nAnvändning: finsim run"))
      << o.err;
  Outcome g = finsim_in(dir, "--frobnicate");
  EXPECT_EQ(g.status, 2);
  EXPECT_TRUE(contains(g.err, "okänt alternativ '--frobnicate': ange först ett kommando")) << g.err;
  EXPECT_EQ(finsim_in(dir, "").status, 2);
  EXPECT_EQ(finsim_in(dir, "validate").status, 2);
}

TEST(Cli, OptionErrorsAreSwedishAndNameTheOptionAsWritten)
{
  TempDir dir;
  // Boost.Program_options' own refusals, in Swedish with the option and value as written.
  const std::pair<const char*, const char*> cases[] = {
      {"run --frobnicate", "finsim: okänt alternativ '--frobnicate': se alternativen nedan\n\nAnvändning:"},
      {"run --runs", "finsim: alternativet '--runs' behöver ett värde, t.ex. '--runs 100'\n\nAnvändning:"},
      {"run --threads x", "finsim: --threads x: ogiltigt värde; ange ett heltal\n\nAnvändning:"},
      {"run --runs 5 --runs 6", "finsim: alternativet '--runs' får bara ges en gång\n\nAnvändning:"},
      {"run --quiet=3", "finsim: alternativet '--quiet' tar inget värde: skriv det ensamt"},
      {"room s.toml --from 2024 --max-p 0.1",
       "finsim: alternativet '--max-p' är tvetydigt: skriv hela namnet (--max-p-below-floor, --max-p-cash-negative, "
       "--max-p-above-cap)"},
      // finsim's own checks of a value.
      {"run --runs x", "finsim: --runs x: måste vara ett positivt heltal från 1 till 100 000 000\n\nAnvändning:"},
      {"run --runs -5", "finsim: --runs -5: måste vara ett positivt heltal från 1 till 100 000 000"},
      {"room s.toml --from 2024 --max-p-below-floor 1,5",
       "finsim: --max-p-below-floor 1,5: ska vara ett tal från 0 till 1 (skrivet utan mellanslag och med "
       "decimalpunkt)"},
      {"room s.toml --from 20x5", "finsim: --from 20x5: ska vara ett år från 1900 till 2200, t.ex. --from 2025"}};
  for (const auto& [args, expected] : cases) {
    const Outcome o = finsim_in(dir, args);
    EXPECT_EQ(o.status, 2) << args;
    EXPECT_TRUE(contains(o.err, expected)) << args << ":\n" << o.err;
    for (const char* english : {"unrecognised", "required", "argument", "invalid", "specified", "ambiguous"})
      EXPECT_FALSE(contains(o.err.substr(0, o.err.find("\n\n")), english)) << args << ":\n" << o.err;
  }
}

TEST(Cli, ValidateGivesTheSwedishNumberHintWithLineAndColumn)
{
  TempDir dir;
  write_file(dir.file("tal.toml"), finsim::testing::replace(finsim::testing::minimal_scenario(), "budget = 1200000",
                                                            "budget = 1 416 000\nutilization = 0,92"));
  const Outcome v = finsim_in(dir, "validate tal.toml");
  EXPECT_EQ(v.status, 1);
  EXPECT_EQ(v.err,
            "tal.toml:38:12: felaktig TOML: efter värdet får bara en kommentar (#) eller radslut följa, men här står "
            "'4'; skriv tal utan mellanslag och med decimalpunkt: 1416000 eller 1_416_000, 0.92\n");
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
  EXPECT_TRUE(contains(
      v.out, "varning: insats.Team.participants.observed: den kalibrerade modellen ger 16 nya (rapporterat 18)"))
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
  EXPECT_TRUE(contains(v.err, "bad.toml:4:9: forbund.years: = 99: ska vara mellan 1 och 30")) << v.err;
  EXPECT_TRUE(contains(v.err, "cost.Kansli.amount: = -600000: ska vara ≥ 0 (kr per år)")) << v.err;
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
  EXPECT_TRUE(contains(r.err, "bad.toml:1:9: felaktig TOML")) << r.err;
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
  EXPECT_TRUE(contains(r.err, "kan inte skriva \"file/out.h5\"")) << r.err;
}

/// Waits (in the shell) until process $pid has used one second of CPU time: the Monte Carlo has
/// started (nothing is printed before the answer's sentences, which come after it).
const std::string wait_for_cpu =
    "for i in $(seq 1200); do t=$(awk '{print $14 + $15}' /proc/$pid/stat 2>/dev/null || echo 0); "
    "[ \"$t\" -ge 100 ] && break; sleep 0.1; done; ";

/// Sends `signal` as soon as the Monte Carlo has started (one second of CPU time), into a million replications of the
/// benchmark scenario on one thread: a minute here, far longer than the wait for the signal on any machine. Expects
/// exit 128 + signal with `name` in the message and no file, temporary or final, left behind.
void expect_signal_stops_the_run(const std::string& signal, int number, const std::string& name)
{
  TempDir dir;
  const std::string large = std::string(FINSIM_SOURCE_DIR) + "/bench/large.toml";
  const std::string err = dir.file("err.txt"), out = dir.file("out.txt");
  const std::string command = "cd '" + dir.path().string() + "' && { '" + FINSIM_BINARY + "' run '" + large +
                              "' --runs 1000000 --threads 1 --quiet -o out.h5 >'" + out + "' 2>'" + err +
                              "' & pid=$!; " + wait_for_cpu + "kill -" + signal + " $pid; wait $pid; }";
  const int raw = std::system(command.c_str());
  EXPECT_EQ(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, 128 + number) << signal;
  EXPECT_TRUE(contains(read_file(err), "finsim: avbrutet (" + name + ")")) << read_file(err);
  EXPECT_FALSE(contains(read_file(out), "Monte Carlo:")) << "the run finished before the signal";
  std::filesystem::remove(err);
  std::filesystem::remove(out);
  for (auto& e : std::filesystem::directory_iterator(dir.path())) ADD_FAILURE() << "left behind: " << e.path();
}

TEST(Cli, CtrlCStopsTheRunAndLeavesNoFile) { expect_signal_stops_the_run("INT", 2, "Ctrl-C"); }

TEST(Cli, SigtermAndSighupStopTheRunLikeCtrlC)
{
  expect_signal_stops_the_run("TERM", 15, "SIGTERM");
  expect_signal_stops_the_run("HUP", 1, "SIGHUP");
}

TEST(Cli, AFullDiskIsAnInputErrorThatLeavesNothing)
{
  TempDir dir;
  // A file-size limit of 16 kB stands in for a full disk: the result needs about 100 kB.
  const std::string command = "cd '" + dir.path().string() + "' && ulimit -f 16 && '" + FINSIM_BINARY +
                              "' run --runs 50 -o out.h5 >/dev/null 2>err.txt";
  const int raw = std::system(command.c_str());
  EXPECT_EQ(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, 1);
  const std::string err = read_file(dir.file("err.txt"));
  EXPECT_TRUE(contains(err, "kan inte skriva \"out.h5\": filen (")) << err;
  EXPECT_TRUE(contains(err, "byte) blir större än vad processen får skriva (ulimit -f)")) << err;
  std::filesystem::remove(dir.file("err.txt"));
  for (auto& e : std::filesystem::directory_iterator(dir.path())) ADD_FAILURE() << "left behind: " << e.path();
}

TEST(Cli, StaleTemporaryFilesOfDeadProcessesAreRemoved)
{
  TempDir dir;
  // A process id that runs (this test's) and one that does not.
  pid_t dead = 4000000;
  while (kill(dead, 0) == 0 || errno != ESRCH) --dead;
  const std::string stale = fmt::format(".finsim-{}-abc123.tmp", dead),
                    live = fmt::format(".finsim-{}-xyz789.tmp", getpid());
  std::filesystem::create_directory(dir.file("out"));
  write_file(dir.file("out/" + stale), "half a file");
  write_file(dir.file("out/" + live), "another run's file");
  write_file(dir.file("out/.finsim-notes.txt"), "not ours");
  Outcome r = finsim_in(dir, "run --deterministic -o out/r.h5");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("out/" + stale)));
  EXPECT_TRUE(std::filesystem::exists(dir.file("out/" + live)));
  EXPECT_TRUE(std::filesystem::exists(dir.file("out/.finsim-notes.txt")));
}

TEST(Cli, OutputPathsThatWouldDestroySomethingAreRefused)
{
  TempDir dir;
  write_file(dir.file("s.toml"), finsim::testing::minimal_scenario());
  const std::string scenario = read_file(dir.file("s.toml"));
  Outcome self = finsim_in(dir, "run s.toml --deterministic -o s.toml");
  EXPECT_EQ(self.status, 1);
  EXPECT_TRUE(contains(self.err, "det är indatafilen \"s.toml\" själv")) << self.err;
  std::filesystem::create_hard_link(dir.file("s.toml"), dir.file("hard.toml"));
  EXPECT_EQ(finsim_in(dir, "run s.toml --deterministic -o hard.toml").status, 1);  // the same inode
  EXPECT_EQ(read_file(dir.file("s.toml")), scenario);

  write_file(dir.file("target.h5"), "keep me");
  std::filesystem::create_symlink(dir.file("target.h5"), dir.file("link.h5"));
  Outcome link = finsim_in(dir, "run --deterministic -o link.h5");
  EXPECT_EQ(link.status, 1);
  EXPECT_TRUE(contains(link.err, "det är en symbolisk länk")) << link.err;
  EXPECT_TRUE(std::filesystem::is_symlink(dir.file("link.h5")));
  EXPECT_EQ(read_file(dir.file("target.h5")), "keep me");

  Outcome device = finsim_in(dir, "run --deterministic -o /dev/null");
  EXPECT_EQ(device.status, 1);
  EXPECT_TRUE(contains(device.err, "ingen vanlig fil")) << device.err;
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));

  write_file(dir.file("locked.h5"), "read-only");
  std::filesystem::permissions(dir.file("locked.h5"), std::filesystem::perms::owner_read);
  Outcome locked = finsim_in(dir, "run --deterministic -o locked.h5");
  EXPECT_EQ(locked.status, 1);
  EXPECT_TRUE(contains(locked.err, "filen är skrivskyddad")) << locked.err;
  EXPECT_EQ(read_file(dir.file("locked.h5")), "read-only");

  Outcome empty = finsim_in(dir, "run --deterministic -o ''");
  EXPECT_EQ(empty.status, 2);
  EXPECT_TRUE(contains(empty.err, "-o behöver ett filnamn")) << empty.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("output")));

  // The longest legal name (255 bytes) is written: the temporary name does not grow with it.
  const std::string longest = std::string(252, 'x') + ".h5";
  Outcome long_name = finsim_in(dir, "run --deterministic -o " + longest);
  EXPECT_EQ(long_name.status, 0) << long_name.err;
  EXPECT_TRUE(std::filesystem::exists(dir.file(longest)));
}

TEST(Cli, PlausibilityWarningsGoToStderrValidateAndTheFile)
{
  TempDir dir;
  write_file(dir.file("growth.toml"), finsim::testing::replace(finsim::testing::minimal_scenario(), "amount = 600000",
                                                               "amount = 600000\ngrowth = 3"));
  Outcome v = finsim_in(dir, "validate growth.toml");
  EXPECT_EQ(v.status, 0) << v.err;
  EXPECT_TRUE(contains(v.out, "varning: cost.Kansli.growth = 3: en årlig tillväxt över 50 %")) << v.out;
  EXPECT_TRUE(contains(v.out, "ok\n")) << v.out;
  Outcome r = finsim_in(dir, "run growth.toml --runs 20 -o g.h5");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "varning: cost.Kansli.growth = 3")) << r.err;
  const finsim::h5::Reader file = finsim::h5::Reader::open(dir.file("g.h5"));
  EXPECT_EQ(file.string_attribute("/", "warnings").rfind("cost.Kansli.growth = 3: en årlig tillväxt över 50 %", 0), 0u);
  write_file(dir.file("clean.toml"), finsim::testing::minimal_scenario());
  Outcome clean = finsim_in(dir, "run clean.toml --deterministic -o clean.h5");
  EXPECT_EQ(finsim::h5::Reader::open(dir.file("clean.h5")).string_attribute("/", "warnings"), "");
  // The built-in scenario lists Kansli for two of its three years: the third takes the last amount.
  Outcome seed = finsim_in(dir, "run --deterministic -o seed.h5");
  EXPECT_TRUE(contains(seed.err,
                       "varning: cost.Kansli.amount: 2 belopp för 3 år; 2026 får det sista beloppet "
                       "(622 000 kr)"))
      << seed.err;
  EXPECT_EQ(finsim::h5::Reader::open(dir.file("seed.h5")).string_attribute("/", "warnings"),
            "cost.Kansli.amount: 2 belopp för 3 år; 2026 får det sista beloppet (622 000 kr)");
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
    EXPECT_TRUE(contains(o.err, "heltal från")) << args << ": " << o.err;
  }
  Outcome k = finsim_in(dir, "run --deterministic --keep-paths 5");
  EXPECT_EQ(k.status, 2);
  EXPECT_TRUE(contains(k.err, "--keep-paths behöver Monte Carlo-körningen")) << k.err;
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

TEST(Cli, CompareWritesTheComparisonBesideTheBasesOwnResults)
{
  TempDir dir;
  write_file(dir.file("bas.toml"), finsim::testing::minimal_scenario());
  write_file(dir.file("dyrare.toml"), "extends = \"bas.toml\"\n[[cost]]\nname = \"Kansli\"\namount = 700000\n");
  Outcome o = finsim_in(dir, "compare bas.toml dyrare.toml --runs 200 --quiet");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(contains(o.out, "Jämförelse: 2 scenarier, 200 körningar vardera, frö 1")) << o.out;
  EXPECT_TRUE(contains(o.out, "dyrare")) << o.out;
  EXPECT_TRUE(contains(o.out, "-100 000 ± 0")) << o.out;  // 2024: 100 000 more kansli
  EXPECT_TRUE(contains(o.out, "Resultat skrivet till output/bas-compare.h5")) << o.out;
  const auto file = finsim::h5::Reader::open(dir.file("output/bas-compare.h5"));
  EXPECT_EQ(file.labels("/compare/scenario"), (std::vector<std::string>{"bas", "dyrare"}));
  EXPECT_TRUE(file.has("/deterministic/equity"));
  EXPECT_TRUE(file.has("/montecarlo/equity_q"));
  const std::vector<double> delta = file.read("/compare/delta_equity_mean").values;  // scenario × year
  ASSERT_EQ(delta.size(), 4u);
  EXPECT_EQ(delta[0], 0.0);
  EXPECT_NEAR(delta[2], -100000.0, 1e-6);
  EXPECT_NEAR(delta[3], -200000.0, 1e-6);
  EXPECT_EQ(file.read("/compare/delta_equity_q").dims, (std::vector<std::string>{"scenario", "year", "quantile"}));
  // A variant's output names every file it was read from, base included.
  write_file(dir.file("v.toml"), "extends = \"bas.toml\"\n[forbund]\nopening_cash = 90000\n");
  ASSERT_EQ(finsim_in(dir, "run v.toml --runs 10 --quiet").status, 0);
  const auto v = finsim::h5::Reader::open(dir.file("output/v.h5"));
  EXPECT_EQ(v.string_list_attribute("/", "scenario_files"), (std::vector<std::string>{"v.toml", "bas.toml"}));
  EXPECT_EQ(v.string_list_attribute("/", "scenario_file_texts")[1], finsim::testing::minimal_scenario());
}

TEST(Cli, CompareAndRoomRefuseWhatTheyCannotAnswer)
{
  TempDir dir;
  write_file(dir.file("bas.toml"), finsim::testing::minimal_scenario());
  write_file(dir.file("kort.toml"), "extends = \"bas.toml\"\n[forbund]\nyears = 1\n");
  EXPECT_EQ(finsim_in(dir, "compare bas.toml").status, 2);  // no variant
  Outcome horizon = finsim_in(dir, "compare bas.toml kort.toml --runs 10");
  EXPECT_EQ(horizon.status, 1);
  EXPECT_TRUE(contains(horizon.err, "kort.toml: forbund: omfattar 2024–2024 men basen bas omfattar 2024–2025"))
      << horizon.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("output/bas-compare.h5")));
  EXPECT_EQ(finsim_in(dir, "room bas.toml").status, 2);  // no --from
  EXPECT_EQ(finsim_in(dir, "room bas.toml --from 2024 --max-p-below-floor 1.5").status, 2);
  EXPECT_EQ(finsim_in(dir, "room bas.toml --from 2024 --to 2024-13").status, 2);
  EXPECT_EQ(finsim_in(dir, "room bas.toml --from 2024 --payment weekly").status, 2);
  EXPECT_EQ(finsim_in(dir, "room bas.toml --from 2024 --target-probability 0.9").status, 2);
  Outcome year = finsim_in(dir, "room bas.toml --from 2030 --runs 10");
  EXPECT_EQ(year.status, 1);
  EXPECT_TRUE(contains(year.err, "--from 2030: scenariot omfattar 2024–2025")) << year.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("output/bas-room.h5")));
}

TEST(Cli, RoomAnswersInOneSentenceAndWritesTheRiskCurve)
{
  TempDir dir;
  write_file(dir.file("bas.toml"), finsim::testing::granted(finsim::testing::minimal_scenario()));
  Outcome o = finsim_in(dir, "room bas.toml --from 2025 --equity-target 100000 --runs 500 --quiet");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(contains(o.out, "Utrymme för nya insatser från 2025: högst ")) << o.out;
  EXPECT_TRUE(contains(o.out, "bindande villkor: P(EK ≥ 100 000 varje år från 2025) ≥ 50 %")) << o.out;
  const auto file = finsim::h5::Reader::open(dir.file("output/bas-room.h5"));
  EXPECT_EQ(file.read("/room/p_below_floor_any").values.size(), 41u);
  EXPECT_EQ(file.read("/room/equity_last_q").dims, (std::vector<std::string>{"extra_spend", "quantile"}));
  EXPECT_EQ(file.number_attribute("/room", "from"), 2025.0);
  EXPECT_TRUE(std::isnan(file.read("/room/min_extra_spend").values.at(0)));
}

TEST(Cli, SensitivityListsFactorsRanksTheTornadoAndWritesTheIndices)
{
  TempDir dir;
  write_file(dir.file("k.toml"),
             finsim::testing::replace(finsim::testing::minimal_scenario(), "from = \"2024-03\"",
                                      "from = \"2024-03\"\nutilization = { dist = \"beta\", mean = 0.8, sd = 0.1 }") +
                 "[[income]]\nname = \"ESF\"\namount = 300000\nprobability = 0.5\n");
  Outcome o = finsim_in(dir, "sensitivity k.toml --base-runs 256 --resamples 50 --runs 100 --quiet");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(contains(o.out, "Känslighetsanalys, Testförbundet: 2 faktorer")) << o.out;
  EXPECT_TRUE(contains(o.out, "Tornado: Eget kapital 2025")) << o.out;
  EXPECT_TRUE(contains(o.out, "Sobolindex: Eget kapital 2025; 256 basrader, 1 024 körningar")) << o.out;
  EXPECT_TRUE(contains(o.out, "Resultat skrivet till output/k-sensitivity.h5")) << o.out;
  const auto file = finsim::h5::Reader::open(dir.file("output/k-sensitivity.h5"));
  EXPECT_EQ(file.labels("/sensitivity/factor"),
            (std::vector<std::string>{"income.ESF.probability", "insats.Team.utilization"}));
  EXPECT_EQ(file.read("/sensitivity/sobol_first_ci").dims,
            (std::vector<std::string>{"factor", "outcome", "year", "bound"}));
  EXPECT_EQ(file.labels("/sensitivity/outcome").back(), "cash_negative");
  EXPECT_EQ(file.number_attribute("/sensitivity", "replications"), 1024.0);
  EXPECT_TRUE(file.has("/montecarlo/equity_q"));
  // Only the tornado: no Sobol datasets; the outcome and the year as asked.
  Outcome t =
      finsim_in(dir, "sensitivity k.toml --method tornado --output result --year 2024 -o t.h5 --runs 10 --quiet");
  ASSERT_EQ(t.status, 0) << t.err;
  const auto tornado = finsim::h5::Reader::open(dir.file("t.h5"));
  EXPECT_FALSE(tornado.has("/sensitivity/sobol_first"));
  EXPECT_TRUE(tornado.has("/sensitivity/tornado_low"));
  EXPECT_EQ(tornado.string_attribute("/sensitivity", "output"), "result");
  EXPECT_EQ(tornado.number_attribute("/sensitivity", "year"), 2024.0);
}

TEST(Cli, SensitivityRefusesWhatItCannotAnswer)
{
  TempDir dir;
  write_file(dir.file("k.toml"), finsim::testing::minimal_scenario());
  EXPECT_EQ(finsim_in(dir, "sensitivity k.toml --method spider").status, 2);
  EXPECT_EQ(finsim_in(dir, "sensitivity k.toml --output equty").status, 2);
  EXPECT_EQ(finsim_in(dir, "sensitivity k.toml --group X").status, 2);
  EXPECT_EQ(finsim_in(dir, "sensitivity k.toml --base-runs 1").status, 2);
  Outcome year = finsim_in(dir, "sensitivity k.toml --year 2031 --runs 10");
  EXPECT_EQ(year.status, 1);
  EXPECT_TRUE(contains(year.err, "--year 2031: scenariot omfattar 2024–2025")) << year.err;
  Outcome group = finsim_in(dir, "sensitivity k.toml --group X=cost.Kansli.amont --runs 10");
  EXPECT_EQ(group.status, 1);
  EXPECT_TRUE(contains(group.err, "--group: X: cost.Kansli.amont är inget osäkert tal i scenariot")) << group.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("output/k-sensitivity.h5")));
}

TEST(Cli, ExportWritesOneCsvPerDatasetOrRefusesWhatIsNotAResult)
{
  TempDir dir;
  ASSERT_EQ(finsim_in(dir, "run --runs 50 --quiet -o r.h5").status, 0);
  Outcome o = finsim_in(dir, "export r.h5 --csv csv");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(contains(o.out, "CSV-filer och README.txt skrivna till csv")) << o.out;
  EXPECT_EQ(read_file(dir.file("csv/deterministic.equity.csv")).substr(0, 32),
            "\xEF\xBB\xBF"
            "year;value;unit\r\n2024;500000;");
  Outcome standard = finsim_in(dir, "export r.h5 --csv std --standard");
  ASSERT_EQ(standard.status, 0);
  EXPECT_TRUE(contains(read_file(dir.file("std/montecarlo.equity_q.csv")), "2024,0.05,"));
  EXPECT_EQ(finsim_in(dir, "export r.h5").status, 2);  // no --csv
  write_file(dir.file("not.h5"), "plain text");
  Outcome bad = finsim_in(dir, "export not.h5 --csv x");
  EXPECT_EQ(bad.status, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.file("x")));
}

TEST(Cli, ForecastAndBacktestAnswerInSwedishAndRefuseWhatTheyCannot)
{
  TempDir dir;
  const std::string base = finsim::testing::minimal_scenario();
  write_file(dir.file("ar.toml"), base +
                                      "\n[year_to_date]\nthrough = \"2024-06\"\ndriftbidrag = 950000\n"
                                      "[year_to_date.lines]\n\"Kansli\" = 310000\n");
  Outcome run = finsim_in(dir, "run ar.toml --runs 50 --method pace");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "Helårsprognos 2024 med utfall t.o.m. juni 2024 (metod: takt")) << run.out;
  EXPECT_TRUE(contains(run.out, "Team *")) << run.out;  // no actual: flagged
  EXPECT_EQ(finsim_in(dir, "run ar.toml --method guess").status, 2);
  // validate shows what a history became.
  write_file(dir.file("hist.toml"),
             finsim::testing::replace(base, "from = \"2024-03\"",
                                      "from = \"2024-03\"\nutilization = { history = [0.9, 0.8, 1.0] }"));
  Outcome validate = finsim_in(dir, "validate hist.toml");
  EXPECT_EQ(validate.status, 0) << validate.err;
  EXPECT_TRUE(contains(validate.out, "insats.Team.utilization: student_t med läge 0,9000")) << validate.out;
  // A backtest case without [actual] is refused before anything is written.
  EXPECT_EQ(finsim_in(dir, "backtest").status, 2);
  Outcome refused = finsim_in(dir, "backtest ar.toml --runs 10");
  EXPECT_EQ(refused.status, 1);
  EXPECT_TRUE(contains(refused.err, "ar.toml: ett fall i backtesten behöver en tabell [actual]")) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("output/backtest.h5")));
  std::filesystem::create_directory(dir.file("past"));
  write_file(dir.file("past/utfall.toml"), base + "\n[actual]\nyear = 2024\nresult = -100000\n");
  Outcome folder = finsim_in(dir, "backtest past --runs 100");
  EXPECT_EQ(folder.status, 0) << folder.err;
  EXPECT_TRUE(contains(folder.out, "Backtest: 1 fall, 100 körningar per fall")) << folder.out;
  EXPECT_TRUE(std::filesystem::exists(dir.file("output/backtest.h5")));
}

TEST(Cli, MergeWritesAScenarioThatRunsAndRefusesBadOptions)
{
  TempDir dir;
  const std::string base = finsim::testing::minimal_scenario();
  write_file(dir.file("a.toml"), base);
  write_file(dir.file("b.toml"), finsim::testing::replace(finsim::testing::replace(base, "Testförbundet", "Andra"),
                                                          "Lillby kommun", "Mellanby kommun"));
  EXPECT_EQ(finsim_in(dir, "merge a.toml b.toml -o m.toml --from 2024").status, 2);  // no --name
  EXPECT_EQ(finsim_in(dir, "merge a.toml b.toml -o m.toml --name M --from 2024 --equity give").status, 2);
  EXPECT_EQ(finsim_in(dir, "merge a.toml -o m.toml --name M --from 2024").status, 2);
  Outcome inputs = finsim_in(dir, "merge a.toml b.toml -o a.toml --name M --from 2024");
  EXPECT_EQ(inputs.status, 1) << inputs.err;  // never over an input
  Outcome merged = finsim_in(dir, "merge a.toml b.toml -o m.toml --name Länet --from 2024 --equity returned");
  EXPECT_EQ(merged.status, 0) << merged.err;
  EXPECT_TRUE(contains(merged.out, "Eget kapital som återbetalas till medlemmarna")) << merged.out;
  EXPECT_TRUE(contains(read_file(dir.file("m.toml")), "# från Andra (där \"Team\")"));
  Outcome run = finsim_in(dir, "run m.toml --runs 20");
  EXPECT_EQ(run.status, 0) << run.err;
}

/// Two förbund of the minimal scenario in `dir` (a.toml, b.toml) and an existing good.toml.
void write_two_forbund_and_a_good_file(const TempDir& dir)
{
  const std::string base = finsim::testing::minimal_scenario();
  write_file(dir.file("a.toml"), base);
  write_file(dir.file("b.toml"), finsim::testing::replace(finsim::testing::replace(base, "Testförbundet", "Andra"),
                                                          "Lillby kommun", "Mellanby kommun"));
  write_file(dir.file("good.toml"), "# a scenario the user keeps\n");
}

/// Every file in `dir` but the inputs a.toml, b.toml and good.toml (and `allowed`).
std::vector<std::string> files_beside(const TempDir& dir, const std::vector<std::string>& allowed = {})
{
  std::vector<std::string> out;
  for (auto& e : std::filesystem::directory_iterator(dir.path())) {
    const std::string name = e.path().filename().string();
    if (name != "a.toml" && name != "b.toml" && name != "good.toml" &&
        std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      out.push_back(name);
  }
  return out;
}

TEST(Cli, MergeWritesTheScenarioAndTheReportOnlyWhenBothSucceed)
{
  TempDir dir;
  write_two_forbund_and_a_good_file(dir);
  const std::string good = read_file(dir.file("good.toml"));
  std::filesystem::create_directory(dir.file("folder"));
  // A report path refused (a folder, an input, the merged scenario's own file) leaves good.toml.
  for (const std::string report : {"folder", "a.toml", "good.toml", "./good.toml"}) {
    Outcome r = finsim_in(dir, "merge a.toml b.toml -o good.toml --name M --from 2024 --runs 20 --report " + report);
    EXPECT_EQ(r.status, 1) << report << ": " << r.err;
    EXPECT_EQ(read_file(dir.file("good.toml")), good) << "--report " << report << " replaced good.toml";
  }
  Outcome same = finsim_in(dir, "merge a.toml b.toml -o good.toml --name M --from 2024 --report ./good.toml");
  EXPECT_TRUE(contains(same.err, "--report \"./good.toml\": samma fil som -o")) << same.err;
  // An invalid merge (one kommun with two populations) leaves it too, naming both files.
  write_file(dir.file("c.toml"),
             finsim::testing::replace(read_file(dir.file("b.toml")), "population = 30000", "population = 31000"));
  Outcome bad = finsim_in(dir, "merge a.toml c.toml -o good.toml --name M --from 2024 --report r.h5 --runs 20");
  EXPECT_EQ(bad.status, 1) << bad.err;
  EXPECT_TRUE(contains(bad.err, "c.toml:23:14: member.Storby kommun.population: = 31000, men a.toml:23 ger 30000"))
      << bad.err;
  EXPECT_EQ(read_file(dir.file("good.toml")), good);
  std::filesystem::remove(dir.file("c.toml"));
  EXPECT_EQ(files_beside(dir, {"folder"}), std::vector<std::string>{});
  // Both succeed: both written, nothing else left.
  Outcome ok = finsim_in(dir, "merge a.toml b.toml -o good.toml --name M --from 2024 --report r.h5 --runs 20");
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_TRUE(contains(ok.out, "Scenario skrivet till good.toml\nResultat skrivet till r.h5\n")) << ok.out;
  EXPECT_NE(read_file(dir.file("good.toml")), good);
  EXPECT_EQ(files_beside(dir, {"folder", "r.h5"}), std::vector<std::string>{});
}

TEST(Cli, MergeStoppedBySigtermOrSigkillLeavesTheOldFiles)
{
  for (const std::string signal : {"TERM", "KILL"}) {
    TempDir dir;
    write_two_forbund_and_a_good_file(dir);
    write_file(dir.file("good.h5"), "an old result\n");
    const std::string v = std::string(FINSIM_SOURCE_DIR) + "/scenarios/vastmanland-2024/";
    // Stopped in the report's runs (a million per förbund on one thread: minutes), after the
    // merged scenario is made.
    const std::string command = "cd '" + dir.path().string() + "' && { '" + FINSIM_BINARY + "' merge '" + v +
                                "norra-vastmanland.toml' '" + v + "vasteras.toml' -o good.toml --name L --from 2024 " +
                                "--report good.h5 --runs 1000000 --threads 1 --quiet >out.txt 2>err.txt & pid=$!; " +
                                wait_for_cpu + "kill -" + signal + " $pid; wait $pid; }";
    const int raw = std::system(command.c_str());
    EXPECT_EQ(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, signal == "TERM" ? 143 : 128 + 9) << signal;
    if (signal == "TERM") {
      EXPECT_TRUE(contains(read_file(dir.file("err.txt")), "finsim: avbrutet (SIGTERM) under sammanslagningens"))
          << read_file(dir.file("err.txt"));
    }
    EXPECT_EQ(read_file(dir.file("good.toml")), "# a scenario the user keeps\n") << signal;
    EXPECT_EQ(read_file(dir.file("good.h5")), "an old result\n") << signal;
    EXPECT_EQ(files_beside(dir, {"good.h5", "out.txt", "err.txt"}), std::vector<std::string>{}) << signal;
  }
}

TEST(Cli, MergePastAFileSizeLimitIsAnInputErrorNotAKill)
{
  TempDir dir;
  write_two_forbund_and_a_good_file(dir);
  // 1 kB: the merged scenario (about 2 kB) exceeds it; SIGXFSZ would kill the process mid-write.
  const std::string command = "cd '" + dir.path().string() + "' && ulimit -f 1 && '" + FINSIM_BINARY +
                              "' merge a.toml b.toml -o good.toml --name M --from 2024 >/dev/null 2>err.txt";
  const int raw = std::system(command.c_str());
  EXPECT_EQ(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, 1);
  const std::string err = read_file(dir.file("err.txt"));
  EXPECT_TRUE(contains(err, "kan inte skriva \"good.toml\": filen (")) << err;
  EXPECT_EQ(read_file(dir.file("good.toml")), "# a scenario the user keeps\n");
  std::filesystem::remove(dir.file("err.txt"));
  EXPECT_EQ(files_beside(dir), std::vector<std::string>{});
}

TEST(Cli, MergeShowsTheLostBaseAmountsTheStatesPartAndTheEquityBroughtIn)
{
  TempDir dir;
  write_two_forbund_and_a_good_file(dir);
  write_file(dir.file("b.toml"), finsim::testing::replace(read_file(dir.file("b.toml")), "opening_equity = 100000",
                                                          "opening_equity = 300000"));
  // `state = …` funding: the one base amount lost is not modelled, and the merge says so (never "0 kr").
  Outcome m = finsim_in(dir, "merge a.toml b.toml -o m.toml --name M --from 2024 --report r.h5 --runs 20");
  ASSERT_EQ(m.status, 0) << m.err;
  EXPECT_TRUE(contains(m.out, "Förlorade grundbelopp: 1 st, ej modellerat (se nedan).")) << m.out;
  EXPECT_TRUE(contains(m.out, "men utan [funding.allocation] i varje förbund modelleras det inte")) << m.out;
  EXPECT_TRUE(contains(m.out, "Summa separata     4 000 000    2 000 000")) << m.out;  // the state's part summed
  EXPECT_TRUE(contains(m.out, "Testförbundet       100 000   25,0 %")) << m.out;       // equity by who brought it
  EXPECT_TRUE(contains(m.out, "Andra               300 000   75,0 %")) << m.out;
  // /merger: NaN with "ej modellerat", the count, and the equity per source förbund.
  const finsim::h5::Reader r = finsim::h5::Reader::open(dir.file("r.h5"));
  const finsim::h5::DatasetValues lost = r.read("/merger/lost_base_amounts");
  ASSERT_EQ(lost.values.size(), 2U);
  EXPECT_TRUE(std::isnan(lost.values[0]) && std::isnan(lost.values[1]));
  EXPECT_TRUE(contains(r.string_attribute("/merger/lost_base_amounts", "note"), "ej modellerat"));
  EXPECT_EQ(r.number_attribute("/merger", "lost_base_amounts_count"), 1.0);
  EXPECT_EQ(r.read("/merger/equity_brought_in").values, (std::vector<double>{100000.0, 300000.0}));
  EXPECT_EQ(r.labels("/merger/source"), (std::vector<std::string>{"Testförbundet", "Andra"}));
  // The workbook's Sammanslagning sheet says it too.
  Outcome report = finsim_in(dir, "report r.h5");
  ASSERT_EQ(report.status, 0) << report.err;
  const std::string command =
      "/usr/bin/python3 -c \"import sys, zipfile; x = zipfile.ZipFile(sys.argv[1]).read('xl/sharedStrings.xml')"
      ".decode(); sys.exit(0 if all(s in x for s in sys.argv[2:]) else 1)\" '" +
      dir.file("r.xlsx") +
      "' 'Summa separata' 'ej modellerat' 'Förlorade grundbelopp: 1' 'Eget kapital som förbunden för in'";
  EXPECT_EQ(std::system(command.c_str()), 0) << "the Sammanslagning sheet lacks a line";
}

/// Whether the workbook at `xlsx` holds every one of `texts` among its strings.
bool workbook_says(const std::string& xlsx, const std::vector<std::string>& texts)
{
  std::string command =
      "/usr/bin/python3 -c \"import sys, zipfile; x = zipfile.ZipFile(sys.argv[1]).read('xl/sharedStrings.xml')"
      ".decode(); sys.exit(0 if all(s in x for s in sys.argv[2:]) else 1)\" '" +
      xlsx + "'";
  for (const std::string& t : texts) command += " '" + t + "'";
  return std::system(command.c_str()) == 0;
}

TEST(Cli, MergeSaysTheAdminIsTheForbundsSumOrShowsWhatKansliAndStyrelseSave)
{
  TempDir dir;
  write_two_forbund_and_a_good_file(dir);  // each förbund: one kansli of 600 000, no styrelse
  // Without --kansli / --styrelse: the sum, said with how to set them, in the terminal (also
  // without --report), /merger and the workbook.
  Outcome plain = finsim_in(dir, "merge a.toml b.toml -o m.toml --name M --from 2024");
  ASSERT_EQ(plain.status, 0) << plain.err;
  const std::string note =
      "Kansli + styrelse är summan av förbundens (1 200 000 kr 2024): ingen besparing är räknad, "
      "men ett länsförbund har ett kansli och en styrelse. Ange --kansli BELOPP och --styrelse "
      "BELOPP";
  EXPECT_TRUE(contains(plain.out, note)) << plain.out;
  Outcome summed = finsim_in(dir, "merge a.toml b.toml -o m.toml --name M --from 2024 --report r.h5 --runs 20");
  ASSERT_EQ(summed.status, 0) << summed.err;
  EXPECT_TRUE(contains(summed.out,
                       "Kansli + styrelse 1 200 000 kr är summan av förbundens: ingen besparing räknad "
                       "(se nedan)."))
      << summed.out;
  EXPECT_TRUE(contains(summed.out, note)) << summed.out;
  EXPECT_FALSE(contains(summed.out, "kansli + styrelse med 0 kr")) << summed.out;
  {
    const finsim::h5::Reader r = finsim::h5::Reader::open(dir.file("r.h5"));
    EXPECT_EQ(r.number_attribute("/merger", "admin_summed"), 1.0);
    EXPECT_TRUE(contains(r.string_attribute("/merger", "admin_note"), note));
    for (double saving : r.read("/merger/admin_saving").values) EXPECT_NEAR(saving, 0.0, 1e-6);
  }
  ASSERT_EQ(finsim_in(dir, "report r.h5").status, 0);
  EXPECT_TRUE(workbook_says(dir.file("r.xlsx"), {"Besparing på kansli + styrelse", note}));
  // With them: 1 200 000 of kansli becomes 500 000 + 100 000, 600 000 saved a year.
  Outcome given = finsim_in(
      dir,
      "merge a.toml b.toml -o m.toml --name M --from 2024 --kansli 500000 --styrelse 100000 --report r.h5 --runs 20");
  ASSERT_EQ(given.status, 0) << given.err;
  EXPECT_TRUE(contains(given.out,
                       "Besparing på kansli + styrelse: 600 000 kr (1 200 000 kr separata, 600 000 kr "
                       "sammanslaget med --kansli och --styrelse)."))
      << given.out;
  EXPECT_FALSE(contains(given.out, "är summan av förbundens")) << given.out;
  {
    const finsim::h5::Reader r = finsim::h5::Reader::open(dir.file("r.h5"));
    EXPECT_EQ(r.number_attribute("/merger", "admin_summed"), 0.0);
    EXPECT_EQ(r.string_attribute("/merger", "admin_note"), "");
    const std::vector<double> saving = r.read("/merger/admin_saving").values;
    ASSERT_EQ(saving.size(), 2U);
    for (double s : saving) EXPECT_NEAR(s, 600000.0, 1e-6);
  }
}

TEST(Cli, MergeHelpSaysWhatEachFileIs)
{
  TempDir dir;
  Outcome h = finsim_in(dir, "merge --help");
  ASSERT_EQ(h.status, 0) << h.err;
  // -o is the merged scenario (TOML), --report the HDF5 result file. An option's text, its wrapped
  // lines joined by single spaces.
  const auto line = [&](const std::string& option) {
    const auto at = h.out.find("\n  " + option);
    if (at == std::string::npos) return std::string();
    std::string text, words = h.out.substr(at, h.out.find("\n  -", at + 1) - at);
    for (char c : words)
      if (!std::isspace(static_cast<unsigned char>(c)) || (!text.empty() && text.back() != ' '))
        text += std::isspace(static_cast<unsigned char>(c)) ? ' ' : c;
    return text;
  };
  EXPECT_TRUE(contains(line("-o [ --output ]"), "MERGED.toml: det sammanslagna förbundets scenariofil")) << h.out;
  EXPECT_TRUE(contains(line("-o [ --output ]"), "TOML")) << h.out;
  EXPECT_TRUE(contains(line("--report"), "HDF5")) << h.out;
  EXPECT_TRUE(contains(line("--kansli"), "i stället för förbundens kanslirader")) << h.out;
  EXPECT_FALSE(contains(h.out, "the merged scenario file")) << h.out;
}
