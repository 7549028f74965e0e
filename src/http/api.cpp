#include "http/handler_support.hpp"
#include "http/live_hub.hpp"
#include "http/response_cache.hpp"
#include "http/api.hpp"

#include <charconv>
#include <set>

#include "analysis/zoom_view.hpp"
#include "http/comments_api.hpp"
#include "http/history_api.hpp"
#include "http/work_api.hpp"
#include "interop/json_codec.hpp"
#include "interop/native_document.hpp"
#include "service/import_files.hpp"

namespace coalign::http {
namespace {

using interop::Json;
using service::CoalitionId;

// The coalition named by the {id} segment, with its current map; or the 404 to send.
struct Loaded {
  CoalitionId id = 0;
  service::Snapshot snapshot;
};
std::variant<Loaded, HttpResponse> LoadCoalition(service::MapService& maps, const HttpRequest& request) {
  auto id = ParseInt(request.params.at("id"));
  if (!id) return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
  auto snapshot = maps.Current(*id);
  if (!snapshot) return Problem(404, "No such coalition", snapshot.error().message);
  return Loaded{*id, *snapshot};
}

Result<Json> ParseBody(const HttpRequest& request) {
  if (request.body.empty()) return Error{"the request has no body; send JSON", "body"};
  try {
    return Json::parse(request.body);
  } catch (const Json::exception& error) {  // bad syntax, or a number too large for a double (1e309)
    return Error{std::string("the body is not valid JSON: ") + error.what(), "body"};
  }
}

// The REST form of a refused batch: the same record the live feed sends, as a problem.
HttpResponse CommitRefused(const service::CommitOutcome& outcome, const std::vector<ops::Op>& ops) {
  auto body = CommitRefusalJson(outcome, ops);
  body["type"] = "about:blank";
  int status = body["status"].get<int>();
  return HttpResponse{status, "application/problem+json", body.dump(), {}};
}

Json ViewJson(const Loaded& loaded, const analysis::ZoomView& view) {
  const auto& map = *loaded.snapshot.map;
  Json body;
  body["coalition"] = {{"id", loaded.id}, {"name", map.info.name}, {"purpose", map.info.purpose}};
  body["revision"] = loaded.snapshot.revision;
  body["root"] = view.root;
  body["visible"] = view.visible;
  Json links = Json::array();
  Json link_ids = Json::array();
  for (const auto& lifted : view.links) {
    links.push_back({{"from", lifted.from}, {"to", lifted.to}, {"count", lifted.count}, {"polarity", lifted.polarity}});
    link_ids.push_back(lifted.link_ids);
  }
  body["links"] = std::move(links);
  body["external"] = Json::object();
  for (const auto& [id, count] : view.external) body["external"][id] = {{"in", count.in}, {"out", count.out}};
  body["link_ids"] = std::move(link_ids);

  // What the page needs to draw: the visible statements with their child counts, the
  // underlying links, the breadcrumb, layers and themes.
  std::unordered_map<std::string, const model::Statement*> by_id;
  std::unordered_map<std::string, std::vector<std::string>> children;
  for (const auto& statement : map.statements) {
    by_id[statement.id] = &statement;
    if (statement.parent) children[*statement.parent].push_back(statement.id);
  }
  auto descendants = [&](const std::string& id) {
    std::size_t count = 0;
    std::vector<std::string> stack{id};
    while (!stack.empty() && count <= map.statements.size()) {
      auto current = stack.back();
      stack.pop_back();
      auto found = children.find(current);
      if (found == children.end()) continue;
      count += found->second.size();
      stack.insert(stack.end(), found->second.begin(), found->second.end());
    }
    return count;
  };
  // Open comments (in threads not resolved) per statement and link, for the map's badges.
  std::unordered_map<std::string, const model::Comment*> comments_by_id;
  for (const auto& comment : map.comments) comments_by_id[comment.id] = &comment;
  std::unordered_map<std::string, std::size_t> open_on_statement, open_on_link;
  for (const auto& comment : map.comments) {
    const model::Comment* root = &comment;
    for (std::size_t steps = 0; root->parent && comments_by_id.count(*root->parent) && steps <= map.comments.size(); ++steps)
      root = comments_by_id.at(*root->parent);
    if (root->resolved) continue;
    if (comment.target_kind == "statement") ++open_on_statement[comment.target_id];
    else if (comment.target_kind == "link") ++open_on_link[comment.target_id];
  }
  auto open_count = [](const auto& counts, const std::string& id) {
    auto found = counts.find(id);
    return found == counts.end() ? std::size_t{0} : found->second;
  };
  // Who works on each statement, for the map's badges and its "unclaimed" mark.
  std::unordered_map<std::string, std::size_t> advocates_on, teams_on;
  std::unordered_map<std::string, std::set<std::string>> contributors_on;
  for (const auto& advocate : map.work.Of(model::WorkKind::advocate))
    if (auto on = advocate.Ref("statement")) ++advocates_on[*on];
  for (const auto& team : map.work.Of(model::WorkKind::action_team))
    if (auto on = team.Ref("statement")) ++teams_on[*on];
  for (const auto& contribution : map.work.Of(model::WorkKind::contribution))
    if (auto on = contribution.Ref("statement")) contributors_on[*on].insert(contribution.Ref("organisation").value_or(""));
  Json statements = Json::object();
  for (const auto& id : view.visible) {
    Json statement = interop::ToJson(*by_id.at(id));
    if (!statement.contains("description")) statement["description"] = "";
    if (!statement.contains("tags")) statement["tags"] = Json::array();
    if (!statement.contains("status")) statement["status"] = "";
    if (!statement.contains("position")) statement["position"] = nullptr;
    auto found = children.find(id);
    statement["child_count"] = found == children.end() ? 0 : found->second.size();
    statement["descendant_count"] = descendants(id);
    statement["comment_count"] = open_count(open_on_statement, id);
    statement["advocate_count"] = open_count(advocates_on, id);
    statement["team_count"] = open_count(teams_on, id);
    auto contributors = contributors_on.find(id);
    statement["contributor_count"] = contributors == contributors_on.end() ? 0 : contributors->second.size();
    statements[id] = std::move(statement);
  }
  body["statements"] = std::move(statements);
  Json details = Json::object();
  std::unordered_map<std::string, const model::Link*> links_by_id;
  for (const auto& link : map.links) links_by_id[link.id] = &link;
  for (const auto& lifted : view.links) {
    for (const auto& link_id : lifted.link_ids) {
      Json link = interop::ToJson(*links_by_id.at(link_id));
      if (!link.contains("assumption")) link["assumption"] = "";
      if (!link.contains("evidence")) link["evidence"] = "";
      link["comment_count"] = open_count(open_on_link, link_id);
      details[link_id] = std::move(link);
    }
  }
  body["link_details"] = std::move(details);
  Json breadcrumb = Json::array();
  if (view.root != "top") {
    std::vector<const model::Statement*> chain;
    const model::Statement* cursor = by_id.at(view.root);
    while (cursor && chain.size() <= map.statements.size()) {
      chain.push_back(cursor);
      cursor = cursor->parent && by_id.count(*cursor->parent) ? by_id.at(*cursor->parent) : nullptr;
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) breadcrumb.push_back({{"id", (*it)->id}, {"title", (*it)->title}});
  }
  body["breadcrumb"] = std::move(breadcrumb);
  body["layers"] = Json::array();
  for (const auto& layer : map.layers) body["layers"].push_back({{"id", layer.id}, {"name", layer.name}});
  body["themes"] = Json::array();
  for (const auto& theme : map.themes)
    body["themes"].push_back({{"id", theme.id}, {"name", theme.name}, {"color", theme.color}, {"description", theme.description}});
  return body;
}

Json ImportJson(const service::ImportOutcome& outcome) {
  Json problems = Json::array();
  for (const auto& problem : outcome.problems)
    problems.push_back({{"where", problem.where}, {"message", problem.message}, {"skipped", problem.skipped}});
  return Json{{"id", outcome.coalition},   {"revision", outcome.revision}, {"statements", outcome.statements},
              {"links", outcome.links},    {"problems", std::move(problems)}};
}

}  // namespace

Json ViewBody(std::int64_t coalition, const service::Snapshot& snapshot, const analysis::ZoomView& view) {
  return ViewJson(Loaded{coalition, snapshot}, view);
}

void AddApiRoutes(Router& router, service::MapService& maps, service::AccountService& accounts) {
  router.Add("GET", "/api/openapi.json", "The OpenAPI 3 description of this API", Access::anyone, [](HttpRequest&) {
    return HttpResponse{200, "application/json", OpenApiDocument(), {}};
  });

  router.Add("GET", "/api/coalitions", "List the coalitions the caller can see", Access::signed_in, [&maps, &accounts](HttpRequest& request) {
    Json list = Json::array();
    auto visible = accounts.VisibleCoalitions(request.actor);
    std::set<std::int64_t> can_see(visible.begin(), visible.end());
    for (const auto& summary : maps.ListCoalitions())
      if (can_see.count(summary.id))
      list.push_back({{"id", summary.id}, {"name", summary.name}, {"revision", summary.revision},
                      {"statements", summary.statements}, {"links", summary.links}});
    return JsonResponse(list);
  });

  router.Add("POST", "/api/coalitions", "Create an empty coalition (its creator becomes its steward)", Access::signed_in, [&maps, &accounts](HttpRequest& request) {
    auto body = ParseBody(request);
    if (!body) return Problem(400, "Malformed request", body.error().message, body.error().field);
    if (!body->is_object() || !(*body)["name"].is_string())
      return Problem(422, "Invalid coalition", "send {\"name\": \"...\"}", "name");
    model::CoalitionInfo info;
    info.name = (*body)["name"].get<std::string>();
    if (body->contains("purpose") && (*body)["purpose"].is_string()) info.purpose = (*body)["purpose"].get<std::string>();
    auto created = maps.CreateCoalition(info);
    if (!created) return Problem(422, "Invalid coalition", created.error().message, created.error().field);
    accounts.MakeSteward(*created, request.actor.user_id);
    return JsonResponse(Json{{"id", *created}, {"revision", 0}}, 201);
  });

  router.Add("POST", "/api/coalitions/import",
             "Import a native document, or CSV element/connection files, as a new coalition", Access::signed_in,
             [&maps, &accounts](HttpRequest& request) {
               service::ImportRequest import;
               import.author = request.actor.AuthorLabel();
               import.strict = request.Query("strict") == "true" || request.Query("strict") == "1";
               import.name = request.Query("name");
               auto content_type = request.Header("content-type");
               if (content_type.find("json") != std::string::npos) {
                 auto body = ParseBody(request);
                 if (!body) return Problem(400, "Malformed upload", body.error().message, body.error().field);
                 if (body->is_object() && body->contains("files")) {
                   // {"files": [{"name", "content"}], "name", "columns": {role: header}, "strict"}
                   const auto& files = (*body)["files"];
                   if (!files.is_array()) return Problem(422, "Invalid upload", "\"files\" must be a list", "files");
                   for (const auto& file : files) {
                     if (!file.is_object() || !file.contains("content") || !file["content"].is_string())
                       return Problem(422, "Invalid upload", "each file needs \"name\" and \"content\" (text)", "files");
                     import.files.push_back({file.value("name", std::string("upload")), file["content"].get<std::string>()});
                   }
                   if (body->contains("name") && (*body)["name"].is_string()) import.name = (*body)["name"].get<std::string>();
                   if (body->contains("strict") && (*body)["strict"].is_boolean()) import.strict = (*body)["strict"].get<bool>();
                   if (body->contains("columns") && (*body)["columns"].is_object())
                     for (auto it = (*body)["columns"].begin(); it != (*body)["columns"].end(); ++it)
                       if (it->is_string()) import.columns.emplace_back(it.key(), it->get<std::string>());
                 } else {
                   import.files.push_back({request.Query("filename", "upload.json"), request.body});
                 }
               } else {
                 import.files.push_back({request.Query("filename", "upload.csv"), request.body});
               }
               auto outcome = service::ImportFiles(maps, import);
               if (!outcome) return Problem(422, "Import refused", outcome.error().message, outcome.error().field);
               accounts.MakeSteward(outcome->coalition, request.actor.user_id);
               return JsonResponse(ImportJson(*outcome), 201);
             });

  router.Add("GET", "/api/coalitions/{id}", "A coalition's summary", Access::viewer, [&maps](HttpRequest& request) {
    auto loaded = LoadCoalition(maps, request);
    if (auto* problem = std::get_if<HttpResponse>(&loaded)) return *problem;
    const auto& [id, snapshot] = std::get<Loaded>(loaded);
    const auto& map = *snapshot.map;
    Json body{{"id", id}, {"name", map.info.name}, {"purpose", map.info.purpose}, {"revision", snapshot.revision},
              {"statements", map.statements.size()}, {"links", map.links.size()}};
    body["layers"] = Json::array();
    for (const auto& layer : map.layers) body["layers"].push_back(interop::ToJson(layer));
    body["themes"] = Json::array();
    for (const auto& theme : map.themes) body["themes"].push_back(interop::ToJson(theme));
    return JsonResponse(body);
  });

  router.Add("GET", "/api/coalitions/{id}/export", "The coalition as a native document", Access::viewer, [&maps](HttpRequest& request) {
    auto loaded = LoadCoalition(maps, request);
    if (auto* problem = std::get_if<HttpResponse>(&loaded)) return *problem;
    if (auto problem = TimeTravel(maps, std::get<Loaded>(loaded).id, request, std::get<Loaded>(loaded).snapshot)) return *problem;
    const auto& [id, snapshot] = std::get<Loaded>(loaded);
    HttpResponse response{200, "application/json", interop::WriteNativeDocument(*snapshot.map), {}};
    response.headers.emplace_back("X-Coalign-Revision", std::to_string(snapshot.revision));
    if (request.Query("download") == "1")
      response.headers.emplace_back("Content-Disposition", "attachment; filename=\"coalition-" + std::to_string(id) + ".coalign.json\"");
    return response;
  });

  // A view is a pure function of (coalition, revision, root): each answer is kept until
  // newer revisions push it out.
  auto view_cache = std::make_shared<ResponseCache>(256);
  router.Add("GET", "/api/coalitions/{id}/view", "The zoom view under a statement (root=top|ID)", Access::viewer,
             [&maps, view_cache](HttpRequest& request) {
               auto loaded = LoadCoalition(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&loaded)) return *problem;
               auto& coalition = std::get<Loaded>(loaded);
               bool current = request.Query("revision").empty() && request.Query("at").empty();
               std::string root = request.Query("root", "top");
               std::string key = std::to_string(coalition.id) + "@" + std::to_string(coalition.snapshot.revision) + "/" + root;
               if (current) {
                 if (auto body = view_cache->Find(key)) return HttpResponse{200, "application/json", std::move(*body), {}};
               }
               if (auto problem = TimeTravel(maps, coalition.id, request, coalition.snapshot)) return *problem;
               auto view = analysis::ComputeZoomView(*coalition.snapshot.map, root);
               if (!view) return Problem(404, "No such statement", view.error().message, "root");
               auto response = JsonResponse(ViewJson(coalition, *view));
               if (current) view_cache->Put(key, response.body);
               return response;
             });

