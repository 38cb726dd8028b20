// finsim: scenario simulation and forecasting for samordningsförbund.
#include <iostream>

#include "app/child_process.h"
#include "app/commands.h"
#include "app/interrupt.h"

int main(int argc, char* argv[])
{
  try {
    // Every command under the same rules: Ctrl-C, SIGTERM and SIGHUP stop it cleanly, and a file
    // size limit makes a write fail with a message instead of killing the process.
    finsim::install_interrupt_handler();
    const finsim::Settings settings = finsim::parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    return finsim::execute(settings, std::cout);
  } catch (...) {
    return finsim::report_failure(std::current_exception());
  }
}
