// Every route coalign serves, in one place: what `serve` mounts and what the tests
// list (so that no route escapes the authorisation and OpenAPI checks).
#pragma once

#include <functional>

#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/analysis_service.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

// The services the routes use; they outlive the router.
struct AppServices {
  service::MapService& maps;
  service::AccountService& accounts;
  service::AnalysisService& analyses;
  std::function<HttpResponse(HttpRequest&)> app_page = {};  // the web app's index.html (for /p/{token})
};

void AddAllRoutes(Router& router, const AppServices& services);

}  // namespace coalign::http