  router.Add("POST", "/api/coalitions/{id}/changes", "Commit a batch of ops against a base revision", Access::editor,
             [&maps](HttpRequest& request) {
               auto id = ParseInt(request.params.at("id"));
               if (!id) return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
               auto body = ParseBody(request);
               if (!body) return Problem(400, "Malformed request", body.error().message, body.error().field);
               if (!body->is_object()) return Problem(422, "Invalid batch", "send {\"base_revision\": N, \"ops\": [...]}");
               if (auto problem = CheckBatchEnvelope(*body)) return Problem(422, "Invalid batch", problem->detail, problem->field);
               auto base = body->find("base_revision");
               auto ops_json = body->find("ops");
               service::CommitOutcome decode_failure;
               decode_failure.status = service::CommitStatus::invalid;
               auto ops = interop::OpsFromJsonReportingEach(*ops_json, decode_failure.errors);
               if (!decode_failure.errors.empty()) {
                 auto current = maps.Current(*id);
                 if (!current) return Problem(404, "No such coalition", current.error().message);
                 decode_failure.revision = current->revision;
                 return CommitRefused(decode_failure, {});
               }
               service::ChangeMeta meta{request.actor.AuthorLabel(), request.actor.user_id, {}, {}};
               meta.moderator = request.actor.admin || request.role >= service::Role::steward;
               auto outcome = maps.Commit(*id, base->get<std::int64_t>(), ops, meta);
               switch (outcome.status) {
                 case service::CommitStatus::committed: return JsonResponse(CommitAnswer(outcome));
                 case service::CommitStatus::no_such_coalition: return Problem(404, "No such coalition", outcome.message);
                 case service::CommitStatus::bad_request: {
                   auto problem = Problem(422, "Change refused", outcome.message, "base_revision");
                   return problem;
                 }
                 default: return CommitRefused(outcome, ops);
               }
             });

