// Scenario text made pure ASCII before toml++ parses it. Debian's toml++ 3.3.0 reaches undefined
// behaviour whenever its character classes see a non-ASCII code point where it does not expect one
// (marzer/tomlplusplus#295): an unquoted `Sollefteå = 708000`, or `1"Arbetsförmedlingen"`. So it
// never sees one: inside "…" and """…""" strings each non-ASCII character becomes its \u escape
// (the same string after parsing), in comments a '?', and anywhere else (bare keys, literal '…'
// strings) it is an input error saying to use double quotes.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "input/input_error.h"

namespace finsim {

/// The ASCII text and how to find a position of it in the original.
class AsciiText {
 public:
  /// Converts `text`; a problem (line, column, what to do) when it cannot: non-ASCII outside
  /// double-quoted strings and comments, or bytes that are not UTF-8.
  static std::optional<Problem> convert(const std::string& text, const std::string& source, AsciiText& out);

  const std::string& text() const { return text_; }
  /// The original column of `column` on `line` (escapes are longer than the characters they stand for).
  int original_column(int line, int column) const;

 private:
  std::string text_;
  /// Per escape: line, column in the ASCII text where it starts, and the columns it adds.
  std::vector<std::pair<int, std::pair<int, int>>> escapes_;
};

}  // namespace finsim
