#include "interop/progress_json.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <set>

namespace coalign::interop {
namespace {

const std::set<std::string> kMeasureFields = {"id",     "statement",   "name",        "description", "kind",
                                              "unit",   "direction",   "baseline",    "targets",     "period_days",
                                              "data_source", "weight", "group"};

// Whole numbers are written as integers (365, not 365.0).
Json Number(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9e15) return static_cast<std::int64_t>(value);
  return value;
}

Json DatedToJson(const model::DatedValue& dated) { return Json{{"date", dated.date}, {"value", dated.value}}; }

std::optional<Error> ReadString(const Json& json, const char* field, std::string& out) {
  auto found = json.find(field);
  if (found == json.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) return Error{std::string(field) + " must be text", field};
  out = found->get<std::string>();
  return std::nullopt;
}

std::optional<Error> ReadNumber(const Json& json, const char* field, double& out) {
  auto found = json.find(field);
  if (found == json.end() || found->is_null()) return std::nullopt;
  if (!found->is_number()) return Error{std::string(field) + " must be a number", field};
  out = found->get<double>();
  return std::nullopt;
}

Result<model::DatedValue> DatedFromJson(const Json& json, const std::string& field) {
  if (!json.is_object() || !json.contains("date") || !json["date"].is_string() || !json.contains("value") ||
      !json["value"].is_number())
    return Error{field + " must be {\"date\": \"YYYY-MM-DD\", \"value\": number}", field};
  return model::DatedValue{json["date"].get<std::string>(), json["value"].get<double>()};
}

// Reads the measure fields present in `json` into `measure`; lists them in `fields`.
std::optional<Error> ReadMeasureFields(const Json& json, model::Measure& measure, std::vector<std::string>* fields) {
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string& key = it.key();
    if (key == "id") continue;
    if (!kMeasureFields.count(key)) {
      if (fields) return Error{"measures have no field \"" + key + "\" that can be set", key};
      continue;
    }
    const Json& value = it.value();
    std::optional<Error> error;
    if (key == "baseline") {
      if (!value.is_null()) {
        auto dated = DatedFromJson(value, "baseline");
        if (!dated) return dated.error();
        measure.baseline = *dated;
      } else {
        measure.baseline = {};
      }
    } else if (key == "targets") {
      measure.targets.clear();
      if (!value.is_null()) {
        if (!value.is_array()) return Error{"targets must be a list of {date, value}", "targets"};
        for (const auto& target : value) {
          auto dated = DatedFromJson(target, "targets");
          if (!dated) return dated.error();
          measure.targets.push_back(*dated);
        }
      }
    } else if (key == "period_days") {
      error = ReadNumber(json, "period_days", measure.period_days);
    } else if (key == "weight") {
      error = ReadNumber(json, "weight", measure.weight);
    } else if (key == "statement") {
      if (value.is_number_integer()) measure.statement = std::to_string(value.get<long long>());
      else error = ReadString(json, "statement", measure.statement);
    } else {
      std::string* text = key == "name"          ? &measure.name
                          : key == "description" ? &measure.description
                          : key == "kind"        ? &measure.kind
                          : key == "unit"        ? &measure.unit
                          : key == "direction"   ? &measure.direction
                          : key == "data_source" ? &measure.data_source
                                                 : &measure.group;
      error = ReadString(json, key.c_str(), *text);
      if (value.is_null()) text->clear();
    }
    if (error) return error;
    if (fields) fields->push_back(key);
  }
  return std::nullopt;
}

}  // namespace

Json ToJson(const model::Measure& measure) {
  Json json;
  json["id"] = measure.id;
  json["statement"] = measure.statement;
  json["name"] = measure.name;
  json["description"] = measure.description;
  json["kind"] = measure.kind;
  json["unit"] = measure.unit;
  json["direction"] = measure.direction;
  json["baseline"] = DatedToJson(measure.baseline);
  Json targets = Json::array();
  for (const auto& target : measure.targets) targets.push_back(DatedToJson(target));
  json["targets"] = std::move(targets);
  json["period_days"] = Number(measure.period_days);
  json["data_source"] = measure.data_source;
  json["weight"] = Number(measure.weight);
  json["group"] = measure.group;
  if (!measure.extra.empty()) {
    auto extra = Json::parse(measure.extra, nullptr, false);
    if (extra.is_object())
      for (auto it = extra.begin(); it != extra.end(); ++it)
        if (!json.contains(it.key())) json[it.key()] = it.value();
  }
  return json;
}

