// libFuzzer target: the scenario reader on arbitrary bytes. Every input must end in a scenario or
// an InputError; anything else (another exception, a crash, undefined behaviour under the
// sanitizers) is a finding. Built with -DFINSIM_FUZZ=ON (tools/fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "input/input_error.h"
#include "input/scenario_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  try {
    finsim::read_scenario_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  } catch (const finsim::InputError&) {
  }
  return 0;
}
