// finsim: scenario simulation and forecasting for samordningsförbund.
#include <iostream>

#include "app/commands.h"
#include "app/interrupt.h"
#include "input/input_error.h"

int main(int argc, char* argv[])
{
  try {
    const finsim::Settings settings = finsim::parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    return finsim::execute(settings, std::cout);
  } catch (const finsim::UsageError& e) {
    std::cerr << "finsim: " << e.what() << "\n\n" << e.usage();
    return 2;
  } catch (const finsim::Interrupted& e) {
    std::cerr << "\nfinsim: " << e.what() << '\n';
    return 128 + (finsim::interrupt_signal() > 0 ? finsim::interrupt_signal() : 2);
  } catch (const finsim::InputError& e) {
    std::cerr << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "finsim: internal error: " << e.what() << '\n';
    return 3;
  }
}
