// room, backtest and sensitivity as a user meets them: what they print, write and refuse.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "output/hdf5_reader.h"
#include "output/swedish.h"
#include "test_support.h"

using finsim::testing::read_file;
using finsim::testing::replace;
using finsim::testing::TempDir;
using finsim::testing::write_file;

using finsim::testing::contains;
using finsim::testing::finsim_in;
using finsim::testing::Outcome;

namespace {
/// One year whose only uncertainty is a normal cost: the room has a floor bound and a cap bound.
std::string room_scenario()
{
  return finsim::testing::one_year_forbund("Rumsförbundet", 500000, 5000000) + R"(
[[cost]]
name = "Verksamhet"
kind = "other"
amount = { dist = "normal", mean = 1500000, sd = 100000 }
)";
}

}  // namespace

TEST(RoomCli, TheFileHoldsTheBoundsTheTerminalShows)
{
  TempDir dir;
  write_file(dir.file("rum.toml"), room_scenario());
  const Outcome o = finsim_in(dir, "room rum.toml --from 2025 --max-p-above-cap 0.1 --runs 2000 --quiet -o rum.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  const auto file = finsim::h5::Reader::open(dir.file("rum.h5"));
  const double max = file.read("/room/max_extra_spend").values.at(0);
  const double min = file.read("/room/min_extra_spend").values.at(0);
  const std::vector<double> bounds = file.read("/room/limit_bound").values;  // floor, cash, target, cap
  ASSERT_EQ(bounds.size(), 4u);
  EXPECT_EQ(bounds[0], max);
  EXPECT_EQ(bounds[3], min);
  for (double b : {bounds[0], bounds[3]}) EXPECT_EQ(b, std::round(b)) << "whole kronor";
  for (double b : file.read("/room/min_extra_spend_ci").values) EXPECT_FALSE(std::signbit(b));
  EXPECT_TRUE(contains(o.out, "högst " + finsim::format_kronor(max) + " kr per år")) << o.out;
  EXPECT_TRUE(contains(o.out, "Minst " + finsim::format_kronor(min) + " kr per år")) << o.out;
  EXPECT_TRUE(contains(o.out, "minst " + finsim::format_kronor(min) + " ")) << o.out;
}

TEST(RoomCli, RefusesExtraSpendInMonthsAlreadyBooked)
{
  TempDir dir;
  const std::string scenario =
      std::string(FINSIM_SOURCE_DIR) + "/scenarios/backtest/year-to-date/mphla-2016-aug.toml";  // through 2016-08
  const Outcome o = finsim_in(dir, "room '" + scenario + "' --from 2016 --to 2016-03 --runs 100 --quiet -o r.h5");
  EXPECT_EQ(o.status, 1) << o.out;
  EXPECT_TRUE(contains(o.err,
                       "year_to_date.through: = \"2016-08\": --from 2016 lägger den extra utgiften i "
                       "2016-01–2016-03, men månaderna t.o.m. 2016-08 är redan bokförda"))
      << o.err;
  EXPECT_TRUE(contains(o.err, "förläng horisonten")) << o.err;  // the scenario has no later year
  EXPECT_EQ(o.out, "");
  EXPECT_FALSE(std::filesystem::exists(dir.file("r.h5")));
}

TEST(BacktestCli, AFileNamedTwiceOrInAFolderNamedIsOneCase)
{
  TempDir dir;
  const std::string past = std::string(FINSIM_SOURCE_DIR) + "/scenarios/backtest";  // two cases
  const Outcome o = finsim_in(dir, fmt::format("backtest '{0}' '{0}/solleftea-2016.toml' '{0}/../backtest' "
                                               "'{0}/solleftea-2016.toml' --runs 50 --quiet -o b.h5",
                                               past));
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(contains(o.out, "Backtest: 2 fall, 50 körningar per fall")) << o.out;
  const auto file = finsim::h5::Reader::open(dir.file("b.h5"));
  EXPECT_EQ(file.labels("/backtest/case").size(), 2u);
}

TEST(BacktestCli, AFolderWithALinkLoopIsRefusedNamingTheLink)
{
  TempDir dir;
  std::filesystem::create_directory(dir.file("past"));
  std::filesystem::create_symlink("loop.toml", dir.file("past/loop.toml"));
  const Outcome o = finsim_in(dir, "backtest past --runs 50 --quiet -o b.h5");
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_TRUE(contains(o.err, "past/loop.toml: symboliska länkar i en slinga")) << o.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("b.h5")));
}

