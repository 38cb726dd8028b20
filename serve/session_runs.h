// The runs going on per browser session: a newer request from the same session cancels the one
// still running (one Monte Carlo at a time per client), a run past the time limit is stopped, and
// a server that stops stops them all.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "serve/command_call.h"

namespace finsim::serve {

class SessionRuns {
 public:
  explicit SessionRuns(std::chrono::seconds limit) : limit_(limit) {}

  /// A run for `session` begins: the session's run still going is stopped (superseded).
  std::shared_ptr<RequestStop> begin(const std::string& session);
  /// The run `stop` of `session` ended.
  void end(const std::string& session, const std::shared_ptr<RequestStop>& stop);
  /// Stops every run older than the time limit.
  void stop_overdue();
  /// Stops every run (the server is stopping).
  void stop_all();

 private:
  struct Running {
    std::shared_ptr<RequestStop> stop;
    std::chrono::steady_clock::time_point started;
  };
  std::chrono::seconds limit_;
  std::mutex mutex_;
  std::multimap<std::string, Running> running_;
};

/// Begins a run for a session on construction and ends it on destruction.
class SessionRun {
 public:
  SessionRun(SessionRuns& runs, std::string session) : runs_(runs), session_(std::move(session))
  {
    stop_ = runs_.begin(session_);
  }
  ~SessionRun() { runs_.end(session_, stop_); }
  SessionRun(const SessionRun&) = delete;
  SessionRun& operator=(const SessionRun&) = delete;
  RequestStop& stop() { return *stop_; }

 private:
  SessionRuns& runs_;
  std::string session_;
  std::shared_ptr<RequestStop> stop_;
};

}  // namespace finsim::serve
