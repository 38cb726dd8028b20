// Reads back what output/result_file.h writes: any finsim result file, checked for its file type
// and format version, dataset by dataset with its dimension scales, units and attributes. A result
// file is input too: `open` walks the whole file first and refuses (InputError naming the file, the
// object and what finsim writes there) links, loops, types, shapes and sizes finsim never writes,
// and every later failure names the file and the dataset (docs/reliability.md).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
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
  /// Opens `path`; throws InputError naming it when it is missing, not a regular file, not HDF5,
  /// not a finsim result (`file_type` = "finsim_result"), of a `format_version` this finsim does not
  /// read, or not shaped as finsim writes: only hard links, each object once, at most
  /// `max_depth` groups deep, datasets of numbers or variable-length text of rank at most
  /// `max_rank`, each dimension as long as the scale attached to it.
  static Reader open(const std::string& path);

  static constexpr int max_depth = 8;
  static constexpr int max_rank = 4;

  /// The number of values in all datasets of the file (what reading all of it holds in memory).
  std::uint64_t value_count() const { return value_count_; }

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
  /// A dataset whose dimensions must be the scales `dims` (in order); `lengths` gives, per scale
  /// name, the length it must have where the caller relies on one (years, quantile levels).
  /// Throws InputError naming the file, the dataset and what was expected.
  DatasetValues read(const std::string& dataset, const std::vector<std::string>& dims,
                     const std::vector<std::pair<std::string, std::size_t>>& lengths = {}) const;
  /// The same for a dataset of texts.
  std::vector<std::string> texts(const std::string& dataset, const std::vector<std::string>& dims,
                                 const std::vector<std::pair<std::string, std::size_t>>& lengths = {}) const;
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
  /// Throws InputError: `object` of this file is not as finsim writes it.
  [[noreturn]] void refuse(const std::string& object, const std::string& why) const;
  void check_structure();
  void check_dataset(const std::string& dataset);
  std::string check_dimension(const std::string& dataset, hid_t d, int k, hsize_t extent) const;
  void check_scale_lengths() const;
  void check_complete() const;
  DatasetValues read_shaped(const std::string& dataset, bool text, const std::vector<std::string>& dims,
                            const std::vector<std::pair<std::string, std::size_t>>& lengths) const;
  /// Runs `f`, turning a failure of the HDF5 library into InputError naming the file and `object`.
  template <class F>
  auto guarded(const std::string& object, F&& f) const -> decltype(f());

  Handle file_;
  std::string path_;
  std::uint64_t value_count_ = 0;
  std::vector<std::pair<std::string, std::size_t>> scale_lengths_;  ///< every scale's path and length
};

}  // namespace finsim::h5
