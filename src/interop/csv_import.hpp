// Import of the field's spreadsheet convention (Kumu's): an elements table with a label
// column and a connections table with from/to columns, as CSV, into a map. Header names
// are recognised case-insensitively in their common spellings; `--column ROLE=HEADER`
// names any other. Every row that cannot be imported is reported with its file and line,
// and columns that are not understood are kept in each item's `extra`, so nothing is
// dropped silently and an export gives them back.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interop/native_document.hpp"
#include "model/result.hpp"

namespace coalign::interop {

// One `--column ROLE=HEADER`: the column named HEADER holds ROLE. Roles: id, label, from,
// to, polarity, weight, theme, layer, description, parent, x, y, tags, assumption,
// evidence, and the aliases the headers have (name, source, target, sign, strength,
// cluster, group, kind, definition, …).
struct ColumnOverride {
  std::string role;
  std::string header;
};

struct CsvFile {
  std::string name;  // as problems name it: "nodes.csv"
  std::string text;
};

struct ElementConnectionFiles {
  std::optional<CsvFile> elements;
  CsvFile connections;
};

// Reads "ROLE=HEADER"; fails on a missing '=', an empty side or an unknown role.
Result<ColumnOverride> ParseColumnOverride(std::string_view text);

// Decides which of one or two files holds the connections (the one with from- and
// to-like headers, or the headers the overrides name for from/to) and which the elements.
// Fails when none or both look like connections, or on more than two files.
Result<ElementConnectionFiles> SortElementConnectionFiles(std::vector<CsvFile> files,
                                                          const std::vector<ColumnOverride>& overrides);

// Fails on malformed CSV, a missing label/from/to column, or an override naming a header
// that neither file has (or a role that does not fit the file holding that header). Rows
// that cannot be imported are left out and listed in `problems`.
Result<NativeDocument> ReadElementConnectionCsv(const std::optional<CsvFile>& elements, const CsvFile& connections,
                                                const std::vector<ColumnOverride>& overrides,
                                                const std::string& map_name);

}  // namespace coalign::interop
