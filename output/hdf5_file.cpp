#include "output/hdf5_file.h"

#include <fmt/format.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "input/input_error.h"
#include "output/atomic_write.h"
#include "output/ore.h"

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
  if (status < 0) throw std::runtime_error("HDF5 kunde inte " + what);
}

}  // namespace

Handle string_type(std::size_t size)
{
  Handle t(H5Tcopy(H5T_C_S1), H5Tclose, "kopiera strängtypen");
  check(H5Tset_size(t.id(), size), "sätta strängens längd");
  check(H5Tset_cset(t.id(), H5T_CSET_UTF8), "sätta UTF-8");
  return t;
}

namespace {

Handle scalar_space() { return Handle(H5Screate(H5S_SCALAR), H5Sclose, "skapa ett skalärt utrymme"); }

/// The values as the file holds them: amounts in kronor (units SEK, SEK/…) rounded to öre, every
/// other unit as computed (clarification 69). The one place an HDF5 dataset's numbers are rounded.
std::vector<double> as_written(const std::vector<double>& values, const std::string& units)
{
  if (!is_kronor_unit(units)) return values;
  std::vector<double> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = round_to_ore(values[i]);
  return out;
}

void write_attribute(hid_t owner, const std::string& name, hid_t type, const void* value)
{
  Handle space = scalar_space();
  Handle attr(H5Acreate2(owner, name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              "skapa attributet " + name);
  check(H5Awrite(attr.id(), type, value), "skriva attributet " + name);
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
  if (id < 0) throw std::runtime_error("HDF5 kunde inte " + what);
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
      Handle(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "skapa gruppen " + name));
}

void Group::attribute(const std::string& name, const std::string& value) { write_string_attribute(id(), name, value); }

void Group::attribute(const std::string& name, const std::vector<std::string>& values)
{
  Handle type = string_type(H5T_VARIABLE);
  const hsize_t count = values.size();
  Handle space(count == 0 ? H5Screate(H5S_NULL) : H5Screate_simple(1, &count, nullptr), H5Sclose,
               "skapa attributets utrymme");
  std::vector<const char*> texts;
  for (const std::string& v : values) texts.push_back(v.c_str());
  Handle attr(H5Acreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              "skapa attributet " + name);
  if (count > 0) check(H5Awrite(attr.id(), type.id(), texts.data()), "skriva attributet " + name);
}

void Group::attribute(const std::string& name, const std::vector<double>& values)
{
  const hsize_t count = values.size();
  Handle space(count == 0 ? H5Screate(H5S_NULL) : H5Screate_simple(1, &count, nullptr), H5Sclose,
               "skapa attributets utrymme");
  Handle attr(H5Acreate2(id(), name.c_str(), H5T_NATIVE_DOUBLE, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              "skapa attributet " + name);
  if (count > 0) check(H5Awrite(attr.id(), H5T_NATIVE_DOUBLE, values.data()), "skriva attributet " + name);
}

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
    Handle space(H5Dget_space(d->id()), H5Sclose, "läsa skalans längd");
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space.id(), &n, nullptr);
    extent.push_back(n);
  }
  Handle space = dims.empty() ? scalar_space()
                              : Handle(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr),
                                       H5Sclose, "skapa datautrymmet för " + name);
  Dataset out(Handle(H5Dcreate2(id(), name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
                     "skapa datasetet " + name));
  check(H5Dwrite(out.id(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "skriva " + what);
  for (std::size_t i = 0; i < dims.size(); ++i)
    check(H5DSattach_scale(out.id(), dims[i]->id(), static_cast<unsigned>(i)), "koppla skalan till " + name);
  return out;
}

Dataset Group::numeric_scale(const std::string& name, hid_t file_type, hid_t memory_type, const void* values,
                             std::size_t count, const std::string& units, const std::string& description)
{
  hsize_t n = count;
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "skapa utrymmet för " + name);
  Dataset d(Handle(H5Dcreate2(id(), name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   H5Dclose, "skapa skalan " + name));
  check(H5Dwrite(d.id(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), "skriva " + name);
  check(H5DSset_scale(d.id(), name.c_str()), "göra " + name + " till en dimensionsskala");
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
  const std::vector<double> written = as_written(values, units);
  return numeric_scale(name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, written.data(), written.size(), units, description);
}

Dataset Group::label_scale(const std::string& name, const std::vector<std::string>& labels,
                           const std::string& description)
{
  Handle type = string_type(H5T_VARIABLE);
  std::vector<const char*> pointers;
  for (const std::string& s : labels) pointers.push_back(s.c_str());
  hsize_t n = labels.size();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "skapa utrymmet för " + name);
  Dataset d(Handle(H5Dcreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   H5Dclose, "skapa skalan " + name));
  if (n > 0) check(H5Dwrite(d.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "skriva " + name);
  check(H5DSset_scale(d.id(), name.c_str()), "göra " + name + " till en dimensionsskala");
  d.attribute("long_name", description);
  return d;
}

Dataset Group::write(const std::string& name, const std::vector<double>& data, const std::vector<const Dataset*>& dims,
                     const std::string& units, const std::string& description)
{
  const std::vector<double> written = as_written(data, units);
  Dataset d = create(name, H5T_NATIVE_DOUBLE, written.data(), dims, name);
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
  const double written = is_kronor_unit(units) ? round_to_ore(value) : value;
  Dataset d = create(name, H5T_NATIVE_DOUBLE, &written, {}, name);
  d.attribute("units", units);
  d.attribute("long_name", description);
  return d;
}

Dataset Group::write_texts(const std::string& name, const std::vector<std::string>& values, const Dataset& dim,
                           const std::string& description)
{
  Handle type = string_type(H5T_VARIABLE);
  std::vector<const char*> pointers;
  for (const std::string& s : values) pointers.push_back(s.c_str());
  Dataset d = create(name, type.id(), pointers.data(), {&dim}, name);
  d.attribute("long_name", description);
  return d;
}

Dataset Group::write_text(const std::string& name, const std::string& value, const std::string& description)
{
  Handle type = string_type(H5T_VARIABLE);
  Handle space = scalar_space();
  Dataset d(Handle(H5Dcreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   H5Dclose, "skapa datasetet " + name));
  const char* text = value.c_str();
  check(H5Dwrite(d.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &text), "skriva " + name);
  d.attribute("long_name", description);
  return d;
}

File::File(Handle h, std::string target) : Group(std::move(h)), target_(std::move(target)) {}

File File::create(const std::string& target, const std::vector<std::string>& inputs)
{
  quiet_hdf5();
  check_output_path(target, inputs);
  remove_stale_temporaries(output_folder(target));
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "skapa filåtkomstlistan");
  // HDF5 1.8 format or later: large attributes (the scenario text) go to dense storage.
  check(H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_V18, H5F_LIBVER_LATEST), "sätta formatets gränser");
  // In memory only: HDF5 never touches the disk, commit() writes the finished image.
  check(H5Pset_fapl_core(fapl.id(), 1 << 20, 0), "hålla filen i minnet");
  static std::atomic<int> files{0};
  const std::string name = fmt::format("finsim-in-memory-{}", files++);
  return File(Handle(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), H5Fclose, "skapa filen i minnet"),
              target);
}

