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

/// A number as the CSV holds it: shortest exact form, `style.decimal`, no grouping; NaN empty.
std::string csv_number(double x, const CsvStyle& style);

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
