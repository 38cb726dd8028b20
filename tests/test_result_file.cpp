// The result file: written, read back with output/hdf5_reader.h dataset by dataset, and refused
// when it is of another kind or a future format.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "engine/monte_carlo.h"
#include "engine/version.h"
#include "input/scenario_reader.h"
#include "models/projection.h"
#include "output/hdf5_reader.h"
#include "output/montecarlo_output.h"
#include "output/ore.h"
#include "output/result_file.h"
#include "test_support.h"

using namespace finsim;
using finsim::testing::TempDir;

namespace {

/// The minimal scenario with participants and an [actual] table: every group of a result.
std::string full_scenario()
{
  return finsim::testing::minimal_scenario() + R"([insats.participants]
referrals_per_month = 2
mean_stay_months = 6
capacity = 10
exit_reasons = { arbete = 3, studier = 1, annan = 4 }

[actual]
year = 2024
equity = 450000
result = -50000
)";
}

struct Written {
  PreparedScenario prepared;
  Projection projection;
  MonteCarloResults montecarlo;
};

Written write_result(const std::string& path, const std::string& text)
{
  Written w{prepare(read_scenario_text(text, "s.toml")), {}, {}};
  w.projection = project_expected(w.prepared);
  MonteCarloSettings settings;
  settings.runs = 300;
  settings.keep_paths = 4;
  w.montecarlo = run_monte_carlo(w.prepared, settings);
  h5::File file = h5::File::create(path);
  write_run_attributes(file, w.prepared.scenario, {"first warning", "second warning"});
  write_deterministic(file, w.prepared.scenario, w.projection);
  write_montecarlo(file, w.prepared.scenario, w.montecarlo);
  file.commit();
  return w;
}

void write_minimal(const std::string& path) { write_result(path, finsim::testing::minimal_scenario()); }

