// The REST API under /api/: registers every route on a Router.
#pragma once

#include <string>

#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

// The map's routes; the account routes (sign-in, members, ...) come from AddAuthRoutes.
void AddApiRoutes(Router& router, service::MapService& maps, service::AccountService& accounts);

// The OpenAPI 3 description of the routes (served at /api/openapi.json).
std::string OpenApiDocument();

}  // namespace coalign::http
