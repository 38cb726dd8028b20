#include "input/ascii_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace finsim {

namespace {

enum class Where { code, comment, basic, literal, multi_basic, multi_literal };

bool starts(const std::string& text, std::size_t at, const char* what)
{
  return text.compare(at, std::char_traits<char>::length(what), what) == 0;
}

/// The code point of the UTF-8 sequence at `at` and its length in bytes; length 0 when invalid.
std::pair<char32_t, std::size_t> decode(const std::string& text, std::size_t at)
{
  const auto c = static_cast<unsigned char>(text[at]);
  const std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || at + n > text.size()) return {0, 0};
  char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(text[at + k]);
    if ((b & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
  return {cp, n};
}

bool name_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_' || c == '-'; }

/// The name around byte `at` (for the message), cut after whole characters, and its first byte.
std::pair<std::string, std::size_t> name_around(const std::string& text, std::size_t at)
{
  std::size_t from = at;
  while (from > 0 && name_byte(static_cast<unsigned char>(text[from - 1]))) --from;
  std::size_t to = at;
  while (to < text.size() && name_byte(static_cast<unsigned char>(text[to])) && to - from < 60) ++to;
  while (to < text.size() && to > from && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
  return {text.substr(from, to - from), from};
}

/// Characters (not bytes) in text[from, to).
int characters(const std::string& text, std::size_t from, std::size_t to)
{
  int n = 0;
  for (std::size_t k = from; k < to; ++k) n += (static_cast<unsigned char>(text[k]) & 0xC0) != 0x80;
  return n;
}

/// One pass over the text: the state follows TOML's strings and comments, positions count
/// characters in the original and in the ASCII text.
struct Conversion {
  const std::string& text;
  const std::string& source;
  std::string& out;
  std::vector<std::pair<int, std::pair<int, int>>>& escapes;
  Where where = Where::code;
  int line = 1, column = 1, ascii_column = 1;

  /// The non-ASCII character at `i`, escaped, replaced or refused; sets `length` to its bytes.
  std::optional<Problem> non_ascii(std::size_t i, std::size_t& length)
  {
    const auto [cp, n] = decode(text, i);
    length = n;
    if (n == 0)
      return Problem{source, line, column, "",
                     fmt::format("ingen UTF-8-text (byten 0x{:02X}): spara scenariot som UTF-8 (TOML:s teckenkodning)",
                                 static_cast<unsigned char>(text[i]))};
    const bool basic = where == Where::basic || where == Where::multi_basic;
    if (basic && i > 0 && text[i - 1] == '\\' && (i < 2 || text[i - 2] != '\\'))
      return Problem{source, line, column - 1, "",
                     "ett \\ framför ett tecken utanför ASCII: en sådan escapesekvens finns inte i TOML; ta bort \\"};
    if (basic) {
      const std::string escape = cp <= 0xFFFF ? fmt::format("\\u{:04X}", static_cast<unsigned>(cp))
                                              : fmt::format("\\U{:08X}", static_cast<unsigned>(cp));
      escapes.push_back({line, {ascii_column, static_cast<int>(escape.size()) - 1}});
      out += escape;
      ascii_column += static_cast<int>(escape.size());
    } else if (where == Where::comment) {
      out += '?';
      ascii_column += 1;
    } else if (where == Where::literal || where == Where::multi_literal) {
      return Problem{
          source, line, column, "",
          "ett tecken utanför ASCII (å, ä, ö, …) i en sträng inom '…': skriv strängen inom dubbla citattecken, "
          "\"…\""};
    } else if (cp == 0x00A0 || cp == 0x2007 || cp == 0x2009 || cp == 0x202F || cp == 0x2212) {
      // A number copied from a report: "1 416 000" with non-breaking spaces, or "−48 000".
      return Problem{source, line, column, "",
                     fmt::format("ett {} (U+{:04X}) utanför en sträng: {}", cp == 0x2212 ? "minustecken" : "mellanslag",
                                 static_cast<unsigned>(cp),
                                 cp == 0x2212 ? "skriv minus som '-', t.ex. -48000"
                                              : "skriv tal utan mellanslag och med decimalpunkt: 1416000 eller "
                                                "1_416_000, 0.92")};
    } else {
      const auto [word, from] = name_around(text, i);
      return Problem{source, line, column - characters(text, from, i), "",
                     fmt::format("namnet {} har ett tecken utanför ASCII (å, ä, ö, …) utan citattecken: TOML kräver "
                                 "citattecken runt ett sådant namn, t.ex. \"{}\" = 708000",
                                 word, word)};
    }
    column += 1;
    return std::nullopt;
  }

  /// How many ASCII bytes from `i` go together (an escape is two), moving the state past them.
  std::size_t ascii_step(std::size_t i)
  {
    const char c = text[i];
    const bool escapable = i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0x80;
    switch (where) {
      case Where::comment: return 1;
      case Where::basic:
        if (c == '\\' && escapable) return 2;
        if (c == '"') where = Where::code;
        return 1;
      case Where::literal:
        if (c == '\'') where = Where::code;
        return 1;
      case Where::multi_basic:
        if (c == '\\' && escapable && text[i + 1] != '\n') return 2;
        if (starts(text, i, "\"\"\"")) return where = Where::code, 3;
        return 1;
      case Where::multi_literal:
        if (starts(text, i, "'''")) return where = Where::code, 3;
        return 1;
      case Where::code: break;
    }
    if (c == '#')
      where = Where::comment;
    else if (starts(text, i, "\"\"\""))
      return where = Where::multi_basic, 3;
    else if (starts(text, i, "'''"))
      return where = Where::multi_literal, 3;
    else if (c == '"')
      where = Where::basic;
    else if (c == '\'')
      where = Where::literal;
    return 1;
  }

  /// Copies `n` ASCII bytes from `i`, counting lines and columns.
  void copy(std::size_t i, std::size_t n)
  {
    for (std::size_t k = 0; k < n; ++k) {
      const char x = text[i + k];
      out += x;
      if (x != '\n') {
        ++column;
        ++ascii_column;
        continue;
      }
      ++line;
      column = ascii_column = 1;
      if (where == Where::comment || where == Where::basic || where == Where::literal) where = Where::code;
    }
  }
};

}  // namespace

std::optional<Problem> AsciiText::convert(const std::string& text, const std::string& source, AsciiText& out)
{
  out.text_.clear();
  out.text_.reserve(text.size());
  out.escapes_.clear();
  Conversion c{text, source, out.text_, out.escapes_};
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 0;
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      if (std::optional<Problem> p = c.non_ascii(i, n)) return p;
    } else {
      n = c.ascii_step(i);
      c.copy(i, n);
    }
    i += n;
  }
  return std::nullopt;
}

int AsciiText::original_column(int line, int column) const
{
  int shift = 0;
  for (const auto& [at_line, escape] : escapes_)
    if (at_line == line && escape.first < column) shift += std::min(escape.second, column - escape.first);
  return column - shift;
}

}  // namespace finsim
