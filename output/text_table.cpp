#include "output/text_table.h"

#include <algorithm>

#include "output/swedish.h"

namespace finsim {

std::string TextTable::render() const
{
  std::vector<std::size_t> width(rows_.front().size(), 0);
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
  std::string out;
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c)
      out += (c == 0 ? "" : "  ") + (c < left_ ? pad_right(row[c], width[c]) : pad_left(row[c], width[c]));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  return out;
}

}  // namespace finsim