std::size_t files_in(const std::filesystem::path& dir)
{
  std::size_t n = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

/// Bit-identical (NaN equal to NaN) to what the writer was given, amounts in kronor (`units` SEK)
/// rounded to öre (clarification 69), printing the first difference.
void expect_same(const std::string& name, const std::vector<double>& read, const std::vector<double>& written,
                 const std::string& units)
{
  ASSERT_EQ(read.size(), written.size()) << name;
  for (std::size_t i = 0; i < read.size(); ++i) {
    if (std::isnan(read[i]) && std::isnan(written[i])) continue;
    const double expected = is_kronor_unit(units) ? round_to_ore(written[i]) : written[i];
    ASSERT_EQ(read[i], expected) << name << "[" << i << "]: read " << read[i] << ", written " << written[i];
  }
}

std::vector<double> doubles(const std::vector<bool>& flags) { return std::vector<double>(flags.begin(), flags.end()); }

/// What the writer was given for every dataset of /deterministic and /montecarlo.
std::map<std::string, std::vector<double>> written_datasets(const Written& w)
{
  const FinanceProjection& p = w.projection.finance;
  std::map<std::string, std::vector<double>> d{
      {"/deterministic/driftbidrag", p.driftbidrag},
      {"/deterministic/income", p.income},
      {"/deterministic/costs", p.costs},
      {"/deterministic/result", p.result},
      {"/deterministic/equity", p.equity},
      {"/deterministic/equity_ratio", p.equity_ratio},
      {"/deterministic/equity_cap", p.equity_cap},
      {"/deterministic/cash_min", p.cash_min},
      {"/deterministic/cash", p.cash},
      {"/deterministic/equity_above_cap", doubles(p.equity_above_cap)},
      {"/deterministic/equity_below_floor", doubles(p.equity_below_floor)},
      {"/deterministic/cash_negative", doubles(p.cash_negative)},
      {"/deterministic/member_contributions", flatten(p.member_contributions)},
      {"/deterministic/insats_costs", flatten(p.insats_costs)},
      {"/deterministic/line_costs", flatten(p.line_costs)},
      {"/deterministic/income_lines", flatten(p.income_lines)},
      {"/deterministic/actual/equity", {450000.0}},
      {"/deterministic/actual/result", {-50000.0}},
  };
  const MonteCarloResults& r = w.montecarlo;
  for (const OutcomeInfo& o : outcomes) {
    const SummaryColumns c = summary_columns(r.summaries[index(o.id)]);
    const std::string stem = std::string("/montecarlo/") + o.name;
    d[stem + "_mean"] = c.mean;
    d[stem + "_sd"] = c.sd;
    d[stem + "_se"] = c.se;
    d[stem + "_q"] = c.quantiles;
    d[std::string("/montecarlo/paths_") + o.name] = r.paths[index(o.id)];
  }
  for (const BreachInfo& b : breaches) {
    std::vector<double> p, se;
    for (const Probability& x : r.p_breach[index(b.id)]) {
      p.push_back(x.p);
      se.push_back(x.se);
    }
    d[std::string("/montecarlo/p_") + b.name] = p;
    d[std::string("/montecarlo/p_") + b.name + "_se"] = se;
    d[std::string("/montecarlo/p_any_") + b.name] = {r.p_any(b.id).p};
    d[std::string("/montecarlo/p_any_") + b.name + "_se"] = {r.p_any(b.id).se};
  }
  d["/montecarlo/actual_percentile"] = std::vector<double>(r.actual_percentile.begin(), r.actual_percentile.end());
  return d;
}

/// The insats' yearly participant figures the file holds under `participants/`.
std::map<std::string, std::vector<double>> written_participants(const InsatsFlows& f)
{
  return {{"referrals", f.referrals},
          {"starts", f.starts},
          {"served", f.served},
          {"active_end", f.active_end},
          {"queue_end", f.queue_end},
          {"abandoned", f.abandoned},
          {"exits", f.exits},
          {"exits_work_studies", f.exits_work_studies},
          {"participant_months", f.participant_months},
          {"mean_wait_months", f.mean_wait_months},
          {"capacity_use", f.capacity_use},
          {"exits_by_reason", flatten(f.exits_by_reason)},
          {"entry_support", flatten(f.entry_support)},
          {"exit_support", flatten(f.exit_support)},
          {"referrals_by_referrer", flatten(f.referrals_by_referrer)},
          {"referrals_by_gender", flatten(f.referrals_by_gender)},
          {"starts_by_gender", flatten(f.starts_by_gender)},
          {"exits_by_gender", flatten(f.exits_by_gender)},
          {"starts_by_kommun", flatten(f.starts_by_kommun)},
          {"served_by_kommun", flatten(f.served_by_kommun)}};
}

}  // namespace

