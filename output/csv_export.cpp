#include "output/csv_export.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "engine/version.h"
#include "output/atomic_write.h"
#include "output/display_names.h"
#include "output/ore.h"

namespace finsim {

namespace {

/// The first words of every export's README.txt: how an earlier export is recognised.
constexpr const char* readme_opening = "CSV-export av";

/// A field quoted as RFC 4180 asks when it holds the delimiter, a quote or a line break.
std::string field(const std::string& text, const CsvStyle& style)
{
  if (text.find_first_of(std::string{style.delimiter, '"', '\r', '\n'}) == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + '"';
}

/// The datasets of `group` and its subgroups, scales left out, in name order.
void collect(const h5::Reader& file, const std::string& group, std::vector<std::string>& out)
{
  for (const std::string& name : file.members(group)) {
    const std::string path = group == "/" ? "/" + name : group + "/" + name;
    if (file.is_group(path))
      collect(file, path, out);
    else if (!file.is_scale(path))
      out.push_back(path);
  }
}

/// The coordinate labels of dimension `k` of `v` in `dataset`'s group (its scale's values, or
/// 0, 1, … when it has none).
std::vector<std::string> coordinates(const h5::Reader& file, const std::string& dataset, const h5::DatasetValues& v,
                                     std::size_t k, const CsvStyle& style)
{
  const std::string group = dataset.substr(0, dataset.rfind('/'));
  std::vector<std::string> out;
  if (!v.dims[k].empty() && file.has(group + "/" + v.dims[k])) {
    const h5::DatasetValues scale = file.read(group + "/" + v.dims[k]);
    if (scale.is_text) return scale.texts;
    for (double x : scale.values) out.push_back(csv_number(x, style, is_kronor_unit(scale.units)));
  }
  for (std::size_t i = out.size(); i < v.shape[k]; ++i) out.push_back(std::to_string(i));
  return out;
}

}  // namespace

std::string csv_file_name(const std::string& dataset)
{
  std::string name = dataset.substr(dataset.front() == '/' ? 1 : 0);
  for (char& c : name)
    if (c == '/') c = '.';
  return name + ".csv";
}

std::string csv_number(double x, const CsvStyle& style, bool kronor)
{
  if (std::isnan(x)) return "";
  if (kronor) x = round_to_ore(x);
  if (x == 0.0) return "0";  // −0 too
  // The shortest fixed-notation form that reads back as x: never an exponent ("2.8e-10"), which
  // Excel would show as text or in scientific notation.
  std::array<char, 400> buffer{};
  const std::to_chars_result end =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), x, std::chars_format::fixed);
  std::string text(buffer.data(), end.ptr);
  for (char& c : text)
    if (c == '.') c = style.decimal;
  return text;
}

std::string dataset_csv(const h5::Reader& file, const std::string& dataset, const CsvStyle& style)
{
  return dataset_csv(file, dataset, file.read(dataset), style);
}

std::string dataset_csv(const h5::Reader& file, const std::string& dataset, const h5::DatasetValues& v,
                        const CsvStyle& style)
{
  const std::string sep(1, style.delimiter);
  std::vector<std::vector<std::string>> coords;
  std::string out;
  for (std::size_t k = 0; k < v.shape.size(); ++k) {
    out += field(v.dims[k].empty() ? fmt::format("dim_{}", k) : v.dims[k], style) + sep;
    coords.push_back(coordinates(file, dataset, v, k, style));
  }
  out += "value" + sep + "unit\r\n";
  const std::size_t count = v.is_text ? v.texts.size() : v.values.size();
  const bool kronor = is_kronor_unit(v.units);
  std::vector<std::size_t> at(v.shape.size(), 0);
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t k = 0; k < at.size(); ++k) out += field(coords[k][at[k]], style) + sep;
    out += field(v.is_text ? v.texts[i] : csv_number(v.values[i], style, kronor), style) + sep + field(v.units, style) +
           "\r\n";
    for (std::size_t k = at.size(); k-- > 0;) {  // the next index in C order: the last dimension fastest
      if (++at[k] < v.shape[k]) break;
      at[k] = 0;
    }
  }
  return out;
}