Json ToJson(const model::ProgressSettings& settings) {
  return Json{{"on_track", settings.on_track}, {"at_risk", settings.at_risk}};
}

Json DataPointToJson(const model::DataPoint& point, const std::string* measure) {
  Json json;
  if (measure) json["measure"] = *measure;
  json["date"] = point.date;
  json["value"] = point.value;
  json["note"] = point.note;
  json["entered_by"] = point.entered_by;
  return json;
}

Result<model::Measure> MeasureFromJson(const Json& json) {
  if (!json.is_object()) return Error{"a measure must be an object", "measure"};
  model::Measure measure;
  if (auto found = json.find("id"); found != json.end() && !found->is_null()) {
    if (found->is_string()) measure.id = found->get<std::string>();
    else if (found->is_number_integer()) measure.id = std::to_string(found->get<long long>());
    else return Error{"id must be text", "id"};
  }
  if (auto error = ReadMeasureFields(json, measure, nullptr)) return *error;
  Json extra = Json::object();
  for (auto it = json.begin(); it != json.end(); ++it)
    if (!kMeasureFields.count(it.key())) extra[it.key()] = it.value();
  if (!extra.empty()) measure.extra = extra.dump();
  return measure;
}

Result<model::DataPoint> DataPointFromJson(const Json& json) {
  if (json.is_array()) {  // the change log's compact row: [date, value, note?, entered_by?]
    if (json.size() < 2 || json.size() > 4 || !json[0].is_string() || !json[1].is_number() ||
        (json.size() > 2 && !json[2].is_string()) || (json.size() > 3 && !json[3].is_string()))
      return Error{"a data point row must be [date, value, note?, entered_by?]", "points"};
    return model::DataPoint{json[0].get<std::string>(), json[1].get<double>(),
                            json.size() > 2 ? json[2].get<std::string>() : "", json.size() > 3 ? json[3].get<std::string>() : ""};
  }
  if (!json.is_object()) return Error{"a data point must be an object {date, value}", "points"};
  model::DataPoint point;
  auto date = json.find("date");
  if (date == json.end() || !date->is_string()) return Error{"a data point needs \"date\": \"YYYY-MM-DD\"", "date"};
  point.date = date->get<std::string>();
  auto value = json.find("value");
  if (value == json.end() || !value->is_number()) return Error{"the data point on " + point.date + " needs a number \"value\"", "value"};
  point.value = value->get<double>();
  if (auto error = ReadString(json, "note", point.note)) return *error;
  if (auto error = ReadString(json, "entered_by", point.entered_by)) return *error;
  return point;
}

