#include "http/handler_support.hpp"
#include "http/history_api.hpp"

#include <charconv>
#include <memory>
#include <nlohmann/json.hpp>

#include "service/history_service.hpp"

namespace coalign::http {
namespace {

using Json = nlohmann::ordered_json;
using service::CoalitionId;
using service::Revision;

std::optional<CoalitionId> CoalitionOf(const HttpRequest& request) { return ParseInt(request.params.at("id")); }

HttpResponse NoCoalition(const HttpRequest& request) {
  return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
}

// A revision number, or a date/time (the last revision at or before it).
std::variant<Revision, HttpResponse> RevisionParam(service::HistoryService& history, CoalitionId coalition,
                                                   const std::string& text, const std::string& field) {
  if (auto number = ParseInt(text)) return *number;
  auto bound = service::TimeBound(text, true);
  if (!bound)
    return Problem(422, "Invalid query", field + " must be a revision number or a real date (YYYY-MM-DD, or YYYY-MM-DDTHH:MM with optional :SS, UTC)", field);
  auto revision = history.RevisionAtTime(coalition, *bound);
  if (!revision) return Problem(404, "No such coalition", revision.error().message);
  return *revision;
}

service::HistoryActor ActorOf(const HttpRequest& request) {
  service::HistoryActor actor;
  if (request.actor.signed_in()) actor.user_id = request.actor.user_id;
  actor.labels.push_back(request.actor.AuthorLabel());
  actor.steward = request.actor.admin || request.role >= service::Role::steward;
  return actor;
}

bool IsMine(const service::HistoryEntry& entry, const service::HistoryActor& actor) {
  if (entry.author_id) return actor.user_id && *entry.author_id == *actor.user_id;
  return !actor.labels.empty() && entry.author == actor.labels.front();
}

Json VersionJson(const store::VersionRecord& version) {
  return Json{{"id", version.id}, {"revision", version.revision}, {"name", version.name},
              {"author", service::AuthorDisplayName(version.author)}, {"time", version.created_at}};
}

const char* UndoStatusTitle(service::UndoStatus status) {
  switch (status) {
    case service::UndoStatus::nothing: return "Nothing to do";
    case service::UndoStatus::not_found: return "No such change";
    case service::UndoStatus::forbidden: return "Not your change";
    case service::UndoStatus::conflict: return "Would overwrite a later edit";
    default: return "Cannot do that";
  }
}

HttpResponse UndoResponse(const service::UndoOutcome& outcome, const char* key) {
  switch (outcome.status) {
    case service::UndoStatus::committed:
      return JsonResponse(Json{{"revision", outcome.revision}, {key, outcome.target}});
    case service::UndoStatus::not_found: return Problem(404, UndoStatusTitle(outcome.status), outcome.message, "revision");
    case service::UndoStatus::forbidden: return Problem(403, UndoStatusTitle(outcome.status), outcome.message, "revision");
    case service::UndoStatus::conflict: {
      auto problem = Problem(409, UndoStatusTitle(outcome.status), outcome.message, "revision");
      auto body = Json::parse(problem.body);
      body["revision"] = outcome.revision;
      problem.body = body.dump();
      return problem;
    }
    default: return Problem(422, UndoStatusTitle(outcome.status), outcome.message, "revision");
  }
}

// {"revision": R} or no body at all (the caller's last change).
std::variant<std::optional<Revision>, HttpResponse> OptionalRevisionBody(const HttpRequest& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return std::optional<Revision>{};
  auto body = Json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return Problem(400, "Malformed request", "send {\"revision\": N} or nothing", "body");
  if (!body.contains("revision") || body["revision"].is_null()) return std::optional<Revision>{};
  if (!body["revision"].is_number_integer())
    return Problem(422, "Invalid request", "revision must be a revision number", "revision");
  return std::optional<Revision>{body["revision"].get<Revision>()};
}

}  // namespace

std::optional<HttpResponse> TimeTravel(service::MapService& maps, std::int64_t coalition, const HttpRequest& request,
                                       service::Snapshot& snapshot) {
  auto revision_text = request.Query("revision");
  auto at_text = request.Query("at");
  if (revision_text.empty() && at_text.empty()) return std::nullopt;
  if (!revision_text.empty() && !at_text.empty())
    return Problem(422, "Invalid query", "give revision or at, not both: they could name different moments", "at");
  service::HistoryService history(maps);
  Revision revision = 0;
  if (!revision_text.empty()) {
    auto parsed = ParseInt(revision_text);
    if (!parsed) return Problem(422, "Invalid query", "revision must be a revision number", "revision");
    revision = *parsed;
  } else {
    auto parsed = RevisionParam(history, coalition, at_text, "at");
    if (auto* problem = std::get_if<HttpResponse>(&parsed)) return *problem;
    revision = std::get<Revision>(parsed);
  }
  auto past = history.MapAt(coalition, revision);
  if (!past) return Problem(422, "No such revision", past.error().message, past.error().field);
  snapshot = service::Snapshot{past->map, past->revision};
  return std::nullopt;
}

void AddHistoryRoutes(Router& router, service::MapService& maps) {
  auto history = std::make_shared<service::HistoryService>(maps, service::HistoryOptions{100, true});
  maps.OnCommitted([history](const service::CommittedChange& change) { history->OnCommitted(change); });

  router.Add("GET", "/api/coalitions/{id}/history",
             "The change log in sentences, newest first (statement=, author=, from=, to=, limit=, before=)", Access::viewer,
             [history, &maps](HttpRequest& request) {
               auto id = CoalitionOf(request);
               if (!id) return NoCoalition(request);
               service::HistoryQuery query;
               if (auto statement = request.Query("statement"); !statement.empty()) query.statement = statement;
               if (auto author = request.Query("author"); !author.empty()) query.author = author;
               for (auto [name, end] : {std::pair{"from", false}, std::pair{"to", true}}) {
                 auto text = request.Query(name);
                 if (text.empty()) continue;
                 auto bound = service::TimeBound(text, end);
                 if (!bound)
                   return Problem(422, "Invalid query", std::string(name) + " must be a real date (YYYY-MM-DD, or YYYY-MM-DDTHH:MM with optional :SS, UTC)", name);
                 (end ? query.to_time : query.from_time) = *bound;
               }
               auto limit = ParseInt(request.Query("limit", "50"));
               if (!limit || *limit < 1 || *limit > 500) return Problem(422, "Invalid query", "limit must be 1..500", "limit");
               query.limit = static_cast<std::size_t>(*limit);
               if (auto before = request.Query("before"); !before.empty()) {
                 auto parsed = ParseInt(before);
                 if (!parsed || *parsed < 1) return Problem(422, "Invalid query", "before must be a revision number", "before");
                 query.before = *parsed;
               }
               auto page = history->History(*id, query);
               if (!page) return Problem(404, "No such coalition", page.error().message);
               auto actor = ActorOf(request);
               Json entries = Json::array();
               for (const auto& entry : page->entries) {
                 Json item{{"revision", entry.revision},
                           {"author", service::AuthorDisplayName(entry.author)},
                           {"time", entry.time},
                           {"sentences", entry.sentences},
                           {"mine", IsMine(entry, actor)}};
                 item["undo_of"] = entry.undo_of ? Json(*entry.undo_of) : Json(nullptr);
                 item["redo_of"] = entry.redo_of ? Json(*entry.redo_of) : Json(nullptr);
                 item["undone_by"] = entry.undone_by ? Json(*entry.undone_by) : Json(nullptr);
                 entries.push_back(std::move(item));
               }
               auto current = maps.Current(*id);
               Json body;
               body["revision"] = current ? current->revision : Revision{0};
               body["entries"] = std::move(entries);
               body["next_before"] = page->next_before ? Json(*page->next_before) : Json(nullptr);
               return JsonResponse(body);
             });

  router.Add("POST", "/api/coalitions/{id}/undo",
             "Undo a change ({\"revision\": R}, or the caller's last change) as a new change", Access::editor,
             [history](HttpRequest& request) {
               auto id = CoalitionOf(request);
               if (!id) return NoCoalition(request);
               auto revision = OptionalRevisionBody(request);
               if (auto* problem = std::get_if<HttpResponse>(&revision)) return *problem;
               return UndoResponse(history->Undo(*id, std::get<0>(revision), ActorOf(request)), "undid");
             });

  router.Add("POST", "/api/coalitions/{id}/redo",
             "Redo an undone change ({\"revision\": R}, or the caller's last undo) as a new change", Access::editor,
             [history](HttpRequest& request) {
               auto id = CoalitionOf(request);
               if (!id) return NoCoalition(request);
               auto revision = OptionalRevisionBody(request);
               if (auto* problem = std::get_if<HttpResponse>(&revision)) return *problem;
               return UndoResponse(history->Redo(*id, std::get<0>(revision), ActorOf(request)), "redid");
             });

  router.Add("GET", "/api/coalitions/{id}/versions", "The named versions, newest revision first", Access::viewer,
             [history](HttpRequest& request) {
               auto id = CoalitionOf(request);
               if (!id) return NoCoalition(request);
               auto versions = history->Versions(*id);
               if (!versions) return Problem(404, "No such coalition", versions.error().message);
               Json list = Json::array();
               for (const auto& version : *versions) list.push_back(VersionJson(version));
               return JsonResponse(list);
             });

  router.Add("POST", "/api/coalitions/{id}/versions", "Name a revision ({\"name\", \"revision\"}; the current one when absent)",
             Access::editor, [history](HttpRequest& request) {
               auto id = CoalitionOf(request);
               if (!id) return NoCoalition(request);
               auto body = Json::parse(request.body, nullptr, false);
               if (body.is_discarded() || !body.is_object())
                 return Problem(400, "Malformed request", "send {\"name\": \"...\", \"revision\": N}", "body");
               if (!body.contains("name") || !body["name"].is_string())
                 return Problem(422, "Invalid version", "a version needs a name (text)", "name");
               std::optional<Revision> revision;
               if (body.contains("revision") && !body["revision"].is_null()) {
                 if (!body["revision"].is_number_integer())
                   return Problem(422, "Invalid version", "revision must be a revision number", "revision");
                 revision = body["revision"].get<Revision>();
               }
               auto created = history->CreateVersion(*id, body["name"].get<std::string>(), revision, request.actor.AuthorLabel());
               if (!created) return Problem(422, "Invalid version", created.error().message, created.error().field);
               return JsonResponse(VersionJson(*created), 201);
             });

  router.Add("DELETE", "/api/coalitions/{id}/versions/{version}", "Delete a named version (the revision stays)", Access::editor,
             [history](HttpRequest& request) {
               auto id = CoalitionOf(request);
               if (!id) return NoCoalition(request);
               auto version = ParseInt(request.params.at("version"));
               if (!version) return Problem(404, "No such version", "\"" + request.params.at("version") + "\" is not a version id", "version");
               auto deleted = history->DeleteVersion(*id, *version);
               if (!deleted) return Problem(404, "No such coalition", deleted.error().message);
               if (!*deleted) return Problem(404, "No such version", "there is no version " + std::to_string(*version) + " here", "version");
               return JsonResponse(Json{{"deleted", *version}});
             });

  router.Add("GET", "/api/coalitions/{id}/diff",
             "What changed between two revisions or dates (from=, to=; to defaults to the current revision)", Access::viewer,
             [history, &maps](HttpRequest& request) {
               auto id = CoalitionOf(request);
               if (!id) return NoCoalition(request);
               auto current = maps.Current(*id);
               if (!current) return Problem(404, "No such coalition", current.error().message);
               if (request.Query("from").empty()) return Problem(422, "Invalid query", "from must name a revision or a date", "from");
               auto from = RevisionParam(*history, *id, request.Query("from"), "from");
               if (auto* problem = std::get_if<HttpResponse>(&from)) return *problem;
               auto to = RevisionParam(*history, *id, request.Query("to", std::to_string(current->revision)), "to");
               if (auto* problem = std::get_if<HttpResponse>(&to)) return *problem;
               auto diff = history->Diff(*id, std::get<Revision>(from), std::get<Revision>(to));
               if (!diff) return Problem(422, "No such revision", diff.error().message, diff.error().field);
               Json items = Json::array();
               for (const auto& item : diff->items) {
                 Json fields = Json::array();
                 for (const auto& field : item.fields) fields.push_back({{"field", field.field}, {"before", field.before}, {"after", field.after}});
                 items.push_back({{"kind", item.kind}, {"id", item.id}, {"label", item.label}, {"changes", item.changes},
                                  {"fields", std::move(fields)}, {"sentence", item.sentence}});
               }
               Json body{{"from", std::get<Revision>(from)}, {"to", std::get<Revision>(to)}, {"items", std::move(items)}};
               body["added"] = {{"statements", diff->added_statements}, {"links", diff->added_links}};
               body["removed"] = {{"statements", diff->removed_statements}, {"links", diff->removed_links}};
               body["changed"] = {{"statements", diff->changed_statements}, {"links", diff->changed_links}};
               body["repositioned"] = diff->repositioned;
               return JsonResponse(body);
             });
}

}  // namespace coalign::http
