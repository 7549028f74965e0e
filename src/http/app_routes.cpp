#include "http/app_routes.hpp"

#include "http/api.hpp"
#include "http/auth_api.hpp"
#include "http/live_hub.hpp"

namespace coalign::http {

void AddAllRoutes(Router& router, service::MapService& maps, service::AccountService& accounts) {
  router.SetGatekeeper(MakeGatekeeper(accounts));
  AddAuthRoutes(router, accounts);
  AddApiRoutes(router, maps, accounts);
  AddLiveRoute(router);
}

}  // namespace coalign::http