std::optional<Result<ops::Op>> ProgressOpFromJson(const std::string& name, const Json& json) {
  auto text_member = [&](const char* field, std::string& out) -> std::optional<Error> {
    auto found = json.find(field);
    if (found == json.end() || !found->is_string() || found->get<std::string>().empty())
      return Error{name + " needs \"" + field + "\" (an id)", field};
    out = found->get<std::string>();
    return std::nullopt;
  };
  if (name == "add_measure") {
    auto found = json.find("measure");
    if (found == json.end() || !found->is_object()) return Result<ops::Op>(Error{"\"measure\" must be an object", "measure"});
    auto measure = MeasureFromJson(*found);
    if (!measure) return Result<ops::Op>(measure.error());
    std::optional<std::size_t> index;
    if (auto at = json.find("index"); at != json.end() && at->is_number_unsigned()) index = at->get<std::size_t>();
    return Result<ops::Op>(ops::Op{ops::AddMeasure{std::move(*measure), index}});
  }
  if (name == "update_measure") {
    ops::UpdateMeasure update;
    if (auto error = text_member("id", update.id)) return Result<ops::Op>(*error);
    auto set = json.find("set");
    if (set == json.end() || !set->is_object()) return Result<ops::Op>(Error{"\"set\" must be an object of fields", "set"});
    if (auto error = ReadMeasureFields(*set, update.values, &update.fields)) return Result<ops::Op>(*error);
    return Result<ops::Op>(ops::Op{std::move(update)});
  }
  if (name == "remove_measure") {
    ops::RemoveMeasure remove;
    if (auto error = text_member("id", remove.id)) return Result<ops::Op>(*error);
    return Result<ops::Op>(ops::Op{remove});
  }
  if (name == "set_data_points") {
    ops::SetDataPoints set;
    if (auto error = text_member("measure", set.measure)) return Result<ops::Op>(*error);
    auto points = json.find("points");
    if (points == json.end() || !points->is_array())
      return Result<ops::Op>(Error{"\"points\" must be a list of {date, value, note}", "points"});
    std::string entered_by;
    if (auto error = ReadString(json, "entered_by", entered_by)) return Result<ops::Op>(*error);
    set.points.reserve(points->size());
    for (const auto& item : *points) {
      auto point = DataPointFromJson(item);
      if (!point) return Result<ops::Op>(point.error());
      if (point->entered_by.empty()) point->entered_by = entered_by;
      set.points.push_back(std::move(*point));
    }
    return Result<ops::Op>(ops::Op{std::move(set)});
  }
  if (name == "remove_data_points") {
    ops::RemoveDataPoints remove;
    if (auto error = text_member("measure", remove.measure)) return Result<ops::Op>(*error);
    auto dates = json.find("dates");
    if (dates == json.end() || !dates->is_array()) return Result<ops::Op>(Error{"\"dates\" must be a list of dates", "dates"});
    for (const auto& date : *dates) {
      if (!date.is_string()) return Result<ops::Op>(Error{"\"dates\" must be a list of dates", "dates"});
      remove.dates.push_back(date.get<std::string>());
    }
    return Result<ops::Op>(ops::Op{std::move(remove)});
  }
  if (name == "update_settings") {
    ops::UpdateSettings update;
    auto set = json.find("set");
    if (set == json.end() || !set->is_object()) return Result<ops::Op>(Error{"\"set\" must be an object of fields", "set"});
    for (auto it = set->begin(); it != set->end(); ++it) {
      if (!it->is_number()) return Result<ops::Op>(Error{it.key() + " must be a number", it.key()});
      update.set.emplace_back(it.key(), it->get<double>());
    }
    return Result<ops::Op>(ops::Op{std::move(update)});
  }
  return std::nullopt;
}

bool ProgressOpToJson(const ops::Op& op, Json& json) {
  if (auto* add = std::get_if<ops::AddMeasure>(&op)) {
    json["measure"] = ToJson(add->measure);
    if (add->index) json["index"] = *add->index;
  } else if (auto* update = std::get_if<ops::UpdateMeasure>(&op)) {
    json["id"] = update->id;
    Json full = ToJson(update->values);
    Json set = Json::object();
    for (const auto& field : update->fields) set[field] = full[field];
    json["set"] = std::move(set);
  } else if (auto* remove = std::get_if<ops::RemoveMeasure>(&op)) {
    json["id"] = remove->id;
  } else if (auto* set = std::get_if<ops::SetDataPoints>(&op)) {
    json["measure"] = set->measure;
    // Compact for the change log: note and entered_by only when there is one, and the
    // op's commonest entered_by once at the op level.
    std::string common = set->points.empty() ? std::string() : set->points.front().entered_by;
    if (!common.empty()) json["entered_by"] = common;
    Json points = Json::array();
    for (const auto& point : set->points) {
      Json item{{"date", point.date}, {"value", point.value}};
      if (!point.note.empty()) item["note"] = point.note;
      if (point.entered_by != common) item["entered_by"] = point.entered_by;
      points.push_back(std::move(item));
    }
    json["points"] = std::move(points);
  } else if (auto* remove_points = std::get_if<ops::RemoveDataPoints>(&op)) {
    json["measure"] = remove_points->measure;
    json["dates"] = remove_points->dates;
  } else if (auto* settings = std::get_if<ops::UpdateSettings>(&op)) {
    Json set = Json::object();
    for (const auto& [field, value] : settings->set) set[field] = value;
    json["set"] = std::move(set);
  } else {
    return false;
  }
  return true;
}

