#include "output/hdf5_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <hdf5_hl.h>

#include <filesystem>
#include <limits>
#include <set>
#include <stdexcept>

#include "engine/statistics.h"
#include "input/input_error.h"
#include "output/result_file.h"
#include "output/result_format.h"

namespace finsim::h5 {

namespace {

constexpr std::size_t max_objects = 100000;
constexpr std::uint64_t max_values = std::uint64_t{1} << 60;

void check(herr_t status, const std::string& what)
{
  if (status < 0) throw std::runtime_error("HDF5 kunde inte " + what);
}

Handle open_object(hid_t file, const std::string& object)
{
  return Handle(H5Oopen(file, object.c_str(), H5P_DEFAULT), H5Oclose, "öppna " + object);
}

Handle open_dataset(hid_t file, const std::string& dataset)
{
  return Handle(H5Dopen2(file, dataset.c_str(), H5P_DEFAULT), H5Dclose, "öppna datasetet " + dataset);
}

Handle open_attribute(hid_t file, const std::string& object, const std::string& name)
{
  return Handle(H5Aopen_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                "öppna attributet " + name + " på " + object);
}

/// A link of a group: its name and whether it is a hard link (soft and external links are not).
struct Link {
  std::string name;
  H5L_type_t type;
};

herr_t collect_link(hid_t, const char* name, const H5L_info_t* info, void* data)
{
  static_cast<std::vector<Link>*>(data)->push_back(Link{name, info->type});
  return 0;
}

/// The name and length of the first scale attached to a dimension.
struct AttachedScale {
  std::string name;
  int rank = -1;
  hsize_t length = 0;
};

herr_t attached_scale(hid_t, unsigned, hid_t scale, void* data)
{
  auto* out = static_cast<AttachedScale*>(data);
  char buffer[256] = {};
  if (H5DSget_scale_name(scale, buffer, sizeof buffer) > 0) out->name = buffer;
  const hid_t space = H5Dget_space(scale);
  if (space < 0) return -1;
  out->rank = H5Sget_simple_extent_ndims(space);
  if (out->rank == 1) H5Sget_simple_extent_dims(space, &out->length, nullptr);
  H5Sclose(space);
  return 1;
}

std::string link_kind(H5L_type_t type)
{
  return type == H5L_TYPE_SOFT ? "en mjuk länk" : type == H5L_TYPE_EXTERNAL ? "en extern länk" : "en okänd länktyp";
}

std::string type_name(H5T_class_t kind)
{
  switch (kind) {
    case H5T_COMPOUND: return "en sammansatt typ (compound)";
    case H5T_ARRAY: return "en vektortyp (array)";
    case H5T_VLEN: return "en variabel längd-typ (vlen)";
    case H5T_ENUM: return "en uppräkningstyp (enum)";
    case H5T_REFERENCE: return "referenser";
    case H5T_OPAQUE: return "opaka data";
    case H5T_BITFIELD: return "bitfält";
    case H5T_TIME: return "tidstyp";
    default: return "en typ som finsim inte skriver";
  }
}

std::string dims_text(std::vector<std::string> dims)
{
  for (std::string& d : dims)
    if (d.empty()) d = "utan skala";
  return dims.empty() ? std::string("inga (ett enda värde)") : fmt::format("({})", fmt::join(dims, ", "));
}

}  // namespace

void Reader::refuse(const std::string& object, const std::string& why) const
{
  throw InputError({Problem{path_, 0, 0, object, why}});
}

template <class F>
auto Reader::guarded(const std::string& object, F&& f) const -> decltype(f())
{
  try {
    return f();
  } catch (const InputError&) {
    throw;
  } catch (const std::runtime_error& e) {
    refuse(object,
           fmt::format("{}: filen är skadad eller inte skriven av finsim; skriv den på nytt med finsim", e.what()));
  }
}

Reader Reader::open(const std::string& path)
{
  quiet_hdf5();
  auto refuse = [&](const std::string& why) { throw InputError({Problem{path, 0, 0, "", why}}); };
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) refuse("filen finns inte: ange sökvägen till en resultatfil från finsim (.h5)");
  if (std::filesystem::is_directory(status))
    refuse("är en mapp, inte en fil: ange en resultatfil från finsim (.h5), till exempel output/solleftea-2024.h5");
  if (!std::filesystem::is_regular_file(status))
    refuse("är inte en vanlig fil (en enhet, ett rör eller ett uttag): ange en resultatfil från finsim (.h5)");
  if (H5Fis_hdf5(path.c_str()) <= 0) refuse("är ingen HDF5-fil: ange en resultatfil som finsim har skrivit");
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) refuse("HDF5-filen kan inte öppnas (skadad eller oläsbar): skriv den på nytt med finsim");
  Reader r(Handle(id, H5Fclose, "öppna " + path), path);
  if (!r.has_attribute("/", "file_type") || r.string_attribute("/", "file_type") != result_file_type)
    refuse(
        fmt::format("är ingen resultatfil från finsim (roten saknar file_type = \"{}\"): ange en fil som finsim "
                    "run eller en analys har skrivit",
                    result_file_type));
  const double version = r.has_attribute("/", "format_version") ? r.number_attribute("/", "format_version") : -1.0;
  if (version != static_cast<double>(result_format_version))
    refuse(
        fmt::format("format_version {} läses inte av denna finsim (version {}): öppna filen med den finsim som "
                    "skrev den, eller skriv den på nytt med denna",
                    version, result_format_version));
  r.check_structure();
  r.check_scale_lengths();
  r.check_complete();
  return r;
}