  router.Add("GET", "/api/coalitions/{id}/changes", "The change log after a revision (after=N, limit=M)", Access::viewer,
             [&maps](HttpRequest& request) {
               auto loaded = LoadCoalition(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&loaded)) return *problem;
               auto& coalition = std::get<Loaded>(loaded);
               auto after = ParseInt(request.Query("after", "0"));
               auto limit = ParseInt(request.Query("limit", "100"));
               if (!after || *after < 0) return Problem(422, "Invalid query", "after must be a revision number", "after");
               if (!limit || *limit < 1 || *limit > 1000) return Problem(422, "Invalid query", "limit must be 1..1000", "limit");
               Json changes = Json::array();
               for (const auto& change : maps.store().Changes(coalition.id, *after, static_cast<std::size_t>(*limit))) {
                 changes.push_back({{"revision", change.revision},
                                    {"author", change.author},
                                    {"time", change.created_at},
                                    {"ops", Json::parse(change.ops_json)},
                                    {"inverse", Json::parse(change.inverse_json)}});
               }
               return JsonResponse(Json{{"revision", coalition.snapshot.revision}, {"changes", std::move(changes)}});
             });

  AddHistoryRoutes(router, maps);
  AddCommentRoutes(router, maps, accounts);
}

}  // namespace coalign::http