namespace {

// A double as Python's repr() writes it: the shortest digits that read back the same,
// in fixed notation from 1e-4 up to 1e16 (with ".0" when whole), else as 1e-05 / 1.5e+16.
void AppendPythonFloat(std::string& out, double value) {
  if (value == 0) {
    out += std::signbit(value) ? "-0.0" : "0.0";
    return;
  }
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer - 1, value, std::chars_format::scientific);
  *end = '\0';  // for atoi below
  // "-1.2345e-05": sign, digits (without the point), exponent.
  const char* cursor = buffer;
  bool negative = *cursor == '-';
  if (negative) ++cursor;
  char digits[32];
  std::size_t count = 0;
  for (; cursor < end && *cursor != 'e'; ++cursor)
    if (*cursor != '.') digits[count++] = *cursor;
  int exponent = std::atoi(cursor + 1);
  if (negative) out += '-';
  if (exponent < -4 || exponent >= 16) {
    out += digits[0];
    if (count > 1) {
      out += '.';
      out.append(digits + 1, count - 1);
    }
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp;
    return;
  }
  if (exponent < 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent - 1), '0');
    out.append(digits, count);
  } else if (static_cast<std::size_t>(exponent) + 1 >= count) {
    out.append(digits, count);
    out.append(static_cast<std::size_t>(exponent) + 1 - count, '0');
    out += ".0";
  } else {
    out.append(digits, static_cast<std::size_t>(exponent) + 1);
    out += '.';
    out.append(digits + exponent + 1, count - static_cast<std::size_t>(exponent) - 1);
  }
}

void AppendString(std::string& out, const std::string& text) {
  bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  if (plain) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += nlohmann::json(text).dump(-1, ' ', true);  // ensure_ascii, as Python's json
  }
}

void AppendOptional(std::string& out, const std::optional<double>& value) {
  if (value) AppendPythonFloat(out, *value);
  else out += "null";
}

}  // namespace

std::string ProgressReportToJson(const analysis::ProgressReport& report) {
  // Written by hand: byte for byte what the reference's json.dump(sort_keys=True,
  // separators=(",", ":")) writes (the maps are sorted by key already).
  std::string out;
  out.reserve(64 + report.measures.size() * 110 + report.statements.size() * 50);
  out += "{\"as_of\":";
  AppendString(out, report.as_of);
  out += ",\"measures\":{";
  bool first = true;
  for (const auto& [id, status] : report.measures) {
    if (!first) out += ',';
    first = false;
    AppendString(out, id);
    out += ":{\"date\":";
    if (status.date.empty()) out += "null";
    else AppendString(out, status.date);
    out += ",\"score\":";
    AppendOptional(out, status.score);
    out += status.stale ? ",\"stale\":true" : ",\"stale\":false";
    out += ",\"status\":\"" + status.status + "\",\"value\":";
    AppendOptional(out, status.value);
    out += '}';
  }
  out += "},\"statements\":{";
  first = true;
  for (const auto& [id, status] : report.statements) {
    if (!first) out += ',';
    first = false;
    AppendString(out, id);
    out += ":{\"score\":";
    AppendOptional(out, status.score);
    out += ",\"status\":\"" + status.status + "\"}";
  }
  out += "}}";
  return out;
}

namespace {

void AppendJsonNumber(std::string& out, double value) {
  // nlohmann writes whole doubles as "5.0"; any exact decimal reads back the same double.
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
  if (std::find_if(buffer, end, [](char c) { return c == '.' || c == 'e' || c == 'n' || c == 'i'; }) == end) out += ".0";
}

void AppendJsonText(std::string& out, const std::string& text) {
  bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x80;
  });
  if (plain) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += nlohmann::ordered_json(text).dump();
  }
}

}  // namespace