void Reader::check_structure()
{
  std::set<haddr_t> seen;
  std::vector<std::pair<std::string, int>> groups{{"/", 0}};
  std::size_t objects = 0;
  while (!groups.empty()) {
    const std::string group = groups.back().first;  // not a structured binding: lambdas capture it
    const int depth = groups.back().second;
    groups.pop_back();
    std::vector<Link> links;
    guarded(group, [&] {
      Handle g(H5Gopen2(file_.id(), group.c_str(), H5P_DEFAULT), H5Gclose, "öppna gruppen " + group);
      check(H5Literate(g.id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_link, &links), "lista " + group);
    });
    for (const Link& link : links) {
      const std::string path = group == "/" ? "/" + link.name : group + "/" + link.name;
      if (link.type != H5L_TYPE_HARD)
        refuse(path, fmt::format("är {}; finsim skriver inga länkar: filen är ändrad eller inte skriven av finsim, "
                                 "skriv den på nytt med finsim",
                                 link_kind(link.type)));
      if (++objects > max_objects)
        refuse(group, fmt::format("filen har fler än {} objekt; finsim skriver färre: skriv den på nytt", max_objects));
      H5O_info_t info{};
      guarded(path, [&] {
        check(H5Oget_info_by_name2(file_.id(), path.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT), "läsa " + path);
      });
      if (!seen.insert(info.addr).second)
        refuse(path,
               "är ett objekt som redan finns på ett annat ställe i filen (en grupp länkad in i sig själv eller "
               "en dubblett); finsim skriver varje objekt en gång: skriv filen på nytt med finsim");
      if (info.type == H5O_TYPE_GROUP) {
        if (depth + 1 > max_depth)
          refuse(path, fmt::format("ligger fler än {} grupper djupt; finsim skriver högst {}", max_depth, max_depth));
        groups.emplace_back(path, depth + 1);
      } else if (info.type == H5O_TYPE_DATASET) {
        check_dataset(path);
      } else {
        refuse(path, "är varken en grupp eller ett dataset (en namngiven datatyp); finsim skriver inga sådana");
      }
    }
  }
}

