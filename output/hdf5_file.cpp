#include "output/hdf5_file.h"

#include <fmt/format.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "input/input_error.h"

namespace finsim::h5 {

void quiet_hdf5()
{
  static const bool done = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)done;
}

namespace {

void check(herr_t status, const std::string& what)
{
  if (status < 0) throw std::runtime_error("HDF5 failed to " + what);
}

}  // namespace

Handle string_type(std::size_t size)
{
  Handle t(H5Tcopy(H5T_C_S1), H5Tclose, "copy string type");
  check(H5Tset_size(t.id(), size), "set string size");
  check(H5Tset_cset(t.id(), H5T_CSET_UTF8), "set UTF-8");
  return t;
}

namespace {

Handle scalar_space() { return Handle(H5Screate(H5S_SCALAR), H5Sclose, "create scalar space"); }

void write_attribute(hid_t owner, const std::string& name, hid_t type, const void* value)
{
  Handle space = scalar_space();
  Handle attr(H5Acreate2(owner, name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              "create attribute " + name);
  check(H5Awrite(attr.id(), type, value), "write attribute " + name);
}

/// Strings are variable-length UTF-8: h5py reads them as str, netCDF as text.
void write_string_attribute(hid_t owner, const std::string& name, const std::string& value)
{
  Handle type = string_type(H5T_VARIABLE);
  const char* text = value.c_str();
  write_attribute(owner, name, type.id(), &text);
}

}  // namespace

Handle::Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close)
{
  if (id < 0) throw std::runtime_error("HDF5 failed to " + what);
}

Handle::Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = H5I_INVALID_HID; }

