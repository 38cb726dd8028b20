// Amounts in kronor as they are written: rounded to öre (clarifications 69 and 81). Every writer
// (HDF5, CSV, the workbook) rounds here and nowhere else; statistics are computed before.
#pragma once
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace finsim {

/// An amount in kronor rounded to öre (two decimals), half away from zero on the decimal the
/// number prints as (its shortest round-trip form): 1.005 → 1.01, 2.675 → 2.68, 1814001.494 →
/// 1814001.49. |x| < 0.005 (floating-point dust such as 2.8e-10) is 0; −0 becomes +0; NaN and
/// ±infinity are kept; magnitudes of 10^13 kr and more (beyond öre in a double) are kept as they are.
/// The result is the double nearest to a whole number of öre.
inline double round_to_ore(double x)
{
  if (!std::isfinite(x)) return x;
  const double magnitude = std::fabs(x);
  if (magnitude >= 1e13) return x;
  // The shortest fixed-notation form that reads back as `magnitude`, e.g. "1.005", "0.00000000028".
  char text[64];
  const std::to_chars_result end = std::to_chars(text, text + sizeof text, magnitude, std::chars_format::fixed);
  std::int64_t ore = 0;
  int decimals = -1;  // digits seen after the point; −1 before it
  bool up = false;
  for (const char* c = text; c != end.ptr; ++c) {
    if (*c == '.') {
      decimals = 0;
      continue;
    }
    if (decimals >= 2) {  // the first digit after öre decides: the later ones only add to it
      up = *c >= '5';
      break;
    }
    ore = 10 * ore + (*c - '0');
    if (decimals >= 0) ++decimals;
  }
  for (int d = decimals < 0 ? 0 : decimals; d < 2; ++d) ore *= 10;
  if (up) ++ore;
  if (ore == 0) return 0.0;
  const double rounded = static_cast<double>(ore) / 100.0;  // exact öre count, one correctly rounded division
  return x < 0.0 ? -rounded : rounded;
}

/// How close to a whole number of öre an amount must be to count as that number when it is rounded
/// in a direction: sums of doubles in the millions carry errors of about 10^-9 kr.
inline constexpr double ore_dust = 1e-6;

/// The largest whole number of öre not above `x` (a maximum keeps its direction), an amount within
/// `ore_dust` of a whole öre counting as that öre; −0 becomes +0.
inline double round_down_to_ore(double x)
{
  if (!std::isfinite(x) || std::fabs(x) >= 1e13) return x;
  const double nearest = round_to_ore(x);
  return nearest > x + ore_dust ? round_to_ore(nearest - 0.01) : nearest;
}

/// The least whole number of öre not below `x` (a minimum keeps its direction), an amount within
/// `ore_dust` of a whole öre counting as that öre; −0 becomes +0.
inline double round_up_to_ore(double x)
{
  if (!std::isfinite(x) || std::fabs(x) >= 1e13) return x;
  const double nearest = round_to_ore(x);
  return nearest < x - ore_dust ? round_to_ore(nearest + 0.01) : nearest;
}

/// Whether a dataset's `units` attribute says kronor: "SEK" or a rate of it ("SEK/year"). Such
/// datasets are written in öre; squared units (variances) and every other unit are not rounded.
inline bool is_kronor_unit(std::string_view units) { return units == "SEK" || units.starts_with("SEK/"); }

}  // namespace finsim
