// The routes of "who does what" (issue 5; docs/work-api.md): the work items in one read,
// work ops for contributors, resource totals, an organisation's line of sight, the
// opportunities, and publishing (steward-managed tokens, public read-only routes).
#include "http/work_api.hpp"

#include <cmath>
#include <set>

#include "analysis/zoom_view.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/live_hub.hpp"
#include "interop/work_json.hpp"
#include "ops/work_ops.hpp"
#include "service/work_service.hpp"

namespace coalign::http {
namespace {

using interop::Json;

constexpr std::size_t kMaxWorkOps = 200;

Json Number(double value) {
  if (std::floor(value) == value && std::abs(value) < 9e15) return static_cast<std::int64_t>(value);
  return value;
}

Json OptionalText(const std::optional<std::string>& text) { return text ? Json(*text) : Json(nullptr); }

std::variant<std::pair<std::int64_t, service::Snapshot>, HttpResponse> Current(service::MapService& maps, const HttpRequest& request) {
  auto id = ParseInt(request.params.at("id"));
  if (!id) return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
  auto snapshot = maps.Current(*id);
  if (!snapshot) return Problem(404, "No such coalition", snapshot.error().message);
  return std::pair{*id, *snapshot};
}

Json WorkBody(const model::MapState& map, service::Revision revision) {
  Json body{{"revision", revision}};
  Json sections = interop::WorkSectionsToJson(map.work);
  for (auto it = sections.begin(); it != sections.end(); ++it) body[it.key()] = it.value();
  return body;
}

Json TotalsBody(const std::string& by, const std::vector<service::TotalsGroup>& groups, service::Revision revision) {
  Json list = Json::array();
  for (const auto& group : groups) {
    Json totals = Json::array();
    for (const auto& total : group.totals)
      totals.push_back({{"unit", total.unit}, {"pledged", Number(total.pledged)}, {"received", Number(total.received)}});
    list.push_back({{"key", OptionalText(group.key)}, {"label", group.label}, {"totals", std::move(totals)}});
  }
  return Json{{"revision", revision}, {"by", by}, {"groups", std::move(list)}};
}

Json OpportunitiesBody(const model::MapState& map, service::Revision revision) {
  Json list = Json::array();
  for (const auto& opportunity : service::OpportunitiesOf(map))
    list.push_back({{"id", opportunity.id},
                    {"title", opportunity.title},
                    {"needs", opportunity.needs},
                    {"potency", opportunity.potency},
                    {"advocates", opportunity.advocates},
                    {"contributors", opportunity.contributors},
                    {"resources", opportunity.resources},
                    {"teams", opportunity.teams}});
  return Json{{"revision", revision}, {"statements", std::move(list)}};
}

Json SightBody(const model::MapState& map, const service::LineOfSight& sight, service::Revision revision) {
  Json paths = Json::array();
  std::set<std::string> named(sight.coalition_outcomes.begin(), sight.coalition_outcomes.end());
  for (const auto& path : sight.paths) {
    paths.push_back({{"contribution", OptionalText(path.contribution)},
                     {"initiative", OptionalText(path.initiative)},
                     {"from", path.from},
                     {"to", path.to},
                     {"path", path.path},
                     {"goals", path.goals}});
    named.insert(path.path.begin(), path.path.end());
  }
  Json titles = Json::object();
  for (const auto& statement : map.statements)
    if (named.count(statement.id)) titles[statement.id] = statement.title;
  Json goals = Json::array();
  if (const auto* organisation = map.work.Find(model::WorkKind::organisation, sight.organisation))
    for (const auto& goal : organisation->children) goals.push_back({{"id", goal.id}, {"text", goal.Text("text")}});
  return Json{{"revision", revision},          {"organisation", sight.organisation}, {"outcomes", sight.outcomes},
              {"coalition_outcomes", sight.coalition_outcomes}, {"paths", std::move(paths)}, {"goals", std::move(goals)},
              {"titles", std::move(titles)}};
}

Json PublicationBody(const store::PublicationRecord& publication) {
  return Json{{"id", publication.id},
              {"token", publication.token},
              {"url", "/p/" + publication.token},
              {"show_people", publication.show_people},
              {"show_organisations", publication.show_organisations},
              {"created_at", publication.created_at},
              {"revoked_at", publication.revoked_at.empty() ? Json(nullptr) : Json(publication.revoked_at)}};
}

HttpResponse Refused(const service::CommitOutcome& outcome, const std::vector<ops::Op>& ops) {
  Json body = CommitRefusalJson(outcome, ops);
  body["type"] = "about:blank";
  return HttpResponse{body["status"].get<int>(), "application/problem+json", body.dump(), {}};
}

HttpResponse NoPublication() {
  return Problem(404, "No such publication", "this link is not (or no longer) published");
}

}  // namespace

Json CommitAnswer(const service::CommitOutcome& outcome) {
  Json ids = Json::array();
  for (const auto& generated : outcome.generated_ids) ids.push_back(generated.empty() ? Json(nullptr) : Json(generated));
  return Json{{"revision", outcome.revision}, {"ids", std::move(ids)}, {"warnings", outcome.warnings}};
}

void AddWorkRoutes(Router& router, service::MapService& maps, std::function<HttpResponse(HttpRequest&)> app_page) {
  auto publications = std::make_shared<service::PublicationService>(maps.store());

  router.Add("GET", "/api/coalitions/{id}/work",
             "Who does what: organisations, people, advocates, action teams, contributions, initiatives, resources",
             Access::viewer, [&maps](HttpRequest& request) {
               auto current = Current(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&current)) return *problem;
               const auto& [id, snapshot] = std::get<0>(current);
               auto body = WorkBody(*snapshot.map, snapshot.revision);
               // Who the caller is here: the people linked to their account, and their organisations.
               Json people = Json::array();
               for (const auto& person : snapshot.map->work.Of(model::WorkKind::person)) {
                 auto account = person.fields.find("account");
                 const auto* user = account == person.fields.end() ? nullptr : std::get_if<double>(&account->second);
                 if (user && static_cast<std::int64_t>(*user) == request.actor.user_id) people.push_back(person.id);
               }
               body["you"] = {{"user", request.actor.user_id},
                              {"role", service::RoleName(request.actor.admin && request.role < service::Role::steward ? service::Role::steward : request.role)},
                              {"people", std::move(people)},
                              {"organisations", service::OrganisationsOfAccount(*snapshot.map, request.actor.user_id)}};
               return JsonResponse(body);
             });