Handle& Handle::operator=(Handle&& other) noexcept
{
  if (this != &other) {
    close();
    id_ = other.id_;
    close_ = other.close_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

Handle::~Handle() { close(); }

void Handle::close()
{
  if (id_ >= 0 && close_ != nullptr) close_(id_);
  id_ = H5I_INVALID_HID;
}

void Dataset::attribute(const std::string& name, const std::string& value)
{
  write_string_attribute(id(), name, value);
}

Group Group::group(const std::string& name)
{
  return Group(
      Handle(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "create group " + name));
}

void Group::attribute(const std::string& name, const std::string& value) { write_string_attribute(id(), name, value); }

void Group::attribute(const std::string& name, double value) { write_attribute(id(), name, H5T_NATIVE_DOUBLE, &value); }

void Group::attribute(const std::string& name, long long value)
{
  write_attribute(id(), name, H5T_NATIVE_LLONG, &value);
}

Dataset Group::create(const std::string& name, hid_t type, const void* data, const std::vector<const Dataset*>& dims,
                      const std::string& what)
{
  std::vector<hsize_t> extent;
  for (const Dataset* d : dims) {
    Handle space(H5Dget_space(d->id()), H5Sclose, "read scale extent");
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space.id(), &n, nullptr);
    extent.push_back(n);
  }
  Handle space = dims.empty() ? scalar_space()
                              : Handle(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr),
                                       H5Sclose, "create data space for " + name);
  Dataset out(Handle(H5Dcreate2(id(), name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
                     "create dataset " + name));
  check(H5Dwrite(out.id(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write " + what);
  for (std::size_t i = 0; i < dims.size(); ++i)
    check(H5DSattach_scale(out.id(), dims[i]->id(), static_cast<unsigned>(i)), "attach scale to " + name);
  return out;
}

Dataset Group::numeric_scale(const std::string& name, hid_t file_type, hid_t memory_type, const void* values,
                             std::size_t count, const std::string& units, const std::string& description)
{
  hsize_t n = count;
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create space for " + name);
  Dataset d(Handle(H5Dcreate2(id(), name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   H5Dclose, "create scale " + name));
  check(H5Dwrite(d.id(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), "write " + name);
  check(H5DSset_scale(d.id(), name.c_str()), "make " + name + " a dimension scale");
  d.attribute("units", units);
  d.attribute("long_name", description);
  return d;
}

Dataset Group::scale(const std::string& name, const std::vector<long long>& values, const std::string& units,
                     const std::string& description)
{
  return numeric_scale(name, H5T_STD_I64LE, H5T_NATIVE_LLONG, values.data(), values.size(), units, description);
}

Dataset Group::scale(const std::string& name, const std::vector<double>& values, const std::string& units,
                     const std::string& description)
{
  return numeric_scale(name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.data(), values.size(), units, description);
}

Dataset Group::label_scale(const std::string& name, const std::vector<std::string>& labels,
                           const std::string& description)
{
  Handle type = string_type(H5T_VARIABLE);
  std::vector<const char*> pointers;
  for (const std::string& s : labels) pointers.push_back(s.c_str());
  hsize_t n = labels.size();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create space for " + name);
  Dataset d(Handle(H5Dcreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   H5Dclose, "create scale " + name));
  if (n > 0) check(H5Dwrite(d.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "write " + name);
  check(H5DSset_scale(d.id(), name.c_str()), "make " + name + " a dimension scale");
  d.attribute("long_name", description);
  return d;
}

Dataset Group::write(const std::string& name, const std::vector<double>& data, const std::vector<const Dataset*>& dims,
                     const std::string& units, const std::string& description)
{
  Dataset d = create(name, H5T_NATIVE_DOUBLE, data.data(), dims, name);
  d.attribute("units", units);
  d.attribute("long_name", description);
  return d;
}

Dataset Group::write_flags(const std::string& name, const std::vector<bool>& flags,
                           const std::vector<const Dataset*>& dims, const std::string& description)
{
  std::vector<signed char> bytes(flags.begin(), flags.end());
  Dataset d = create(name, H5T_NATIVE_SCHAR, bytes.data(), dims, name);
  d.attribute("units", "1");
  d.attribute("long_name", description);
  return d;
}

Dataset Group::write_scalar(const std::string& name, double value, const std::string& units,
                            const std::string& description)
{
  Dataset d = create(name, H5T_NATIVE_DOUBLE, &value, {}, name);
  d.attribute("units", units);
  d.attribute("long_name", description);
  return d;
}

File::File(Handle h, std::string target, std::string temporary)
    : Group(std::move(h)), target_(std::move(target)), temporary_(std::move(temporary))
{
}

File::File(File&& other) noexcept
    : Group(std::move(other)),
      target_(std::move(other.target_)),
      temporary_(std::exchange(other.temporary_, std::string())),
      committed_(other.committed_)
{
}

File File::create(const std::string& target)
{
  quiet_hdf5();
  namespace fs = std::filesystem;
  const fs::path path(target);
  if (path.filename().empty())
    throw InputError(
        fmt::format("output path \"{}\" names a folder, not a file: give a file name "
                    "such as out.h5",
                    target));
  std::error_code ec;
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  fs::create_directories(folder, ec);
  if (fs::is_directory(path, ec))
    throw InputError(fmt::format("output path \"{}\" is a folder: give a file name such as {}/out.h5", target, target));
  if (access(folder.c_str(), W_OK) != 0 || !fs::is_directory(folder))
    throw InputError(
        fmt::format("cannot write output \"{}\": folder \"{}\" {}; choose another "
                    "path with -o",
                    target, folder.string(), fs::is_directory(folder) ? "is not writable" : "cannot be created"));
  const std::string temporary = (folder / fmt::format(".{}.tmp-{}", path.filename().string(), getpid())).string();
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create file access list");
  // HDF5 1.8 format or later: large attributes (the scenario text) go to dense storage.
  check(H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_V18, H5F_LIBVER_LATEST), "set format bounds");
  hid_t id = H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id());
  if (id < 0)
    throw InputError(
        fmt::format("cannot write output \"{}\": creating \"{}\" failed ({}); choose "
                    "another path with -o",
                    target, temporary, std::strerror(errno)));
  return File(Handle(id, H5Fclose, "create file"), target, temporary);
}

File::~File()
{
  if (!committed_ && !temporary_.empty()) {
    handle_.close();
    std::remove(temporary_.c_str());
  }
}

void File::commit()
{
  check(H5Fflush(id(), H5F_SCOPE_GLOBAL), "flush " + temporary_);
  handle_.close();
  std::error_code ec;
  std::filesystem::rename(temporary_, target_, ec);
  if (ec) {
    std::remove(temporary_.c_str());
    throw InputError(fmt::format("cannot write output \"{}\": {}; choose another path with -o", target_, ec.message()));
  }
  committed_ = true;
}

}  // namespace finsim::h5
