// Calendar months: parsing "YYYY-MM" and counting months within a horizon.
#pragma once
#include <optional>
#include <string>

namespace finsim {

/// A calendar month.
struct YearMonth {
  int year = 0;
  int month = 0;  ///< 1..12

  /// Months since January of `first_year` (negative before it).
  int index_from(int first_year) const { return (year - first_year) * 12 + (month - 1); }
  /// The month as YYYYMM, e.g. 202403.
  int yyyymm() const { return year * 100 + month; }
  /// The month as "YYYY-MM".
  std::string to_string() const;
  auto operator<=>(const YearMonth&) const = default;
};

/// Parses "YYYY-MM" (any four-digit year, month 01–12); nullopt if malformed.
std::optional<YearMonth> parse_year_month(const std::string& text);

/// The month `index` months after January of `first_year`.
YearMonth month_at(int first_year, int index);

}  // namespace finsim