TEST(SensitivityCli, ABadBaseRunsIsRefusedWithItsRange)
{
  TempDir dir;
  write_file(dir.file("k.toml"), finsim::testing::minimal_scenario());
  const Outcome negative = finsim_in(dir, "sensitivity k.toml --base-runs -5");
  EXPECT_EQ(negative.status, 2);
  EXPECT_TRUE(contains(negative.err, "--base-runs -5: måste vara ett positivt heltal från 2 till 10 000 000"))
      << negative.err;
  EXPECT_FALSE(contains(negative.err, "18446744073709551615")) << negative.err;
  EXPECT_EQ(finsim_in(dir, "sensitivity k.toml --resamples 9").status, 2);
}

TEST(SensitivityCli, AnOutcomeWithoutVarianceHasNoIndices)
{
  TempDir dir;
  // No uncertainty (the team granted in full): no factor.
  write_file(dir.file("fast.toml"), finsim::testing::granted(finsim::testing::minimal_scenario()));
  const Outcome o = finsim_in(
      dir, "sensitivity fast.toml --output equity_ratio --base-runs 64 --resamples 20 --runs 10 --quiet -o s.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(contains(o.out, "0 faktorer")) << o.out;
  EXPECT_TRUE(contains(o.out, "ett utfall utan varians har inga Sobolindex (NaN i filen)")) << o.out;
  EXPECT_FALSE(contains(o.out, "av variansen.")) << o.out;
  const auto file = finsim::h5::Reader::open(dir.file("s.h5"));
  for (double v : file.read("/sensitivity/outcome_variance").values) EXPECT_EQ(v, 0.0);
}

TEST(SensitivityCli, TwoFactorsMayNotShareAName)
{
  TempDir dir;
  write_file(dir.file("k.toml"),
             replace(finsim::testing::minimal_scenario(), "from = \"2024-03\"",
                     "from = \"2024-03\"\nutilization = { dist = \"beta\", mean = 0.8, sd = 0.1 }") +
                 "[[income]]\nname = \"ESF\"\namount = 300000\nprobability = 0.5\n");
  const Outcome o = finsim_in(dir,
                              "sensitivity k.toml --group insats.Team.utilization=income.ESF.probability --runs 10 "
                              "--quiet -o s.h5");
  EXPECT_EQ(o.status, 1) << o.out;
  EXPECT_TRUE(contains(o.err,
                       "--group: insats.Team.utilization: namnet används redan av faktorn "
                       "insats.Team.utilization"))
      << o.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("s.h5")));
}

TEST(SensitivityCli, ADesignTooLargeIsRefusedByTheBaseRunsWritten)
{
  TempDir dir;
  write_file(dir.file("k.toml"),
             replace(replace(finsim::testing::minimal_scenario(), "years = 2", "years = 30"), "from = \"2024-03\"",
                     "from = \"2024-03\"\nutilization = { dist = \"beta\", mean = 0.8, sd = 0.1 }"));
  // 30 years, one factor: 3 × 10^7 runs of 330 outputs, about 100 GB, more than any test machine has.
  const Outcome big = finsim_in(dir, "sensitivity k.toml --base-runs 10000000 --runs 10 --quiet -o s.h5");
  EXPECT_EQ(big.status, 1) << big.out;
  EXPECT_TRUE(contains(big.err,
                       "--base-runs 10000000: Sobol-designen (10 000 000 basrader × (1 faktor + 2) = "
                       "30 000 000 körningar) behöver ungefär"))
      << big.err;
  EXPECT_TRUE(contains(big.err, "basrader ryms")) << big.err;
  EXPECT_FALSE(contains(big.err, "--runs")) << big.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("s.h5")));
  // With bootstrap intervals the refusal names the resamples too.
  const Outcome boot =
      finsim_in(dir, "sensitivity k.toml --base-runs 10000000 --resamples 500 --runs 10 --quiet -o s.h5");
  EXPECT_EQ(boot.status, 1) << boot.out;
  EXPECT_TRUE(contains(boot.err,
                       "--base-runs 10000000: Sobol-designen (10 000 000 basrader × (1 faktor + 2) = "
                       "30 000 000 körningar, och bootstrapens 500 omdragningar) behöver ungefär"))
      << boot.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("s.h5")));
}

