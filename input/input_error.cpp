#include "input/input_error.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace finsim {

std::string Problem::to_string() const
{
  std::string out;
  if (!file.empty()) out += line > 0 ? fmt::format("{}:{}:{}: ", file, line, column) : file + ": ";
  if (!key.empty()) out += shorten(key, 120) + ": ";
  return out + message;
}

static std::string join(const std::vector<Problem>& problems)
{
  std::string out;
  for (const Problem& p : problems) {
    if (!out.empty()) out += '\n';
    out += p.to_string();
  }
  return out;
}

InputError::InputError(std::vector<Problem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems))
{
}

InputError::InputError(const std::string& message)
    : std::runtime_error(message), problems_{Problem{"", 0, 0, "", message}}
{
}

static std::size_t edit_distance(const std::string& a, const std::string& b)
{
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates)
{
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string shorten(const std::string& text, std::size_t limit)
{
  if (text.size() <= limit) return text;
  std::size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return text.substr(0, cut) + "…";
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates, char quote,
                         const char* listing)
{
  if (word.size() > 200) return listing == nullptr ? "" : fmt::format("; {}: {}", listing, fmt::join(candidates, ", "));
  const std::string suggestion = closest_match(word, candidates);
  if (!suggestion.empty()) return fmt::format(" (menade du {}{}{}?)", quote, suggestion, quote);
  if (listing == nullptr) return "";
  if (candidates.empty()) return fmt::format("; {}: inga", listing);
  return fmt::format("; {}: {}", listing, fmt::join(candidates, ", "));
}

/// Digits with a space between thousands: "1416000" → "1 416 000".
static std::string grouped(const std::string& digits)
{
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

std::string message_kronor(double amount)
{
  if (!std::isfinite(amount)) return "–";
  const double rounded = std::round(amount);
  std::string out(rounded < 0 ? "-" : "");
  out += grouped(fmt::format("{:.0f}", std::fabs(rounded)));
  return out;
}

std::string message_whole(unsigned long long n) { return grouped(fmt::format("{}", n)); }

std::string message_number(double x)
{
  if (!std::isfinite(x)) return std::isnan(x) ? "NaN" : (x > 0 ? "∞" : "-∞");
  std::string text = fmt::format("{}", std::fabs(x));
  if (text.find_first_of("eE") != std::string::npos) {  // very large or small: keep the exponent
    for (char& c : text)
      if (c == '.') c = ',';
    return x < 0 ? fmt::format("-{}", text) : text;
  }
  const std::size_t point = text.find('.');
  std::string out = grouped(text.substr(0, point));
  if (point != std::string::npos) {
    out += ',';
    out.append(text, point + 1, std::string::npos);
  }
  return x < 0 ? fmt::format("-{}", out) : out;
}

}  // namespace finsim
