// Routes requests by method and path pattern ("/api/coalitions/{id}/view") to handlers.
// Lists its routes, so that tests can check every one (nothing forgotten).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/http_types.hpp"

namespace coalign::http {

using Handler = std::function<HttpResponse(HttpRequest&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::string summary;
  Handler handler;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, std::string summary, Handler handler);
  // The matching route's response; 404/405 problems when none; `fallback` (static files)
  // for GETs outside /api/.
  HttpResponse Dispatch(HttpRequest& request) const;
  void SetFallback(Handler fallback) { fallback_ = std::move(fallback); }
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Handler fallback_;
};

// An RFC 9457 problem response.
HttpResponse Problem(int status, const std::string& title, const std::string& detail, const std::string& field = "");

}  // namespace coalign::http
