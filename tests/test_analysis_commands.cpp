// room, backtest and sensitivity as a user meets them: what they print, write and refuse.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>

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
                       "30 000 000 körningar, och bootstrapens 500 omdragningar) behöver ungefär"))
      << big.err;
  EXPECT_TRUE(contains(big.err, "basrader ryms")) << big.err;
  EXPECT_FALSE(contains(big.err, "--runs")) << big.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("s.h5")));
}
