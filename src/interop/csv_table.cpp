#include "interop/csv_table.hpp"

#include <csv.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace coalign::interop {
namespace {

// libcsv's parser states (csv.c); its struct is public but these names are not.
constexpr int kRowNotBegun = 0;
constexpr int kFieldBegun = 2;

Error CsvError(std::string_view file_name, std::size_t line, const std::string& what) {
  std::string place = CsvPlace(file_name, line);
  return Error{place + ": " + what, place};
}

std::size_t LineOfOffset(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// Length of the valid UTF-8 sequence at `at`, or 0 when it is not one.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t index) { return static_cast<unsigned char>(text[index]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
  if (length == 0 || (lead >= 0xF0 && length != 4) || at + length > text.size()) return 0;
  for (std::size_t index = 1; index < length; ++index)
    if ((byte(at + index) & 0xC0) != 0x80) return 0;
  unsigned char second = byte(at + 1);
  if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
  if (lead == 0xED && second >= 0xA0) return 0;  // surrogate
  if (lead == 0xF0 && second < 0x90) return 0;  // overlong
  if (lead == 0xF4 && second >= 0x90) return 0;  // beyond U+10FFFF
  return length;
}

bool IsUtf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = Utf8SequenceLength(text, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

void AppendUtf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Spreadsheets saved "CSV" on Windows write Windows-1252, which is Latin-1 except here.
std::string Windows1252ToUtf8(std::string_view text) {
  static constexpr std::array<std::uint16_t, 32> kHighControls = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char character : text) {
    auto byte = static_cast<unsigned char>(character);
    AppendUtf8(out, byte >= 0x80 && byte < 0xA0 ? kHighControls[byte - 0x80] : byte);
  }
  return out;
}

// The delimiter that occurs most often outside quotes on the header line (comma on a tie).
char SniffDelimiter(std::string_view text) {
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool in_quotes = false;
  for (char character : text) {
    if (character == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (character == '\n' || character == '\r') break;
    commas += character == ',';
    semicolons += character == ';';
    tabs += character == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

// Collects libcsv's field and row callbacks into rows that know their first line.
struct TableBuilder {
  std::vector<CsvRow> rows;
  CsvRow current;
  std::size_t record_start_line = 1;  // where the record being read began

  static void OnField(void* data, std::size_t length, void* self) {
    auto& builder = *static_cast<TableBuilder*>(self);
    if (builder.current.values.empty()) builder.current.line = builder.record_start_line;
    builder.current.values.emplace_back(static_cast<const char*>(data), length);
  }
  static void OnRow(int, void* self) {
    auto& builder = *static_cast<TableBuilder*>(self);
    builder.rows.push_back(std::move(builder.current));
    builder.current = CsvRow{};
  }
};

std::string Trim(std::string_view text) {
  auto is_space = [](char character) { return character == ' ' || character == '\t'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

std::string CsvPlace(std::string_view file_name, std::size_t line) {
  return std::string(file_name) + " line " + std::to_string(line);
}

Result<CsvTable> ReadCsvTable(std::string_view file_name, std::string_view text) {
  CsvTable table;
  table.file_name = std::string(file_name);
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
    return CsvError(file_name, 1, "the file is UTF-16 text; save it as \"CSV UTF-8\" and import it again");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  for (std::size_t offset = 0; offset < text.size(); ++offset) {
    auto byte = static_cast<unsigned char>(text[offset]);
    if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r')
      return CsvError(file_name, LineOfOffset(text, offset),
                      "binary data (control byte " + std::to_string(byte) + "): this is not a CSV text file");
  }
  std::string converted;
  if (!IsUtf8(text)) {
    converted = Windows1252ToUtf8(text);
    text = converted;
    table.note = "the file is not UTF-8; it was read as Windows-1252 (Latin-1) text";
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return CsvError(file_name, 1, "the file is empty: a header row is needed");
  table.delimiter = SniffDelimiter(text);

  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) return CsvError(file_name, 1, "could not start the CSV parser");
  csv_set_delim(&parser, static_cast<unsigned char>(table.delimiter));
  TableBuilder builder;
  std::size_t line = 1;
  std::size_t quote_open_line = 1;  // the line on which the quoted field being read opened
  bool was_in_quotes = false;
  std::optional<Error> failure;
  // Feed one physical line at a time (ended by LF, CRLF or a lone CR), so the parser's
  // state at each line start tells where records and quoted fields begin.
  for (std::size_t line_start = 0; line_start < text.size(); ++line) {
    std::size_t line_end = line_start;
    while (line_end < text.size() && text[line_end] != '\n' && text[line_end] != '\r') ++line_end;
    if (line_end < text.size()) {
      if (text[line_end] == '\r' && line_end + 1 < text.size() && text[line_end + 1] == '\n') ++line_end;
      ++line_end;
    }
    if (parser.pstate == kRowNotBegun) builder.record_start_line = line;
    bool in_quotes = parser.pstate == kFieldBegun && parser.quoted;
    if (in_quotes && !was_in_quotes) quote_open_line = line - 1;
    was_in_quotes = in_quotes;
    std::size_t length = line_end - line_start;
    if (csv_parse(&parser, text.data() + line_start, length, TableBuilder::OnField, TableBuilder::OnRow, &builder) !=
        length) {
      failure = CsvError(file_name, line,
                         csv_error(&parser) == CSV_EPARSE
                             ? "a quote in the wrong place: a field holding quotes must be quoted as a whole "
                               "(\"like \"\"this\"\"\"), and nothing may follow its closing quote"
                             : std::string("the CSV parser failed: ") + csv_strerror(csv_error(&parser)));
      break;
    }
    line_start = line_end;
  }
  if (!failure) {
    bool in_quotes = parser.pstate == kFieldBegun && parser.quoted;
    if (in_quotes && !was_in_quotes) quote_open_line = line - 1;
    if (csv_fini(&parser, TableBuilder::OnField, TableBuilder::OnRow, &builder) != 0 || csv_error(&parser) == CSV_EPARSE)
      failure = CsvError(file_name, quote_open_line,
                         "a quoted field opens on this line and is never closed (a missing closing \")");
  }
  csv_free(&parser);
  if (failure) return *failure;

  auto& rows = builder.rows;
  auto blank = [](const CsvRow& row) {
    return std::all_of(row.values.begin(), row.values.end(), [](const std::string& value) {
      return value.find_first_not_of(" \t\r\n") == std::string::npos;
    });
  };
  rows.erase(std::remove_if(rows.begin(), rows.end(), blank), rows.end());
  if (rows.empty()) return CsvError(file_name, 1, "the file has no header row");
  for (const auto& name : rows.front().values) table.header.push_back(Trim(name));
  table.rows.assign(std::make_move_iterator(rows.begin() + 1), std::make_move_iterator(rows.end()));
  return table;
}

}  // namespace coalign::interop
