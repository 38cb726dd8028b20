// Numbers as Swedish reports write them: "1 416 000", "19,8 %".
#pragma once
#include <string>

namespace finsim {

/// Whole kronor with a space between thousands, e.g. 1416000.4 → "1 416 000", −5000 → "-5 000".
std::string format_kronor(double amount);

/// A share as a percentage with one decimal and a decimal comma, e.g. 0.1983 → "19,8 %";
/// NaN → "–".
std::string format_percent(double share);

/// A limit's share as a board writes it, as few decimals as it needs: 0.05 → "5 %", 0.025 → "2,5 %".
std::string format_limit_percent(double share);

/// A number with `decimals` decimals and a decimal comma, e.g. 12.34 → "12,3"; NaN → "–".
std::string format_decimal(double x, int decimals);

/// The number of characters (code points) in a UTF-8 string, for aligning columns.
std::size_t display_width(const std::string& utf8);

/// `text` padded with spaces on the left (right-aligned) to `width` characters.
std::string pad_left(const std::string& text, std::size_t width);
/// `text` padded with spaces on the right (left-aligned) to `width` characters.
std::string pad_right(const std::string& text, std::size_t width);

}  // namespace finsim
