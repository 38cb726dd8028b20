// Input errors: one exception type for everything a user can get wrong.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace finsim {

/// One problem found in a user's input: where it is, which key, which value, and the fix.
struct Problem {
  std::string file;     ///< the file the problem is in ("" when not from a file)
  int line = 0;         ///< 1-based line, 0 when unknown
  int column = 0;       ///< 1-based column, 0 when unknown
  std::string key;      ///< dotted key path, e.g. "insats[2].budget"
  std::string message;  ///< what is wrong and what is allowed

  /// "file:line:column: key: message", leaving out the parts that are unknown.
  std::string to_string() const;
};

/// Thrown for bad input (scenario files, command-line values, output paths). `main` catches it
/// once and exits with status 1. It carries every problem found, not only the first.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Problem> problems);
  explicit InputError(const std::string& message);
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

/// `text` cut to at most `limit` bytes at a character boundary, with "…" when cut: user text quoted
/// in messages stays short and valid UTF-8.
std::string shorten(const std::string& text, std::size_t limit = 60);

/// The closest candidate to `word` by edit distance, or "" if none is close enough to suggest.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

/// The hint after an unknown name: " (menade du 'x'?)" with the closest candidate, else
/// "; <listing>: a, b, c" when `listing` is given (and "" when it is not). `quote` is ' for
/// keys and fixed names, " for the user's own names.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates, char quote = '\'',
                         const char* listing = nullptr);

/// Whole kronor as messages write them (the same form as the reports'): 775000 → "775 000",
/// -5000.4 → "-5 000". Messages say "kr" after it.
std::string message_kronor(double amount);

/// A whole number with spaces between thousands, exact to 2^64 − 1: 100000000 → "100 000 000".
std::string message_whole(unsigned long long n);

/// A number computed by finsim (not the user's own value, which a message quotes as written) in
/// Swedish form: shortest exact digits, a decimal comma, thousands apart: 0.92 → "0,92",
/// 1416000 → "1 416 000", 12.5 → "12,5".
std::string message_number(double x);

}  // namespace finsim
