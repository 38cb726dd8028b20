#include "serve/session_runs.h"

namespace finsim::serve {

std::shared_ptr<RequestStop> SessionRuns::begin(const std::string& session)
{
  auto stop = std::make_shared<RequestStop>();
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto [first, last] = running_.equal_range(session);
  for (auto it = first; it != last; ++it) it->second.stop->stop(StopReason::superseded);
  running_.emplace(session, Running{stop, std::chrono::steady_clock::now()});
  return stop;
}

void SessionRuns::end(const std::string& session, const std::shared_ptr<RequestStop>& stop)
{
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto [first, last] = running_.equal_range(session);
  for (auto it = first; it != last; ++it)
    if (it->second.stop == stop) {
      running_.erase(it);
      return;
    }
}

void SessionRuns::stop_overdue()
{
  const auto now = std::chrono::steady_clock::now();
  const std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [session, r] : running_)
    if (now - r.started > limit_) r.stop->stop(StopReason::timeout);
}

void SessionRuns::stop_all()
{
  const std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [session, r] : running_) r.stop->stop(StopReason::shutdown);
}

}  // namespace finsim::serve
