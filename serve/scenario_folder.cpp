#include "serve/scenario_folder.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>

#include "input/ascii_text.h"
#include "input/input_error.h"
#include "input/new_scenario.h"
#include "input/scenario.h"
#include "output/atomic_write.h"
#include "serve/http_error.h"

namespace finsim::serve {

namespace fs = std::filesystem;

namespace {

/// The real path of `path`, or "" when it does not exist.
std::string real_path(const std::string& path)
{
  char buffer[PATH_MAX];
  if (::realpath(path.c_str(), buffer) == nullptr) return "";
  return buffer;
}

/// The `extends = "..."` line at the top of a scenario text: its line number (0-based) and the
/// value's span, or npos.
struct ExtendsLine {
  std::size_t line = std::string::npos;
  std::string value;
};

ExtendsLine find_extends(const std::string& text)
{
  static const std::regex pattern(R"re(^\s*"?extends"?\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(#.*)?\r?$)re");
  std::istringstream in(text);
  std::string line;
  for (std::size_t n = 0; std::getline(in, line); ++n) {
    const std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] == '[') break;  // a table: past the top
    std::smatch m;
    if (std::regex_match(line, m, pattern)) return {n, m[1].matched ? m[1].str() : m[2].str()};
  }
  return {};
}

bool is_name_character(const std::string& name, std::size_t& at)
{
  const unsigned char c = static_cast<unsigned char>(name[at]);
  if (std::isalnum(c) || c == '-' || c == '_') {
    ++at;
    return true;
  }
  // å ä ö Å Ä Ö (and é, ü) in UTF-8.
  static const char* const letters[] = {"å", "ä", "ö", "Å", "Ä", "Ö", "é", "É", "ü", "Ü"};
  for (const char* l : letters) {
    const std::size_t n = std::char_traits<char>::length(l);
    if (name.compare(at, n, l) == 0) {
      at += n;
      return true;
    }
  }
  return false;
}

}  // namespace