void Reader::check_dataset(const std::string& dataset)
{
  guarded(dataset, [&] {
    Handle d = open_dataset(file_.id(), dataset);
    Handle type(H5Dget_type(d.id()), H5Tclose, "läsa typen av " + dataset);
    const H5T_class_t kind = H5Tget_class(type.id());
    if (kind == H5T_STRING && H5Tis_variable_str(type.id()) <= 0)
      refuse(dataset, "har text med fast längd; finsim skriver text med variabel längd (UTF-8)");
    if (kind != H5T_STRING && kind != H5T_INTEGER && kind != H5T_FLOAT)
      refuse(dataset, "har " + type_name(kind) + "; finsim skriver tal eller text");
    Handle space(H5Dget_space(d.id()), H5Sclose, "läsa formen av " + dataset);
    const int rank = H5Sget_simple_extent_ndims(space.id());
    if (rank < 0) refuse(dataset, "har en form som inte kan läsas; filen är skadad");
    if (rank > max_rank) refuse(dataset, fmt::format("har {} dimensioner; finsim skriver högst {}", rank, max_rank));
    std::vector<hsize_t> extent(static_cast<std::size_t>(rank));
    if (rank > 0) H5Sget_simple_extent_dims(space.id(), extent.data(), nullptr);
    std::uint64_t count = H5Sget_simple_extent_type(space.id()) == H5S_NULL ? 0 : 1;
    for (hsize_t n : extent) {
      if (n != 0 && count > max_values / n)
        refuse(dataset, fmt::format("har fler än {} värden; ingen resultatfil från finsim är så stor", max_values));
      count *= n;
    }
    value_count_ = value_count_ > max_values - count ? max_values : value_count_ + count;
    const DatasetFormat* format = dataset_format(dataset);
    if (format == nullptr)
      refuse(dataset,
             "är inget dataset som finsim skriver (docs/output-format.md): filen är ändrad eller inte "
             "skriven av denna finsim");
    if (format != nullptr && (format->kind == DatasetFormat::Kind::text) != (kind == H5T_STRING))
      refuse(dataset, format->kind == DatasetFormat::Kind::text ? "har tal där finsim skriver text"
                                                                : "har text där finsim skriver tal");
    if (format != nullptr && format->dims.empty() && !format->scale && count != 1)
      refuse(dataset, fmt::format("har {} värden; finsim skriver ett enda värde här", count));
    const bool is_scale = H5DSis_scale(d.id()) > 0;
    if (format != nullptr && format->scale != is_scale)
      refuse(dataset, is_scale ? "är en skala där finsim skriver ett dataset" : "är ingen skala där finsim skriver en");
    if (is_scale) {
      if (rank != 1) refuse(dataset, fmt::format("är en skala med {} dimensioner; en skala har en", rank));
      scale_lengths_.emplace_back(dataset, extent.front());
      return;
    }
    std::vector<std::string> dims;
    for (int k = 0; k < rank; ++k) dims.push_back(check_dimension(dataset, d.id(), k, extent[std::size_t(k)]));
    if (format != nullptr && !std::equal(dims.begin(), dims.end(), format->dims.begin(), format->dims.end()))
      refuse(dataset,
             fmt::format("har dimensionerna {}; finsim skriver ({})", dims_text(dims), fmt::join(format->dims, ", ")));
  });
}

std::string Reader::check_dimension(const std::string& dataset, hid_t d, int k, hsize_t extent) const
{
  if (H5DSget_num_scales(d, static_cast<unsigned>(k)) <= 0) return "";
  AttachedScale scale;
  if (H5DSiterate_scales(d, static_cast<unsigned>(k), nullptr, attached_scale, &scale) < 0 || scale.rank != 1)
    refuse(dataset, fmt::format("dimension {} pekar på en skala som inte kan läsas; filen är skadad", k + 1));
  if (scale.name.empty()) scale.name = "(namnlös)";
  if (scale.length != extent)
    refuse(dataset, fmt::format("har {} värden längs dimension {} men dess skala {} har {}", extent, k + 1, scale.name,
                                scale.length));
  // The scale of that name in the dataset's own group, which readers take the coordinates from.
  const std::string own = dataset.substr(0, dataset.rfind('/') + 1) + scale.name;
  if (!scale.name.empty() && has(own)) {
    AttachedScale same;
    Handle s = open_dataset(file_.id(), own);
    attached_scale(0, 0, s.id(), &same);
    if (same.rank != 1 || same.length != extent)
      refuse(dataset, fmt::format("har {} värden längs {} men {} har {}", extent, scale.name, own, same.length));
  }
  return scale.name;
}

void Reader::check_complete() const
{
  for (const DatasetFormat& f : result_format()) {
    const std::string path(f.path), group = path.substr(0, path.rfind('/'));
    if (f.required && has(group) && !has(path))
      refuse(path, "saknas; finsim skriver det i varje fil med gruppen " + group + ": skriv filen på nytt med finsim");
  }
  for (const AttributeFormat& a : required_number_attributes())
    if (has(std::string(a.object))) number_attribute(std::string(a.object), std::string(a.name));
}

