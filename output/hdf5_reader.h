// Reads back what output/result_file.h writes: any finsim result file, checked for its file type
// and format version, dataset by dataset with its dimension scales, units and attributes.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "output/hdf5_file.h"

namespace finsim::h5 {

/// A numeric dataset read back: values as doubles in row-major order (int8 flags and int64 scales
/// converted), its shape, the names of the scales on its dimensions, and its attributes.
struct DatasetValues {
  std::vector<double> values;      ///< numbers (empty for a text dataset)
  std::vector<std::string> texts;  ///< a text dataset's strings (labels, binding_limit), else empty
  bool is_text = false;
  std::vector<std::size_t> shape;  ///< empty for a scalar
  std::vector<std::string> dims;   ///< scale names, one per dimension
  std::string units, long_name;
};

/// An open finsim result file. Paths are HDF5 paths: "/deterministic/equity", "montecarlo".
class Reader {
 public:
  /// Opens `path`; throws InputError naming it when it is missing, not HDF5, not a finsim result
  /// (`file_type` = "finsim_result") or of a `format_version` this finsim does not read.
  static Reader open(const std::string& path);

  const std::string& path() const { return path_; }
  /// Whether a group or dataset exists at `object`.
  bool has(const std::string& object) const;
  bool is_group(const std::string& object) const;
  /// The names of the groups and datasets in `group`, in name order.
  std::vector<std::string> members(const std::string& group) const;
  /// Whether the dataset at `object` is a dimension scale.
  bool is_scale(const std::string& object) const;
  /// A dataset: numbers, or (for a string dataset) texts.
  DatasetValues read(const std::string& dataset) const;
  /// A label scale (variable-length strings).
  std::vector<std::string> labels(const std::string& dataset) const;

  bool has_attribute(const std::string& object, const std::string& name) const;
  std::string string_attribute(const std::string& object, const std::string& name) const;
  /// A one-dimensional array attribute of variable-length strings (e.g. scenario_files).
  std::vector<std::string> string_list_attribute(const std::string& object, const std::string& name) const;
  /// A numeric attribute (integer or floating point) as a double.
  double number_attribute(const std::string& object, const std::string& name) const;

 private:
  Reader(Handle file, std::string path) : file_(std::move(file)), path_(std::move(path)) {}
  Handle file_;
  std::string path_;
};

}  // namespace finsim::h5
