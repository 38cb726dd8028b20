// Every dataset of a result file as CSV in tidy long form, for Excel users: one file per dataset,
// one column per dimension, then the value and its unit (docs/reports.md).
#pragma once
#include <string>
#include <vector>

#include "output/hdf5_reader.h"

namespace finsim {

/// How the CSV is written: Swedish Excel (`;`, decimal comma, UTF-8 with a byte-order mark) or
/// the standard convention (`,`, `.`, no mark). Lines end in CRLF; fields are quoted as RFC 4180.
struct CsvStyle {
  char delimiter;
  char decimal;
  bool byte_order_mark;
};
inline constexpr CsvStyle swedish_csv{';', ',', true};
inline constexpr CsvStyle standard_csv{',', '.', false};

/// The CSV file name of a dataset: its group path with "/" as ".", then the dataset:
/// "/deterministic/equity" → "deterministic.equity.csv".
std::string csv_file_name(const std::string& dataset);

/// A number as the CSV holds it: the shortest form in fixed notation that reads back exactly (no
/// exponent), `style.decimal`, no grouping; NaN empty, −0 as 0. An amount in kronor (`kronor`:
/// the dataset's units are SEK, output/ore.h) is first rounded to öre, so it has at most two
/// decimals: 2.8e-10 kr is "0", 1814001.494 kr "1814001.49".
std::string csv_number(double x, const CsvStyle& style, bool kronor = false);

/// One dataset as CSV text: header (the dimensions, `value`, `unit`), then a row per element in
/// C order.
std::string dataset_csv(const h5::Reader& file, const std::string& dataset, const CsvStyle& style);
/// The same for values already read.
std::string dataset_csv(const h5::Reader& file, const std::string& dataset, const h5::DatasetValues& v,
                        const CsvStyle& style);

/// Writes every dataset of every group of `file` (scales get no file) into `folder` (export_command
/// gives a private folder and puts the finished one in place), and README.txt listing them;
/// returns the CSV file names in the order written. Messages name the files under `shown_as` (the
/// folder the user asked for) when given.
std::vector<std::string> export_csv(const h5::Reader& file, const std::string& folder, const CsvStyle& style,
                                    const std::string& shown_as = "");

/// Whether `folder` holds an earlier export: its README.txt opens as export_csv writes it.
bool is_csv_export(const std::string& folder);

}  // namespace finsim
