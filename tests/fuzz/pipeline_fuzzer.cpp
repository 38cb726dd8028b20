// libFuzzer target: the whole pipeline on arbitrary bytes: read, calibrate, project with expected
// values, and a Monte Carlo of three runs on one thread. Only an InputError may end an input early;
// anything else is a finding. Built with -DFINSIM_FUZZ=ON (tools/fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/monte_carlo.h"
#include "input/input_error.h"
#include "input/scenario_reader.h"
#include "models/plausibility.h"
#include "models/projection.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  try {
    const finsim::PreparedScenario prepared = finsim::prepare(
        finsim::read_scenario_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.toml"));
    finsim::plausibility_warnings(prepared);
    finsim::project_expected(prepared);
    finsim::MonteCarloSettings settings;
    settings.runs = 3;
    settings.threads = 1;
    settings.keep_paths = 1;
    finsim::run_monte_carlo(prepared, settings);
  } catch (const finsim::InputError&) {
  }
  return 0;
}
