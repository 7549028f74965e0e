// The comment routes: post comment ops (contributors and up), list a coalition's
// comments (viewers), and "comments that mention me" across coalitions.
#pragma once

#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

void AddCommentRoutes(Router& router, service::MapService& maps, service::AccountService& accounts);

}  // namespace coalign::http
