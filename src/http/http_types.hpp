// The HTTP request and response as the handlers see them: plain values, no Beast, so
// that routing and the API are compiled (and tested) apart from the server.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "service/access.hpp"

namespace coalign::http {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded, without the query
  std::map<std::string, std::string> query;    // decoded
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::map<std::string, std::string> params;   // filled by the router from {name} segments
  std::string remote;                          // the client's address (for rate limits and logs)
  service::Actor actor;                        // filled by the router's authentication
  service::Role role = service::Role::none;    // the actor's role in the {id} coalition

  std::string Header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
  std::string Query(const std::string& name, const std::string& fallback = "") const {
    auto found = query.find(name);
    return found == query.end() ? fallback : found->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Percent-decoding of a URL component ('+' as space when `form`).
std::string UrlDecode(const std::string& text, bool form);
// Splits "a=1&b=2" into decoded pairs.
std::map<std::string, std::string> ParseQuery(const std::string& query);

}  // namespace coalign::http
