#include "app/interrupt.h"

#include <csignal>

namespace finsim {

namespace {
std::atomic<bool> requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");
extern "C" void on_interrupt(int) { requested.store(true); }
}  // namespace

void install_interrupt_handler() { std::signal(SIGINT, on_interrupt); }

const std::atomic<bool>& interrupt_requested() { return requested; }

}  // namespace finsim