ScenarioFolder::ScenarioFolder(const std::string& path)
{
  root_ = real_path(path);
  struct stat st {};
  if (root_.empty() || ::stat(root_.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw InputError(
        fmt::format("{}: mappen med scenarier finns inte; skapa den (mkdir \"{}\") för ett nytt förbund, eller ge en "
                    "befintlig mapp, t.ex. finsim serve scenarios",
                    path, path));
}

bool ScenarioFolder::contains(const std::string& real) const
{
  return real == root_ || (real.size() > root_.size() && real.compare(0, root_.size(), root_) == 0 &&
                           (root_ == "/" || real[root_.size()] == '/'));
}

std::string ScenarioFolder::relative(const std::string& real) const
{
  return fs::path(real).lexically_relative(root_).generic_string();
}

std::string ScenarioFolder::resolve(const std::string& relative_path) const
{
  if (relative_path.empty()) throw HttpError(400, "filnamn saknas: ange en fil i scenariomappen, t.ex. \"file\"");
  if (relative_path.find('\0') != std::string::npos)
    throw HttpError(400, "filnamnet innehåller ett nolltecken: ange en fil i scenariomappen");
  const fs::path p(relative_path);
  if (p.is_absolute() || relative_path[0] == '/' || relative_path[0] == '\\')
    throw HttpError(400, fmt::format("{}: absoluta sökvägar tas inte emot; ange filen relativt scenariomappen",
                                     shorten(relative_path)));
  for (const fs::path& part : p)
    if (part == "..")
      throw HttpError(400, fmt::format("{}: '..' tas inte emot; ange en fil i scenariomappen", shorten(relative_path)));
  const std::string joined = (fs::path(root_) / p).string();
  const std::string real = real_path(joined);
  if (real.empty()) {
    struct stat st {};
    if (::lstat(joined.c_str(), &st) == 0)  // a link to nowhere
      throw HttpError(403, fmt::format("{}: en symbolisk länk som inte leder till en fil i scenariomappen",
                                       shorten(relative_path)));
    throw HttpError(404, fmt::format("{}: filen finns inte i scenariomappen", shorten(relative_path)));
  }
  if (!contains(real))
    throw HttpError(403, fmt::format("{}: filen ligger utanför scenariomappen (en symbolisk länk ut ur mappen)",
                                     shorten(relative_path)));
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    throw HttpError(403, fmt::format("{}: inte en vanlig fil", shorten(relative_path)));
  return real;
}

void ScenarioFolder::check_files(const Scenario& scenario) const
{
  for (const ScenarioFile& f : scenario.files) {
    if (f.path.empty()) continue;
    const std::string real = real_path(f.path);
    if (!real.empty() && !contains(real))
      throw HttpError(403, fmt::format("{}: scenariot bygger på en fil utanför scenariomappen (extends); bara filer i "
                                       "mappen får läsas",
                                       shorten(fs::path(f.path).filename().string())));
  }
}

void ScenarioFolder::check_extends(const std::string& real) const
{
  std::string file = real;
  for (int depth = 0; depth < 17; ++depth) {
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string base = extends_of(text);
    if (base.empty()) return;
    const fs::path next = fs::path(base).is_absolute() ? fs::path(base) : fs::path(file).parent_path() / base;
    const std::string next_real = real_path(next.string());
    if (next_real.empty()) return;  // missing: the reader says so
    if (!contains(next_real))
      throw HttpError(403, fmt::format("{}: extends = \"{}\" leder ut ur scenariomappen; bara filer i mappen får läsas",
                                       relative(file), shorten(base)));
    file = next_real;
  }
}

std::vector<std::string> ScenarioFolder::scenario_files() const
{
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it.depth() > 8) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() != ".toml") continue;
    const std::string real = real_path(it->path().string());
    struct stat st {};
    if (real.empty() || !contains(real) || ::stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    files.push_back(relative(it->path().string()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

namespace {

/// `name` checked as a file stem a request may give: letters (also åäö), digits, - and _.
void check_stem(const std::string& name, const char* example)
{
  bool ok = !name.empty() && name.size() <= 100;
  for (std::size_t at = 0; ok && at < name.size();) ok = is_name_character(name, at);
  if (!ok)
    throw HttpError(400, fmt::format("namnet \"{}\" duger inte: använd bokstäver (också åäö), siffror, - och _, högst "
                                     "100 tecken, t.ex. \"{}\"",
                                     shorten(name), example));
}

/// The writing lock: the existence check and the write as one step, for every file the server writes.
std::mutex writing;

}  // namespace

std::string ScenarioFolder::variant_path(const std::string& name) const
{
  check_stem(name, "samcoach-fortsatter");
  return (fs::path(root_) / "variants" / (name + ".toml")).string();
}

std::string ScenarioFolder::scenario_path(const std::string& file) const
{
  const std::string suffix = ".toml";
  if (file.size() <= suffix.size() || file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0)
    throw HttpError(400,
                    fmt::format("filnamnet \"{}\" ska sluta på .toml, t.ex. \"ostersund-2025.toml\"", shorten(file)));
  check_stem(file.substr(0, file.size() - suffix.size()), "ostersund-2025");
  return (fs::path(root_) / file).string();
}

std::string ScenarioFolder::write_new(const std::string& path, const std::string& shown, const std::string& text,
                                      bool replace) const
{
  const std::lock_guard<std::mutex> lock(writing);
  const fs::path folder = fs::path(path).parent_path();
  struct stat st {};
  if (::lstat(folder.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode))
      throw HttpError(403, fmt::format("{} i scenariomappen är inte en mapp (kanske en symbolisk länk): inget skrevs",
                                       folder.filename().string()));
  } else if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST) {
    throw HttpError(
        500, fmt::format("mappen {} kunde inte skapas: {}", folder.filename().string(), system_error_text(errno)));
  }
  if (::lstat(path.c_str(), &st) == 0) {
    if (!replace)
      throw HttpError(409,
                      fmt::format("{} finns redan: välj ett annat namn eller ersätt den (\"replace\": true)", shown));
    if (!S_ISREG(st.st_mode)) throw HttpError(403, fmt::format("{} är inte en vanlig fil: den ersätts inte", shown));
  }
  write_atomically(path, std::span<const char>(text.data(), text.size()), shown);
  return shown;
}

std::string ScenarioFolder::write_variant(const std::string& name, const std::string& text, bool replace) const
{
  return write_new(variant_path(name), "variants/" + name + ".toml", text, replace);
}

std::string ScenarioFolder::write_scenario(const std::string& file, const std::string& text, bool replace) const
{
  return write_new(scenario_path(file), file, text, replace);
}

std::string extends_of(const std::string& text)
{
  // As the reader sees it (toml++ on the ASCII text), so that no way of writing the key slips by;
  // a text the reader refuses before it follows `extends` has none to check.
  if (text.find('\0') != std::string::npos) return "";
  AsciiText ascii;
  if (AsciiText::convert(text, "", ascii)) return "";
  try {
    const toml::table root = toml::parse(ascii.text());
    if (const std::optional<std::string> base = root["extends"].value<std::string>()) return *base;
  } catch (const toml::parse_error&) {
  }
  return "";
}

std::string with_extends(const std::string& text, const std::string& base)
{
  const ExtendsLine e = find_extends(text);
  if (e.line == std::string::npos) {
    if (extends_of(text).empty()) return text;
    throw HttpError(400, "skriv extends överst, på en egen rad: extends = \"bas.toml\"");
  }
  std::istringstream in(text);
  std::ostringstream out;
  std::string line;
  for (std::size_t n = 0; std::getline(in, line); ++n) {
    if (n == e.line) line = "extends = " + toml_quoted(base);
    out << line;
    if (!in.eof()) out << '\n';
  }
  return out.str();
}

std::string without_extends(const std::string& text)
{
  const ExtendsLine e = find_extends(text);
  if (e.line == std::string::npos) {
    if (extends_of(text).empty()) return text;
    throw HttpError(400, "skriv extends överst, på en egen rad: extends = \"bas.toml\"");
  }
  std::istringstream in(text);
  std::ostringstream out;
  std::string line;
  for (std::size_t n = 0; std::getline(in, line); ++n)
    if (n != e.line) out << line << '\n';
  return out.str();
}

}  // namespace finsim::serve