namespace {

std::uint32_t rotate(std::uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

/// Bob Jenkins' lookup3 hash ("hashlittle", initial value 0), HDF5's metadata checksum.
std::uint32_t metadata_checksum(const unsigned char* data, std::size_t length)
{
  std::uint32_t a = 0xdeadbeef + static_cast<std::uint32_t>(length), b = a, c = a;
  auto word = [&](std::size_t at) {
    std::uint32_t w = 0;
    for (std::size_t k = 0; k < 4; ++k) w |= at + k < length ? static_cast<std::uint32_t>(data[at + k]) << (8 * k) : 0;
    return w;
  };
  std::size_t at = 0;
  for (; length - at > 12; at += 12) {
    a += word(at), b += word(at + 4), c += word(at + 8);
    a -= c, a ^= rotate(c, 4), c += b;
    b -= a, b ^= rotate(a, 6), a += c;
    c -= b, c ^= rotate(b, 8), b += a;
    a -= c, a ^= rotate(c, 16), c += b;
    b -= a, b ^= rotate(a, 19), a += c;
    c -= b, c ^= rotate(b, 4), b += a;
  }
  if (length == at) return c;
  a += word(at), b += word(at + 4), c += word(at + 8);
  c ^= b, c -= rotate(b, 14);
  a ^= c, a -= rotate(c, 11);
  b ^= a, b -= rotate(a, 25);
  c ^= b, c -= rotate(b, 16);
  a ^= c, a -= rotate(c, 4);
  b ^= a, b -= rotate(a, 14);
  c ^= b, c -= rotate(b, 24);
  return c;
}

/// HDF5 1.10's H5Fget_file_image clears the "open for writing" flag in a version-2 superblock's copy
/// but keeps the checksum of the flag set: the image would not open. Recompute the checksum.
void repair_superblock_checksum(std::vector<char>& image)
{
  auto* bytes = reinterpret_cast<unsigned char*>(image.data());
  if (image.size() < 12 || bytes[8] < 2) return;            // version 0 and 1 have no checksum
  const std::size_t size = 12 + 4 * std::size_t{bytes[9]};  // signature … root object header address
  if (image.size() < size + 4) return;
  const std::uint32_t sum = metadata_checksum(bytes, size);
  for (std::size_t k = 0; k < 4; ++k) bytes[size + k] = static_cast<unsigned char>(sum >> (8 * k));
}

}  // namespace

void File::commit() { write_to(target_); }

void File::write_to(const std::string& path)
{
  check(H5Fflush(id(), H5F_SCOPE_GLOBAL), "tömma filens buffertar");
  const ssize_t size = H5Fget_file_image(id(), nullptr, 0);
  if (size < 0) throw std::runtime_error("HDF5 kunde inte ge filens avbild");
  std::vector<char> image(static_cast<std::size_t>(size));
  if (H5Fget_file_image(id(), image.data(), image.size()) != size)
    throw std::runtime_error("HDF5 kunde inte kopiera filens avbild");
  handle_.close();
  repair_superblock_checksum(image);
  write_atomically(path, image, path == target_ ? "" : target_);
}

}  // namespace finsim::h5
