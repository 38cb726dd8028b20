#include "output/swedish.h"

#include <fmt/format.h>

#include <cmath>

namespace finsim {

std::string format_kronor(double amount)
{
  if (!std::isfinite(amount)) return "–";
  const double rounded = std::round(amount);
  std::string digits = fmt::format("{:.0f}", std::fabs(rounded));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return (rounded < 0 ? "-" : "") + out;
}

std::string format_decimal(double x, int decimals)
{
  if (!std::isfinite(x)) return "–";
  std::string text = fmt::format("{:.{}f}", x, decimals);
  for (char& c : text)
    if (c == '.') c = ',';
  if (text.find_first_not_of("-0,") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return text;
}

std::string format_percent(double share)
{
  if (!std::isfinite(share)) return "–";
  return format_decimal(share * 100.0, 1) + " %";
}

std::string format_limit_percent(double share)
{
  std::string text = fmt::format("{:g}", 100.0 * share);
  for (char& c : text)
    if (c == '.') c = ',';
  return text + " %";
}

std::size_t display_width(const std::string& utf8)
{
  std::size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string pad_left(const std::string& text, std::size_t width)
{
  std::size_t w = display_width(text);
  return w >= width ? text : std::string(width - w, ' ') + text;
}

std::string pad_right(const std::string& text, std::size_t width)
{
  std::size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

}  // namespace finsim
