// A CSV file read into rows of text, each with the line it starts on, for importers that
// must say where a problem was. The RFC 4180 parsing itself is libcsv's (quoted fields may
// hold commas, doubled quotes and line breaks); around it this adds what real files need:
// a UTF-8 byte order mark is dropped, the delimiter (comma, semicolon or tab) is taken
// from the header line, Windows-1252 text is converted to UTF-8, and binary data, an
// unterminated quote or a stray quote is a clear error naming the file and the line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.hpp"

namespace coalign::interop {

struct CsvRow {
  std::size_t line = 0;  // 1-based line of the file on which the row starts
  std::vector<std::string> values;
};

struct CsvTable {
  std::string file_name;
  char delimiter = ',';
  std::vector<std::string> header;  // the first row, each name trimmed
  std::vector<CsvRow> rows;         // the rows after the header; blank lines left out
  std::string note;  // something the reader changed on the way ("" = nothing), e.g. an encoding
};

// Fails (with the file name and line in the message and in Error::field) on an empty file,
// binary data, an unterminated quoted field, or a quote in the wrong place.
Result<CsvTable> ReadCsvTable(std::string_view file_name, std::string_view text);

// "nodes.csv line 12": how problems and errors name a place in a CSV file.
std::string CsvPlace(std::string_view file_name, std::size_t line);

}  // namespace coalign::interop
