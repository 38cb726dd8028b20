#include "app/child_process.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/command_line.h"
#include "app/interrupt.h"
#include "input/input_error.h"

namespace finsim {

namespace {

/// Writes all of `text` to `fd`.
void write_all(int fd, const std::string& text)
{
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void be_the_child(int out, const std::function<std::string()>& job)
{
  // A fault inside the library kills the child by its signal, for the parent to report, also where
  // a sanitizer would otherwise catch it and exit with a status of its own.
  for (int fault : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(fault, SIG_DFL);
  int code = 0;
  try {
    write_all(out, job());
  } catch (...) {
    code = report_failure(std::current_exception());
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::close(out);
  ::_exit(code);
}

/// Reads what the child sends until it closes the pipe, polling the stop flag and the clock; on a
/// stop the child is killed and Interrupted thrown, past `seconds` it is killed and InputError thrown.
std::string collect(int in, pid_t child, const std::string& path, double seconds)
{
  std::string text;
  char buffer[4096];
  const auto start = std::chrono::steady_clock::now();
  auto stop_child = [&] {
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    ::close(in);
  };
  for (;;) {
    if (interrupt_requested()) {
      stop_child();
      throw Interrupted("medan resultatfilen lästes");
    }
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > seconds) {
      stop_child();
      throw InputError({Problem{path, 0, 0, "",
                                fmt::format("läsningen tog mer än {:.0f} s, långt mer än en resultatfil från finsim "
                                            "av den storleken behöver (HDF5-biblioteket fastnade i filen): filen är "
                                            "skadad eller inte en finsim-fil; skriv den på nytt med finsim; inget "
                                            "skrevs",
                                            seconds)}});
    }
    pollfd p{in, POLLIN, 0};
    const int ready = ::poll(&p, 1, 100);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    const ssize_t n = ::read(in, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(in);
  return text;
}

}  // namespace

double reading_time_limit(const std::string& path)
{
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  return 20.0 + 2.0 * (ec ? 0.0 : static_cast<double>(bytes) / 1e6);
}

std::string run_in_child(const std::string& path, const std::function<std::string()>& job, double seconds)
{
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("kunde inte skapa en pipe");
  std::cout.flush();
  std::cerr.flush();
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    throw std::runtime_error("kunde inte starta en barnprocess");
  }
  if (child == 0) {
    ::close(pipe_fds[0]);
    be_the_child(pipe_fds[1], job);
  }
  ::close(pipe_fds[1]);
  const std::string text = collect(pipe_fds[0], child, path, seconds);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("barnprocessen försvann");
  if (interrupt_requested()) throw Interrupted("medan resultatfilen lästes");
  if (WIFSIGNALED(status))
    throw InputError({Problem{path, 0, 0, "",
                              "filen är skadad eller inte en finsim-fil (HDF5-biblioteket kraschade när den lästes): "
                              "skriv den på nytt med finsim; inget skrevs"}});
  if (WEXITSTATUS(status) != 0) throw ChildFailed(WEXITSTATUS(status));
  return text;
}

int report_failure(std::exception_ptr failure)
{
  try {
    std::rethrow_exception(failure);
  } catch (const ChildFailed& e) {
    return e.code();
  } catch (const UsageError& e) {
    std::cerr << "finsim: " << e.what() << "\n\n" << e.usage();
    return 2;
  } catch (const Interrupted& e) {
    std::cerr << "\nfinsim: " << e.what() << '\n';
    return 128 + (interrupt_signal() > 0 ? interrupt_signal() : 2);
  } catch (const InputError& e) {
    std::cerr << e.what() << '\n';
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "finsim: minnet räckte inte: stäng andra program eller kör med färre körningar (--runs)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "finsim: internt fel: " << e.what() << '\n';
    return 3;
  }
}

}  // namespace finsim
