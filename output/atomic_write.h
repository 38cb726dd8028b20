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
/// of `inputs` (the same file, by device and inode). Throws InputError naming the path and the fix.
void check_output_path(const std::string& target, const std::vector<std::string>& inputs);

/// Writes `bytes` to `target` atomically and durably: a temporary file
/// `.finsim-<pid>-<6 random characters>.tmp` in the target's folder, fsync, rename, fsync of the
/// folder. A full disk or any other failure removes the temporary file and throws InputError
/// naming the path and the space needed.
void write_atomically(const std::string& target, std::span<const char> bytes);

/// The folder `target` is written in ("." for a bare file name).
std::string output_folder(const std::string& target);

/// Removes the temporary files that finsim processes which no longer run left in `folder` (after a
/// kill -9 or a power cut); returns how many.
int remove_stale_temporaries(const std::string& folder);

/// Whether `name` is one of finsim's temporary file names, and the process id it carries.
bool is_temporary_name(const std::string& name, long* pid = nullptr);

}  // namespace finsim
