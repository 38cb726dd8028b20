#include "input/variant.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "input/scenario_reader.h"
#include "input/toml_error.h"

namespace finsim {

namespace fs = std::filesystem;

namespace {

/// Tables merged key by key (clarification 32): sections, and the sections of an entry named by
/// its array ("insats.participants"). Every other table (a distribution, a share table,
/// exit_support, history, …) is a value and is replaced whole, like arrays and numbers.
const std::set<std::string> sections{"forbund",
                                     "funding",
                                     "funding.contributions",
                                     "funding.allocation",
                                     "actual",
                                     "year_to_date",
                                     "year_to_date.lines",
                                     "valuation",
                                     "insats.participants",
                                     "insats.participants.observed"};

/// The arrays of tables whose entries are matched by name.
const std::set<std::string> named_entries{"member", "income", "cost", "insats"};

/// The three ways to give the state's money: giving one in a variant drops the others.
const std::vector<std::string> funding_sources{"state", "contributions", "allocation"};

std::string joined(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

/// Line `line` (1-based) of `text`, without its line break; "" past the end.
std::string_view line_of(std::string_view text, int line)
{
  std::size_t begin = 0;
  for (int k = 1; k < line; ++k) {
    begin = text.find('\n', begin);
    if (begin == std::string_view::npos) return {};
    ++begin;
  }
  const std::size_t end = std::min(text.find('\n', begin), text.size());
  return text.substr(begin, end - begin);
}

/// One parsed file of a chain.
struct ParsedFile {
  SourceFile file;
  toml::table root;
};

/// Checks and converts one file's text and parses it.
ParsedFile parse_file(std::string text, const std::string& source)
{
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError({Problem{source, 0, 0, "",
                              "scenariot är tomt: det behöver minst tabellerna [forbund], [funding] och "
                              "[[member]] (se docs/scenario-format.md)"}});
  if (std::size_t nul = text.find('\0'); nul != std::string::npos)
    throw InputError({Problem{source, 0, 0, "",
                              fmt::format("innehåller binära data (en NUL-byte vid position {}): ett scenario är "
                                          "en textfil i TOML med UTF-8",
                                          nul)}});
  ParsedFile parsed;
  parsed.file.path = source;
  if (std::optional<Problem> p = AsciiText::convert(text, source, parsed.file.ascii)) throw InputError({*p});
  parsed.file.text = std::move(text);
  try {
    parsed.root = toml::parse(parsed.file.ascii.text(), source);
  } catch (const toml::parse_error& e) {
    const auto line = static_cast<int>(e.source().begin.line);
    const auto ascii_column = static_cast<int>(e.source().begin.column);
    const int column = parsed.file.ascii.original_column(line, ascii_column);
    throw InputError(
        {Problem{source, line, column, "",
                 toml_syntax_message(e.description(), line_of(parsed.file.ascii.text(), line), ascii_column)}});
  }
  return parsed;
}

/// Moves `value` into `table` under `key` (replacing what was there): the node keeps its source.
void put(toml::table& table, const toml::key& key, toml::node& value)
{
  table.erase(key.str());
  value.visit([&](auto& v) { table.insert_or_assign(key, std::move(v)); });
}

/// Merges one variant file's tree onto its (merged) base, collecting problems.
class Merger {
 public:
  explicit Merger(const ScenarioTree& tree) : tree_(tree) {}

  void merge_root(toml::table& base, toml::table& variant)
  {
    for (auto&& [key, value] : variant) {
      const std::string name(key.str());
      if (name == "extends") continue;
      if (named_entries.count(name) && entries(base, value, name)) {
        merge_entries(base, key, *value.as_array(), name);
        continue;
      }
      if (name == "correlation" && entries(base, value, name)) {
        merge_correlations(base, key, *value.as_array());
        continue;
      }
      merge_key(base, key, value, name);
    }
  }

  const std::vector<Problem>& problems() const { return problems_; }

 private:
  /// True when both the variant's and the base's `name` are arrays of tables (else the value
  /// simply replaces the base's and the reader reports what is wrong with it).
  static bool entries(const toml::table& base, const toml::node& value, const std::string& name)
  {
    const toml::node* b = base.get(name);
    return value.is_array_of_tables() && (b == nullptr || b->is_array_of_tables());
  }

  /// One key of a section: a section merges key by key, anything else replaces.
  void merge_key(toml::table& base, const toml::key& key, toml::node& value, const std::string& path)
  {
    if (path == "funding.state" || path == "funding.contributions" || path == "funding.allocation")
      for (const std::string& other : funding_sources)
        if (other != key.str()) base.erase(other);
    toml::node* existing = base.get(key.str());
    if (sections.count(path) && value.is_table() && existing != nullptr && existing->is_table()) {
      merge_table(*existing->as_table(), *value.as_table(), path);
      return;
    }
    put(base, key, value);
  }

  void merge_table(toml::table& base, toml::table& variant, const std::string& path)
  {
    for (auto&& [key, value] : variant) merge_key(base, key, value, joined(path, std::string(key.str())));
  }

  /// `remove` of an entry: true (drop it), false or absent (merge it); a problem when it is not a
  /// boolean or stands beside other keys than those that identify the entry.
  std::optional<bool> removal(toml::table& entry, const std::string& where, std::size_t identifying)
  {
    toml::node* r = entry.get("remove");
    if (r == nullptr) return false;
    if (!r->is_boolean()) {
      problems_.push_back(tree_.problem(r->source(), where + ".remove", "ska vara true eller false"));
      return std::nullopt;
    }
    const bool remove = r->as_boolean()->get();
    if (remove && entry.size() != identifying + 1) {
      problems_.push_back(
          tree_.problem(r->source(), where + ".remove",
                        "remove = true tar bort posten: ge inga andra nycklar bredvid (utom det som pekar ut posten)"));
      return std::nullopt;
    }
    entry.erase("remove");
    return remove;
  }

  /// How a list's entries are matched: whether a base entry is the variant's, the problem when a
  /// removal matches none, and how many keys identify an entry (`remove` may stand beside them).
  struct Match {
    std::function<bool(const toml::table&)> same;
    std::function<Problem(const toml::array&)> missing;
    std::size_t identifying = 0;
  };

  /// Merges a variant's list onto the base's, entry by entry: `identify` gives an entry's Match,
  /// or records why it has none. A matching entry is merged key by key (or dropped with
  /// `remove = true`); a new one is added after the base's.
  template <typename Identify>
  void merge_list(toml::table& base, const toml::key& key, toml::array& variant, const std::string& kind,
                  Identify identify)
  {
    if (base.get(kind) == nullptr) base.insert_or_assign(key, toml::array{});  // new entries only
    toml::array& list = *base.get(kind)->as_array();
    for (std::size_t i = 0; i < variant.size(); ++i) {
      toml::table& entry = *variant[i].as_table();
      const std::string where = fmt::format("{}[{}]", kind, i);
      const std::optional<Match> match = identify(entry, where);
      if (!match) continue;
      const std::optional<bool> remove = removal(entry, where, match->identifying);
      if (!remove) continue;
      auto same = std::find_if(list.begin(), list.end(),
                               [&](const toml::node& n) { return n.is_table() && match->same(*n.as_table()); });
      if (same == list.end()) {
        if (*remove)
          problems_.push_back(match->missing(list));
        else
          list.push_back(std::move(entry));
      } else if (*remove) {
        list.erase(same);
      } else {
        merge_table(*same->as_table(), entry, kind);
      }
    }
    if (list.empty()) base.erase(kind);  // an empty list is not an array of tables
  }

  /// [[member]], [[income]], [[cost]] and [[insats]] entries, matched by name.
  void merge_entries(toml::table& base, const toml::key& key, toml::array& variant, const std::string& kind)
  {
    std::set<std::string> seen;
    merge_list(
        base, key, variant, kind, [&](const toml::table& entry, const std::string& where) -> std::optional<Match> {
          const toml::node* name_node = entry.get("name");
          if (name_node == nullptr || !name_node->is_string()) {
            problems_.push_back(
                tree_.problem(entry.source(), where + ".name",
                              fmt::format("en variants [[{}]] behöver sitt name, för att matcha basens post "
                                          "eller lägga till en ny",
                                          kind)));
            return std::nullopt;
          }
          const std::string name = name_node->as_string()->get();
          if (!seen.insert(name).second) {
            problems_.push_back(
                tree_.problem(name_node->source(), where + ".name",
                              fmt::format("\"{}\" står två gånger i varianten: ge varje post en gång", shorten(name))));
            return std::nullopt;
          }
          return Match{[name](const toml::table& t) { return name_of(t) == name; },
                       [this, name_node, where, kind, name](const toml::array& list) {
                         return tree_.problem(
                             name_node->source(), where + ".name",
                             fmt::format("remove = true: basen har ingen [[{}]] med namnet \"{}\"{}", kind,
                                         shorten(name), did_you_mean(name, names(list), '"', "den har")));
                       },
                       1};
        });
  }

  /// An entry's name, or "" when it has none.
  static std::string name_of(const toml::table& t)
  {
    const toml::node* name = t.get("name");
    return name != nullptr && name->is_string() ? name->as_string()->get() : std::string();
  }

  static std::vector<std::string> names(const toml::array& list)
  {
    std::vector<std::string> out;
    for (const toml::node& n : list)
      if (n.is_table() && !name_of(*n.as_table()).empty()) out.push_back(name_of(*n.as_table()));
    return out;
  }

  /// The unordered pair (a, b) of a correlation entry, or nullopt when it is not two strings.
  static std::optional<std::pair<std::string, std::string>> pair_of(const toml::table& entry)
  {
    const toml::node* a = entry.get("a");
    const toml::node* b = entry.get("b");
    if (a == nullptr || b == nullptr || !a->is_string() || !b->is_string()) return std::nullopt;
    return std::minmax(a->as_string()->get(), b->as_string()->get());
  }

  /// [[correlation]] entries, matched by their unordered pair.
  void merge_correlations(toml::table& base, const toml::key& key, toml::array& variant)
  {
    merge_list(base, key, variant, "correlation",
               [&](const toml::table& entry, const std::string& where) -> std::optional<Match> {
                 const auto pair = pair_of(entry);
                 if (!pair) {
                   problems_.push_back(tree_.problem(entry.source(), where,
                                                     "en variants [[correlation]] behöver a och b, för att matcha "
                                                     "basens par eller lägga till ett nytt"));
                   return std::nullopt;
                 }
                 return Match{[pair](const toml::table& t) { return pair_of(t) == pair; },
                              [this, &entry, where, pair](const toml::array&) {
                                return tree_.problem(entry.source(), where,
                                                     fmt::format("remove = true: basen korrelerar inget par \"{}\" – "
                                                                 "\"{}\"",
                                                                 shorten(pair->first), shorten(pair->second)));
                              },
                              2};
               });
  }

  const ScenarioTree& tree_;
  std::vector<Problem> problems_;
};

/// The `extends` of a file's root: the base's path beside the file, or "" when there is none.
std::string base_path(const ScenarioTree& tree, const toml::table& root, const std::string& source)
{
  const toml::node* e = root.get("extends");
  if (e == nullptr) return "";
  if (!e->is_string() || e->as_string()->get().empty())
    throw InputError({tree.problem(e->source(), "extends",
                                   "ska vara basscenariots sökväg som en sträng, t.ex. extends = "
                                   "\"solleftea-2024.toml\" (relativt den här filen)")});
  const fs::path base(e->as_string()->get());
  return (base.is_absolute() ? base : (fs::path(source).parent_path() / base)).lexically_normal().string();
}

/// The identity of a file for cycle detection.
std::string identity(const std::string& path)
{
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? fs::path(path).lexically_normal().string() : canonical.string();
}

}  // namespace

const SourceFile& ScenarioTree::file_of(const toml::source_region& where) const
{
  if (where.path)
    for (const SourceFile& f : files)
      if (f.path == *where.path) return f;
  return files.front();
}

Problem ScenarioTree::problem(const toml::source_region& where, const std::string& key,
                              const std::string& message) const
{
  const SourceFile& f = file_of(where);
  const auto line = static_cast<int>(where.begin.line);
  return Problem{f.path, line, line > 0 ? f.ascii.original_column(line, static_cast<int>(where.begin.column)) : 0, key,
                 message};
}

ScenarioTree read_scenario_tree(std::string text, const std::string& source)
{
  ScenarioTree tree;
  std::vector<toml::table> roots;  // the named file's first
  std::vector<std::string> seen{identity(source)};
  std::string chain = source;
  std::string next_text = std::move(text), next_source = source;
  for (;;) {
    ParsedFile parsed = parse_file(std::move(next_text), next_source);
    tree.files.push_back(std::move(parsed.file));
    roots.push_back(std::move(parsed.root));
    const std::string base = base_path(tree, roots.back(), next_source);
    if (base.empty()) break;
    const toml::node& extends = *roots.back().get("extends");
    chain += " → " + base;
    if (std::find(seen.begin(), seen.end(), identity(base)) != seen.end())
      throw InputError({tree.problem(extends.source(), "extends",
                                     fmt::format("varianterna bygger på varandra i en ring: {}; en av dem måste vara "
                                                 "ett scenario utan extends",
                                                 chain))});
    if (static_cast<int>(seen.size()) >= max_extends_depth)
      throw InputError({tree.problem(
          extends.source(), "extends",
          fmt::format("fler än {} filer bygger på varandra ({}): är det rätt bas?", max_extends_depth, chain))});
    seen.push_back(identity(base));
    try {
      next_text = read_scenario_bytes(base);
    } catch (const InputError& e) {
      std::vector<Problem> problems{
          tree.problem(extends.source(), "extends", fmt::format("basen \"{}\" kan inte läsas", base))};
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      throw InputError(problems);
    }
    next_source = base;
  }
  // Merge from the deepest base up: each file onto the merge of the files it extends.
  tree.root = std::move(roots.back());
  for (std::size_t i = roots.size() - 1; i-- > 0;) {
    Merger merger(tree);
    merger.merge_root(tree.root, roots[i]);
    if (!merger.problems().empty()) throw InputError(merger.problems());
  }
  tree.root.erase("extends");
  return tree;
}

std::string read_scenario_bytes(const std::string& path)
{
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    throw InputError({Problem{path, 0, 0, "", "filen finns inte: ange sökvägen till en scenariofil (.toml)"}});
  if (!fs::is_regular_file(status))
    throw InputError({Problem{path, 0, 0, "", "ingen vanlig fil: ange sökvägen till en scenariofil (.toml)"}});
  const auto size = fs::file_size(path, ec);
  if (!ec && size > max_scenario_bytes)
    throw InputError({Problem{path, 0, 0, "",
                              fmt::format("filen är {} byte; en scenariofil får vara högst {} byte (4 MiB): är "
                                          "det rätt fil?",
                                          message_number(static_cast<double>(size)),
                                          message_number(static_cast<double>(max_scenario_bytes)))}});
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError({Problem{path, 0, 0, "",
                              errno == EACCES || errno == EPERM
                                  ? std::string("kan inte öppnas för läsning: åtkomst nekad")
                                  : fmt::format("kan inte öppnas för läsning (systemfel {})", errno)}});
  std::string text;
  text.resize(max_scenario_bytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_scenario_bytes)
    throw InputError({Problem{path, 0, 0, "", "filen är större än 4 MiB: är det rätt fil?"}});
  return text;
}

namespace {

/// Writes a TOML tree as text a user can read and finsim reads back: strings in double quotes
/// (the pre-scan refuses non-ASCII in literal strings), numbers in their shortest exact form,
/// `name` first in every table, then values, sections and arrays of tables in key order.
class TomlWriter {
 public:
  explicit TomlWriter(const TreeComments* comments = nullptr) : comments_(comments) {}

