#include "serve/command_call.h"

#include <chrono>
#include <iostream>
#include <mutex>
#include <sstream>

#include "app/child_process.h"
#include "app/command_line.h"
#include "app/commands.h"
#include "app/interrupt.h"
#include "app/memory_check.h"
#include "input/input_error.h"
#include "serve/http_error.h"

namespace finsim::serve {

namespace {

std::timed_mutex engine;

[[noreturn]] void stopped(const RequestStop& stop)
{
  switch (stop.reason.load()) {
    case StopReason::timeout:
      throw HttpError(504, "beräkningen tog för lång tid och avbröts: minska antalet körningar (\"runs\")");
    case StopReason::shutdown: throw HttpError(503, "servern stängs: beräkningen avbröts");
    default: throw HttpError(409, "beräkningen avbröts: en nyare fråga från samma webbläsare ersatte den");
  }
}

}  // namespace

void with_engine(RequestStop& stop, const std::function<void()>& job)
{
  std::unique_lock<std::timed_mutex> lock(engine, std::defer_lock);
  while (!lock.try_lock_for(std::chrono::milliseconds(50)))
    if (stop.flag.load()) stopped(stop);
  if (stop.flag.load()) stopped(stop);
  const StopScope scope(stop.flag);
  try {
    job();
  } catch (const Interrupted&) {
    stopped(stop);
  }
}

std::string call_command(const std::vector<std::string>& args, RequestStop& stop)
{
  std::ostringstream out, warnings;
  with_engine(stop, [&] {
    // The command's warnings go to the answer's file (its `warnings` attribute), not to the
    // server's terminal once per request; the engine runs one command at a time.
    struct Redirect {
      std::streambuf* saved;
      explicit Redirect(std::streambuf* to) : saved(std::cerr.rdbuf(to)) {}
      ~Redirect() { std::cerr.rdbuf(saved); }
    } redirect(warnings.rdbuf());
    try {
      Settings settings = parse_command_line(args);
      settings.quiet = true;
      execute(settings, out);
    } catch (const UsageError& e) {
      throw HttpError(400, e.what());
    } catch (const MemoryRefused& e) {
      throw HttpError(429, e.what());
    } catch (const ChildFailed& e) {
      throw HttpError(500, "resultatfilen kunde inte läsas tillbaka (se serverns utskrift)");
    }
  });
  return out.str();
}

}  // namespace finsim::serve
