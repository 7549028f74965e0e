#include "http/handler_support.hpp"
#include "http/auth_api.hpp"

#include <charconv>
#include <ctime>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

namespace coalign::http {
namespace {

using Json = nlohmann::ordered_json;

std::string CookieValue(const HttpRequest& request, const std::string& name) {
  auto header = request.Header("cookie");
  std::size_t start = 0;
  while (start < header.size()) {
    auto end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    auto pair = header.substr(start, end - start);
    auto first = pair.find_first_not_of(' ');
    if (first != std::string::npos) pair = pair.substr(first);
    auto equals = pair.find('=');
    if (equals != std::string::npos && pair.substr(0, equals) == name) return pair.substr(equals + 1);
    start = end + 1;
  }
  return "";
}

bool ChangesState(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

Json UserJson(const service::Actor& actor) {
  return Json{{"id", actor.user_id}, {"email", actor.email}, {"name", actor.name}, {"admin", actor.admin}};
}

std::string SessionCookie(const HttpRequest& request, const std::string& value, int max_age) {
  std::string cookie = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (request.Header("x-forwarded-proto") == "https") cookie += "; Secure";
  return cookie;
}

Result<Json> Body(const HttpRequest& request) {
  auto body = Json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return Error{"send a JSON object", "body"};
  return body;
}

std::string Text(const Json& body, const char* field) {
  auto found = body.find(field);
  return found != body.end() && found->is_string() ? found->get<std::string>() : std::string();
}

HttpResponse Refused(const Error& error, int status) { return Problem(status, "Refused", error.message, error.field); }

HttpResponse SignedIn(const HttpRequest& request, const service::SessionStart& start) {
  auto response = JsonResponse(Json{{"signed_in", true}, {"user", UserJson(start.actor)}, {"csrf_token", start.csrf_token}});
  response.headers.emplace_back("Set-Cookie", SessionCookie(request, start.session_id, 14 * 24 * 3600));
  return response;
}

}  // namespace

Gatekeeper MakeGatekeeper(service::AccountService& accounts) {
  Gatekeeper gatekeeper;
  gatekeeper.authenticate = [&accounts](HttpRequest& request) -> std::optional<HttpResponse> {
    auto authorization = request.Header("authorization");
    if (!authorization.empty()) {
      const std::string bearer = "Bearer ";
      if (authorization.rfind(bearer, 0) != 0) {
        LogRefusal(request, 401, "unsupported Authorization scheme");
        return Problem(401, "Unauthorised", "send a personal API token as \"Authorization: Bearer TOKEN\"");
      }
      auto actor = accounts.ResolveToken(authorization.substr(bearer.size()));
      if (!actor) {
        LogRefusal(request, 401, "unknown or revoked API token");
        return Problem(401, "Unauthorised", "this API token is unknown or has been revoked");
      }
      request.actor = *actor;
      return std::nullopt;
    }
    auto session_id = CookieValue(request, kSessionCookie);
    if (session_id.empty()) return std::nullopt;
    auto session = accounts.ResolveSession(session_id);
    if (!session) return std::nullopt;  // expired or forged: anonymous
    request.actor = session->actor;
    if (ChangesState(request.method) && request.Header(kCsrfHeader) != session->csrf_token) {
      LogRefusal(request, 403, "CSRF token missing or wrong");
      return Problem(403, "CSRF check failed",
                     "this request changes data but did not carry the page's X-CSRF-Token; reload the page and try again");
    }
    return std::nullopt;
  };
  gatekeeper.role_in = [&accounts](const service::Actor& actor, std::int64_t coalition) {
    return accounts.RoleIn(actor, coalition);
  };
  return gatekeeper;
}

void AddAuthRoutes(Router& router, service::AccountService& accounts) {
  router.Add("GET", "/api/session", "Who is signed in, and the CSRF token to send with changes", Access::anyone,
             [&accounts](HttpRequest& request) {
               if (!request.actor.signed_in()) return JsonResponse(Json{{"signed_in", false}});
               Json body{{"signed_in", true}, {"user", UserJson(request.actor)}};
               if (!request.actor.via_token) {
                 if (auto session = accounts.ResolveSession(CookieValue(request, kSessionCookie)))
                   body["csrf_token"] = session->csrf_token;
               }
               return JsonResponse(body);
             });

  router.Add("POST", "/api/session", "Sign in with email and password", Access::anyone, [&accounts](HttpRequest& request) {
    auto body = Body(request);
    if (!body) return Problem(400, "Malformed request", "send {\"email\": ..., \"password\": ...}");
    auto started = accounts.SignIn(Text(*body, "email"), Text(*body, "password"), request.remote);
    if (!started) {
      bool limited = started.error().field == "rate_limited";
      LogRefusal(request, limited ? 429 : 401, "sign-in failed for " + Text(*body, "email") + ": " + started.error().message);
      auto problem = Problem(limited ? 429 : 401, limited ? "Too many attempts" : "Sign-in failed", started.error().message);
      if (limited) problem.headers.emplace_back("Retry-After", "900");
      return problem;
    }
    return SignedIn(request, *started);
  });

  router.Add("DELETE", "/api/session", "Sign out", Access::signed_in, [&accounts](HttpRequest& request) {
    accounts.SignOut(CookieValue(request, kSessionCookie));
    auto response = JsonResponse(Json{{"signed_in", false}});
    response.headers.emplace_back("Set-Cookie", SessionCookie(request, "", 0));
    return response;
  });

  router.Add("POST", "/api/password-reset", "Set a new password with a one-time reset code", Access::anyone,
             [&accounts](HttpRequest& request) {
               auto body = Body(request);
               if (!body) return Problem(400, "Malformed request", "send {\"code\": ..., \"password\": ...}");
               auto reset = accounts.ResetPassword(Text(*body, "code"), Text(*body, "password"));
               if (!reset) {
                 LogRefusal(request, 422, "password reset refused: " + reset.error().message);
                 return Refused(reset.error(), 422);
               }
               return JsonResponse(Json{{"reset", true}});
             });

  router.Add("GET", "/api/tokens", "My personal API tokens (never their secrets)", Access::signed_in,
             [&accounts](HttpRequest& request) {
               Json tokens = Json::array();
               for (const auto& token : accounts.Tokens(request.actor.user_id))
                 tokens.push_back({{"id", token.id}, {"name", token.name}, {"created_at", token.created_at}, {"last_used_at", token.last_used_at}});
               return JsonResponse(tokens);
             });

  router.Add("POST", "/api/tokens", "Create a personal API token (shown once)", Access::signed_in,
             [&accounts](HttpRequest& request) {
               auto body = Body(request);
               std::string name = body ? Text(*body, "name") : "";
               auto token = accounts.IssueToken(request.actor.user_id, name);
               if (!token) return Refused(token.error(), 422);
               return JsonResponse(Json{{"token", *token}, {"name", name.empty() ? "personal token" : name}}, 201);
             });

  router.Add("DELETE", "/api/tokens/{token}", "Revoke one of my API tokens", Access::signed_in,
             [&accounts](HttpRequest& request) {
               auto id = ParseInt(request.params.at("token"));
               if (!id || !accounts.RevokeToken(request.actor.user_id, *id))
                 return Problem(404, "No such token", "you have no active token " + request.params.at("token"));
               return JsonResponse(Json{{"revoked", *id}});
             });

  router.Add("GET", "/api/coalitions/{id}/members", "The coalition's members and their roles", Access::viewer,
             [&accounts](HttpRequest& request) {
               auto coalition = std::stoll(request.params.at("id"));
               Json members = Json::array();
               for (const auto& member : accounts.Members(coalition))
                 members.push_back({{"id", member.user_id}, {"email", member.email}, {"name", member.name}, {"role", service::RoleName(member.role)}});
               return JsonResponse(Json{{"you", {{"id", request.actor.user_id}, {"role", service::RoleName(request.role)}}},
                                        {"members", std::move(members)}});
             });

  router.Add("PUT", "/api/coalitions/{id}/members/{user}", "Set a member's role", Access::steward,
             [&accounts](HttpRequest& request) {
               auto coalition = std::stoll(request.params.at("id"));
               auto user = ParseInt(request.params.at("user"));
               auto body = Body(request);
               if (!user || !body) return Problem(422, "Invalid request", "send {\"role\": \"viewer|contributor|editor|steward\"}", "role");
               auto role = service::ParseRole(Text(*body, "role"));
               if (!role) return Problem(422, "Invalid role", "role must be viewer, contributor, editor or steward", "role");
               auto set = accounts.SetRole(coalition, *user, *role);
               if (!set) return Refused(set.error(), 422);
               return JsonResponse(Json{{"id", *user}, {"role", service::RoleName(*set)}});
             });

  router.Add("DELETE", "/api/coalitions/{id}/members/{user}", "Remove a member", Access::steward,
             [&accounts](HttpRequest& request) {
               auto coalition = std::stoll(request.params.at("id"));
               auto user = ParseInt(request.params.at("user"));
               if (!user) return Problem(404, "No such member", "no member " + request.params.at("user"));
               auto removed = accounts.RemoveMember(coalition, *user);
               if (!removed) return Refused(removed.error(), 422);
               return JsonResponse(Json{{"removed", *user}});
             });

  router.Add("POST", "/api/coalitions/{id}/invites", "Invite someone by email (returns the invite link)", Access::steward,
             [&accounts](HttpRequest& request) {
               auto coalition = std::stoll(request.params.at("id"));
               auto body = Body(request);
               if (!body) return Problem(400, "Malformed request", "send {\"email\": ..., \"role\": ...}");
               auto role = service::ParseRole(Text(*body, "role").empty() ? "viewer" : Text(*body, "role"));
               if (!role) return Problem(422, "Invalid role", "role must be viewer, contributor, editor or steward", "role");
               auto code = accounts.Invite(request.actor, coalition, Text(*body, "email"), *role);
               if (!code) return Refused(code.error(), 422);
               return JsonResponse(Json{{"code", *code}, {"link", "/#/invite/" + *code}, {"email", Text(*body, "email")},
                                        {"role", service::RoleName(*role)}},
                                   201);
             });

  router.Add("GET", "/api/invites/{code}", "What an invitation offers", Access::anyone, [&accounts](HttpRequest& request) {
    auto info = accounts.InviteDetails(request.params.at("code"));
    if (!info) return Problem(404, "No such invitation", "this invitation link is unknown");
    return JsonResponse(Json{{"coalition", info->coalition}, {"coalition_name", info->coalition_name}, {"email", info->email},
                             {"role", service::RoleName(info->role)}, {"usable", info->usable},
                             {"account_exists", accounts.UserByEmail(info->email).has_value()}});
  });

  router.Add("POST", "/api/invites/{code}/accept", "Accept an invitation as the signed-in person", Access::signed_in,
             [&accounts](HttpRequest& request) {
               auto accepted = accounts.AcceptInvite(request.params.at("code"), request.actor);
               if (!accepted) return Refused(accepted.error(), 422);
               return JsonResponse(Json{{"coalition", *accepted}});
             });

  router.Add("POST", "/api/invites/{code}/register",
             "Create an account for the invited email, sign in and accept the invitation", Access::anyone,
             [&accounts](HttpRequest& request) {
               auto info = accounts.InviteDetails(request.params.at("code"));
               if (!info || !info->usable) return Problem(422, "Refused", "this invitation is unknown, used or expired", "code");
               auto body = Body(request);
               if (!body) return Problem(400, "Malformed request", "send {\"name\": ..., \"password\": ...}");
               auto password = Text(*body, "password");
               auto user = accounts.AddUser(info->email, Text(*body, "name"), password, false);
               if (!user) return Refused(user.error(), 422);
               auto started = accounts.SignIn(info->email, password, request.remote);
               if (!started) return Refused(started.error(), 422);
               auto accepted = accounts.AcceptInvite(request.params.at("code"), started->actor);
               if (!accepted) return Refused(accepted.error(), 422);
               auto response = SignedIn(request, *started);
               return response;
             });

  router.Add("GET", "/api/users", "Every account (instance admins)", Access::admin, [&accounts](HttpRequest&) {
    Json users = Json::array();
    for (const auto& user : accounts.Users()) users.push_back(UserJson(user));
    return JsonResponse(users);
  });

  router.Add("POST", "/api/users", "Create an account (instance admins)", Access::admin, [&accounts](HttpRequest& request) {
    auto body = Body(request);
    if (!body) return Problem(400, "Malformed request", "send {\"email\", \"name\", \"password\", \"admin\"}");
    auto user = accounts.AddUser(Text(*body, "email"), Text(*body, "name"), Text(*body, "password"),
                                 body->value("admin", false));
    if (!user) return Refused(user.error(), 422);
    return JsonResponse(Json{{"id", *user}}, 201);
  });
}

}  // namespace coalign::http