namespace {

/// Every dataset of `group` and its subgroups, scales too (a scale in kronor is an amount as well).
void datasets_in(const finsim::h5::Reader& file, const std::string& group, std::vector<std::string>& out)
{
  for (const std::string& name : file.members(group)) {
    const std::string path = group == "/" ? "/" + name : group + "/" + name;
    if (file.is_group(path))
      datasets_in(file, path, out);
    else
      out.push_back(path);
  }
}

/// Checks that every amount in kronor of `path` is a whole number of öre, none of them −0 or dust;
/// returns how many amounts it checked.
std::size_t expect_amounts_in_ore(const std::string& path)
{
  const auto file = finsim::h5::Reader::open(path);
  std::vector<std::string> datasets;
  datasets_in(file, "/", datasets);
  std::size_t checked = 0;
  for (const std::string& d : datasets) {
    const finsim::h5::DatasetValues v = file.read(d);
    if (v.is_text || (v.units != "SEK" && v.units.rfind("SEK/", 0) != 0)) continue;
    for (double x : v.values) {
      if (std::isnan(x)) continue;
      EXPECT_LT(std::fabs(x * 100.0 - std::round(x * 100.0)), 1e-6) << path << " " << d << ": " << x;
      EXPECT_FALSE(x == 0.0 && std::signbit(x)) << path << " " << d << ": −0";
      ++checked;
    }
  }
  return checked;
}

}  // namespace

// Clarifications 69 and 81: every amount in kronor every command writes is rounded to öre; the
// built-in scenario's payables, 2.8e-10 kr before, are 0 in the file and in the CSV.
TEST(OreCli, EveryAmountEveryCommandWritesIsInOre)
{
  TempDir dir;
  const std::string seeds = std::string(FINSIM_SOURCE_DIR) + "/scenarios";
  const std::vector<std::pair<std::string, std::string>> commands{
      {"run.h5", "run --runs 200 --keep-paths 3 --quiet -o run.h5"},
      {"forecast.h5", "run '" + seeds +
                          "/backtest/year-to-date/norra-vastmanland-2023-aug.toml' --method budget "
                          "--runs 100 --quiet -o forecast.h5"},
      {"compare.h5", "compare '" + seeds + "/solleftea-2024.toml' '" + seeds +
                         "/variants/solleftea-2024-samcoach-fortsatter.toml' --runs 100 --quiet -o compare.h5"},
      {"room.h5", "room '" + seeds +
                      "/variants/skelleftea-norsjo-2018-utan-nya.toml' --from 2018 --to 2018-12 "
                      "--equity-target 800000 --runs 200 --quiet -o room.h5"},
      {"sensitivity.h5", "sensitivity '" + seeds +
                             "/skelleftea-norsjo-2018.toml' --base-runs 64 --resamples 20 "
                             "--runs 100 --quiet -o sensitivity.h5"},
      {"backtest.h5", "backtest '" + seeds + "/backtest' --runs 100 --quiet -o backtest.h5"},
      {"merger.h5", "merge '" + seeds + "/vastmanland-2024/norra-vastmanland.toml' '" + seeds +
                        "/vastmanland-2024/vasteras.toml' -o lan.toml --name Länet --from 2024 --equity returned "
                        "--report merger.h5 --runs 100 --quiet"},
  };
  for (const auto& [file, args] : commands) {
    const Outcome o = finsim_in(dir, args);
    ASSERT_EQ(o.status, 0) << args << "\n" << o.err;
    EXPECT_GT(expect_amounts_in_ore(dir.file(file)), 0u) << file;
  }
  const auto run = finsim::h5::Reader::open(dir.file("run.h5"));
  const std::vector<double> payables = run.read("/deterministic/payables").values;
  EXPECT_GE(std::count(payables.begin(), payables.end(), 0.0), 8) << "the eight month ends that held 2.8e-10 kr";
  for (double x : payables) EXPECT_TRUE(x == 0.0 || std::fabs(x) >= 0.01) << x;

  for (const char* style : {"", " --standard"}) {
    const Outcome o = finsim_in(dir, std::string("export run.h5 --csv csv") + (*style ? "-std" : "") + style);
    ASSERT_EQ(o.status, 0) << o.err;
  }
  for (const std::string folder : {"csv", "csv-std"})
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / folder)) {
      if (entry.path().extension() != ".csv") continue;
      std::istringstream lines(read_file(entry.path().string()));
      std::string line;
      std::getline(lines, line);  // the header
      const char delimiter = folder == "csv" ? ';' : ',', decimal = folder == "csv" ? ',' : '.';
      while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        // The value is the field before the unit, the last field.
        const std::size_t unit_at = line.rfind(delimiter);
        const std::size_t value_at = line.rfind(delimiter, unit_at - 1) + 1;
        const std::string value = line.substr(value_at, unit_at - value_at), unit = line.substr(unit_at + 1);
        const bool numeric =
            !value.empty() && (std::isdigit(static_cast<unsigned char>(value.front())) || value.front() == '-');
        if (!numeric) continue;  // NaN, a text (quoted or a single word such as a cost kind)
        EXPECT_EQ(value.find_first_of("eE"), std::string::npos) << entry.path() << ": " << line;
        if (unit != "SEK" && unit.rfind("SEK/", 0) != 0) continue;
        const std::size_t point = value.find(decimal);
        EXPECT_TRUE(point == std::string::npos || value.size() - point - 1 <= 2) << entry.path() << ": " << line;
        EXPECT_NE(value, "-0") << entry.path();
      }
    }
  const std::string payables_csv = read_file(dir.file("csv/deterministic.payables.csv"));
  EXPECT_TRUE(contains(payables_csv, "202503;0;SEK\r\n")) << payables_csv.substr(0, 400);  // 2.8e-10 kr before
}