  router.Add("POST", "/api/coalitions/{id}/work",
             "Commit work ops only (contributors: contributions and resources of their own organisations, milestones of "
             "their initiatives; editors: any work op)",
             Access::contributor, [&maps](HttpRequest& request) {
               auto current = Current(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&current)) return *problem;
               const auto& [id, snapshot] = std::get<0>(current);
               if (request.body.empty()) return Problem(400, "Malformed request", "the request has no body; send JSON", "body");
               Json body = Json::parse(request.body, nullptr, false);
               if (body.is_discarded()) return Problem(400, "Malformed request", "the body is not valid JSON", "body");
               if (!body.is_object() || !body.contains("ops") || !body["ops"].is_array() || body["ops"].empty() ||
                   body["ops"].size() > kMaxWorkOps)
                 return Problem(422, "Invalid batch", "send {\"base_revision\": N, \"ops\": [1 to 200 work ops]}", "ops");
               service::Revision base = snapshot.revision;
               if (auto found = body.find("base_revision"); found != body.end() && !found->is_null()) {
                 if (!found->is_number_integer()) return Problem(422, "Invalid batch", "base_revision must be a whole number", "base_revision");
                 base = found->get<service::Revision>();
               }
               service::CommitOutcome decode_failure;
               decode_failure.status = service::CommitStatus::invalid;
               decode_failure.revision = snapshot.revision;
               std::vector<ops::Op> ops;
               const auto& list = body["ops"];
               for (std::size_t op_idx = 0; op_idx < list.size(); ++op_idx) {
                 auto op = interop::OpFromJson(list[op_idx]);
                 if (!op) decode_failure.errors.push_back({op_idx, ops::ErrorKind::invalid, op.error().message, op.error().field});
                 else if (!ops::IsWorkOp(*op))
                   decode_failure.errors.push_back({op_idx, ops::ErrorKind::invalid,
                                                    std::string(ops::OpName(*op)) + " is not a work op; map edits go to /changes", "op"});
                 else ops.push_back(std::move(*op));
               }
               if (!decode_failure.errors.empty()) return Refused(decode_failure, {});
               service::ChangeMeta meta{request.actor.AuthorLabel(), request.actor.user_id, {}, {}};
               meta.moderator = request.actor.admin || request.role >= service::Role::steward;
               if (!request.actor.admin && request.role < service::Role::editor) {
                 auto user = request.actor.user_id;
                 meta.gate = [user](const model::MapState& map, const std::vector<ops::Op>& batch) {
                   return service::ContributorRefusals(map, batch, user);
                 };
               }
               auto kept = ops;
               auto outcome = maps.Commit(id, base, std::move(ops), meta);
               if (outcome.status == service::CommitStatus::committed) return JsonResponse(CommitAnswer(outcome));
               if (outcome.status == service::CommitStatus::no_such_coalition) return Problem(404, "No such coalition", outcome.message);
               if (outcome.status == service::CommitStatus::bad_request) return Problem(422, "Change refused", outcome.message, "base_revision");
               return Refused(outcome, kept);
             });

  router.Add("GET", "/api/coalitions/{id}/resources/totals",
             "Resource totals per unit, pledged and received (by=statement|theme|layer|organisation|kind)", Access::viewer,
             [&maps](HttpRequest& request) {
               auto current = Current(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&current)) return *problem;
               const auto& [id, snapshot] = std::get<0>(current);
               auto by = request.Query("by", "statement");
               auto groups = service::ResourceTotals(*snapshot.map, by);
               if (!groups) return Problem(422, "Invalid query", groups.error().message, "by");
               return JsonResponse(TotalsBody(by, *groups, snapshot.revision));
             });

  router.Add("GET", "/api/coalitions/{id}/organisations/{org}/line-of-sight",
             "The causal paths from what an organisation contributes to up to the coalition's outcomes, and the goals each serves",
             Access::viewer, [&maps](HttpRequest& request) {
               auto current = Current(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&current)) return *problem;
               const auto& [id, snapshot] = std::get<0>(current);
               auto sight = service::LineOfSightOf(*snapshot.map, request.params.at("org"));
               if (!sight) return Problem(404, "No such organisation", sight.error().message, "org");
               return JsonResponse(SightBody(*snapshot.map, *sight, snapshot.revision));
             });

  router.Add("GET", "/api/coalitions/{id}/opportunities",
             "Statements that need a lead advocate, contributors or resources, by potency (outcomes they lead to), then title",
             Access::viewer, [&maps](HttpRequest& request) {
               auto current = Current(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&current)) return *problem;
               const auto& [id, snapshot] = std::get<0>(current);
               return JsonResponse(OpportunitiesBody(*snapshot.map, snapshot.revision));
             });

  // --- publishing -----------------------------------------------------------------------

  router.Add("POST", "/api/coalitions/{id}/publications",
             "Publish a read-only, no-login view of the map and opportunities (stewards)", Access::steward,
             [&maps, publications](HttpRequest& request) {
               auto current = Current(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&current)) return *problem;
               const auto& [id, snapshot] = std::get<0>(current);
               Json body = request.body.empty() ? Json::object() : Json::parse(request.body, nullptr, false);
               if (body.is_discarded()) return Problem(400, "Malformed request", "the body is not valid JSON", "body");
               if (!body.is_object()) return Problem(422, "Invalid publication", "send {\"show_people\": false, \"show_organisations\": true}");
               service::PublicationOptions options;
               for (const char* flag : {"show_people", "show_organisations"}) {
                 auto found = body.find(flag);
                 if (found == body.end() || found->is_null()) continue;
                 if (!found->is_boolean()) return Problem(422, "Invalid publication", std::string(flag) + " must be true or false", flag);
                 (std::string(flag) == "show_people" ? options.show_people : options.show_organisations) = found->get<bool>();
               }
               auto publication = publications->Publish(id, options, request.actor.user_id);
               return JsonResponse(PublicationBody(publication), 201);
             });

  router.Add("GET", "/api/coalitions/{id}/publications", "The coalition's publications, revoked ones too (stewards)",
             Access::steward, [&maps, publications](HttpRequest& request) {
               auto current = Current(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&current)) return *problem;
               Json list = Json::array();
               for (const auto& publication : publications->List(std::get<0>(current).first)) list.push_back(PublicationBody(publication));
               return JsonResponse(Json{{"publications", std::move(list)}});
             });

  router.Add("DELETE", "/api/coalitions/{id}/publications/{publication}", "Revoke a publication: its link stops working (stewards)",
             Access::steward, [&maps, publications](HttpRequest& request) {
               auto current = Current(maps, request);
               if (auto* problem = std::get_if<HttpResponse>(&current)) return *problem;
               auto publication = ParseInt(request.params.at("publication"));
               if (!publication || !publications->Revoke(std::get<0>(current).first, *publication))
                 return Problem(404, "No such publication", "no live publication " + request.params.at("publication") + " in this coalition",
                                "publication");
               return JsonResponse(Json{{"revoked", true}, {"id", *publication}});
             });

  // The published view: anyone with the token; 404 for an unknown or revoked one.
  struct Published {
    std::int64_t coalition = 0;
    service::Snapshot snapshot;
    model::MapState map;  // redacted
    Json publication;     // what it shows: {"show_people", "show_organisations"}
  };
  auto published = [&maps, publications](const HttpRequest& request) -> std::optional<Published> {
    auto publication = publications->ByToken(request.params.at("token"));
    if (!publication) return std::nullopt;
    auto snapshot = maps.Current(publication->coalition);
    if (!snapshot) return std::nullopt;
    service::PublicationOptions options{publication->show_people, publication->show_organisations};
    return Published{publication->coalition, *snapshot, service::RedactedForPublic(*snapshot->map, options),
                     Json{{"show_people", options.show_people}, {"show_organisations", options.show_organisations}}};
  };

  router.Add("GET", "/p/{token}", "The web app in read-only public mode (frameable; no login)", Access::anyone,
             [publications, app_page](HttpRequest& request) {
               if (!publications->ByToken(request.params.at("token")))
                 return HttpResponse{404, "text/html; charset=utf-8",
                                     "<!doctype html><title>Not published</title><h1>This map is not (or no longer) published</h1>", {}};
               HttpResponse page = app_page ? app_page(request)
                                            : HttpResponse{503, "text/html; charset=utf-8", "<!doctype html><title>coalign</title>", {}};
               // Meant to be embedded in a coalition's own website.
               page.headers.emplace_back("Content-Security-Policy", "frame-ancestors *");
               page.headers.emplace_back("Cache-Control", "no-store");
               return page;
             });

  router.Add("GET", "/api/public/{token}/view", "A published zoom view (root=top|ID)", Access::anyone,
             [published](HttpRequest& request) {
               auto view_of = published(request);
               if (!view_of) return NoPublication();
               auto view = analysis::ComputeZoomView(view_of->map, request.Query("root", "top"));
               if (!view) return Problem(404, "No such statement", view.error().message, "root");
               service::Snapshot redacted{std::make_shared<const model::MapState>(view_of->map), view_of->snapshot.revision};
               auto body = ViewBody(view_of->coalition, redacted, *view);
               body["publication"] = view_of->publication;
               return JsonResponse(body);
             });

  router.Add("GET", "/api/public/{token}/opportunities", "The published opportunities", Access::anyone,
             [published](HttpRequest& request) {
               auto view_of = published(request);
               if (!view_of) return NoPublication();
               auto body = OpportunitiesBody(view_of->map, view_of->snapshot.revision);
               body["coalition"] = {{"name", view_of->map.info.name}, {"purpose", view_of->map.info.purpose}};
               body["publication"] = view_of->publication;
               return JsonResponse(body);
             });

  router.Add("GET", "/api/public/{token}/work", "The published work items (people's names only when chosen public)",
             Access::anyone, [published](HttpRequest& request) {
               auto view_of = published(request);
               if (!view_of) return NoPublication();
               auto body = WorkBody(view_of->map, view_of->snapshot.revision);
               body["publication"] = view_of->publication;
               return JsonResponse(body);
             });
}

}  // namespace coalign::http
