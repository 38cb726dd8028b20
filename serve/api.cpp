#include "serve/api.h"

#include <fmt/format.h>
#include <httplib.h>
// glibc's resolv.h (included by httplib.h) defines _res, a name Eigen uses.
#undef _res

#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "input/budget_paste.h"
#include "input/input_error.h"
#include "input/scenario_reader.h"
#include "models/plausibility.h"
#include "models/projection.h"
#include "output/atomic_write.h"
#include "output/hdf5_reader.h"
#include "serve/budget_table.h"
#include "serve/command_call.h"
#include "serve/http_error.h"
#include "serve/new_forbund.h"
#include "serve/result_json.h"

namespace finsim::serve {

using nlohmann::json;
namespace fs = std::filesystem;

std::string session_of(const std::string& cookie_header, const std::string& remote)
{
  const std::string key = "finsim_session=";
  for (std::size_t at = cookie_header.find(key); at != std::string::npos; at = cookie_header.find(key, at + 1)) {
    if (at > 0 && cookie_header[at - 1] != ' ' && cookie_header[at - 1] != ';') continue;
    const std::size_t from = at + key.size();
    const std::size_t to = cookie_header.find(';', from);
    return "cookie:" + cookie_header.substr(from, to == std::string::npos ? std::string::npos : to - from);
  }
  return "connection:" + remote;
}

namespace {

/// Where a problem's file is shown: relative to the folder, the request's own name for scratch
/// copies, "" for what is neither.
struct ProblemFiles {
  const ScenarioFolder& folder;
  std::vector<std::pair<std::string, std::string>> renamed;  ///< scratch path → shown as

