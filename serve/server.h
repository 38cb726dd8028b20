// finsim serve's web server (cpp-httplib): the security rules every request passes first (the
// Host check on loopback, the token elsewhere, POSTs only as JSON from the same origin, a body of
// at most 4 MiB), the embedded web files, /chart.js from Debian's libjs-chart.js, and the API.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>

namespace finsim::serve {

struct ServeOptions {
  std::string folder = "scenarios";
  std::string host = "127.0.0.1";
  int port = 8080;  ///< 0: any free port
  std::uint64_t runs = 10000;
  std::uint64_t seed = 1;
};

/// Whether `host` (as given to --host) is a loopback address: no token is needed there.
bool is_loopback(const std::string& host);

/// Whether a Host header names this machine's loopback: localhost, 127.0.0.1 or [::1], with any
/// port.
bool is_loopback_host_header(const std::string& host_header);

/// Serves until a stop signal (Ctrl-C, SIGTERM, SIGHUP); prints the address to open on `out`.
/// Returns 128 + the signal.
int serve(const ServeOptions& options, std::ostream& out);

}  // namespace finsim::serve
