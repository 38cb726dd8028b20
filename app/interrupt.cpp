#include "app/interrupt.h"

#include <csignal>

namespace finsim {

namespace {
std::atomic<bool> requested{false};
std::atomic<int> which{0};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free number");
extern "C" void on_interrupt(int signal)
{
  which.store(signal);
  requested.store(true);
}
}  // namespace

void install_interrupt_handler()
{
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, on_interrupt);
  // Past a file-size limit a write fails with EFBIG, reported like a full disk, instead of the
  // process being killed mid-write.
  std::signal(SIGXFSZ, SIG_IGN);
}

const std::atomic<bool>& interrupt_requested() { return requested; }

namespace {
thread_local const std::atomic<bool>* scoped_flag = nullptr;
}  // namespace

const std::atomic<bool>& stop_flag() { return scoped_flag != nullptr ? *scoped_flag : requested; }

StopScope::StopScope(const std::atomic<bool>& flag) : previous_(scoped_flag) { scoped_flag = &flag; }

StopScope::~StopScope() { scoped_flag = previous_; }

int interrupt_signal() { return which.load(); }

std::string interrupt_name()
{
  switch (which.load()) {
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "Ctrl-C";
  }
}

Interrupted::Interrupted(const std::string& when)
    : std::runtime_error("avbrutet (" + interrupt_name() + ") " + when + ": ingen fil skriven")
{
}

}  // namespace finsim