void Reader::check_scale_lengths() const
{
  // Every year scale spans the horizon of /deterministic/year, every month scale its months, every
  // quantile scale finsim's levels: the readers index by them.
  std::size_t years = 0;
  bool found = false;
  for (const auto& [path, length] : scale_lengths_)
    if (path == "/deterministic/year") years = length, found = true;
  if (!found) refuse("/deterministic/year", "saknas; finsim skriver det i varje resultatfil");
  for (const auto& [path, length] : scale_lengths_) {
    const std::string name = path.substr(path.rfind('/') + 1);
    const std::size_t expected = name == "year"       ? years
                                 : name == "month"    ? 12 * years
                                 : name == "quantile" ? quantile_levels.size()
                                                      : length;
    if (length != expected)
      refuse(path, fmt::format("har {} värden; finsim skriver {} här ({})", length, expected,
                               name == "quantile" ? "percentilnivåerna" : "horisonten i /deterministic/year"));
  }
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
  return guarded(object, [&] {
    H5O_info_t info;
    Handle o = open_object(file_.id(), object);
    check(H5Oget_info2(o.id(), &info, H5O_INFO_BASIC), "läsa " + object);
    return info.type == H5O_TYPE_GROUP;
  });
}

std::vector<std::string> Reader::members(const std::string& group) const
{
  return guarded(group, [&] {
    std::vector<Link> links;
    Handle g(H5Gopen2(file_.id(), group.c_str(), H5P_DEFAULT), H5Gclose, "öppna gruppen " + group);
    check(H5Literate(g.id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_link, &links), "lista " + group);
    std::vector<std::string> names;
    for (const Link& l : links) names.push_back(l.name);
    return names;
  });
}

bool Reader::is_scale(const std::string& object) const
{
  return guarded(object, [&] { return H5DSis_scale(open_dataset(file_.id(), object).id()) > 0; });
}

