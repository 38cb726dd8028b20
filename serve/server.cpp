#include "serve/server.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <httplib.h>
// glibc's resolv.h (included by httplib.h) defines _res, a name Eigen uses.
#undef _res
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "app/interrupt.h"
#include "input/input_error.h"
#include "output/atomic_write.h"
#include "serve/api.h"
#include "serve/session_runs.h"
#include "serve/static_files.h"

namespace finsim::serve {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t max_body_bytes = 4u << 20;
constexpr const char* chart_js = "/usr/share/javascript/chart.js/chart.min.js";

/// 32 hex digits from the system's random source.
std::string random_hex32()
{
  unsigned char bytes[16] = {};
  const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  bool ok = fd >= 0 && ::read(fd, bytes, sizeof bytes) == static_cast<ssize_t>(sizeof bytes);
  if (fd >= 0) ::close(fd);
  if (!ok) {
    std::random_device rd;
    for (unsigned char& b : bytes) b = static_cast<unsigned char>(rd());
  }
  std::string hex;
  for (unsigned char b : bytes) hex += fmt::format("{:02x}", b);
  return hex;
}

void refuse(httplib::Response& res, int status, const std::string& message)
{
  res.status = status;
  res.set_content(json{{"error", message}}.dump(), "application/json; charset=utf-8");
}

/// Compares without stopping at the first difference.
bool same_secret(const std::string& a, const std::string& b)
{
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string cookie_value(const std::string& header, const std::string& name)
{
  const std::string key = name + "=";
  for (std::size_t at = header.find(key); at != std::string::npos; at = header.find(key, at + 1)) {
    if (at > 0 && header[at - 1] != ' ' && header[at - 1] != ';') continue;
    const std::size_t from = at + key.size();
    const std::size_t to = header.find(';', from);
    return header.substr(from, to == std::string::npos ? std::string::npos : to - from);
  }
  return "";
}

std::string lower(std::string s)
{
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// The message of a status the library answers by itself (413, 404, 400, …).
std::string status_message(int status)
{
  switch (status) {
    case 400: return "frågan kan inte tolkas";
    case 403: return "åtkomst nekad";
    case 404: return "sidan finns inte";
    case 405: return "metoden används inte här";
    case 413: return "frågan är större än 4 MiB";
    case 414: return "adressen är för lång";
    case 416: return "omfånget finns inte";
    case 503: return "servern är upptagen: försök igen";
    default: return status >= 500 ? "internt fel i finsim" : "frågan nekades";
  }
}

/// The private folder the requests' scratch folders are made in, removed at the end.
class PrivateFolder {
 public:
  PrivateFolder()
  {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = (fs::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") / "finsim-serve-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw InputError(fmt::format("en privat mapp för arbetsfiler kunde inte skapas i {}: {}",
                                   fs::path(pattern).parent_path().string(), system_error_text(errno)));
    path_ = pattern;
  }
  ~PrivateFolder()
  {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

bool is_loopback(const std::string& host)
{
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

bool is_loopback_host_header(const std::string& header)
{
  std::string host = lower(header);
  if (host.rfind("[::1]", 0) == 0) {
    host = host.substr(5);
  } else {
    const std::size_t colon = host.find(':');
    const std::string name = host.substr(0, colon);
    if (name != "localhost" && name != "127.0.0.1") return false;
    host = colon == std::string::npos ? "" : host.substr(colon);
  }
  if (host.empty()) return true;
  return host[0] == ':' && host.size() > 1 && host.size() <= 6 &&
         host.find_first_not_of("0123456789", 1) == std::string::npos;
}

int serve(const ServeOptions& options, std::ostream& out)
{
  install_interrupt_handler();
  std::signal(SIGPIPE, SIG_IGN);  // a browser that goes away mid-answer is not a reason to stop
  const PrivateFolder scratch;
  SessionRuns sessions(std::chrono::seconds(600));
  ApiContext context{ScenarioFolder(options.folder), options.runs, options.seed, scratch.path(), &sessions};
  const bool loopback = is_loopback(options.host);
  const std::string token = loopback ? "" : random_hex32();

  httplib::Server server;
  server.set_payload_max_length(max_body_bytes);
  server.set_read_timeout(30, 0);
  server.set_write_timeout(60, 0);
  server.set_keep_alive_timeout(5);

  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    const std::string host = req.get_header_value("Host");
    if (loopback) {
      // DNS rebinding: a page of another site that resolves its name to 127.0.0.1 sends its own Host.
      if (!is_loopback_host_header(host)) {
        refuse(res, 403,
               "värdnamnet (Host) är inte localhost, 127.0.0.1 eller [::1]: öppna adressen som servern skrev ut");
        return httplib::Server::HandlerResponse::Handled;
      }
    } else {
      const std::string cookie = cookie_value(req.get_header_value("Cookie"), "finsim_token");
      const std::string authorization = req.get_header_value("Authorization");
      const std::string bearer = authorization.rfind("Bearer ", 0) == 0 ? authorization.substr(7) : "";
      const std::string query = req.has_param("token") ? req.get_param_value("token") : "";
      const bool ok = same_secret(cookie, token) || same_secret(bearer, token) || same_secret(query, token);
      if (!ok) {
        refuse(res, 403, "nyckeln (token) saknas eller är fel: öppna adressen med ?token=… som servern skrev ut");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (same_secret(query, token) && !same_secret(cookie, token))
        res.set_header("Set-Cookie", "finsim_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    }
    if (req.method == "POST" || req.method == "PUT" || req.method == "DELETE" || req.method == "PATCH") {
      const std::string type = lower(req.get_header_value("Content-Type"));
      if (type.rfind("application/json", 0) != 0 || (type.size() > 16 && type[16] != ';' && type[16] != ' ')) {
        refuse(res, 403, "en POST ska ha Content-Type: application/json");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.has_header("Origin")) {
        const std::string origin = lower(req.get_header_value("Origin"));
        const std::size_t scheme = origin.find("://");
        const std::string named = scheme == std::string::npos ? "" : origin.substr(scheme + 3);
        if (named.empty() || named != lower(host)) {
          refuse(res, 403, "frågan kommer från en annan webbplats (Origin) än servern: den nekas");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
    }
    if (cookie_value(req.get_header_value("Cookie"), "finsim_session").empty() && !res.has_header("Set-Cookie"))
      res.set_header("Set-Cookie", "finsim_session=" + random_hex32() + "; Path=/; HttpOnly; SameSite=Strict");
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) refuse(res, res.status, status_message(res.status));
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr e) {
    std::string what = "internt fel i finsim";
    try {
      if (e) std::rethrow_exception(e);
    } catch (const std::exception& x) {
      what += std::string(": ") + x.what();
    } catch (...) {
    }
    refuse(res, 500, what);
  });

  add_api_routes(server, context);

  server.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  server.Get("/chart.js", [](const httplib::Request&, httplib::Response& res) {
    std::ifstream in(chart_js, std::ios::binary);
    if (!in) {
      refuse(
          res, 500,
          fmt::format("{} saknas: installera Debians paket libjs-chart.js (apt-get install libjs-chart.js)", chart_js));
      return;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    res.set_content(bytes, "text/javascript; charset=utf-8");
  });
  server.Get(R"(/(.*))", [](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path.substr(1);
    if (path.empty() || path.back() == '/') path += "index.html";
    if (path.rfind("api/", 0) == 0) {
      refuse(res, 404, "frågan finns inte i API:t: se docs/serve.md");
      return;
    }
    if (const std::optional<std::string_view> bytes = static_file(path)) {
      res.set_content(std::string(*bytes), content_type(path).c_str());
      return;
    }
    refuse(res, 404, "sidan finns inte: " + shorten(path));
  });

  const int port = options.port == 0 ? server.bind_to_any_port(options.host)
                                     : (server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0)
    throw InputError(
        fmt::format("servern kan inte lyssna på {} port {}: porten är upptagen eller adressen finns "
                    "inte här; välj en annan med --port (0: en ledig port) eller --host",
                    options.host, options.port));

  const std::string shown_host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  out << fmt::format("finsim serve: scenarierna i {}\n", context.folder.root());
  out << fmt::format("Öppna http://{}:{}/{} i webbläsaren\n", shown_host, port, token.empty() ? "" : "?token=" + token);
  out << "Avsluta med Ctrl-C.\n" << std::flush;

  std::thread listener([&server] { server.listen_after_bind(); });
  while (!interrupt_requested().load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    sessions.stop_overdue();
  }
  sessions.stop_all();
  server.stop();
  listener.join();
  std::cerr << "finsim serve: stoppad (" << interrupt_name() << ")\n";
  return 128 + interrupt_signal();
}

}  // namespace finsim::serve
