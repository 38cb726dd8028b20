#include "app/progress_bar.h"

#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "output/swedish.h"

namespace finsim {

ProgressBar::ProgressBar(std::uint64_t total, bool enabled)
    : total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_)
{
}

void ProgressBar::update(std::uint64_t done)
{
  if (!enabled_) return;
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0 || now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const double share = static_cast<double>(done) / static_cast<double>(total_);
  const int filled = static_cast<int>(share * 30.0);
  const double rate = static_cast<double>(done) / elapsed;
  const double left = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  const std::string bar =
      std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(30 - filled), '.');
  std::fprintf(stderr, "\r[%s] %3.0f %%  %s körningar/s  %s s kvar ", bar.c_str(), share * 100.0,
               format_kronor(rate).c_str(), format_kronor(left).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish()
{
  std::lock_guard lock(mutex_);
  if (drawn_) std::fprintf(stderr, "\r%80s\r", "");
}

}  // namespace finsim