DatasetValues Reader::read(const std::string& dataset) const
{
  if (!has(dataset)) refuse(dataset, "saknas; finsim skriver det här (docs/output-format.md): skriv filen på nytt");
  return guarded(dataset, [&] {
    Handle d = open_dataset(file_.id(), dataset);
    Handle space(H5Dget_space(d.id()), H5Sclose, "läsa formen av " + dataset);
    const int rank = H5Sget_simple_extent_ndims(space.id());
    std::vector<hsize_t> extent(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(space.id(), extent.data(), nullptr);
    DatasetValues out;
    std::size_t count = H5Sget_simple_extent_type(space.id()) == H5S_NULL ? 0 : 1;
    for (hsize_t n : extent) {
      out.shape.push_back(static_cast<std::size_t>(n));
      count *= static_cast<std::size_t>(n);
    }
    Handle stored(H5Dget_type(d.id()), H5Tclose, "läsa typen av " + dataset);
    out.is_text = H5Tget_class(stored.id()) == H5T_STRING;
    if (out.is_text) {
      if (H5Tis_variable_str(stored.id()) <= 0)
        refuse(dataset, "har text med fast längd; finsim skriver variabel längd");
      std::vector<char*> pointers(count, nullptr);
      Handle type = string_type(H5T_VARIABLE);
      if (count > 0)
        check(H5Dread(d.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "läsa " + dataset);
      for (char* p : pointers) out.texts.emplace_back(p != nullptr ? p : "");
      if (count > 0) H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, pointers.data());
    } else {
      out.values.resize(count);
      if (count > 0)
        check(H5Dread(d.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.values.data()), "läsa " + dataset);
    }
    for (int k = 0; k < rank; ++k) {
      AttachedScale scale;
      if (H5DSget_num_scales(d.id(), static_cast<unsigned>(k)) > 0)
        H5DSiterate_scales(d.id(), static_cast<unsigned>(k), nullptr, attached_scale, &scale);
      out.dims.push_back(scale.name);
    }
    if (has_attribute(dataset, "units")) out.units = string_attribute(dataset, "units");
    if (has_attribute(dataset, "long_name")) out.long_name = string_attribute(dataset, "long_name");
    return out;
  });
}

DatasetValues Reader::read_shaped(const std::string& dataset, bool text, const std::vector<std::string>& dims,
                                  const std::vector<std::pair<std::string, std::size_t>>& lengths) const
{
  DatasetValues v = read(dataset);
  if (v.is_text != text) refuse(dataset, text ? "har tal där finsim skriver text" : "har text där finsim skriver tal");
  if (v.dims != dims)
    refuse(dataset, fmt::format("har dimensionerna {}; finsim skriver {}", dims_text(v.dims), dims_text(dims)));
  for (std::size_t k = 0; k < dims.size(); ++k)
    for (const auto& [name, length] : lengths)
      if (dims[k] == name && v.shape[k] != length)
        refuse(dataset, fmt::format("har {} värden längs {}; filen har {}", v.shape[k], name, length));
  return v;
}

DatasetValues Reader::read(const std::string& dataset, const std::vector<std::string>& dims,
                           const std::vector<std::pair<std::string, std::size_t>>& lengths) const
{
  return read_shaped(dataset, false, dims, lengths);
}

std::vector<std::string> Reader::texts(const std::string& dataset, const std::vector<std::string>& dims,
                                       const std::vector<std::pair<std::string, std::size_t>>& lengths) const
{
  return read_shaped(dataset, true, dims, lengths).texts;
}

std::vector<std::string> Reader::labels(const std::string& dataset) const
{
  const DatasetValues v = read(dataset);
  if (!v.is_text || v.shape.size() != 1) refuse(dataset, "är ingen lista med namn (text i en dimension)");
  return v.texts;
}

bool Reader::has_attribute(const std::string& object, const std::string& name) const
{
  return has(object) && H5Aexists_by_name(file_.id(), object.c_str(), name.c_str(), H5P_DEFAULT) > 0;
}

std::string Reader::string_attribute(const std::string& object, const std::string& name) const
{
  const std::string where = object + " (attributet " + name + ")";
  return guarded(where, [&] {
    Handle a = open_attribute(file_.id(), object, name);
    Handle stored(H5Aget_type(a.id()), H5Tclose, "läsa typen av " + name);
    if (H5Tget_class(stored.id()) != H5T_STRING) refuse(where, "är inte text");
    Handle space(H5Aget_space(a.id()), H5Sclose, "läsa formen av " + name);
    if (H5Sget_simple_extent_npoints(space.id()) != 1) refuse(where, "är inte en enda text");
    if (H5Tis_variable_str(stored.id()) > 0) {
      Handle type = string_type(H5T_VARIABLE);
      char* text = nullptr;
      check(H5Aread(a.id(), type.id(), &text), "läsa attributet " + name);
      std::string out = text != nullptr ? text : "";
      H5free_memory(text);
      return out;
    }
    const std::size_t size = H5Tget_size(stored.id());
    if (size == 0 || size > (std::size_t{1} << 24)) refuse(where, "har en textlängd som finsim inte skriver");
    std::string out(size, '\0');
    check(H5Aread(a.id(), stored.id(), out.data()), "läsa attributet " + name);
    return out.substr(0, out.find('\0'));
  });
}

std::vector<std::string> Reader::string_list_attribute(const std::string& object, const std::string& name) const
{
  const std::string where = object + " (attributet " + name + ")";
  return guarded(where, [&] {
    Handle a = open_attribute(file_.id(), object, name);
    Handle stored(H5Aget_type(a.id()), H5Tclose, "läsa typen av " + name);
    if (H5Tget_class(stored.id()) != H5T_STRING || H5Tis_variable_str(stored.id()) <= 0)
      refuse(where, "är ingen lista med texter");
    Handle space(H5Aget_space(a.id()), H5Sclose, "läsa formen av " + name);
    const hssize_t n = H5Sget_simple_extent_npoints(space.id());
    if (n < 0 || n > (hssize_t{1} << 24)) refuse(where, "har ett antal texter som finsim inte skriver");
    std::vector<char*> pointers(static_cast<std::size_t>(n), nullptr);
    Handle type = string_type(H5T_VARIABLE);
    if (n > 0) check(H5Aread(a.id(), type.id(), pointers.data()), "läsa attributet " + name);
    std::vector<std::string> out;
    for (char* p : pointers) out.emplace_back(p != nullptr ? p : "");
    if (n > 0) H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, pointers.data());
    return out;
  });
}

double Reader::number_attribute(const std::string& object, const std::string& name) const
{
  const std::string where = object + " (attributet " + name + ")";
  if (!has_attribute(object, name)) refuse(where, "saknas; finsim skriver det (docs/output-format.md)");
  return guarded(where, [&] {
    Handle a = open_attribute(file_.id(), object, name);
    Handle stored(H5Aget_type(a.id()), H5Tclose, "läsa typen av " + name);
    const H5T_class_t kind = H5Tget_class(stored.id());
    if (kind != H5T_INTEGER && kind != H5T_FLOAT) refuse(where, "är inget tal");
    Handle space(H5Aget_space(a.id()), H5Sclose, "läsa formen av " + name);
    if (H5Sget_simple_extent_npoints(space.id()) != 1) refuse(where, "är inte ett enda tal");
    double value = 0.0;
    check(H5Aread(a.id(), H5T_NATIVE_DOUBLE, &value), "läsa attributet " + name);
    return value;
  });
}

}  // namespace finsim::h5
