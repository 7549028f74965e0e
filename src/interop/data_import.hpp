// Importing data points from a long-format table (issue 4): one row per (date, group),
// a date or year column, a value column, and optionally a group column (a locality),
// which makes one measure per group. Read on the CSV reader (csv_table, libcsv).
//
// Dates: "YYYY-MM-DD" (and ISO date-times, whose date part is taken); "YYYY-MM" (the
// month's last day, or first with year_as=start); a year "YYYY" (Dec 31, or Jan 1 with
// year_as=start); a school or cohort year "YYYY-YYYY" / "YYYY-YY" / "AY 2002-03" (it
// runs July to June: June 30 of its second year, or July 1 of its first with
// year_as=start).
// Values: numbers (a trailing % is dropped); "NA", "N/A", "NaN", "null", "-", "." or an
// empty cell mean no value: the row is skipped and reported with its line, never
// silently. Refused, with the line, column and reason, and nothing stored: text in the
// value column, a missing or unreadable date, two rows with the same date and group, a
// file with no data rows, or a column that is not in the header.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interop/csv_table.hpp"
#include "model/map_state.hpp"
#include "ops/operation.hpp"

namespace coalign::interop {

struct DataImportOptions {
  std::string date_column;
  std::string value_column;
  std::string group_column;    // "" = one measure
  bool year_as_start = false;  // years become Jan 1 (school years Jul 1) instead of their end
  std::map<std::string, std::string> group_names;  // group cell text -> label (e.g. FIPS "003" -> "Albemarle")
};

struct DataImportIssue {
  std::size_t line = 0;  // 1-based line of the file (0: the file as a whole)
  std::string column;    // "" when not one column's fault
  std::string reason;
};

struct ImportedSeries {
  std::string group;                    // its label ("" without a group column)
  std::vector<model::DataPoint> points;  // sorted by date
};

struct DataImport {
  std::vector<std::string> columns;
  std::size_t rows = 0;                 // data rows read (skipped ones included)
  std::vector<ImportedSeries> series;   // in order of first appearance
  std::vector<DataImportIssue> skipped; // rows without a value
  std::vector<DataImportIssue> errors;  // any: the file is refused
  std::string note;                     // what the reader changed (an encoding), or ""
};

// Column guesses for the preview dialog ("" when none fits).
struct ColumnGuess {
  std::string date_column, value_column, group_column;
};

// Progress of a long import: (rows done, rows in all).
using ImportProgress = std::function<void(std::size_t, std::size_t)>;

// Reads the table; errors (line 0) when the file is empty or unreadable.
Result<CsvTable> ReadDataTable(std::string_view file_name, std::string_view text);
ColumnGuess GuessColumns(const CsvTable& table);
DataImport ReadDataPoints(const CsvTable& table, const DataImportOptions& options, const ImportProgress& progress = {});

// Turns a date cell into YYYY-MM-DD, or nullopt.
std::optional<std::string> ParseDateCell(std::string_view cell, bool year_as_start);

// The ops that store an import as one batch: per series an add_measure (from
// `measure_template`, with its group, statement, a fresh id not in `taken`, and the
// earliest point as baseline unless the template has one) and a set_data_points.
std::vector<ops::Op> DataImportOps(DataImport data, const model::Measure& measure_template,
                                   const std::function<bool(const std::string&)>& taken);

}  // namespace coalign::interop
