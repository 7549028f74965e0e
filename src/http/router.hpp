// Routes requests by method and path pattern ("/api/coalitions/{id}/view") to handlers.
// Lists its routes, so that tests can check every one (nothing forgotten).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/http_types.hpp"

namespace coalign::http {

using Handler = std::function<HttpResponse(HttpRequest&)>;

// Who may call a route. Coalition roles apply to routes with an {id} segment naming the
// coalition: someone without a role there gets 404 (the coalition is invisible to them),
// someone with a lesser role 403, and an anonymous caller 401.
enum class Access { anyone, signed_in, viewer, contributor, editor, steward, admin };
const char* AccessName(Access access);

struct Route {
  std::string method;
  std::string pattern;
  std::string summary;
  Access access = Access::anyone;
  Handler handler;
};

// Authentication and authorisation hooks, set by whoever owns accounts.
struct Gatekeeper {
  // Fills request.actor from its cookie or bearer token; returns a refusal (e.g. a bad
  // token, a missing CSRF token on a state-changing request) or nothing.
  std::function<std::optional<HttpResponse>(HttpRequest&)> authenticate;
  // The actor's role in a coalition (service::Role::none when none or no such coalition).
  std::function<service::Role(const service::Actor&, std::int64_t coalition)> role_in;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, std::string summary, Access access, Handler handler);
  // The matching route's response; 404/405 problems when none; `fallback` (static files)
  // for GETs outside /api/.
  HttpResponse Dispatch(HttpRequest& request) const;
  void SetFallback(Handler fallback) { fallback_ = std::move(fallback); }
  // Without a gatekeeper every caller is anonymous and routes needing more are refused.
  void SetGatekeeper(Gatekeeper gatekeeper) { gatekeeper_ = std::move(gatekeeper); }
  // Authenticates and authorises a request for a route (also used by the live feed).
  std::optional<HttpResponse> Admit(HttpRequest& request, Access access) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> pattern_segments_;  // parallel to routes_, split once
  Handler fallback_;
  Gatekeeper gatekeeper_;
};

// Logs a refused request (who, what, why) to stderr.
void LogRefusal(const HttpRequest& request, int status, const std::string& detail);

// An RFC 9457 problem response.
HttpResponse Problem(int status, const std::string& title, const std::string& detail, const std::string& field = "");

}  // namespace coalign::http
