#include <gtest/gtest.h>

#include <hdf5.h>
#include <hdf5_hl.h>

#include "engine/scenario_reader.h"
#include "engine/version.h"
#include "models/finance_inputs.h"
#include "output/result_file.h"
#include "test_support.h"

using namespace finsim;
using finsim::testing::TempDir;

namespace {

void write_minimal(const std::string& path)
{
  Scenario s = read_scenario_text(finsim::testing::minimal_scenario(), "s.toml");
  ExpectedValues expected;
  FinanceProjection p = project_finances(finance_inputs(s, expected));
  h5::File file = h5::File::create(path);
  write_run_attributes(file, s);
  write_deterministic(file, s, p, std::vector<std::optional<InsatsFlows>>(s.insatser.size()));
  file.commit();
}

std::string string_attribute(hid_t owner, const char* name)
{
  hid_t attr = H5Aopen(owner, name, H5P_DEFAULT);
  EXPECT_GE(attr, 0) << name;
  hid_t type = H5Aget_type(attr);
  EXPECT_TRUE(H5Tis_variable_str(type) > 0) << name << " should be a variable-length string";
  char* value = nullptr;
  H5Aread(attr, type, &value);
  std::string out = value != nullptr ? value : "";
  H5free_memory(value);
  H5Tclose(type);
  H5Aclose(attr);
  return out;
}

std::vector<double> read_doubles(hid_t group, const char* name)
{
  hid_t d = H5Dopen2(group, name, H5P_DEFAULT);
  EXPECT_GE(d, 0) << name;
  hid_t space = H5Dget_space(d);
  std::vector<double> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
  H5Sclose(space);
  H5Dclose(d);
  return out;
}

std::size_t files_in(const std::filesystem::path& dir)
{
  std::size_t n = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST(ResultFile, IsSelfDescribingOnDisk)
{
  TempDir dir;
  const std::string path = dir.file("out.h5");
  write_minimal(path);

  hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  EXPECT_EQ(string_attribute(file, "finsim_version"), engine_version());
  EXPECT_EQ(string_attribute(file, "scenario_name"), "Testförbundet");
  EXPECT_EQ(string_attribute(file, "scenario_toml"), finsim::testing::minimal_scenario());
  EXPECT_EQ(string_attribute(file, "created").size(), 20u);  // 2026-11-23T09:28:52Z

  hid_t g = H5Gopen2(file, "deterministic", H5P_DEFAULT);
  ASSERT_GE(g, 0);
  const std::vector<double> equity = read_doubles(g, "equity");
  ASSERT_EQ(equity.size(), 2u);
  EXPECT_NEAR(equity[0], 500000.0, 1e-6);
  EXPECT_NEAR(equity[1], 700000.0, 1e-6);
  EXPECT_EQ(read_doubles(g, "cash").size(), 24u);
  EXPECT_EQ(read_doubles(g, "member_contributions").size(), 10u);  // 5 members × 2 years

  for (const char* name : {"driftbidrag", "income", "costs", "result", "equity", "equity_ratio", "equity_cap",
                           "cash_min", "cash", "member_contributions", "insats_costs", "line_costs"}) {
    hid_t d = H5Dopen2(g, name, H5P_DEFAULT);
    ASSERT_GE(d, 0) << name;
    EXPECT_FALSE(string_attribute(d, "units").empty()) << name;
    hid_t space = H5Dget_space(d);
    const int rank = H5Sget_simple_extent_ndims(space);
    for (int dim = 0; dim < rank; ++dim)
      EXPECT_EQ(H5DSget_num_scales(d, static_cast<unsigned>(dim)), 1) << name << " dimension " << dim;
    H5Sclose(space);
    H5Dclose(d);
  }
  hid_t member = H5Dopen2(g, "member", H5P_DEFAULT);
  EXPECT_GT(H5DSis_scale(member), 0);
  H5Dclose(member);
  H5Gclose(g);
  H5Fclose(file);
}

TEST(ResultFile, UnwritableFolderIsAnInputErrorAndLeavesNothing)
{
  TempDir dir;
  const std::string blocker = dir.file("not-a-folder");
  finsim::testing::write_file(blocker, "x");
  finsim::testing::expect_input_error([&] { h5::File::create(blocker + "/out.h5"); },
                                      "cannot write output \"" + blocker + "/out.h5\": folder \"" +
                                          blocker + "\" cannot be created; choose another path with -o");
  finsim::testing::expect_input_error([&] { h5::File::create(dir.path().string()); }, "is a folder");
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
