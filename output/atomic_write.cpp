#include "output/atomic_write.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <random>

#include "input/input_error.h"

namespace finsim {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const std::string& target, const std::string& why)
{
  throw InputError(fmt::format("kan inte skriva \"{}\": {}", target, why));
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

std::string megabytes(std::size_t bytes)
{
  std::string text = fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  for (char& c : text)
    if (c == '.') c = ',';
  return text;
}

/// Creates `folder` (where `target` goes) and checks that it can be written in.
void make_writable_folder(const std::string& target, const fs::path& folder, const std::string& option)
{
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (!fs::is_directory(folder, ec))
    refuse(target, fmt::format("mappen \"{}\" kan inte skapas; välj en annan sökväg med {}", folder.string(), option));
  if (::access(folder.c_str(), W_OK) != 0)
    refuse(target, fmt::format("mappen \"{}\" är skrivskyddad; välj en annan sökväg med {}", folder.string(), option));
}

}  // namespace

std::string system_error_text(int error)
{
  switch (error) {
    case ENOSPC:
    case EDQUOT: return "disken är full";
    case EFBIG: return "filen blir större än vad som är tillåtet";
    case EACCES:
    case EPERM: return "åtkomst nekad";
    case EROFS: return "filsystemet är skrivskyddat";
    case ENOENT: return "mappen finns inte";
    case ENOTDIR: return "en del av sökvägen är ingen mapp";
    case EEXIST:
    case ENOTEMPTY: return "det finns redan något där";
    case EXDEV: return "målet ligger på ett annat filsystem";
    case EIO: return "in- eller utmatningsfel på disken";
    case ENAMETOOLONG: return "sökvägen är för lång";
    case ELOOP: return "för många symboliska länkar i sökvägen";
    default: return fmt::format("systemfel {}", error);
  }
}

std::string output_folder(const std::string& target)
{
  const fs::path path(target);
  return path.has_parent_path() ? path.parent_path().string() : std::string(".");
}

