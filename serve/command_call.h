// The server asks the engine as the command line does: a finsim command line run in this process
// (parse_command_line, execute), one at a time, with a request's own stop flag. Its output files
// go where the arguments say (a private scratch folder), so the answers are finsim's own files.
#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace finsim::serve {

/// Why a request's run was stopped.
enum class StopReason { none, superseded, timeout, shutdown };

/// A running request's stop flag and the reason it was set.
struct RequestStop {
  std::atomic<bool> flag{false};
  std::atomic<StopReason> reason{StopReason::none};
  void stop(StopReason why)
  {
    StopReason none = StopReason::none;
    reason.compare_exchange_strong(none, why);
    flag.store(true);
  }
};

/// Runs `finsim <args>` (args[0] the command) and returns what it printed to standard output.
/// Waits for the engine while another request holds it. Throws HttpError: 400 for a usage or input
/// error (with the problems), 429 when the memory check refuses the runs, 409/503/504 when `stop`
/// stopped it, 500 for anything else.
std::string call_command(const std::vector<std::string>& args, RequestStop& stop);

/// Runs `job` holding the engine (the HDF5 library is used by one request at a time).
void with_engine(RequestStop& stop, const std::function<void()>& job);

}  // namespace finsim::serve