  std::string shown(const std::string& file) const
  {
    for (const auto& [from, to] : renamed)
      if (file == from) return to;
    if (file.empty()) return "";
    std::error_code ec;
    const fs::path absolute = fs::weakly_canonical(fs::path(file), ec);
    if (!ec && folder.contains(absolute.string())) return folder.relative(absolute.string());
    return fs::path(file).filename().string();
  }
};

json problems_json(const InputError& e, const ProblemFiles& files)
{
  json problems = json::array();
  for (const Problem& p : e.problems())
    problems.push_back({{"file", files.shown(p.file)},
                        {"line", p.line},
                        {"column", p.column},
                        {"key", p.key},
                        {"message", p.message}});
  return problems;
}

/// The first problem as one line without the scratch paths.
std::string problems_message(const InputError& e, const ProblemFiles& files)
{
  if (e.problems().empty()) return e.what();
  Problem p = e.problems().front();
  p.file = files.shown(p.file);
  std::string m = p.to_string();
  if (e.problems().size() > 1) m += fmt::format(" (och {} problem till)", e.problems().size() - 1);
  return m;
}

[[noreturn]] void input_refused(const InputError& e, const ProblemFiles& files)
{
  throw HttpError(400, problems_message(e, files), json{{"problems", problems_json(e, files)}});
}

json parse_body(const httplib::Request& req)
{
  json body;
  try {
    body = json::parse(req.body);
  } catch (const json::exception&) {
    throw HttpError(400, "frågans kropp är inte giltig JSON");
  }
  if (!body.is_object()) throw HttpError(400, "frågans kropp ska vara ett JSON-objekt, t.ex. {\"file\": \"x.toml\"}");
  return body;
}

std::optional<std::string> text_field(const json& body, const char* name)
{
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  if (!body[name].is_string()) throw HttpError(400, fmt::format("\"{}\" ska vara en text", name));
  return body[name].get<std::string>();
}

std::string required_text(const json& body, const char* name)
{
  const std::optional<std::string> t = text_field(body, name);
  if (!t) throw HttpError(400, fmt::format("\"{}\" saknas i frågan", name));
  return *t;
}

/// An option's value as the command line takes it: a number or a text.
std::optional<std::string> option_field(const json& body, const char* name)
{
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  const json& v = body[name];
  if (v.is_number_unsigned() || v.is_number_integer()) return v.dump();
  if (v.is_number_float()) return fmt::format("{}", v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  throw HttpError(400, fmt::format("\"{}\" ska vara ett tal", name));
}

std::vector<std::string> text_list(const json& body, const char* name)
{
  std::vector<std::string> out;
  if (!body.contains(name) || body[name].is_null()) return out;
  if (!body[name].is_array()) throw HttpError(400, fmt::format("\"{}\" ska vara en lista av texter", name));
  for (const json& v : body[name]) {
    if (!v.is_string()) throw HttpError(400, fmt::format("\"{}\" ska vara en lista av texter", name));
    out.push_back(v.get<std::string>());
  }
  return out;
}

/// --runs and --seed from the request or the server's defaults.
void add_runs_and_seed(const json& body, const ApiContext& c, std::vector<std::string>& args)
{
  args.insert(args.end(), {"--runs=" + option_field(body, "runs").value_or(std::to_string(c.runs)),
                           "--seed=" + option_field(body, "seed").value_or(std::to_string(c.seed)), "--quiet"});
}

/// `option=value` in one word: a value that begins with '-' stays a value, never another option.
void add_option(const json& body, const char* field, const char* option, std::vector<std::string>& args)
{
  if (const std::optional<std::string> v = option_field(body, field)) args.push_back(std::string(option) + "=" + *v);
}

void send_json(httplib::Response& res, const json& answer, int status = 200)
{
  res.status = status;
  res.set_content(answer.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

/// A private scratch folder for one request, removed with everything in it.
struct RequestScratch {
  explicit RequestScratch(const ApiContext& c) : folder((fs::path(c.scratch_parent) / "x").string()) {}
  ScratchFolder folder;
  std::string file(const std::string& name) const { return folder.file(name); }
};

/// The scenario a request names: {"file"} or {"text", "base"?}, with "budget" edits on top,
/// as a file the command line can read, and how its problems are shown.
struct RequestScenario {
  std::string path;  ///< the file to give the command line
  ProblemFiles files;
};

std::string budget_lines(const json& budget);

/// The base `extends` names from the folder `dir`, checked to stay inside the folder along its whole
/// chain: its real path, or (missing) the path as written, for the reader to say it is missing.
std::string checked_base(const ApiContext& c, const fs::path& dir, const std::string& extends)
{
  const fs::path lexical = (dir / extends).lexically_normal();
  std::error_code ec;
  const fs::path target = fs::canonical(lexical, ec);
  const std::string base = ec ? lexical.string() : target.string();
  if (!c.folder.contains(base))
    throw HttpError(403, fmt::format("extends = \"{}\" leder ut ur scenariomappen; bara filer i mappen får läsas",
                                     shorten(extends)));
  if (!ec) c.folder.check_extends(base);
  return base;
}

/// `text` written into `scratch` as `name`, its `extends` resolved against `base_real` (or the
/// folder) and checked to stay inside the folder.
std::string write_text(const ApiContext& c, const RequestScratch& scratch, const std::string& text,
                       const std::string& base_real, const std::string& name, ProblemFiles& files)
{
  if (text.size() > max_scenario_bytes) throw HttpError(413, "scenariot är större än 4 MiB");
  std::string written = text;
  const std::string extends = extends_of(text);
  if (!extends.empty()) {
    const fs::path dir = base_real.empty() ? fs::path(c.folder.root()) : fs::path(base_real).parent_path();
    if (fs::path(extends).is_absolute())
      throw HttpError(400, "extends med en absolut sökväg tas inte emot: ange basen relativt filen");
    written = with_extends(text, checked_base(c, dir, extends));
  }
  const std::string path = scratch.file(name);
  std::ofstream(path, std::ios::binary) << written;
  files.renamed.emplace_back(path, base_real.empty() ? name : c.folder.relative(base_real));
  return path;
}

RequestScenario request_scenario(const ApiContext& c, const RequestScratch& scratch, const json& body)
{
  RequestScenario r{"", ProblemFiles{c.folder, {}}};
  const std::optional<std::string> text = text_field(body, "text");
  const std::optional<std::string> base = text_field(body, "base");
  const std::optional<std::string> file = text_field(body, "file");
  if (text) {
    const std::string base_real = base ? c.folder.resolve(*base) : "";
    const std::string stem = base ? fs::path(*base).stem().string() : "scenario";
    r.path = write_text(c, scratch, *text, base_real, stem + ".toml", r.files);
  } else if (file) {
    r.path = c.folder.resolve(*file);
    c.folder.check_extends(r.path);
  } else {
    throw HttpError(400, "ange scenariot: \"file\" (en fil i mappen) eller \"text\" (scenariots text)");
  }
  if (body.contains("budget") && !body["budget"].is_null()) {
    const std::string variant = "extends = " + json(r.path).dump() + "\n" + budget_lines(body["budget"]);
    const std::string path = scratch.file(fs::path(r.path).stem().string() + "-budget.toml");
    std::ofstream(path, std::ios::binary) << variant;
    r.files.renamed.emplace_back(path, "budget");
    r.path = path;
  }
  return r;
}

/// A budget cell's value: a number, or a text as a Swedish user types it, read as a pasted budget's
/// cell is ("1 416 000", "12,5", "−5 000", "1 416 000 kr", "250 tkr", "(48 000)"); empty is 0.
double cell_value(const json& v, const std::string& key)
{
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s.find_first_not_of(" \t") == std::string::npos) return 0.0;
    std::string error;
    if (const std::optional<double> x = read_amount_cell(s, 1.0, error)) return *x;
    throw HttpError(400, fmt::format("budget {}: {}", shorten(key), error));
  }
  throw HttpError(400, fmt::format("budget {}: värdena ska vara tal, ett per år", shorten(key)));
}

std::string toml_key_string(const std::string& s) { return json(s).dump(); }

/// The budget edits {"insats.X.budget": [per year], ...} as a variant's lines.
std::string budget_lines(const json& budget)
{
  if (!budget.is_object())
    throw HttpError(400,
                    "\"budget\" ska vara ett objekt: radnyckel → belopp per år, t.ex. "
                    "{\"insats.SamCoach.budget\": [800000, 820000]}");
  std::ostringstream top, tables;
  std::vector<std::pair<std::string, std::string>> contributions;
  for (const auto& item : budget.items()) {
    const std::string& key = item.key();  // not a structured binding: the lambdas below capture it
    const json& values = item.value();
    std::vector<double> xs;
    if (values.is_array()) {
      std::size_t n = values.size();
      while (n > 0 && values[n - 1].is_null()) --n;  // years without a line at the end
      for (std::size_t i = 0; i < n; ++i) {
        if (values[i].is_null())
          throw HttpError(400, fmt::format("budget {}: ett år utan belopp mitt i raden; ange ett belopp för varje år",
                                           shorten(key)));
        xs.push_back(cell_value(values[i], key));
      }
    } else {
      xs.push_back(cell_value(values, key));
    }
    if (xs.empty()) continue;
    std::string list = "[";
    for (std::size_t i = 0; i < xs.size(); ++i) list += (i ? ", " : "") + fmt::format("{}", xs[i]);
    list += "]";
    auto section = [&](const char* table, const char* prefix, const char* field) -> bool {
      const std::string p = std::string(prefix) + ".", f = std::string(".") + field;
      if (key.size() <= p.size() + f.size() || key.compare(0, p.size(), p) != 0 ||
          key.compare(key.size() - f.size(), f.size(), f) != 0)
        return false;
      const std::string name = key.substr(p.size(), key.size() - p.size() - f.size());
      tables << "\n[[" << table << "]]\nname = " << toml_key_string(name) << "\n" << field << " = " << list << "\n";
      return true;
    };
    if (section("insats", "insats", "budget") || section("cost", "cost", "amount") ||
        section("income", "income", "amount"))
      continue;
    const std::string contribution = "funding.contributions.";
    if (key.compare(0, contribution.size(), contribution) == 0 && key.size() > contribution.size()) {
      contributions.emplace_back(key.substr(contribution.size()), list);
      continue;
    }
    if (key == "funding.state") {
      top << "\n[funding]\nstate = " << list << "\n";
      continue;
    }
    throw HttpError(400, fmt::format("budget: raden \"{}\" kan inte ändras här; ändringsbara rader är "
                                     "insats.<namn>.budget, cost.<namn>.amount, income.<namn>.amount, "
                                     "funding.state och funding.contributions.<medlem>",
                                     shorten(key)));
  }
  std::ostringstream out;
  out << top.str();
  if (!contributions.empty()) {
    out << "\n[funding.contributions]\n";
    for (const auto& [member, list] : contributions) out << toml_key_string(member) << " = " << list << "\n";
  }
  out << tables.str();
  return out.str();
}

/// The result file `h5` as JSON with `groups` (read holding the engine: HDF5 is used by one
/// request at a time).
json read_result(RequestStop& stop, const std::string& h5, const std::vector<std::string>& groups)
{
  json answer;
  with_engine(stop, [&] {
    const h5::Reader file = h5::Reader::open(h5);
    answer = result_json(file, groups);
  });
  return answer;
}

/// The route wrapper: every exception becomes a JSON refusal, never a dead server.
template <class F>
void answer(httplib::Response& res, F&& route)
{
  try {
    route();
  } catch (const HttpError& e) {
    send_json(res, e.body(), e.status());
  } catch (const InputError& e) {
    json problems = json::array();
    for (const Problem& p : e.problems())
      problems.push_back({{"file", fs::path(p.file).filename().string()},
                          {"line", p.line},
                          {"column", p.column},
                          {"key", p.key},
                          {"message", p.message}});
    send_json(res, {{"error", e.what()}, {"problems", problems}}, 400);
  } catch (const std::exception& e) {
    send_json(res, {{"error", std::string("internt fel i finsim: ") + e.what()}}, 500);
  } catch (...) {
    send_json(res, {{"error", "internt fel i finsim"}}, 500);
  }
}

/// A command run for a request, its input errors shown with the request's file names.
std::string run_cli(const std::vector<std::string>& args, RequestStop& stop, const ProblemFiles& files)
{
  try {
    return call_command(args, stop);
  } catch (const InputError& e) {
    input_refused(e, files);
  }
}

std::string session(const httplib::Request& req)
{
  return session_of(req.get_header_value("Cookie"), req.remote_addr + ":" + std::to_string(req.remote_port));
}

std::string read_whole(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// The listing entry of one scenario file.
json listing_entry(const ApiContext& c, const std::string& relative)
{
  json e = {{"file", relative}};
  try {
    const std::string real = c.folder.resolve(relative);
    c.folder.check_extends(real);
    const Scenario s = read_scenario_file(real);
    c.folder.check_files(s);
    e["name"] = s.forbund.name;
    e["first_year"] = s.forbund.first_year;
    e["years"] = s.forbund.years;
    const std::string base = extends_of(read_whole(real));
    e["extends"] = nullptr;
    if (!base.empty()) {
      std::error_code ec;
      const fs::path b = fs::canonical(fs::path(real).parent_path() / base, ec);
      if (!ec && c.folder.contains(b.string())) e["extends"] = c.folder.relative(b.string());
    }
  } catch (const HttpError& x) {
    e["error"] = x.what();
  } catch (const InputError& x) {
    ProblemFiles files{c.folder, {}};
    e["error"] = problems_message(x, files);
  } catch (const std::exception& x) {
    e["error"] = x.what();
  }
  return e;
}

/// Validates scenario text standing in for `source` (a real path, existing or not): problems or
/// the warnings.
json validate_text(const ApiContext& c, const std::string& text, const std::string& source, const std::string& shown)
{
  ProblemFiles files{c.folder, {{source, shown}}};
  if (text.size() > max_scenario_bytes) throw HttpError(413, "scenariot är större än 4 MiB");
  const std::string extends = extends_of(text);
  if (!extends.empty()) {
    if (fs::path(extends).is_absolute())
      throw HttpError(400, "extends med en absolut sökväg tas inte emot: ange basen relativt filen");
    checked_base(c, fs::path(source).parent_path(), extends);
  }
  try {
    const PreparedScenario prepared = prepare(read_scenario_text(text, source));
    c.folder.check_files(prepared.scenario);
    return {{"ok", true}, {"problems", json::array()}, {"warnings", plausibility_warnings(prepared)}};
  } catch (const InputError& e) {
    return {{"ok", false}, {"problems", problems_json(e, files)}, {"warnings", json::array()}};
  }
}

/// Sends `bytes` as a file to save, named `name` (an ASCII fallback and the UTF-8 name, RFC 6266).
void attachment(httplib::Response& res, const std::string& bytes, const std::string& name, const char* type)
{
  std::string ascii, encoded;
  for (unsigned char ch : name) {
    ascii += ch < 0x80 && ch != '"' && ch != '\\' && ch >= 0x20 ? static_cast<char>(ch) : '_';
    encoded += std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_' ? std::string(1, static_cast<char>(ch))
                                                                       : fmt::format("%{:02X}", ch);
  }
  res.set_header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  res.set_content(bytes, type);
}

}  // namespace

/// A command of the CLI over the request's one scenario (a file of the folder, or a text with its
/// base): the options from the body's fields (field → option), runs and seed, the result file's
/// `groups` as JSON.
json scenario_command(const ApiContext& c, const httplib::Request& req, const json& body, const char* command,
                      const char* result, std::initializer_list<std::pair<const char*, const char*>> options,
                      const std::vector<std::string>& groups)
{
  SessionRun run(*c.sessions, session(req));
  const RequestScratch scratch(c);
  const RequestScenario scenario = request_scenario(c, scratch, body);
  const std::string h5 = scratch.file(result);
  std::vector<std::string> args{command, scenario.path, "-o", h5};
  for (const auto& [field, option] : options) add_option(body, field, option, args);
  add_runs_and_seed(body, c, args);
  run_cli(args, run.stop(), scenario.files);
  return read_result(run.stop(), h5, groups);
}

void add_api_routes(httplib::Server& server, ApiContext& c)
{
  // The Swedish names of the fixed vocabulary, for the page's forms before any answer.
  server.Get("/api/names", [](const httplib::Request&, httplib::Response& res) {
    answer(res, [&] { send_json(res, vocabulary_json()); });
  });

  server.Get("/api/scenarios", [&c](const httplib::Request&, httplib::Response& res) {
    answer(res, [&] {
      json list = json::array();
      for (const std::string& f : c.folder.scenario_files()) list.push_back(listing_entry(c, f));
      send_json(res, list);
    });
  });

  server.Get("/api/scenario", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const std::string file = req.get_param_value("file");
      const std::string real = c.folder.resolve(file);
      const std::string text = read_whole(real);
      if (text.size() > max_scenario_bytes) throw HttpError(413, "filen är större än 4 MiB");
      send_json(res, {{"file", c.folder.relative(real)}, {"text", text}});
    });
  });

