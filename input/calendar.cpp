#include "input/calendar.h"

#include <cstdio>

namespace finsim {

std::string YearMonth::to_string() const
{
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  return buffer;
}

std::optional<YearMonth> parse_year_month(const std::string& text)
{
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  YearMonth ym{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2))};
  if (ym.month < 1 || ym.month > 12) return std::nullopt;  // the horizon checks say which years fit
  return ym;
}

YearMonth month_at(int first_year, int index)
{
  int year = first_year + (index >= 0 ? index / 12 : -((11 - index) / 12));
  return YearMonth{year, index - (year - first_year) * 12 + 1};
}

}  // namespace finsim