// Clarification 86: room and merge print a certain or impossible event as the run does, the
// one-sided bound ("< 0,1 %" / "> 99,9 %" at 10 000 runs), never "0,0 %" or "100,0 %".
TEST(ProbabilityCli, RoomAndMergeReadCertainAndImpossibleEventsAsBounds)
{
  TempDir dir;
  write_file(dir.file("rum.toml"), room_scenario());
  // No run falls below the floor or has negative cash without extra spend; every run is above the cap.
  const Outcome room = finsim_in(dir, "room rum.toml --from 2025 --max-p-above-cap 0.1 --runs 10000 --quiet -o rum.h5");
  ASSERT_EQ(room.status, 0) << room.err;
  EXPECT_TRUE(contains(room.out, "P(EK < golv något år från 2025) ≤ 5 %")) << room.out;
  EXPECT_TRUE(contains(room.out, "< 0,1 %")) << room.out;
  EXPECT_TRUE(contains(room.out, "> 99,9 %")) << room.out;
  EXPECT_FALSE(contains(room.out, " 0,0 %")) << room.out;
  EXPECT_FALSE(contains(room.out, "100,0 %")) << room.out;
  const auto file = finsim::h5::Reader::open(dir.file("rum.h5"));
  EXPECT_EQ(file.read("/room/p_cash_negative_any").values.front(), 0.0);  // the file keeps the number
  EXPECT_EQ(file.read("/room/p_above_cap_last").values.front(), 1.0);

  const std::string base = finsim::testing::minimal_scenario();
  write_file(dir.file("a.toml"), base);
  write_file(dir.file("b.toml"), replace(replace(base, "Testförbundet", "Andra"), "Lillby kommun", "Mellanby kommun"));
  const Outcome merge =
      finsim_in(dir, "merge a.toml b.toml -o m.toml --name M --from 2024 --report r.h5 --runs 10000 --quiet");
  ASSERT_EQ(merge.status, 0) << merge.err;
  // Every förbund's row of each year: above the cap in every run, below the floor and short of cash in none.
  std::istringstream lines(merge.out);
  int rows = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Testförbundet  ", 0) != 0 && line.rfind("Andra  ", 0) != 0 && line.rfind("Sammanslaget: M", 0) != 0)
      continue;
    if (!contains(line, "Driftbidrag") && !contains(line, "2 000 000") && !contains(line, "4 000 000")) continue;
    ++rows;
    EXPECT_TRUE(contains(line, "> 99,9 %")) << line;
    EXPECT_TRUE(contains(line, "< 0,1 %")) << line;
    EXPECT_FALSE(contains(line, "100,0 %")) << line;
  }
  EXPECT_EQ(rows, 6) << merge.out;  // three rows a year, two years
}

