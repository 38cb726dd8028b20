// Ctrl-C: a flag the Monte Carlo polls, and the exception that ends the run without output.
#pragma once
#include <atomic>
#include <stdexcept>

namespace finsim {

/// Installs a SIGINT handler that sets the flag returned by interrupt_requested().
void install_interrupt_handler();

/// Set once the user pressed Ctrl-C.
const std::atomic<bool>& interrupt_requested();

/// Thrown when a run was interrupted; `main` reports it and exits 130 (no output file written).
class Interrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace finsim
