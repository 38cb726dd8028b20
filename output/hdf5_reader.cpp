#include "output/hdf5_reader.h"

#include <fmt/format.h>
#include <hdf5_hl.h>

#include <filesystem>
#include <stdexcept>

#include "input/input_error.h"
#include "output/result_file.h"

namespace finsim::h5 {

namespace {

void check(herr_t status, const std::string& what)
{
  if (status < 0) throw std::runtime_error("HDF5 failed to " + what);
}

Handle open_object(hid_t file, const std::string& object)
{
  return Handle(H5Oopen(file, object.c_str(), H5P_DEFAULT), H5Oclose, "open " + object);
}

Handle open_attribute(hid_t file, const std::string& object, const std::string& name)
{
  return Handle(H5Aopen_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                "open attribute " + name + " of " + object);
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* data)
{
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

herr_t scale_name(hid_t, unsigned, hid_t scale, void* data)
{
  char buffer[256] = {};
  H5DSget_scale_name(scale, buffer, sizeof buffer);
  *static_cast<std::string*>(data) = buffer;
  return 1;  // one scale per dimension: stop at the first
}

}  // namespace

Reader Reader::open(const std::string& path)
{
  quiet_hdf5();
  auto refuse = [&](const std::string& why) { throw InputError({Problem{path, 0, 0, "", why}}); };
  if (!std::filesystem::is_regular_file(path)) refuse("no such file: give the path of a finsim result (.h5)");
  if (H5Fis_hdf5(path.c_str()) <= 0) refuse("not an HDF5 file: give a result file written by finsim");
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) refuse("cannot open the HDF5 file (damaged or unreadable)");
  Reader r(Handle(id, H5Fclose, "open " + path), path);
  if (!r.has_attribute("/", "file_type") || r.string_attribute("/", "file_type") != result_file_type)
    refuse(
        fmt::format("not a finsim result file (its root has no file_type = \"{}\"): give a file written by "
                    "finsim run or an analysis",
                    result_file_type));
  const double version = r.has_attribute("/", "format_version") ? r.number_attribute("/", "format_version") : -1.0;
  if (version != static_cast<double>(result_format_version))
    refuse(
        fmt::format("format_version {} is not one this finsim reads (version {}): open it with the finsim that "
                    "wrote it, or write it again with this one",
                    version, result_format_version));
  return r;
}

bool Reader::has(const std::string& object) const
{
  if (object == "/") return true;
  // Every parent must exist before the link itself is asked for.
  for (std::size_t at = object.find('/', 1); at != std::string::npos; at = object.find('/', at + 1))
    if (H5Lexists(file_.id(), object.substr(0, at).c_str(), H5P_DEFAULT) <= 0) return false;
  return H5Lexists(file_.id(), object.c_str(), H5P_DEFAULT) > 0;
}

bool Reader::is_group(const std::string& object) const
{
  H5O_info_t info;
  Handle o = open_object(file_.id(), object);
  check(H5Oget_info2(o.id(), &info, H5O_INFO_BASIC), "inspect " + object);
  return info.type == H5O_TYPE_GROUP;
}

std::vector<std::string> Reader::members(const std::string& group) const
{
  std::vector<std::string> names;
  Handle g(H5Gopen2(file_.id(), group.c_str(), H5P_DEFAULT), H5Gclose, "open group " + group);
  check(H5Literate(g.id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name, &names), "list " + group);
  return names;
}

bool Reader::is_scale(const std::string& object) const
{
  Handle d(H5Dopen2(file_.id(), object.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + object);
  return H5DSis_scale(d.id()) > 0;
}

DatasetValues Reader::read(const std::string& dataset) const
{
  Handle d(H5Dopen2(file_.id(), dataset.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + dataset);
  Handle space(H5Dget_space(d.id()), H5Sclose, "read the shape of " + dataset);
  const int rank = H5Sget_simple_extent_ndims(space.id());
  std::vector<hsize_t> extent(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.id(), extent.data(), nullptr);
  DatasetValues out;
  std::size_t count = 1;
  for (hsize_t n : extent) {
    out.shape.push_back(static_cast<std::size_t>(n));
    count *= static_cast<std::size_t>(n);
  }
  Handle stored(H5Dget_type(d.id()), H5Tclose, "read the type of " + dataset);
  out.is_text = H5Tget_class(stored.id()) == H5T_STRING;
  if (out.is_text) {
    if (H5Tis_variable_str(stored.id()) <= 0) throw std::runtime_error(dataset + " holds fixed-length strings");
    std::vector<char*> pointers(count, nullptr);
    Handle type = string_type(H5T_VARIABLE);
    if (count > 0) check(H5Dread(d.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "read " + dataset);
    for (char* p : pointers) out.texts.emplace_back(p != nullptr ? p : "");
    if (count > 0) H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, pointers.data());
  } else {
    out.values.resize(count);
    if (count > 0)
      check(H5Dread(d.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.values.data()), "read " + dataset);
  }
  for (int k = 0; k < rank; ++k) {
    std::string name;
    if (H5DSget_num_scales(d.id(), static_cast<unsigned>(k)) > 0)
      H5DSiterate_scales(d.id(), static_cast<unsigned>(k), nullptr, scale_name, &name);
    out.dims.push_back(name);
  }
  if (has_attribute(dataset, "units")) out.units = string_attribute(dataset, "units");
  if (has_attribute(dataset, "long_name")) out.long_name = string_attribute(dataset, "long_name");
  return out;
}

std::vector<std::string> Reader::labels(const std::string& dataset) const
{
  Handle d(H5Dopen2(file_.id(), dataset.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + dataset);
  Handle space(H5Dget_space(d.id()), H5Sclose, "read the shape of " + dataset);
  const hssize_t n = H5Sget_simple_extent_npoints(space.id());
  std::vector<char*> pointers(static_cast<std::size_t>(std::max<hssize_t>(n, 0)), nullptr);
  Handle type = string_type(H5T_VARIABLE);
  if (n > 0) check(H5Dread(d.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "read " + dataset);
  std::vector<std::string> out;
  for (char* p : pointers) out.emplace_back(p != nullptr ? p : "");
  if (n > 0) H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, pointers.data());
  return out;
}

bool Reader::has_attribute(const std::string& object, const std::string& name) const
{
  return has(object) && H5Aexists_by_name(file_.id(), object.c_str(), name.c_str(), H5P_DEFAULT) > 0;
}

std::string Reader::string_attribute(const std::string& object, const std::string& name) const
{
  Handle a = open_attribute(file_.id(), object, name);
  Handle stored(H5Aget_type(a.id()), H5Tclose, "read the type of " + name);
  if (H5Tget_class(stored.id()) != H5T_STRING) throw std::runtime_error(object + " attribute " + name + " is not text");
  Handle space(H5Aget_space(a.id()), H5Sclose, "read the shape of " + name);
  if (H5Sget_simple_extent_npoints(space.id()) != 1)
    throw std::runtime_error(object + " attribute " + name + " is not one text");
  if (H5Tis_variable_str(stored.id()) > 0) {
    Handle type = string_type(H5T_VARIABLE);
    char* text = nullptr;
    check(H5Aread(a.id(), type.id(), &text), "read attribute " + name);
    std::string out = text != nullptr ? text : "";
    H5free_memory(text);
    return out;
  }
  std::string out(H5Tget_size(stored.id()), '\0');
  check(H5Aread(a.id(), stored.id(), out.data()), "read attribute " + name);
  return out.substr(0, out.find('\0'));
}

std::vector<std::string> Reader::string_list_attribute(const std::string& object, const std::string& name) const
{
  Handle a = open_attribute(file_.id(), object, name);
  Handle stored(H5Aget_type(a.id()), H5Tclose, "read the type of " + name);
  if (H5Tget_class(stored.id()) != H5T_STRING || H5Tis_variable_str(stored.id()) <= 0)
    throw std::runtime_error(object + " attribute " + name + " is not a list of texts");
  Handle space(H5Aget_space(a.id()), H5Sclose, "read the shape of " + name);
  const hssize_t n = H5Sget_simple_extent_npoints(space.id());
  std::vector<char*> pointers(static_cast<std::size_t>(std::max<hssize_t>(n, 0)), nullptr);
  Handle type = string_type(H5T_VARIABLE);
  if (n > 0) check(H5Aread(a.id(), type.id(), pointers.data()), "read attribute " + name);
  std::vector<std::string> out;
  for (char* p : pointers) out.emplace_back(p != nullptr ? p : "");
  if (n > 0) H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, pointers.data());
  return out;
}

double Reader::number_attribute(const std::string& object, const std::string& name) const
{
  Handle a = open_attribute(file_.id(), object, name);
  Handle stored(H5Aget_type(a.id()), H5Tclose, "read the type of " + name);
  const H5T_class_t kind = H5Tget_class(stored.id());
  if (kind != H5T_INTEGER && kind != H5T_FLOAT)
    throw std::runtime_error(object + " attribute " + name + " is not a number");
  double value = 0.0;
  check(H5Aread(a.id(), H5T_NATIVE_DOUBLE, &value), "read attribute " + name);
  return value;
}

}  // namespace finsim::h5
