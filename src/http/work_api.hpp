// The routes of "who does what" (issue 5): see work_api.cpp and docs/work-api.md.
#pragma once

#include <functional>

#include "http/router.hpp"
#include "interop/json_codec.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

// `app_page` serves the web app's index.html (for /p/{token}); may be empty in tests.
void AddWorkRoutes(Router& router, service::MapService& maps, std::function<HttpResponse(HttpRequest&)> app_page);

// The answer to an accepted batch: {"revision", "ids", "warnings"}.
interop::Json CommitAnswer(const service::CommitOutcome& outcome);

}  // namespace coalign::http
