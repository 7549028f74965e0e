// The REST API under /api/: registers every route on a Router.
#pragma once

#include <string>

#include "analysis/zoom_view.hpp"
#include "http/router.hpp"
#include "interop/json_codec.hpp"
#include "service/account_service.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

// The map's routes; the account routes (sign-in, members, ...) come from AddAuthRoutes.
void AddApiRoutes(Router& router, service::MapService& maps, service::AccountService& accounts);

// The body of GET /view for a map (also what a published view answers).
interop::Json ViewBody(std::int64_t coalition, const service::Snapshot& snapshot, const analysis::ZoomView& view);

// The OpenAPI 3 description of the routes (served at /api/openapi.json).
std::string OpenApiDocument();

}  // namespace coalign::http
