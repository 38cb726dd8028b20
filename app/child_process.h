// Reading a file that may be hostile in a child process. Debian's HDF5 1.10.8 itself crashes on
// some corrupt files (clarification 92); `report` and `export` read the result in a forked child,
// so that a crash inside the library becomes a clean refusal, never a dead command.
#pragma once
#include <functional>
#include <stdexcept>
#include <string>

namespace finsim {

/// Thrown in the parent when the child has already said what went wrong and exited with `code`:
/// `main` exits with the same status and prints nothing more.
class ChildFailed : public std::runtime_error {
 public:
  explicit ChildFailed(int code) : std::runtime_error("barnprocessen misslyckades"), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

/// Runs `job` in a forked child and returns the text it returned. In the child an exception is
/// reported as `main` reports it, and the child exits with its status; the parent then throws
/// ChildFailed with that status. A child killed by a signal means the file `path` broke the library:
/// the parent throws InputError ("filen är skadad eller inte en finsim-fil"). A stop signal to the
/// parent kills the child and throws Interrupted. A child still at work after `seconds` is taken to
/// hang in the library on a damaged file: killed, and the parent throws InputError.
std::string run_in_child(const std::string& path, const std::function<std::string()>& job, double seconds);

/// The time reading and writing out the result file `path` may take: 20 s and 2 s per MB of the
/// file (a genuine file is read at far more than 1 MB/s; a hostile one can make HDF5 loop).
double reading_time_limit(const std::string& path);

/// What `main` does with an exception: prints it to standard error as the user reads it and
/// returns the exit status (1 bad input, 2 usage, 3 internal, 128 + signal when stopped).
int report_failure(std::exception_ptr failure);

}  // namespace finsim
