#include "input/toml_prescan.h"

#include <fmt/format.h>

namespace finsim {

namespace {

enum class Where { code, comment, basic, literal, multi_basic, multi_literal };

bool starts(const std::string& text, std::size_t at, const char* what)
{
  return text.compare(at, std::char_traits<char>::length(what), what) == 0;
}

/// The length of the UTF-8 sequence starting with byte `c` at `at`, or 0 when it is not valid UTF-8.
std::size_t utf8_length(const std::string& text, std::size_t at)
{
  const auto c = static_cast<unsigned char>(text[at]);
  const std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || at + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(text[at + k]) & 0xC0) != 0x80) return 0;
  return n;
}

bool name_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_' || c == '-'; }

/// Where the name around `at` begins.
std::size_t name_start(const std::string& text, std::size_t at)
{
  while (at > 0 && name_byte(static_cast<unsigned char>(text[at - 1]))) --at;
  return at;
}

/// The name starting at `from`, for the message (e.g. "Sollefteå"), cut after whole characters.
std::string name_from(const std::string& text, std::size_t from)
{
  std::size_t to = from;
  while (to < text.size() && name_byte(static_cast<unsigned char>(text[to])) && to - from < 60) ++to;
  while (to < text.size() && to > from && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
  return text.substr(from, to - from);
}

/// Characters (not bytes) from `from` to `to`.
int characters(const std::string& text, std::size_t from, std::size_t to)
{
  int n = 0;
  for (std::size_t k = from; k < to; ++k) n += (static_cast<unsigned char>(text[k]) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::optional<Problem> non_ascii_outside_strings(const std::string& text, const std::string& source)
{
  Where where = Where::code;
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size(); ++i, ++column) {
    const char c = text[i];
    if (c == '\n') {
      line += 1;
      column = 0;
      if (where == Where::comment || where == Where::basic || where == Where::literal) where = Where::code;
      continue;
    }
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) --column;  // a continuation byte: same character
    switch (where) {
      case Where::comment: continue;
      case Where::basic:
        if (c == '\\')
          ++i;
        else if (c == '"')
          where = Where::code;
        continue;
      case Where::literal:
        if (c == '\'') where = Where::code;
        continue;
      case Where::multi_basic:
        if (c == '\\')
          ++i;
        else if (starts(text, i, "\"\"\""))
          where = Where::code, i += 2;
        continue;
      case Where::multi_literal:
        if (starts(text, i, "'''")) where = Where::code, i += 2;
        continue;
      case Where::code: break;
    }
    if (c == '#')
      where = Where::comment;
    else if (starts(text, i, "\"\"\""))
      where = Where::multi_basic, i += 2;
    else if (starts(text, i, "'''"))
      where = Where::multi_literal, i += 2;
    else if (c == '"')
      where = Where::basic;
    else if (c == '\'')
      where = Where::literal;
    else if (static_cast<unsigned char>(c) >= 0x80) {
      if (utf8_length(text, i) == 0)
        return Problem{source, line, column, "",
                       fmt::format("not UTF-8 text (byte 0x{:02X}): save the scenario as UTF-8 (TOML's encoding)",
                                   static_cast<unsigned char>(c))};
      const std::size_t from = name_start(text, i);
      const std::string word = name_from(text, from);
      return Problem{source, line, column - characters(text, from, i), "",
                     fmt::format("the name {} has a character outside ASCII (å, ä, ö, …) without quotes: TOML needs "
                                 "such a name in quotes, e.g. \"{}\" = 708000",
                                 word, word)};
    }
  }
  return std::nullopt;
}

}  // namespace finsim
