#include "http/progress_api.hpp"

#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include "analysis/progress.hpp"
#include "http/handler_support.hpp"
#include "http/live_hub.hpp"
#include "http/response_cache.hpp"
#include "interop/data_import.hpp"
#include "interop/progress_json.hpp"
#include "model/iso_time.hpp"
#include "ops/progress_ops.hpp"

namespace coalign::http {
namespace {

using interop::Json;

std::string ShortNumber(double value) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

std::string CsvCell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

HttpResponse ImportRefused(const std::vector<interop::DataImportIssue>& issues, const std::string& detail) {
  Json body{{"type", "about:blank"}, {"title", "The file cannot be imported"}, {"status", 422}, {"detail", detail}};
  Json errors = Json::array();
  for (const auto& issue : issues)
    errors.push_back(Json{{"line", issue.line}, {"column", issue.column}, {"reason", issue.reason}});
  body["errors"] = std::move(errors);
  if (!issues.empty()) body["field"] = issues.front().column.empty() ? "content" : issues.front().column;
  return HttpResponse{422, "application/problem+json", body.dump(), {}};
}

Json SampleRows(const interop::CsvTable& table, std::size_t count) {
  Json sample = Json::array();
  for (std::size_t row_idx = 0; row_idx < table.rows.size() && row_idx < count; ++row_idx)
    sample.push_back(table.rows[row_idx].values);
  return sample;
}

std::optional<std::string> TextMember(const Json& body, const char* field) {
  auto found = body.find(field);
  if (found == body.end() || !found->is_string() || found->get<std::string>().empty()) return std::nullopt;
  return found->get<std::string>();
}

}  // namespace

void AddProgressRoutes(Router& router, service::MapService& maps) {
  // Answers per (coalition, revision, as_of): a new revision is a new key.
  auto progress_cache = std::make_shared<ResponseCache>(32);
  router.Add("GET", "/api/coalitions/{id}/progress",
             "Measure status and its roll-up up the zoom tree as of a date (as_of=YYYY-MM-DD, default today, UTC), "
             "exactly as progress_reference.py",
             Access::viewer, [&maps, progress_cache](HttpRequest& request) {
               auto id = ParseInt(request.params.at("id"));
               if (!id) return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
               std::string as_of = request.Query("as_of", model::NowIsoUtc().substr(0, 10));
               if (!model::IsIsoDate(as_of))
                 return Problem(422, "Invalid date", "as_of must be a date written YYYY-MM-DD, not \"" + as_of + "\"", "as_of");
               auto current = maps.Current(*id);
               if (!current) return Problem(404, "No such coalition", current.error().message);
               std::string key = std::to_string(*id) + "/" + std::to_string(current->revision) + "/" + as_of;
               auto cached = progress_cache->Find(key);
               HttpResponse response{200, "application/json", cached ? std::move(*cached) : std::string(), {}};
               if (!cached) {
                 response.body = interop::ProgressReportToJson(analysis::ComputeProgress(*current->map, as_of));
                 progress_cache->Put(key, response.body);
               }
               response.headers.emplace_back("X-Coalign-Revision", std::to_string(current->revision));
               response.headers.emplace_back("X-Coalign-Cache", cached ? "hit" : "miss");
               return response;
             });

  router.Add("GET", "/api/coalitions/{id}/measures",
             "Every measure with its data points, and the thresholds (what the scorecard and charts need in one read)",
             Access::viewer, [&maps](HttpRequest& request) {
               auto id = ParseInt(request.params.at("id"));
               if (!id) return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
               auto current = maps.Current(*id);
               if (!current) return Problem(404, "No such coalition", current.error().message);
               const auto& map = *current->map;
               Json measures = Json::array();
               for (const auto& measure : map.measures) {
                 Json item = interop::ToJson(measure);
                 Json points = Json::array();
                 if (auto series = map.data_points.find(measure.id); series != map.data_points.end())
                   for (const auto& point : series->second) points.push_back(interop::DataPointToJson(point));
                 item["points"] = std::move(points);
                 measures.push_back(std::move(item));
               }
               return JsonResponse(Json{{"revision", current->revision},
                                        {"settings", interop::ToJson(map.settings)},
                                        {"measures", std::move(measures)}});
             });

  router.Add("GET", "/api/coalitions/{id}/data-points.csv",
             "All data points as CSV (measure_id, measure, statement_id, statement, group, unit, date, value, note, "
             "entered_by)",
             Access::viewer, [&maps](HttpRequest& request) {
               auto id = ParseInt(request.params.at("id"));
               if (!id) return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
               auto current = maps.Current(*id);
               if (!current) return Problem(404, "No such coalition", current.error().message);
               const auto& map = *current->map;
               std::unordered_map<std::string, const model::Statement*> statements;
               for (const auto& statement : map.statements) statements[statement.id] = &statement;
               std::string csv = "measure_id,measure,statement_id,statement,group,unit,date,value,note,entered_by\n";
               for (const auto& measure : map.measures) {
                 auto series = map.data_points.find(measure.id);
                 if (series == map.data_points.end()) continue;
                 auto statement = statements.find(measure.statement);
                 std::string prefix = CsvCell(measure.id) + "," + CsvCell(measure.name) + "," + CsvCell(measure.statement) +
                                      "," + CsvCell(statement == statements.end() ? "" : statement->second->title) + "," +
                                      CsvCell(measure.group) + "," + CsvCell(measure.unit) + ",";
                 for (const auto& point : series->second)
                   csv += prefix + point.date + "," + ShortNumber(point.value) + "," + CsvCell(point.note) + "," +
                          CsvCell(point.entered_by) + "\n";
               }
               HttpResponse response{200, "text/csv; charset=utf-8", std::move(csv), {}};
               response.headers.emplace_back("Content-Disposition", "attachment; filename=\"data-points.csv\"");
               return response;
             });

  router.Add("POST", "/api/coalitions/{id}/imports/data-points",
             "Import data points from CSV: without columns, the columns, a sample and a guess; with them a preview "
             "(commit:false) or one committed batch (commit:true); a broken file is refused with line, column and reason",
             Access::editor, [&maps](HttpRequest& request) {
               auto id = ParseInt(request.params.at("id"));
               if (!id) return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
               Json body = Json::parse(request.body, nullptr, false);
               if (body.is_discarded() || !body.is_object())
                 return Problem(400, "Malformed request", "send a JSON object {format, content, date_column, value_column, ...}", "body");
               auto current = maps.Current(*id);
               if (!current) return Problem(404, "No such coalition", current.error().message);
               std::string format = TextMember(body, "format").value_or("csv");
               if (format == "xlsx")
                 return Problem(415, "Send XLSX as CSV",
                                "the server reads CSV; the web app converts an XLSX sheet to CSV in the browser (or save "
                                "the sheet as CSV)",
                                "format");
               if (format != "csv") return Problem(422, "Unknown format", "format must be \"csv\"", "format");
               auto content = body.find("content");
               if (content == body.end() || !content->is_string())
                 return Problem(422, "No file", "content must be the CSV text", "content");
               auto table = interop::ReadDataTable("the file", content->get_ref<const std::string&>());
               if (!table) return ImportRefused({{0, "", table.error().message}}, table.error().message);
               auto guess = interop::GuessColumns(*table);
               Json guess_json{{"date_column", guess.date_column.empty() ? Json(nullptr) : Json(guess.date_column)},
                               {"value_column", guess.value_column.empty() ? Json(nullptr) : Json(guess.value_column)},
                               {"group_column", guess.group_column.empty() ? Json(nullptr) : Json(guess.group_column)}};
               interop::DataImportOptions options;
               options.date_column = TextMember(body, "date_column").value_or("");
               options.value_column = TextMember(body, "value_column").value_or("");
               options.group_column = TextMember(body, "group_column").value_or("");
               std::string year_as = TextMember(body, "year_as").value_or("end");
               if (year_as != "end" && year_as != "start")
                 return Problem(422, "Invalid option", "year_as must be \"end\" or \"start\"", "year_as");
               options.year_as_start = year_as == "start";
               if (auto names = body.find("group_names"); names != body.end() && names->is_object())
                 for (auto it = names->begin(); it != names->end(); ++it)
                   if (it->is_string()) options.group_names[it.key()] = it->get<std::string>();
               if (options.date_column.empty() || options.value_column.empty())
                 return JsonResponse(Json{{"columns", table->header}, {"rows", table->rows.size()},
                                          {"sample", SampleRows(*table, 10)}, {"guess", std::move(guess_json)}});
               auto data = interop::ReadDataPoints(*table, options);
               if (!data.errors.empty())
                 return ImportRefused(data.errors, std::to_string(data.errors.size()) +
                                                       " problem(s); nothing was stored. The first: " +
                                                       (data.errors.front().line ? "line " + std::to_string(data.errors.front().line) + ": " : "") +
                                                       data.errors.front().reason);
               Json skipped = Json::array();
               for (const auto& issue : data.skipped)
                 skipped.push_back(Json{{"line", issue.line}, {"column", issue.column}, {"reason", issue.reason}});
               std::size_t points = 0;
               Json measures = Json::array();
               for (const auto& series : data.series) {
                 points += series.points.size();
                 measures.push_back(Json{{"group", series.group.empty() ? Json(nullptr) : Json(series.group)},
                                         {"points", series.points.size()},
                                         {"first_date", series.points.front().date},
                                         {"last_date", series.points.back().date}});
               }
               bool commit = body.value("commit", false);
               if (!commit)
                 return JsonResponse(Json{{"columns", table->header}, {"rows", data.rows}, {"points", points},
                                          {"measures", std::move(measures)}, {"sample", SampleRows(*table, 10)},
                                          {"skipped", std::move(skipped)}, {"guess", std::move(guess_json)}});

               model::Measure measure_template;
               if (auto given = body.find("measure"); given != body.end() && given->is_object()) {
                 auto read = interop::MeasureFromJson(*given);
                 if (!read) return Problem(422, "Invalid measure", read.error().message, read.error().field);
                 measure_template = std::move(*read);
               }
               measure_template.id.clear();
               auto statement = TextMember(body, "statement");
               if (!statement) return Problem(422, "No statement", "statement must name the statement these measures are on", "statement");
               measure_template.statement = *statement;
               if (measure_template.name.empty()) measure_template.name = options.value_column;
               std::unordered_set<std::string> taken;
               for (const auto& measure : current->map->measures) taken.insert(measure.id);
               auto ops = interop::DataImportOps(std::move(data), measure_template, [&](const std::string& candidate) { return taken.count(candidate) > 0; });
               service::Revision base = current->revision;
               if (auto found = body.find("base_revision"); found != body.end() && found->is_number_integer())
                 base = found->get<service::Revision>();
               service::ChangeMeta meta{request.actor.AuthorLabel(), request.actor.user_id, {}, {}};
               auto outcome = maps.Commit(*id, base, ops, meta);
               if (outcome.status == service::CommitStatus::committed) {
                 Json ids = Json::array();
                 for (const auto& op : ops)
                   if (auto* add = std::get_if<ops::AddMeasure>(&op)) ids.push_back(add->measure.id);
                 return JsonResponse(Json{{"revision", outcome.revision}, {"measures", std::move(ids)}, {"points", points},
                                          {"skipped", std::move(skipped)}});
               }
               if (outcome.status == service::CommitStatus::no_such_coalition) return Problem(404, "No such coalition", outcome.message);
               if (outcome.status == service::CommitStatus::bad_request) return Problem(422, "Import refused", outcome.message, "base_revision");
               Json refusal = CommitRefusalJson(outcome, ops);
               refusal["type"] = "about:blank";
               int status = refusal["status"].get<int>();
               return HttpResponse{status, "application/problem+json", refusal.dump(), {}};
             });
}

}  // namespace coalign::http