bool AppendBulkOpJsonText(const ops::Op& op, std::string& out) {
  if (auto* set = std::get_if<ops::SetDataPoints>(&op)) {
    out += "{\"op\":\"set_data_points\",\"measure\":";
    AppendJsonText(out, set->measure);
    std::string common = set->points.empty() ? std::string() : set->points.front().entered_by;
    if (!common.empty()) {
      out += ",\"entered_by\":";
      AppendJsonText(out, common);
    }
    // Compact rows [date, value] or [date, value, note] or [date, value, note, entered_by]
    // (DataPointFromJson reads both forms).
    out += ",\"points\":[";
    out.reserve(out.size() + set->points.size() * 24);
    bool first = true;
    for (const auto& point : set->points) {
      out += first ? "[" : ",[";
      first = false;
      AppendJsonText(out, point.date);
      out += ',';
      AppendJsonNumber(out, point.value);
      bool own_author = point.entered_by != common;
      if (!point.note.empty() || own_author) {
        out += ',';
        AppendJsonText(out, point.note);
      }
      if (own_author) {
        out += ',';
        AppendJsonText(out, point.entered_by);
      }
      out += ']';
    }
    out += "]}";
    return true;
  }
  if (auto* remove = std::get_if<ops::RemoveDataPoints>(&op)) {
    out += "{\"op\":\"remove_data_points\",\"measure\":";
    AppendJsonText(out, remove->measure);
    out += ",\"dates\":[";
    out.reserve(out.size() + remove->dates.size() * 13);
    for (std::size_t date_idx = 0; date_idx < remove->dates.size(); ++date_idx) {
      if (date_idx) out += ',';
      AppendJsonText(out, remove->dates[date_idx]);
    }
    out += "]}";
    return true;
  }
  return false;
}

void ReadProgressSections(const Json& doc, model::MapState& map, ImportProblems& problems) {
  if (auto found = doc.find("measures"); found != doc.end() && !found->is_null()) {
    if (!found->is_array()) {
      problems.push_back({"measures", "\"measures\" must be a list; it was left out"});
    } else {
      for (std::size_t item_idx = 0; item_idx < found->size(); ++item_idx) {
        auto measure = MeasureFromJson((*found)[item_idx]);
        if (measure) map.measures.push_back(std::move(*measure));
        else problems.push_back({"measures[" + std::to_string(item_idx) + "]", measure.error().message});
      }
    }
  }
  if (auto found = doc.find("data_points"); found != doc.end() && !found->is_null()) {
    if (!found->is_array()) {
      problems.push_back({"data_points", "\"data_points\" must be a list; it was left out"});
    } else {
      for (std::size_t item_idx = 0; item_idx < found->size(); ++item_idx) {
        const auto& item = (*found)[item_idx];
        auto point = DataPointFromJson(item);
        std::string measure;
        if (item.is_object() && item.contains("measure") && item["measure"].is_string()) measure = item["measure"].get<std::string>();
        if (!point || measure.empty()) {
          problems.push_back({"data_points[" + std::to_string(item_idx) + "]",
                              point ? std::string("a data point needs \"measure\"") : point.error().message});
          continue;
        }
        map.data_points[measure].push_back(std::move(*point));
      }
      for (auto& [measure, series] : map.data_points) {
        auto& points = series.Mutable();
        std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
      }
    }
  }
  if (auto found = doc.find("settings"); found != doc.end() && found->is_object()) {
    double on_track = map.settings.on_track, at_risk = map.settings.at_risk;
    if (ReadNumber(*found, "on_track", on_track) || ReadNumber(*found, "at_risk", at_risk))
      problems.push_back({"settings", "settings on_track and at_risk must be numbers; the defaults are used"});
    else map.settings = {on_track, at_risk};
  }
}

void WriteProgressSections(const model::MapState& map, Json& doc) {
  if (map.measures.empty() && map.data_points.empty() && map.settings == model::ProgressSettings{}) return;
  Json measures = Json::array();
  for (const auto& measure : map.measures) measures.push_back(ToJson(measure));
  doc["measures"] = std::move(measures);
  Json points = Json::array();
  // In measure order, then by date.
  for (const auto& measure : map.measures) {
    auto series = map.data_points.find(measure.id);
    if (series == map.data_points.end()) continue;
    for (const auto& point : series->second) points.push_back(DataPointToJson(point, &measure.id));
  }
  doc["data_points"] = std::move(points);
  doc["settings"] = ToJson(map.settings);
}

}  // namespace coalign::interop
