// A small RAII layer over the HDF5 C API: files, groups, datasets, dimension scales, attributes.
// All HDF5 code of finsim lives in output/.
#pragma once
#include <hdf5.h>

#include <string>
#include <vector>

namespace finsim::h5 {

/// Silences HDF5's own error printing (once per process); finsim reports errors itself.
void quiet_hdf5();

/// Owns one HDF5 identifier and closes it with the right function. Move-only.
class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what);
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle();
  hid_t id() const { return id_; }
  void close();

 private:
  hid_t id_ = H5I_INVALID_HID;
  herr_t (*close_)(hid_t) = nullptr;
};

/// A variable-length (size H5T_VARIABLE) or fixed-size UTF-8 string type.
Handle string_type(std::size_t size);

/// A dataset, possibly a dimension scale that other datasets attach to.
class Dataset {
 public:
  explicit Dataset(Handle h) : handle_(std::move(h)) {}
  hid_t id() const { return handle_.id(); }
  /// Writes a string attribute (UTF-8).
  void attribute(const std::string& name, const std::string& value);

 private:
  Handle handle_;
};

/// A group (or the root of a file): creates groups, datasets, scales and attributes in it.
class Group {
 public:
  explicit Group(Handle h) : handle_(std::move(h)) {}
  hid_t id() const { return handle_.id(); }

  Group group(const std::string& name);
  void attribute(const std::string& name, const std::string& value);
  void attribute(const std::string& name, double value);
  void attribute(const std::string& name, long long value);
  /// A one-dimensional array of variable-length UTF-8 strings.
  void attribute(const std::string& name, const std::vector<std::string>& values);
  /// A one-dimensional attribute of doubles.
  void attribute(const std::string& name, const std::vector<double>& values);

  /// A one-dimensional integer dimension scale (years, months as YYYYMM, run numbers).
  Dataset scale(const std::string& name, const std::vector<long long>& values, const std::string& units,
                const std::string& description);
  /// A one-dimensional floating-point dimension scale (e.g. quantile levels).
  Dataset scale(const std::string& name, const std::vector<double>& values, const std::string& units,
                const std::string& description);
  /// A label dimension scale of variable-length UTF-8 strings (members, insatser, reasons).
  Dataset label_scale(const std::string& name, const std::vector<std::string>& labels, const std::string& description);

  /// A dataset of doubles in row-major order with one scale per dimension. Amounts in kronor
  /// (`units` "SEK" or "SEK/…") are written rounded to öre (output/ore.h), here and for the
  /// floating-point scales and scalars below; every other unit as given.
  Dataset write(const std::string& name, const std::vector<double>& data, const std::vector<const Dataset*>& dims,
                const std::string& units, const std::string& description);
  /// A dataset of 0/1 flags with one scale per dimension.
  Dataset write_flags(const std::string& name, const std::vector<bool>& flags, const std::vector<const Dataset*>& dims,
                      const std::string& description);
  /// A scalar double dataset.
  Dataset write_scalar(const std::string& name, double value, const std::string& units, const std::string& description);
  /// A one-dimensional dataset of variable-length UTF-8 strings over the scale `dim`.
  Dataset write_texts(const std::string& name, const std::vector<std::string>& values, const Dataset& dim,
                      const std::string& description);
  /// A scalar text dataset (variable-length UTF-8).
  Dataset write_text(const std::string& name, const std::string& value, const std::string& description);

 protected:
  Handle handle_;

 private:
  Dataset numeric_scale(const std::string& name, hid_t file_type, hid_t memory_type, const void* values,
                        std::size_t count, const std::string& units, const std::string& description);
  Dataset create(const std::string& name, hid_t type, const void* data, const std::vector<const Dataset*>& dims,
                 const std::string& what);
};

/// An HDF5 file built in memory and written to its target only by commit(), atomically and
/// durably (output/atomic_write.h): a failed or interrupted run never leaves a partial file and
/// never replaces a good one, and a full disk is a clean error.
class File : public Group {
 public:
  /// Checks the target (see check_output_path; `inputs` are the run's input files, which it must
  /// not be), removes stale temporary files in its folder, and starts the file in memory.
  static File create(const std::string& target, const std::vector<std::string>& inputs = {});
  /// Writes the file to the target.
  void commit();
  /// Writes the finished file to `path` instead (a file in a ScratchFolder beside the target, put
  /// in place later by commit_file with the other files of a command); messages name the target.
  /// The file takes no more data.
  void write_to(const std::string& path);
  const std::string& target() const { return target_; }

 private:
  File(Handle h, std::string target);
  std::string target_;
};

}  // namespace finsim::h5
