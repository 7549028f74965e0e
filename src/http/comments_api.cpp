#include "http/handler_support.hpp"
#include "http/comments_api.hpp"

#include <charconv>
#include <unordered_map>

#include "http/live_hub.hpp"
#include "interop/json_codec.hpp"
#include "ops/comment_ops.hpp"

namespace coalign::http {
namespace {

using interop::Json;

constexpr std::size_t kMaxCommentOps = 20;

std::optional<std::int64_t> CoalitionParam(const HttpRequest& request) {
  const auto& text = request.params.at("id");
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool IsCommentOp(const ops::Op& op) {
  return std::holds_alternative<ops::AddComment>(op) || std::holds_alternative<ops::UpdateComment>(op) ||
         std::holds_alternative<ops::ResolveComment>(op) || std::holds_alternative<ops::RemoveComment>(op);
}

// Whether a comment's item is still on the map (comments of a removed item stay, hidden).
bool TargetPresent(const model::MapState& map, const model::Comment& comment) {
  if (comment.target_kind == "coalition") return true;
  if (comment.target_kind == "statement")
    return std::any_of(map.statements.begin(), map.statements.end(), [&](const auto& statement) { return statement.id == comment.target_id; });
  return std::any_of(map.links.begin(), map.links.end(), [&](const auto& link) { return link.id == comment.target_id; });
}

HttpResponse Refused(const service::CommitOutcome& outcome, const std::vector<ops::Op>& ops) {
  Json body = CommitRefusalJson(outcome, ops);
  body["type"] = "about:blank";
  if (outcome.status == service::CommitStatus::no_such_coalition) body["status"] = 404;
  return HttpResponse{body["status"].get<int>(), "application/problem+json", body.dump(), {}};
}

}  // namespace

void AddCommentRoutes(Router& router, service::MapService& maps, service::AccountService& accounts) {
  router.Add("POST", "/api/coalitions/{id}/comments",
             "Add, edit, resolve/reopen or remove comments: one comment op, or {\"ops\": [...]} of comment ops only",
             Access::contributor, [&maps](HttpRequest& request) {
               auto id = CoalitionParam(request);
               if (!id) return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
               if (request.body.empty()) return Problem(400, "Malformed request", "the request has no body; send JSON", "body");
               Json body = Json::parse(request.body, nullptr, false);
               if (body.is_discarded()) return Problem(400, "Malformed request", "the body is not valid JSON", "body");
               if (!body.is_object()) return Problem(422, "Invalid comment", "send one comment op, or {\"ops\": [...]}", "ops");
               Json ops_json = body.contains("ops") ? body["ops"] : Json::array({body});
               if (!ops_json.is_array() || ops_json.empty() || ops_json.size() > kMaxCommentOps)
                 return Problem(422, "Invalid comment", "ops must be a list of 1 to " + std::to_string(kMaxCommentOps) + " comment ops", "ops");
               auto current = maps.Current(*id);
               if (!current) return Problem(404, "No such coalition", current.error().message);
               service::Revision base = current->revision;
               if (auto found = body.find("base_revision"); found != body.end() && !found->is_null()) {
                 if (!found->is_number_integer())
                   return Problem(422, "Invalid comment", "base_revision must be a whole number", "base_revision");
                 base = found->get<service::Revision>();
               }
               std::vector<ops::Op> ops;
               service::CommitOutcome decode_failure;
               decode_failure.status = service::CommitStatus::invalid;
               decode_failure.revision = current->revision;
               for (std::size_t op_idx = 0; op_idx < ops_json.size(); ++op_idx) {
                 auto op = interop::OpFromJson(ops_json[op_idx]);
                 if (!op) {
                   decode_failure.errors.push_back({op_idx, ops::ErrorKind::invalid, op.error().message, op.error().field});
                 } else if (!IsCommentOp(*op)) {
                   decode_failure.errors.push_back({op_idx, ops::ErrorKind::invalid,
                                                    std::string(ops::OpName(*op)) + " is not a comment op; map edits go to /changes", "op"});
                 } else {
                   ops.push_back(std::move(*op));
                 }
               }
               if (!decode_failure.errors.empty()) return Refused(decode_failure, {});
               auto kept = ops;
               service::ChangeMeta meta{request.actor.AuthorLabel(), request.actor.user_id, {}, {}};
               meta.moderator = request.actor.admin || request.role >= service::Role::steward;
               auto outcome = maps.Commit(*id, base, std::move(ops), meta);
               if (outcome.status != service::CommitStatus::committed) return Refused(outcome, kept);
               Json ids = Json::array();
               for (const auto& generated : outcome.generated_ids) ids.push_back(generated.empty() ? Json(nullptr) : Json(generated));
               Json result{{"revision", outcome.revision}, {"ids", std::move(ids)}};
               // The comments as stored (with the author and time the server gave them).
               if (auto after = maps.Current(*id)) {
                 Json comments = Json::array();
                 for (std::size_t op_idx = 0; op_idx < kept.size(); ++op_idx) {
                   std::string comment_id = outcome.generated_ids[op_idx];
                   if (comment_id.empty()) {
                     std::visit([&](const auto& typed) {
                       using T = std::decay_t<decltype(typed)>;
                       if constexpr (std::is_same_v<T, ops::AddComment>) comment_id = typed.comment.id;
                       else if constexpr (!std::is_same_v<T, ops::RemoveComment> && requires { typed.id; }) comment_id = typed.id;
                     }, kept[op_idx]);
                   }
                   for (const auto& comment : after->map->comments)
                     if (comment.id == comment_id) comments.push_back(interop::ToJson(comment));
                 }
                 result["comments"] = std::move(comments);
               }
               return JsonResponse(result);
             });

  router.Add("GET", "/api/coalitions/{id}/comments",
             "The coalition's comments, oldest first (target_kind=statement|link|coalition, target_id=)", Access::viewer,
             [&maps](HttpRequest& request) {
               auto id = CoalitionParam(request);
               if (!id) return Problem(404, "No such coalition", "\"" + request.params.at("id") + "\" is not a coalition id");
               auto current = maps.Current(*id);
               if (!current) return Problem(404, "No such coalition", current.error().message);
               auto kind = request.Query("target_kind");
               auto target = request.Query("target_id");
               if (!kind.empty() && !model::IsCommentTargetKind(kind))
                 return Problem(422, "Invalid query", "target_kind must be statement, link or coalition", "target_kind");
               if (kind.empty() && !target.empty())
                 return Problem(422, "Invalid query", "target_id needs target_kind", "target_kind");
               const auto& map = *current->map;
               Json comments = Json::array();
               for (const auto& comment : map.comments) {
                 if (!kind.empty() && (comment.target_kind != kind || comment.target_id != target)) continue;
                 if (kind.empty() && !TargetPresent(map, comment)) continue;
                 comments.push_back(interop::ToJson(comment));
               }
               return JsonResponse(Json{{"revision", current->revision}, {"comments", std::move(comments)}});
             });

  router.Add("GET", "/api/mentions", "Comments that mention the caller, in every coalition they can see, newest first",
             Access::signed_in, [&maps, &accounts](HttpRequest& request) {
               Json mentions = Json::array();
               for (auto coalition : accounts.VisibleCoalitions(request.actor)) {
                 auto current = maps.Current(coalition);
                 if (!current) continue;
                 for (const auto& comment : current->map->comments) {
                   if (std::find(comment.mentions.begin(), comment.mentions.end(), request.actor.user_id) == comment.mentions.end()) continue;
                   mentions.push_back({{"coalition", coalition}, {"coalition_name", current->map->info.name},
                                       {"comment", interop::ToJson(comment)}});
                 }
               }
               std::stable_sort(mentions.begin(), mentions.end(), [](const Json& a, const Json& b) {
                 return a["comment"]["created_at"].get<std::string>() > b["comment"]["created_at"].get<std::string>();
               });
               return JsonResponse(Json{{"mentions", std::move(mentions)}});
             });
}

}  // namespace coalign::http
