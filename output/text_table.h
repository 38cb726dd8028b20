// Right-aligned text tables for the terminal, aligned by characters (not bytes).
#pragma once
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
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  /// The table, one line per row, columns separated by two spaces.
  std::string render() const;

 private:
  std::size_t left_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace finsim
