#include "output/swedish.h"

#include <cmath>
#include <fmt/format.h>

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

std::string format_percent(double share)
{
  if (!std::isfinite(share)) return "–";
  std::string text = fmt::format("{:.1f} %", share * 100.0);
  for (char& c : text)
    if (c == '.') c = ',';
  return text == "-0,0 %" ? "0,0 %" : text;
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