std::vector<std::string> export_csv(const h5::Reader& file, const std::string& folder, const CsvStyle& style,
                                    const std::string& shown_as)
{
  const auto shown = [&](const std::string& name) {
    return shown_as.empty() ? std::string() : (std::filesystem::path(shown_as) / name).string();
  };
  std::vector<std::string> datasets, names;
  collect(file, "/", datasets);
  const std::string mark = style.byte_order_mark ? "\xEF\xBB\xBF" : "";
  std::string readme = mark + fmt::format(
                                  "{} {} (finsim {}).\r\n"
                                  "En fil per dataset i lång form: en kolumn per dimension, sedan value (värdet) och "
                                  "unit (enheten).\r\n"
                                  "Fältavgränsare '{}', decimaltecken '{}', UTF-8{}; tomt värde = saknas (NaN).\r\n"
                                  "Filnamnet är gruppens sökväg med punkter, sedan datasetets namn; se "
                                  "docs/output-format.md.\r\n\r\nFiler:\r\n",
                                  readme_opening, file.path(), engine_version(), style.delimiter, style.decimal,
                                  style.byte_order_mark ? " med byte order mark (svensk Excel)" : "");
  // The answer first, as the terminal printed it (the file's summary sentences).
  if (file.has_attribute("/", "summary")) {
    const std::vector<std::string> sentences = file.string_list_attribute("/", "summary");
    if (!sentences.empty()) {
      std::string answer = "Resultatet i korthet:\r\n";
      for (const std::string& sentence : sentences) answer += "  " + sentence + "\r\n";
      readme.insert(readme.find("\r\n\r\nFiler:") + 2, "\r\n" + answer);
    }
  }
  std::vector<std::string> dimensions;                      // column keys in the order first met
  std::vector<std::pair<std::string, std::string>> labels;  // stored label → Swedish, where they differ
  const int first_year = file.has("/deterministic/year") && !file.read("/deterministic/year").values.empty()
                             ? int(file.read("/deterministic/year").values.front())
                             : 0;
  for (const std::string& dataset : datasets) {
    const std::string name = csv_file_name(dataset);
    const h5::DatasetValues v = file.read(dataset);
    const std::string text = mark + dataset_csv(file, dataset, v, style);
    write_atomically((std::filesystem::path(folder) / name).string(), text, shown(name));
    names.push_back(name);
    readme += fmt::format("{}  {}{}\r\n", name, v.long_name, v.units.empty() ? "" : fmt::format(" [{}]", v.units));
    const std::string group = dataset.substr(0, dataset.rfind('/') + 1);
    for (const std::string& dim : v.dims) {
      if (std::find(dimensions.begin(), dimensions.end(), dim) != dimensions.end()) continue;
      dimensions.push_back(dim);
      if (!file.has(group + dim)) continue;
      const h5::DatasetValues scale = file.read(group + dim);
      for (const std::string& raw : scale.texts) {
        const std::string swedish = stored_label(raw, first_year);
        if (swedish != raw &&
            std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.first == raw; }) == labels.end())
          labels.emplace_back(raw, swedish);
      }
    }
  }
  // The machine names stay the column keys and values; their Swedish names (clarification 87).
  readme += "\r\nKolumner (kolumnnyckel: svensk benämning):\r\n";
  for (const std::string& dim : dimensions) readme += fmt::format("  {}: {}\r\n", dim, dimension_label(dim));
  readme += fmt::format("  value: {}\r\n  unit: {}\r\n", dimension_label("value"), dimension_label("unit"));
  if (!labels.empty()) {
    readme += "\r\nEtiketter i kolumnerna (värde i filen: svensk benämning):\r\n";
    for (const auto& [raw, swedish] : labels) readme += fmt::format("  {}: {}\r\n", raw, swedish);
  }
  write_atomically((std::filesystem::path(folder) / "README.txt").string(), readme, shown("README.txt"));
  return names;
}

bool is_csv_export(const std::string& folder)
{
  std::ifstream in(std::filesystem::path(folder) / "README.txt", std::ios::binary);
  std::string first;
  std::getline(in, first);
  if (first.rfind("\xEF\xBB\xBF", 0) == 0) first.erase(0, 3);
  return first.rfind(readme_opening, 0) == 0;
}

}  // namespace finsim