  std::string text(const toml::table& root)
  {
    section(root, "");
    return out_.str();
  }

 private:
  static std::string key(std::string_view k)
  {
    const bool bare = !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
    return bare ? std::string(k) : quoted(k);
  }

  static std::string quoted(std::string_view s)
  {
    std::string q = "\"";
    for (const char c : s) {
      switch (c) {
        case '"': q += "\\\""; break;
        case '\\': q += "\\\\"; break;
        case '\n': q += "\\n"; break;
        case '\t': q += "\\t"; break;
        case '\r': q += "\\r"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            q += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
          else
            q += c;
      }
    }
    return q + '"';
  }

  static bool is_section(const toml::node& n) { return n.is_table() && !n.as_table()->is_inline(); }
  static bool is_section_list(const toml::node& n)
  {
    return n.is_array_of_tables() && std::all_of(n.as_array()->begin(), n.as_array()->end(), is_section);
  }

  static std::string value(const toml::node& n)
  {
    if (const auto* s = n.as_string()) return quoted(s->get());
    if (const auto* i = n.as_integer()) return fmt::format("{}", i->get());
    if (const auto* b = n.as_boolean()) return b->get() ? "true" : "false";
    if (const auto* d = n.as_floating_point()) {
      std::string x = fmt::format("{}", d->get());
      if (x.find_first_of(".eEn") == std::string::npos) x += ".0";
      return x;
    }
    if (const auto* a = n.as_array()) {
      std::string list = "[";
      for (std::size_t i = 0; i < a->size(); ++i) list += (i ? ", " : "") + value((*a)[i]);
      return list + "]";
    }
    if (const auto* t = n.as_table()) {
      std::string inline_table = "{";
      bool first = true;
      for (auto&& [k, v] : *t) {
        inline_table += (first ? " " : ", ") + key(k.str()) + " = " + value(v);
        first = false;
      }
      return inline_table + (first ? "}" : " }");
    }
    std::ostringstream other;  // dates and times
    n.visit([&](auto&& v) { other << v; });
    return other.str();
  }

