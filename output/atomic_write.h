// Writing a result so that nothing is lost: the target is checked before any work, written
// under a temporary name in its folder, synced, renamed into place and the folder synced. A
// failed, interrupted or killed run never leaves a partial file and never replaces a good one.
#pragma once
#include <span>
#include <string>
#include <vector>

namespace finsim {

/// Checks that `target` may be written and creates its folder. Refuses a folder, a symbolic link,
/// a device or anything else that is not a regular file, a read-only file, and a file that is one
/// of `inputs` (the same file, by device and inode). Throws InputError naming the path and the fix,
/// which names the command's own `option` and an `example` file name.
void check_output_path(const std::string& target, const std::vector<std::string>& inputs,
                       const std::string& option = "-o", const std::string& example = "ut.h5");

/// Checks that the folder `target` may be written as a whole: missing (its parent is created), or
/// a folder that `is_earlier_output` recognises as finsim's own earlier output. Refuses a symbolic
/// link, a file and any other folder, naming `option`.
void check_output_folder(const std::string& target, bool (*is_earlier_output)(const std::string& folder),
                         const std::string& option);

/// A private folder beside `target`, `.finsim-<pid>-<6 random characters>.tmp`, made with mkdir
/// (mode 0700, never an existing path, so nothing planted there is followed) and removed with all
/// it holds when it goes out of scope: the place a result is built before it is put in place.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& target);
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const std::string& path() const { return path_; }
  /// `name` inside the folder.
  std::string file(const std::string& name) const;

 private:
  std::string path_;
};

/// Puts the finished file `made` (in a ScratchFolder beside `target`) in place of `target`: rename,
/// then fsync of the folder.
void commit_file(const std::string& made, const std::string& target);

/// Puts the finished folder `made` (a ScratchFolder's) in place of the folder `target`: a rename
/// when `target` is missing, else an atomic exchange (renameat2 RENAME_EXCHANGE), after which
/// `made` holds the old folder and is removed with the ScratchFolder.
void commit_folder(const std::string& made, const std::string& target);

/// Writes `bytes` to `target` atomically and durably: a temporary file
/// `.finsim-<pid>-<6 random characters>.tmp` in the target's folder, fsync, rename, fsync of the
/// folder. A full disk or any other failure removes the temporary file and throws InputError
/// naming the path and the space needed. Messages name `shown_as` when given (the place the user
/// asked for, when `path` is inside a ScratchFolder).
void write_atomically(const std::string& path, std::span<const char> bytes, const std::string& shown_as = "");

/// What a system error number means, in Swedish ("disken är full"), for messages.
std::string system_error_text(int error);

/// The folder `target` is written in ("." for a bare file name).
std::string output_folder(const std::string& target);

/// Removes the temporary files and folders that finsim processes which no longer run left in `folder` (after a
/// kill -9 or a power cut); returns how many.
int remove_stale_temporaries(const std::string& folder);

/// Whether `name` is one of finsim's temporary file names, and the process id it carries.
bool is_temporary_name(const std::string& name, long* pid = nullptr);

}  // namespace finsim
