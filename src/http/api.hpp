// The REST API under /api/: registers every route on a Router.
#pragma once

#include <string>

#include "http/router.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

struct ApiOptions {
  std::string author = "local user";  // placeholder until accounts exist
};

void AddApiRoutes(Router& router, service::MapService& maps, const ApiOptions& options);

// The OpenAPI 3 description of the routes (served at /api/openapi.json).
std::string OpenApiDocument();

}  // namespace coalign::http
