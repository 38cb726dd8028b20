// toml++'s syntax errors in Swedish: its English descriptions are translated here, never shown.
#pragma once
#include <string>
#include <string_view>

namespace finsim {

/// The exact words that follow a syntax error beside a number written the Swedish way.
inline constexpr std::string_view swedish_number_hint =
    "skriv tal utan mellanslag och med decimalpunkt: 1416000 eller 1_416_000, 0.92";

/// toml++'s error description ("Error while parsing key-value pair: expected '=', saw 'x'") as a
/// Swedish message. Every description toml++ 3 can give is mapped (parser.inl's set_error
/// strings); anything else becomes a Swedish generic text. No English word of it is kept: only
/// the characters of the user's own text that it quotes ('4', a key name).
std::string toml_error_in_swedish(std::string_view description);

/// True when `line` (the source line of a syntax error at the 1-based `column`) holds, at or next
/// to that column, digits separated by spaces ("1 416 000") or a decimal comma ("0,92").
bool has_swedish_number(std::string_view line, int column);

/// The whole message for a syntax error at `column` of `line`: the Swedish text, and the number
/// hint when the line holds a Swedish number there.
std::string toml_syntax_message(std::string_view description, std::string_view line, int column);

}  // namespace finsim