void check_output_path(const std::string& target, const std::vector<std::string>& inputs, const std::string& option,
                       const std::string& example)
{
  if (target.empty())
    refuse(target, fmt::format("sökvägen är tom: ange ett filnamn, till exempel {} {}", option, example));
  if (fs::path(target).filename().empty())
    refuse(target,
           fmt::format("det är ett mappnamn, inte en fil: ange ett filnamn, till exempel {} {}", option, example));
  struct stat link {};
  if (::lstat(target.c_str(), &link) == 0) {
    if (S_ISLNK(link.st_mode))
      refuse(target, "det är en symbolisk länk: finsim ersätter filer, inte länkar; ange målets egen sökväg");
    if (S_ISDIR(link.st_mode))
      refuse(target,
             fmt::format("det är en mapp: ange ett filnamn i den, till exempel {} {}/{}", option, target, example));
    if (!S_ISREG(link.st_mode))
      refuse(target, "det är ingen vanlig fil (en enhet, ett rör eller ett uttag): ange en sökväg till en fil");
    if ((link.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
      refuse(target, fmt::format("filen är skrivskyddad: gör den skrivbar eller välj en annan sökväg med {}", option));
    for (const std::string& input : inputs) {
      struct stat in {};
      if (::stat(input.c_str(), &in) == 0 && in.st_dev == link.st_dev && in.st_ino == link.st_ino)
        refuse(target, fmt::format("det är indatafilen \"{}\" själv: välj en annan sökväg med {}", input, option));
    }
  }
  make_writable_folder(target, output_folder(target), option);
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
    if (fs::remove_all(entry.path(), ec) > 0) ++removed;
  }
  return removed;
}

void write_atomically(const std::string& path, std::span<const char> bytes, const std::string& shown_as)
{
  const std::string& target = shown_as.empty() ? path : shown_as;
  const fs::path folder = output_folder(path), shown_folder = output_folder(target);
  const std::string temporary = (folder / fmt::format(".finsim-{}-{}.tmp", ::getpid(), random_suffix())).string();
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    refuse(target, fmt::format("det gick inte att skapa en fil i \"{}\" ({}); välj en annan sökväg",
                               shown_folder.string(), system_error_text(errno)));
  auto fail = [&](int error) {
    ::close(fd);
    ::unlink(temporary.c_str());
    if (error == EFBIG)
      refuse(target, fmt::format("filen ({} byte) blir större än vad processen får skriva (ulimit -f); höj gränsen "
                                 "eller välj en annan sökväg; inget skrevs",
                                 bytes.size()));
    if (error == ENOSPC || error == EDQUOT)
      refuse(target, fmt::format("disken är full: filen behöver {} byte ({}) i \"{}\"; frigör utrymme där eller "
                                 "välj en annan sökväg",
                                 bytes.size(), megabytes(bytes.size()), shown_folder.string()));
    refuse(target, fmt::format("skrivningen misslyckades ({}); inget skrevs", system_error_text(error)));
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
    refuse(target, fmt::format("skrivningen misslyckades ({}); inget skrevs", system_error_text(error)));
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    refuse(target, fmt::format("{}; välj en annan sökväg", system_error_text(error)));
  }
  sync_path(folder.string(), O_RDONLY | O_DIRECTORY);  // the rename itself survives a power cut
}

void check_output_folder(const std::string& target, bool (*is_earlier_output)(const std::string& folder),
                         const std::string& option)
{
  if (target.empty()) refuse(target, fmt::format("sökvägen är tom: ange en mapp, till exempel {} output/csv", option));
  struct stat link {};
  if (::lstat(target.c_str(), &link) == 0) {
    if (S_ISLNK(link.st_mode))
      refuse(target, "det är en symbolisk länk: finsim ersätter mappar, inte länkar; ange målets egen sökväg");
    if (!S_ISDIR(link.st_mode)) refuse(target, fmt::format("det är ingen mapp: ange en ny mapp med {}", option));
    if (!is_earlier_output(target))
      refuse(target, fmt::format("mappen finns och är ingen tidigare export från finsim, så finsim rör den inte: "
                                 "ange en ny mapp med {}",
                                 option));
  }
  make_writable_folder(target, output_folder(fs::path(target).lexically_normal().string()), option);
}

ScratchFolder::ScratchFolder(const std::string& target)
{
  const fs::path folder = output_folder(fs::path(target).lexically_normal().string());
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string path = (folder / fmt::format(".finsim-{}-{}.tmp", ::getpid(), random_suffix())).string();
    if (::mkdir(path.c_str(), 0700) == 0) {
      path_ = path;
      return;
    }
    if (errno != EEXIST)
      refuse(target, fmt::format("det gick inte att skapa en arbetsmapp i \"{}\" ({}); välj en annan sökväg",
                                 folder.string(), system_error_text(errno)));
  }
  refuse(target, fmt::format("det gick inte att skapa en arbetsmapp i \"{}\"", folder.string()));
}

ScratchFolder::~ScratchFolder()
{
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

std::string ScratchFolder::file(const std::string& name) const { return (fs::path(path_) / name).string(); }

void commit_file(const std::string& made, const std::string& target)
{
  if (!sync_path(made, O_RDONLY)) refuse(target, "filen kunde inte sparas på disken; inget skrevs");
  if (::rename(made.c_str(), target.c_str()) != 0)
    refuse(target, fmt::format("{}; välj en annan sökväg", system_error_text(errno)));
  sync_path(output_folder(target), O_RDONLY | O_DIRECTORY);
}

void commit_folder(const std::string& made, const std::string& target)
{
  for (const auto& entry : fs::directory_iterator(made)) sync_path(entry.path().string(), O_RDONLY);
  sync_path(made, O_RDONLY | O_DIRECTORY);
  struct stat old {};
  const bool exists = ::lstat(target.c_str(), &old) == 0;
  const int done = exists ? ::renameat2(AT_FDCWD, made.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE)
                          : ::renameat2(AT_FDCWD, made.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
  if (done != 0)
    refuse(target, fmt::format("mappen kunde inte sättas på plats ({}); den gamla är orörd", system_error_text(errno)));
  sync_path(output_folder(fs::path(target).lexically_normal().string()), O_RDONLY | O_DIRECTORY);
}

}  // namespace finsim
