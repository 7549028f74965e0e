#include "http/app_routes.hpp"

#include "http/analysis_api.hpp"
#include "http/api.hpp"
#include "http/auth_api.hpp"
#include "http/live_hub.hpp"
#include "http/progress_api.hpp"

namespace coalign::http {

void AddAllRoutes(Router& router, const AppServices& services) {
  router.SetGatekeeper(MakeGatekeeper(services.accounts));
  AddAuthRoutes(router, services.accounts);
  AddApiRoutes(router, services.maps, services.accounts);
  AddAnalysisRoutes(router, services.analyses);
  AddProgressRoutes(router, services.maps);
  AddLiveRoute(router);
}

}  // namespace coalign::http
