// libFuzzer target: a pasted budget (POST /api/budget-table) on arbitrary bytes, then the new
// förbund written from its rows and read back (POST /api/new). Every input must end in a pasted
// budget whose rows each have one amount per year, and a written text that reads back or gives an
// InputError; anything else (another exception, a crash, undefined behaviour under the
// sanitizers) is a finding. Built with -DFINSIM_FUZZ=ON (tools/fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "input/budget_paste.h"
#include "input/input_error.h"
#include "input/new_scenario.h"
#include "input/scenario_reader.h"
#include "models/projection.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace finsim;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const PastedBudget b = read_budget_paste(text, 2024);
  for (const PastedRow& r : b.rows)
    if (!b.years.empty() && r.amounts.size() != b.years.size()) std::abort();

  NewForbund f;
  f.name = "Fuzz";
  f.first_year = b.years.empty() ? 2024 : b.years.front();
  f.years = b.years.empty() ? 1 : static_cast<int>(std::min<std::size_t>(b.years.size(), 50));
  f.opening_equity = 100000;
  f.opening_cash = 100000;
  f.members = {{"Försäkringskassan", MemberKind::state, std::nullopt, {}},
               {"Arbetsförmedlingen", MemberKind::state, std::nullopt, {}},
               {"Region", MemberKind::region, std::nullopt, {}},
               {"Kommun", MemberKind::kommun, 1000.0, {}}};
  for (const PastedRow& r : b.rows) f.lines.push_back({r.name, r.kind, r.amounts, r.row, {}, {}});
  const NewScenarioText written = write_new_scenario(f);
  try {
    prepare(read_scenario_text(written.text, "fuzz.toml"));
  } catch (const InputError&) {
  }
  return 0;
}