TEST(ResultFile, ReadsBackEveryDatasetAsWritten)
{
  TempDir dir;
  const std::string path = dir.file("out.h5");
  const Written w = write_result(path, full_scenario());
  const h5::Reader file = h5::Reader::open(path);
  EXPECT_EQ(file.string_attribute("/", "file_type"), "finsim_result");
  EXPECT_EQ(file.number_attribute("/", "format_version"), 1.0);
  EXPECT_EQ(file.string_attribute("/", "finsim_version"), engine_version());
  EXPECT_EQ(file.string_attribute("/", "scenario_name"), "Testförbundet");
  EXPECT_EQ(file.string_attribute("/", "scenario_toml"), full_scenario());
  EXPECT_EQ(file.string_attribute("/", "warnings"), "first warning\nsecond warning");
  EXPECT_EQ(file.string_attribute("/", "created").size(), 20u);  // 2026-11-23T09:28:52Z
  EXPECT_EQ(file.number_attribute("/montecarlo", "runs"), 300.0);

  std::map<std::string, std::vector<double>> written = written_datasets(w);
  const InsatsFlows& flows = *w.projection.flows[0];
  for (const auto& [name, values] : written_participants(flows))
    written["/deterministic/participants/" + name] = values;
  std::size_t compared = 0;
  for (const std::string group :
       {"/deterministic", "/deterministic/actual", "/montecarlo", "/deterministic/participants"})
    for (const std::string& name : file.members(group)) {
      const std::string object = group + "/" + name;
      if (file.is_group(object) || file.is_scale(object)) continue;
      const h5::DatasetValues d = file.read(object);
      EXPECT_FALSE(d.units.empty()) << object;
      EXPECT_FALSE(d.long_name.empty()) << object;
      for (std::size_t k = 0; k < d.dims.size(); ++k) EXPECT_FALSE(d.dims[k].empty()) << object << " dimension " << k;
      const auto it = written.find(object);
      if (it == written.end()) {
        // Derived in the writer (shares, costs per person, the förbund's totals): one insats, so
        // the totals are its own figures.
        const std::string stem = name.rfind("forbund_", 0) == 0 ? name.substr(8) : "";
        const auto own = written.find("/deterministic/participants/" + stem);
        if (!stem.empty() && own != written.end()) expect_same(object, d.values, own->second, d.units);
        continue;
      }
      expect_same(object, d.values, it->second, d.units);
      ++compared;
    }
  EXPECT_EQ(compared, written.size()) << "a dataset the writer was given is missing from the file";
  EXPECT_EQ(file.labels("/deterministic/member").size(), 5u);
  EXPECT_EQ(file.labels("/deterministic/participants/gender"), (std::vector<std::string>{"kvinnor", "män"}));
  const h5::DatasetValues q = file.read("/montecarlo/equity_q");
  EXPECT_EQ(q.dims, (std::vector<std::string>{"year", "quantile"}));
  EXPECT_EQ(q.shape, (std::vector<std::size_t>{2, 9}));
}

TEST(ResultFile, ReaderRefusesAnotherKindOfFileAndAFutureFormat)
{
  TempDir dir;
  const std::string text = dir.file("scenario.toml"), other = dir.file("other.h5"), future = dir.file("future.h5");
  finsim::testing::write_file(text, finsim::testing::minimal_scenario());
  finsim::testing::expect_input_error([&] { h5::Reader::open(text); }, text + ": är ingen HDF5-fil");
  {
    h5::File file = h5::File::create(other);
    file.attribute("file_type", std::string("something_else"));
    file.commit();
  }
  finsim::testing::expect_input_error([&] { h5::Reader::open(other); }, other + ": är ingen resultatfil från finsim");
  {
    h5::File file = h5::File::create(future);
    file.attribute("file_type", std::string("finsim_result"));
    file.attribute("format_version", 2LL);
    file.commit();
  }
  finsim::testing::expect_input_error([&] { h5::Reader::open(future); },
                                      future + ": format_version 2 läses inte av denna finsim (version 1)");
  finsim::testing::expect_input_error([&] { h5::Reader::open(dir.file("absent.h5")); }, "filen finns inte");
}

TEST(ResultFile, UnwritableFolderIsAnInputErrorAndLeavesNothing)
{
  TempDir dir;
  const std::string blocker = dir.file("not-a-folder");
  finsim::testing::write_file(blocker, "x");
  finsim::testing::expect_input_error([&] { h5::File::create(blocker + "/out.h5"); },
                                      "kan inte skriva \"" + blocker + "/out.h5\": mappen \"" + blocker +
                                          "\" kan inte skapas; välj en annan sökväg med -o");
  finsim::testing::expect_input_error([&] { h5::File::create(dir.path().string()); }, "det är en mapp");
  EXPECT_EQ(files_in(dir.path()), 1u);
}

TEST(ResultFile, AFailedWriteNeverReplacesAGoodFile)
{
  TempDir dir;
  const std::string path = dir.file("out.h5");
  write_minimal(path);
  const std::string good = finsim::testing::read_file(path);
  try {
    h5::File file = h5::File::create(path);
    file.attribute("half", std::string("written"));
    throw std::runtime_error("the run failed before commit");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(finsim::testing::read_file(path), good);
  EXPECT_EQ(files_in(dir.path()), 1u);  // no temporary left behind
}
