// Every route coalign serves, in one place: what `serve` mounts and what the tests
// list (so that no route escapes the authorisation and OpenAPI checks).
#pragma once

#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

void AddAllRoutes(Router& router, service::MapService& maps, service::AccountService& accounts);

}  // namespace coalign::http
