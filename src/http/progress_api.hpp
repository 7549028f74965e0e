// The progress routes (issue 4; docs/progress-api.md): status and roll-up as of a date,
// the measures with their points in one read, a CSV of all data points, and importing
// data points from a CSV (columns guessed, previewed, then committed as one batch).
// Measures and points are edited through POST /changes like everything else.
#pragma once

#include "http/router.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

void AddProgressRoutes(Router& router, service::MapService& maps);

}  // namespace coalign::http
