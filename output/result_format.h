// The result file's format as a table (docs/output-format.md): every dataset finsim writes, with
// its kind and its dimensions. The reader checks a file against it before anything is used, so
// that a damaged, foreign or crafted file is refused instead of read out of its bounds.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace finsim {

/// What one dataset holds and along which scales.
struct DatasetFormat {
  enum class Kind { number, text };
  std::string_view path;  ///< "/deterministic/equity"
  Kind kind;
  bool scale;                          ///< a dimension scale (one dimension, its own coordinate)
  std::vector<std::string_view> dims;  ///< the scales of a non-scale dataset, in order
  bool required;                       ///< written whenever its group is
};

/// A numeric attribute the readers rely on: one number on `object` whenever `object` exists.
struct AttributeFormat {
  std::string_view object, name;
};

/// The numeric attributes every file with their object has.
const std::vector<AttributeFormat>& required_number_attributes();

/// The format of the dataset at `path`, or nullptr when finsim writes no such dataset.
const DatasetFormat* dataset_format(std::string_view path);

/// Every dataset of the format, in path order.
const std::vector<DatasetFormat>& result_format();

}  // namespace finsim
