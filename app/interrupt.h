// Ctrl-C, SIGTERM and SIGHUP: a flag the Monte Carlo polls, and the exception that ends the run
// without output.
#pragma once
#include <atomic>
#include <stdexcept>
#include <string>

namespace finsim {

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that set the flag returned by
/// interrupt_requested() and remember the signal.
void install_interrupt_handler();

/// Set once a stop signal arrived.
const std::atomic<bool>& interrupt_requested();

/// The flag a Monte Carlo started on this thread polls: the stop signals' flag, or inside a
/// StopScope the scope's own (finsim serve: a newer request from the same browser cancels a run).
const std::atomic<bool>& stop_flag();

/// While it lives, runs started on this thread stop when `flag` is set instead of at a signal
/// (the server sets every running request's flag when it is stopped itself).
class StopScope {
 public:
  explicit StopScope(const std::atomic<bool>& flag);
  ~StopScope();
  StopScope(const StopScope&) = delete;
  StopScope& operator=(const StopScope&) = delete;

 private:
  const std::atomic<bool>* previous_;
};

/// The signal that stopped the run (0: none), and its name for messages ("Ctrl-C", "SIGTERM").
int interrupt_signal();
std::string interrupt_name();

/// Thrown when a run was interrupted; `main` reports it and exits 128 + the signal (130 for
/// Ctrl-C); no output file is written.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(const std::string& when);
};

}  // namespace finsim
