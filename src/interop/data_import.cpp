#include "interop/data_import.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "model/iso_time.hpp"
#include "ops/apply.hpp"
#include "ops/progress_ops.hpp"

namespace coalign::interop {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsMissing(std::string_view cell) {
  if (cell.empty()) return true;
  std::string lower = Lower(cell);
  return lower == "na" || lower == "n/a" || lower == "nan" || lower == "null" || lower == "-" || lower == "." ||
         lower == "#n/a" || lower == "none";
}

std::optional<double> ParseNumber(std::string_view cell) {
  if (!cell.empty() && cell.back() == '%') cell = Trim(cell.substr(0, cell.size() - 1));
  if (!cell.empty() && cell.front() == '+') cell.remove_prefix(1);
  if (cell.empty()) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string Format(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

std::optional<std::size_t> ColumnIndex(const CsvTable& table, const std::string& name) {
  for (std::size_t column_idx = 0; column_idx < table.header.size(); ++column_idx)
    if (table.header[column_idx] == name) return column_idx;
  std::string lower = Lower(name);
  for (std::size_t column_idx = 0; column_idx < table.header.size(); ++column_idx)
    if (Lower(table.header[column_idx]) == lower) return column_idx;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ParseDateCell(std::string_view cell, bool year_as_start) {
  cell = Trim(cell);
  // An ISO date or date-time: its date part.
  if (cell.size() >= 10 && cell[4] == '-' && cell[7] == '-' && AllDigits(cell.substr(0, 4)) &&
      AllDigits(cell.substr(5, 2)) && AllDigits(cell.substr(8, 2)) &&
      (cell.size() == 10 || cell[10] == 'T' || cell[10] == ' ')) {
    std::string date(cell.substr(0, 10));
    if (model::IsIsoDate(date)) return date;
    return std::nullopt;
  }
  // A year.
  if (cell.size() == 4 && AllDigits(cell)) {
    int year = ToInt(cell);
    if (year < 1) return std::nullopt;
    return year_as_start ? Format(year, 1, 1) : Format(year, 12, 31);
  }
  // A month: YYYY-MM.
  if (cell.size() == 7 && cell[4] == '-' && AllDigits(cell.substr(0, 4)) && AllDigits(cell.substr(5, 2))) {
    int year = ToInt(cell.substr(0, 4)), month = ToInt(cell.substr(5, 2));
    if (year >= 1 && month >= 1 && month <= 12)
      return year_as_start ? Format(year, month, 1) : Format(year, month, DaysInMonth(year, month));
    // else perhaps a school year such as "1999-00"
  }
  // A school or cohort year: "2018-2019", "2018-19", "AY 2002-03", "2018/19".
  std::string_view rest = cell;
  while (!rest.empty() && !(rest.front() >= '0' && rest.front() <= '9') && !std::isspace(static_cast<unsigned char>(rest.front())) &&
         std::isalpha(static_cast<unsigned char>(rest.front())))
    rest.remove_prefix(1);
  rest = Trim(rest);
  if ((rest.size() == 9 || rest.size() == 7) && (rest[4] == '-' || rest[4] == '/') && AllDigits(rest.substr(0, 4)) &&
      AllDigits(rest.substr(5))) {
    int first = ToInt(rest.substr(0, 4));
    int second = rest.size() == 9 ? ToInt(rest.substr(5)) : (first / 100) * 100 + ToInt(rest.substr(5));
    if (rest.size() == 7 && second < first) second += 100;  // "1999-00"
    if (second != first + 1 || first < 1) return std::nullopt;
    return year_as_start ? Format(first, 7, 1) : Format(second, 6, 30);
  }
  return std::nullopt;
}

Result<CsvTable> ReadDataTable(std::string_view file_name, std::string_view text) {
  auto table = ReadCsvTable(file_name, text);
  if (!table) return table;
  if (table->header.empty() || (table->header.size() == 1 && table->header[0].empty()))
    return Error{std::string(file_name) + ": the file is empty (no header line)", "file"};
  return table;
}

ColumnGuess GuessColumns(const CsvTable& table) {
  ColumnGuess guess;
  const std::size_t sample = std::min<std::size_t>(table.rows.size(), 200);
  auto cell = [&](std::size_t row, std::size_t column) -> std::string_view {
    const auto& values = table.rows[row].values;
    return column < values.size() ? Trim(values[column]) : std::string_view();
  };
  auto share = [&](std::size_t column, auto test) {
    std::size_t hits = 0, seen = 0;
    for (std::size_t row = 0; row < sample; ++row) {
      auto text = cell(row, column);
      if (IsMissing(text)) continue;
      ++seen;
      if (test(text)) ++hits;
    }
    return seen == 0 ? 0.0 : static_cast<double>(hits) / seen;
  };
  auto has_word = [](const std::string& name, std::initializer_list<const char*> words) {
    std::string lower = Lower(name);
    return std::any_of(words.begin(), words.end(), [&](const char* word) { return lower.find(word) != std::string::npos; });
  };
  std::vector<bool> is_date(table.header.size()), is_number(table.header.size());
  for (std::size_t column = 0; column < table.header.size(); ++column) {
    is_date[column] = share(column, [](std::string_view text) { return ParseDateCell(text, false).has_value(); }) >= 0.9;
    is_number[column] = share(column, [](std::string_view text) { return ParseNumber(text).has_value(); }) >= 0.9;
  }
  // Date: a date-looking column named like one, preferring full dates, then years.
  for (int pass = 0; pass < 3 && guess.date_column.empty(); ++pass)
    for (std::size_t column = 0; column < table.header.size() && guess.date_column.empty(); ++column) {
      const auto& name = table.header[column];
      bool named = has_word(name, {"date", "year", "time", "period", "month"});
      if (!is_date[column]) continue;
      if ((pass == 0 && named && has_word(name, {"date"})) || (pass == 1 && named) || pass == 2) guess.date_column = name;
    }
  // Value: a numeric column named like a rate or value, else the last numeric one.
  for (int pass = 0; pass < 2 && guess.value_column.empty(); ++pass)
    for (std::size_t column = table.header.size(); column-- > 0 && guess.value_column.empty();) {
      const auto& name = table.header[column];
      if (!is_number[column] || name == guess.date_column || has_word(name, {"fips", "geoid", "year", "number", "_id"}))
        continue;
      if (pass == 1 || has_word(name, {"rate", "percent", "pct", "value", "share"})) guess.value_column = name;
    }
  // Group: a column named like a place or category whose values repeat.
  for (int pass = 0; pass < 2 && guess.group_column.empty(); ++pass)
    for (std::size_t column = 0; column < table.header.size() && guess.group_column.empty(); ++column) {
      const auto& name = table.header[column];
      if (name == guess.date_column || name == guess.value_column || is_date[column]) continue;
      std::map<std::string, int> distinct;
      for (std::size_t row = 0; row < sample; ++row) ++distinct[std::string(cell(row, column))];
      bool repeats = distinct.size() > 1 && distinct.size() * 2 <= sample;
      bool named = has_word(name, {"locality", "location", "county", "name", "division", "group", "type", "region", "fips",
                                   "geo", "area", "site"});
      if (repeats && ((pass == 0 && named && !is_number[column]) || (pass == 1 && named))) guess.group_column = name;
    }
  return guess;
}

DataImport ReadDataPoints(const CsvTable& table, const DataImportOptions& options, const ImportProgress& progress) {
  DataImport out;
  out.columns = table.header;
  out.note = table.note;
  out.rows = table.rows.size();
  auto date_idx = ColumnIndex(table, options.date_column);
  auto value_idx = ColumnIndex(table, options.value_column);
  std::optional<std::size_t> group_idx;
  if (options.date_column.empty()) out.errors.push_back({1, "date_column", "choose the date (or year) column"});
  else if (!date_idx) out.errors.push_back({1, options.date_column, "there is no column \"" + options.date_column + "\" in the header"});
  if (options.value_column.empty()) out.errors.push_back({1, "value_column", "choose the value column"});
  else if (!value_idx) out.errors.push_back({1, options.value_column, "there is no column \"" + options.value_column + "\" in the header"});
  if (!options.group_column.empty()) {
    group_idx = ColumnIndex(table, options.group_column);
    if (!group_idx) out.errors.push_back({1, options.group_column, "there is no column \"" + options.group_column + "\" in the header"});
  }
  if (table.rows.empty()) out.errors.push_back({0, "", "the file has no data rows (only a header, or nothing)"});
  if (!out.errors.empty()) return out;

  std::unordered_map<std::string, std::size_t> series_of;  // group cell -> series index
  struct Seen {
    std::size_t line;
  };
  std::vector<std::vector<std::size_t>> lines;  // per series, the line of each point (parallel)
  constexpr std::size_t kMaxErrors = 50;
  const std::string date_name = table.header[*date_idx], value_name = table.header[*value_idx];
  for (std::size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
    if (progress && row_idx % 100000 == 0 && row_idx) progress(row_idx, table.rows.size());
    const auto& row = table.rows[row_idx];
    auto at = [&](std::size_t column) -> std::string_view {
      return column < row.values.size() ? Trim(row.values[column]) : std::string_view();
    };
    auto date_cell = at(*date_idx);
    auto value_cell = at(*value_idx);
    if (date_cell.empty()) {
      out.errors.push_back({row.line, date_name, "the date is missing"});
    } else if (auto date = ParseDateCell(date_cell, options.year_as_start); !date) {
      out.errors.push_back({row.line, date_name, "\"" + std::string(date_cell) + "\" is not a date (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) or a school year (YYYY-YYYY)"});
    } else if (IsMissing(value_cell)) {
      out.skipped.push_back({row.line, value_name,
                             value_cell.empty() ? "no value (the cell is empty)" : "no value (\"" + std::string(value_cell) + "\")"});
    } else if (auto value = ParseNumber(value_cell); !value) {
      out.errors.push_back({row.line, value_name, "\"" + std::string(value_cell) + "\" is not a number"});
    } else {
      std::string group_cell = group_idx ? std::string(at(*group_idx)) : std::string();
      auto [found, inserted] = series_of.try_emplace(group_cell, out.series.size());
      if (inserted) {
        auto named = options.group_names.find(group_cell);
        out.series.push_back({named != options.group_names.end() ? named->second : group_cell, {}});
        lines.emplace_back();
      }
      out.series[found->second].points.push_back({std::move(*date), *value, "", ""});
      lines[found->second].push_back(row.line);
    }
    if (out.errors.size() >= kMaxErrors) {
      out.errors.push_back({0, "", "… stopped after " + std::to_string(kMaxErrors) + " problems"});
      break;
    }
  }
  // One point per (group, date): sort each series by date, then neighbours must differ.
  for (std::size_t series_idx = 0; series_idx < out.series.size() && out.errors.size() < kMaxErrors; ++series_idx) {
    auto& points = out.series[series_idx].points;
    auto& point_lines = lines[series_idx];
    std::vector<std::size_t> order(points.size());
    for (std::size_t point_idx = 0; point_idx < order.size(); ++point_idx) order[point_idx] = point_idx;
    bool sorted = std::is_sorted(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    if (!sorted)
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return points[a].date < points[b].date; });
    for (std::size_t pos = 1; pos < order.size(); ++pos) {
      if (points[order[pos]].date != points[order[pos - 1]].date) continue;
      const auto& group = out.series[series_idx].group;
      out.errors.push_back({point_lines[order[pos]], date_name,
                            "a second row for " + points[order[pos]].date + (group.empty() ? "" : " and \"" + group + "\"") +
                                " (the first is on line " + std::to_string(point_lines[order[pos - 1]]) + ")"});
      if (out.errors.size() >= kMaxErrors) break;
    }
    if (!sorted) {
      std::vector<model::DataPoint> ordered;
      ordered.reserve(points.size());
      for (auto point_idx : order) ordered.push_back(std::move(points[point_idx]));
      points = std::move(ordered);
    }
  }
  std::sort(out.errors.begin(), out.errors.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  if (progress) progress(table.rows.size(), table.rows.size());
  return out;
}

std::vector<ops::Op> DataImportOps(DataImport data, const model::Measure& measure_template,
                                   const std::function<bool(const std::string&)>& taken) {
  std::vector<ops::Op> out;
  std::vector<std::string> given;
  for (auto& series : data.series) {
    if (series.points.empty()) continue;
    model::Measure measure = measure_template;
    measure.id = ops::GenerateId(ops::ItemKind::measure, [&](const std::string& candidate) {
      return taken(candidate) || std::find(given.begin(), given.end(), candidate) != given.end();
    });
    given.push_back(measure.id);
    if (!series.group.empty()) measure.group = series.group;
    if (measure.baseline.date.empty()) measure.baseline = {series.points.front().date, series.points.front().value};
    out.push_back(ops::AddMeasure{measure, std::nullopt});
    out.push_back(ops::SetDataPoints{measure.id, std::move(series.points)});
  }
  return out;
}

}  // namespace coalign::interop
