// Right-aligned text tables for the terminal, aligned by characters (not bytes).
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace finsim {

/// A table with a header row; the first `left` columns are left-aligned (labels), the others
/// right-aligned (numbers).
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::size_t left = 1) : left_(left)
  {
    rows_.push_back(std::move(header));
  }
  /// Adds a row of as many cells as the header (a row of another length is a programming error).
  void add(std::vector<std::string> row)
  {
    if (row.size() != rows_.front().size())
      throw std::logic_error("TextTable: en rad med " + std::to_string(row.size()) + " celler under en rubrik med " +
                             std::to_string(rows_.front().size()));
    rows_.push_back(std::move(row));
  }
  /// The table, one line per row, columns separated by two spaces.
  std::string render() const;

 private:
  std::size_t left_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace finsim
