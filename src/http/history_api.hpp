// The history routes (DESIGN.md §2 Change and Version): the change log in sentences,
// undo and redo, named versions, the difference of two revisions, and time travel
// (?revision=R or ?at=DATE on the view and the export).
#pragma once

#include <cstdint>
#include <optional>

#include "http/router.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

// Registers /history, /undo, /redo, /versions and /diff; writes map checkpoints as
// commits cross the interval.
void AddHistoryRoutes(Router& router, service::MapService& maps);

// Time travel for a read route: when the request names ?revision=R or ?at=YYYY-MM-DD
// [THH:MM] (UTC), replaces `snapshot` with the map as it was then; returns the problem to
// send when those are not valid.
std::optional<HttpResponse> TimeTravel(service::MapService& maps, std::int64_t coalition, const HttpRequest& request,
                                       service::Snapshot& snapshot);

}  // namespace coalign::http