// Clarification 83: compare stores every scenario's yearly key table, each yearly dataset of
// /deterministic over (scenario, year), and its text; the base's row is /deterministic itself and
// a variant's row its own run's /deterministic.
TEST(CompareCli, StoresEveryScenariosYearlyKeyTableAndText)
{
  TempDir dir;
  const std::string seeds = std::string(FINSIM_SOURCE_DIR) + "/scenarios";
  const std::string base = seeds + "/solleftea-2024.toml",
                    model = seeds + "/variants/solleftea-2024-fordelningsmodell.toml",
                    samcoach = seeds + "/variants/solleftea-2024-samcoach-fortsatter.toml";
  const Outcome c =
      finsim_in(dir, "compare '" + base + "' '" + model + "' '" + samcoach + "' --runs 50 --quiet -o c.h5");
  ASSERT_EQ(c.status, 0) << c.err;
  const std::vector<std::string> variants{model, samcoach};
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const Outcome r =
        finsim_in(dir, "run '" + variants[v] + "' --deterministic --quiet -o v" + std::to_string(v) + ".h5");
    ASSERT_EQ(r.status, 0) << r.err;
  }
  const auto file = finsim::h5::Reader::open(dir.file("c.h5"));
  std::vector<finsim::h5::Reader> runs;  // each scenario's own /deterministic: the base's in c.h5
  for (const char* name : {"c.h5", "v0.h5", "v1.h5"}) runs.push_back(finsim::h5::Reader::open(dir.file(name)));
  EXPECT_EQ(file.labels("/compare/scenario"),
            (std::vector<std::string>{"solleftea-2024", "solleftea-2024-fordelningsmodell",
                                      "solleftea-2024-samcoach-fortsatter"}));
  // Every yearly dataset a scenario's /deterministic has (the allocation model's only the variant's).
  std::size_t checked = 0;
  std::vector<std::string> yearly;
  for (const auto& run : runs)
    for (const std::string& name : run.members("/deterministic")) {
      const std::string path = "/deterministic/" + name;
      if (run.is_group(path) || run.is_scale(path)) continue;
      if (run.read(path).dims == std::vector<std::string>{"year"} &&
          std::find(yearly.begin(), yearly.end(), name) == yearly.end())
        yearly.push_back(name);
    }
  EXPECT_EQ(yearly.size(), 16u);
  for (const std::string& name : yearly) {
    ASSERT_TRUE(file.has("/compare/" + name)) << name;
    const finsim::h5::DatasetValues table = file.read("/compare/" + name);
    EXPECT_EQ(table.dims, (std::vector<std::string>{"scenario", "year"})) << name;
    ASSERT_EQ(table.shape, (std::vector<std::size_t>{3, 3})) << name;
    EXPECT_FALSE(table.units.empty() || table.long_name.empty()) << name;
    for (std::size_t s = 0; s < runs.size(); ++s) {
      const std::string path = "/deterministic/" + name;
      if (!runs[s].has(path)) {  // the allocation model's parts: not modelled in this scenario
        for (std::size_t y = 0; y < 3; ++y) EXPECT_TRUE(std::isnan(table.values[s * 3 + y])) << name << " " << s;
        continue;
      }
      const finsim::h5::DatasetValues own = runs[s].read(path);
      EXPECT_EQ(own.units, table.units) << name;
      for (std::size_t y = 0; y < 3; ++y) {
        const double a = table.values[s * 3 + y], b = own.values[y];
        EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b)))
            << name << " scenario " << s << " year " << y << ": " << a << " vs " << b;
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 3u * 3u * 11u);
  // The samcoach variant spends more than the base from 2025: the table shows it.
  const std::vector<double> costs = file.read("/compare/costs").values;
  EXPECT_GT(costs[2 * 3 + 1], costs[0 * 3 + 1]);

  const std::vector<std::string> texts = file.texts("/compare/scenario_text", {"scenario"});
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(texts[0], file.string_attribute("/", "scenario_toml"));
  EXPECT_EQ(texts[1], runs[1].string_attribute("/", "scenario_toml"));
  EXPECT_EQ(texts[2], runs[2].string_attribute("/", "scenario_toml"));
  EXPECT_TRUE(contains(texts[1], "[funding.allocation]")) << texts[1];
  EXPECT_FALSE(contains(texts[1], "extends")) << "the merged text, without extends";
  EXPECT_EQ(file.string_list_attribute("/compare", "scenario_tomls"), texts);

  // report and export read the file with its new datasets.
  const Outcome report = finsim_in(dir, "report c.h5");
  EXPECT_EQ(report.status, 0) << report.err;
  const Outcome csv = finsim_in(dir, "export c.h5 --csv csv");
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_TRUE(contains(read_file(dir.file("csv/compare.driftbidrag.csv")), "scenario;year;value;unit\r\n"));
  EXPECT_TRUE(contains(read_file(dir.file("csv/compare.scenario_text.csv")), "solleftea-2024-fordelningsmodell;"));
  EXPECT_TRUE(contains(read_file(dir.file("csv/README.txt")), "compare.scenario_text.csv"));
}