  server.Get("/api/budget", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const std::string real = c.folder.resolve(req.get_param_value("file"));
      c.folder.check_extends(real);
      try {
        const Scenario s = read_scenario_file(real);
        c.folder.check_files(s);
        json table = budget_table(s);
        table["file"] = c.folder.relative(real);
        send_json(res, table);
      } catch (const InputError& e) {
        input_refused(e, ProblemFiles{c.folder, {}});
      }
    });
  });

  server.Post("/api/validate", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const json body = parse_body(req);
      const std::string text = required_text(body, "text");
      const std::optional<std::string> base = text_field(body, "base");
      const std::string source =
          base ? c.folder.resolve(*base) : (fs::path(c.folder.root()) / "scenario.toml").string();
      send_json(res, validate_text(c, text, source, base ? c.folder.relative(source) : ""));
    });
  });

  server.Post("/api/run", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const json body = parse_body(req);
      json out = scenario_command(c, req, body, "run", "resultat.h5", {}, {"deterministic", "montecarlo", "forecast"});
      if (out.contains("deterministic") && out["deterministic"].contains("year"))
        out["years"] = out["deterministic"]["year"];
      send_json(res, out);
    });
  });

  server.Post("/api/compare", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const json body = parse_body(req);
      SessionRun run(*c.sessions, session(req));
      const RequestScratch scratch(c);
      ProblemFiles files{c.folder, {}};
      std::vector<std::string> args{"compare", c.folder.resolve(required_text(body, "base"))};
      c.folder.check_extends(args.back());
      const std::vector<std::string> variants = text_list(body, "variants");
      if (variants.empty()) throw HttpError(400, "\"variants\" saknas: ange minst en variant att jämföra med basen");
      for (const std::string& v : variants) {
        args.push_back(c.folder.resolve(v));
        c.folder.check_extends(args.back());
      }
      const std::string h5 = scratch.file("jamforelse.h5");
      args.insert(args.end(), {"-o", h5});
      add_runs_and_seed(body, c, args);
      run_cli(args, run.stop(), files);
      send_json(res, read_result(run.stop(), h5, {"compare"}));
    });
  });

  server.Post("/api/room", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const json body = parse_body(req);
      if (!option_field(body, "from")) throw HttpError(400, "\"from\" saknas: året då den extra utgiften börjar");
      send_json(res, scenario_command(c, req, body, "room", "utrymme.h5",
                                      {{"from", "--from"},
                                       {"to", "--to"},
                                       {"payment", "--payment"},
                                       {"equity_target", "--equity-target"},
                                       {"target_probability", "--target-probability"},
                                       {"max_p_below_floor", "--max-p-below-floor"},
                                       {"max_p_cash_negative", "--max-p-cash-negative"},
                                       {"max_p_above_cap", "--max-p-above-cap"}},
                                      {"room"}));
    });
  });

  server.Post("/api/sensitivity", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const json body = parse_body(req);
      send_json(res, scenario_command(c, req, body, "sensitivity", "kanslighet.h5",
                                      {{"method", "--method"},
                                       {"output", "--output"},
                                       {"year", "--year"},
                                       {"fixed_swing", "--fixed-swing"},
                                       {"base_runs", "--base-runs"},
                                       {"resamples", "--resamples"}},
                                      {"sensitivity"}));
    });
  });

  server.Post("/api/merge", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const json body = parse_body(req);
      SessionRun run(*c.sessions, session(req));
      const RequestScratch scratch(c);
      ProblemFiles files{c.folder, {}};
      std::vector<std::string> args{"merge"};
      const std::vector<std::string> given = text_list(body, "files");
      if (given.size() < 2) throw HttpError(400, "\"files\" ska ge minst två förbunds scenarier");
      for (const std::string& f : given) {
        args.push_back(c.folder.resolve(f));
        c.folder.check_extends(args.back());
      }
      const std::string toml = scratch.file("sammanslaget.toml"), h5 = scratch.file("sammanslagning.h5");
      files.renamed.emplace_back(toml, "sammanslaget.toml");
      args.insert(args.end(), {"-o", toml, "--report", h5, "--name=" + required_text(body, "name")});
      if (!option_field(body, "from"))
        throw HttpError(400, "\"from\" saknas: året då det sammanslagna förbundet börjar");
      add_option(body, "from", "--from", args);
      add_option(body, "kansli", "--kansli", args);
      add_option(body, "styrelse", "--styrelse", args);
      if (const std::optional<std::string> equity = option_field(body, "equity")) {
        std::istringstream words(*equity);
        std::vector<std::string> given;
        for (std::string w; words >> w;) given.push_back(w);
        const bool keep = given.size() == 2 && given[0] == "keep" && !given[1].empty() &&
                          given[1].find_first_not_of("0123456789.") == std::string::npos;
        if (!keep && !(given.size() == 1 && (given[0] == "pooled" || given[0] == "returned")))
          throw HttpError(400, fmt::format("\"equity\": \"{}\" ska vara pooled, returned eller keep med ett belopp, "
                                           "t.ex. \"keep 500000\"",
                                           shorten(*equity)));
        args.push_back("--equity");
        args.insert(args.end(), given.begin(), given.end());
      }
      for (const std::string& d : text_list(body, "drop")) args.push_back("--drop=" + d);
      add_runs_and_seed(body, c, args);
      run_cli(args, run.stop(), files);
      json out = read_result(run.stop(), h5, {"merger", "deterministic", "montecarlo"});
      out["text"] = read_whole(toml);
      send_json(res, out);
    });
  });

  // Nytt förbund: the pasted budget table read (issue 27).
  server.Post("/api/budget-table", [](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const json body = parse_body(req);
      const std::string text = required_text(body, "text");
      if (text.size() > max_scenario_bytes) throw HttpError(413, "tabellen är större än 4 MiB");
      int first_year = 0;
      if (const std::optional<std::string> y = option_field(body, "first_year")) {
        char* end = nullptr;
        const long v = std::strtol(y->c_str(), &end, 10);
        if (y->empty() || *end != '\0' || v < 1900 || v > 2200)
          throw HttpError(400, fmt::format("\"first_year\": \"{}\" ska vara ett år, t.ex. 2025", shorten(*y)));
        first_year = static_cast<int>(v);
      }
      send_json(res, pasted_budget_json(read_budget_paste(text, first_year)));
    });
  });

  // Nytt förbund: the scenario written from the steps, read back, and saved as FOLDER/<file>
  // ("check": true only reads it back and shows the text).
  server.Post("/api/new", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const json body = parse_body(req);
      const std::string file = required_text(body, "file");
      const std::string target = c.folder.scenario_path(file);
      const NewForbund spec = new_forbund_of(body);
      const NewScenarioText written = write_new_scenario(spec);
      if (written.text.size() > max_scenario_bytes) throw HttpError(413, "scenariot blir större än 4 MiB");
      std::vector<PasteProblem> problems = written.problems;
      for (PasteProblem& p : read_back(written, target)) problems.push_back(std::move(p));
      const auto error =
          std::find_if(problems.begin(), problems.end(), [](const PasteProblem& p) { return p.level == "error"; });
      const bool check = body.contains("check") && body["check"].is_boolean() && body["check"].get<bool>();
      if (check) {
        send_json(res, {{"ok", error == problems.end()},
                        {"file", file},
                        {"text", written.text},
                        {"problems", paste_problems_json(problems)}});
        return;
      }
      if (error != problems.end())
        throw HttpError(400,
                        fmt::format("{} sparas inte: {}{}", file, error->message,
                                    error->row > 0 ? fmt::format(" (inklistrad budget, rad {})", error->row) : ""),
                        json{{"problems", paste_problems_json(problems)}});
      const bool replace = body.contains("replace") && body["replace"].is_boolean() && body["replace"].get<bool>();
      send_json(
          res,
          {{"file", c.folder.write_scenario(file, written.text, replace)}, {"problems", paste_problems_json(problems)}},
          201);
    });
  });

  server.Post("/api/variant", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const json body = parse_body(req);
      const std::string base = c.folder.resolve(required_text(body, "base"));
      c.folder.check_extends(base);
      const std::string name = required_text(body, "name");
      const std::string target = c.folder.variant_path(name);
      std::string text = text_field(body, "text").value_or("");
      const fs::path variants = fs::path(c.folder.root()) / "variants";
      const std::string own = extends_of(text);
      if (!own.empty()) {
        std::error_code ec;
        const fs::path named = fs::weakly_canonical(variants / own, ec);
        if (ec || named.string() != base)
          throw HttpError(400, fmt::format("texten har extends = \"{}\" men basen är {}: ta bort raden eller ange "
                                           "samma bas",
                                           shorten(own), c.folder.relative(base)));
        text = without_extends(text);
      }
      std::string file =
          "extends = " + json(fs::path(base).lexically_relative(variants).generic_string()).dump() + "\n";
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) file += line + "\n";
      if (body.contains("budget") && !body["budget"].is_null()) file += budget_lines(body["budget"]);
      const json check = validate_text(c, file, target, "variants/" + name + ".toml");
      if (!check["ok"].get<bool>()) {
        const json& first = check["problems"][0];
        throw HttpError(
            400,
            fmt::format("varianten klarar inte granskningen: {}:{}:{}: {}", first["file"].get<std::string>(),
                        first["line"].get<int>(), first["column"].get<int>(), first["message"].get<std::string>()),
            json{{"problems", check["problems"]}});
      }
      const bool replace = body.contains("replace") && body["replace"].is_boolean() && body["replace"].get<bool>();
      send_json(res, {{"file", c.folder.write_variant(name, file, replace)}}, 201);
    });
  });

  server.Get("/api/download", [&c](const httplib::Request& req, httplib::Response& res) {
    answer(res, [&] {
      const std::string real = c.folder.resolve(req.get_param_value("file"));
      const std::string kind = req.has_param("kind") ? req.get_param_value("kind") : "toml";
      const std::string stem = fs::path(real).stem().string();
      if (kind == "toml") {
        attachment(res, read_whole(real), stem + ".toml", "application/toml; charset=utf-8");
        return;
      }
      if (kind != "h5" && kind != "xlsx") throw HttpError(400, "kind ska vara toml, h5 eller xlsx");
      c.folder.check_extends(real);
      SessionRun run(*c.sessions, session(req) + "/download");  // a download does not cancel the view's run
      const RequestScratch scratch(c);
      const ProblemFiles files{c.folder, {}};
      const std::string h5 = scratch.file(stem + ".h5");
      run_cli({"run", real, "-o", h5, "--runs", std::to_string(c.runs), "--seed", std::to_string(c.seed), "--quiet"},
              run.stop(), files);
      if (kind == "h5") {
        attachment(res, read_whole(h5), stem + ".h5", "application/x-hdf5");
        return;
      }
      const std::string xlsx = scratch.file(stem + ".xlsx");
      run_cli({"report", h5, "-o", xlsx}, run.stop(), files);
      attachment(res, read_whole(xlsx), stem + ".xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    });
  });
}

}  // namespace finsim::serve
