// Accounts over HTTP: the gatekeeper that turns a session cookie or a bearer token into
// an actor (and defends cookie sessions against CSRF), and the routes for signing in,
// tokens, password resets, members and invites.
#pragma once

#include "http/router.hpp"
#include "service/account_service.hpp"

namespace coalign::http {

inline constexpr const char* kSessionCookie = "coalign_session";
inline constexpr const char* kCsrfHeader = "x-csrf-token";

Gatekeeper MakeGatekeeper(service::AccountService& accounts);
void AddAuthRoutes(Router& router, service::AccountService& accounts);

}  // namespace coalign::http