  /// The comment kept for `node`, or null.
  const std::string* comment(const toml::node& node) const
  {
    if (comments_ == nullptr) return nullptr;
    const auto at = comments_->find(&node);
    return at == comments_->end() ? nullptr : &at->second;
  }

  /// A value line, with its comment after it.
  void line(std::string_view k, const toml::node& v)
  {
    out_ << key(k) << " = " << value(v);
    if (const std::string* c = comment(v)) out_ << "  # " << *c;
    out_ << '\n';
  }

  /// A section's header, with its comment lines above it.
  void header(const toml::node& table, const std::string& text)
  {
    out_ << '\n';
    if (const std::string* c = comment(table)) {
      std::istringstream lines(*c);
      for (std::string l; std::getline(lines, l);) out_ << "# " << l << '\n';
    }
    out_ << text << '\n';
  }

  void section(const toml::table& t, const std::string& path)
  {
    if (const toml::node* name = t.get("name"); name != nullptr && !is_section(*name) && !is_section_list(*name))
      line("name", *name);
    for (auto&& [k, v] : t)
      if (k.str() != "name" && !is_section(v) && !is_section_list(v)) line(k.str(), v);
    for (auto&& [k, v] : t)
      if (is_section(v)) {
        const std::string sub = path.empty() ? key(k.str()) : path + "." + key(k.str());
        header(v, "[" + sub + "]");
        section(*v.as_table(), sub);
      }
    for (auto&& [k, v] : t)
      if (is_section_list(v)) {
        const std::string sub = path.empty() ? key(k.str()) : path + "." + key(k.str());
        for (const toml::node& entry : *v.as_array()) {
          header(entry, "[[" + sub + "]]");
          section(*entry.as_table(), sub);
        }
      }
  }

  const TreeComments* comments_;
  std::ostringstream out_;
};

}  // namespace

std::string tree_text(const toml::table& root, const TreeComments& comments)
{
  std::string text = TomlWriter(comments.empty() ? nullptr : &comments).text(root);
  return text.erase(0, text.find_first_not_of('\n'));
}

}  // namespace finsim
