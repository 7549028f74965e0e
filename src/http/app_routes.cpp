#include "http/app_routes.hpp"

#include "http/analysis_api.hpp"
#include "http/api.hpp"
#include "http/auth_api.hpp"
#include "http/live_hub.hpp"
#include "http/work_api.hpp"

namespace coalign::http {

void AddAllRoutes(Router& router, const AppServices& services) {
  router.SetGatekeeper(MakeGatekeeper(services.accounts));
  AddAuthRoutes(router, services.accounts);
  AddApiRoutes(router, services.maps, services.accounts);
  AddAnalysisRoutes(router, services.analyses);
  AddWorkRoutes(router, services.maps, services.app_page);
  AddLiveRoute(router);
}

}  // namespace coalign::http
