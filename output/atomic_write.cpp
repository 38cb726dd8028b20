#include "output/atomic_write.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <random>

#include "input/input_error.h"

namespace finsim {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const std::string& target, const std::string& why)
{
  throw InputError(fmt::format("cannot write output \"{}\": {}", target, why));
}

std::string random_suffix()
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::string out;
  for (int k = 0; k < 6; ++k) out += letters[device() % (sizeof letters - 1)];
  return out;
}

/// Syncs a file or folder to disk; false on failure.
bool sync_path(const std::string& path, int flags)
{
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

std::string megabytes(std::size_t bytes) { return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6); }

}  // namespace

std::string output_folder(const std::string& target)
{
  const fs::path path(target);
  return path.has_parent_path() ? path.parent_path().string() : std::string(".");
}

void check_output_path(const std::string& target, const std::vector<std::string>& inputs)
{
  if (target.empty()) refuse(target, "the path is empty: give a file name such as out.h5");
  if (fs::path(target).filename().empty())
    refuse(target, "it names a folder, not a file: give a file name such as out.h5");
  struct stat link {};
  if (::lstat(target.c_str(), &link) == 0) {
    if (S_ISLNK(link.st_mode))
      refuse(target, "it is a symbolic link: finsim replaces files, not links; give the target's own path");
    if (S_ISDIR(link.st_mode))
      refuse(target, fmt::format("it is a folder: give a file name such as {}/out.h5", target));
    if (!S_ISREG(link.st_mode))
      refuse(target, "it is not a regular file (a device, a pipe, a socket): give a file path");
    if ((link.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
      refuse(target, "the file is read-only: make it writable or choose another path with -o");
    for (const std::string& input : inputs) {
      struct stat in {};
      if (::stat(input.c_str(), &in) == 0 && in.st_dev == link.st_dev && in.st_ino == link.st_ino)
        refuse(target, fmt::format("it is the input \"{}\" itself: choose another path with -o", input));
    }
  }
  const fs::path folder = output_folder(target);
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (!fs::is_directory(folder, ec))
    refuse(target, fmt::format("folder \"{}\" cannot be created; choose another path with -o", folder.string()));
  if (::access(folder.c_str(), W_OK) != 0)
    refuse(target, fmt::format("folder \"{}\" is not writable; choose another path with -o", folder.string()));
}

bool is_temporary_name(const std::string& name, long* pid)
{
  // .finsim-<pid>-<6 of a–z, 0–9>.tmp
  const std::string head = ".finsim-", tail = ".tmp";
  if (name.size() < head.size() + 1 + 1 + 6 + tail.size() || name.rfind(head, 0) != 0) return false;
  if (name.compare(name.size() - tail.size(), tail.size(), tail) != 0) return false;
  const std::string middle = name.substr(head.size(), name.size() - head.size() - tail.size());
  const auto dash = middle.find('-');
  if (dash == std::string::npos || dash == 0 || middle.size() - dash - 1 != 6) return false;
  const std::string digits = middle.substr(0, dash), random = middle.substr(dash + 1);
  if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  if (random.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") != std::string::npos) return false;
  if (pid != nullptr) *pid = std::stol(digits);
  return true;
}

int remove_stale_temporaries(const std::string& folder)
{
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    long pid = 0;
    if (!is_temporary_name(entry.path().filename().string(), &pid) || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // its process still runs
    if (fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

void write_atomically(const std::string& target, std::span<const char> bytes)
{
  const fs::path folder = output_folder(target);
  const std::string temporary = (folder / fmt::format(".finsim-{}-{}.tmp", ::getpid(), random_suffix())).string();
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    refuse(target, fmt::format("creating a file in \"{}\" failed ({}); choose another path with -o", folder.string(),
                               std::strerror(errno)));
  auto fail = [&](int error) {
    ::close(fd);
    ::unlink(temporary.c_str());
    if (error == ENOSPC || error == EDQUOT || error == EFBIG)
      refuse(target, fmt::format("the disk is full: the file needs {} bytes ({}) in \"{}\"; free space there or "
                                 "choose another path with -o",
                                 bytes.size(), megabytes(bytes.size()), folder.string()));
    refuse(target, fmt::format("writing failed ({}); nothing was written", std::strerror(error)));
  };
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(n < 0 ? errno : ENOSPC);
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail(errno);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    refuse(target, fmt::format("writing failed ({}); nothing was written", std::strerror(error)));
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    refuse(target, fmt::format("{}; choose another path with -o", std::strerror(error)));
  }
  sync_path(folder.string(), O_RDONLY | O_DIRECTORY);  // the rename itself survives a power cut
}

}  // namespace finsim
