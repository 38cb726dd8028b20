// Right-aligned text tables for the terminal, aligned by characters (not bytes).
#pragma once
#include <string>
#include <vector>

namespace finsim {

/// A table with a header row; the first column is left-aligned, the others right-aligned.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  /// The table, one line per row, columns separated by two spaces.
  std::string render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace finsim
