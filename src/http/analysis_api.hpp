// GET /api/coalitions/{id}/analysis: the analyses of the current map, with the same
// options and output as `coalign analyze`.
#pragma once

#include "http/router.hpp"
#include "service/analysis_service.hpp"

namespace coalign::http {

void AddAnalysisRoutes(Router& router, service::AnalysisService& analyses);

}  // namespace coalign::http
