#include "http/router.hpp"

#include "http/handler_support.hpp"

#include <charconv>
#include <ctime>
#include <iostream>
#include <mutex>

#include <nlohmann/json.hpp>
#include <sstream>

namespace coalign::http {
namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start < path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

// Matches a path (already split) against a route's pattern segments, filling {name}s.
bool Match(const std::vector<std::string>& pattern_segments, const std::vector<std::string>& path_segments,
           std::map<std::string, std::string>& params) {
  if (pattern_segments.size() != path_segments.size()) return false;
  for (std::size_t segment_idx = 0; segment_idx < pattern_segments.size(); ++segment_idx) {
    const auto& expected = pattern_segments[segment_idx];
    bool placeholder = expected.size() > 2 && expected.front() == '{' && expected.back() == '}';
    if (!placeholder && expected != path_segments[segment_idx]) return false;
  }
  params.clear();
  for (std::size_t segment_idx = 0; segment_idx < pattern_segments.size(); ++segment_idx) {
    const auto& expected = pattern_segments[segment_idx];
    if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}')
      params[expected.substr(1, expected.size() - 2)] = path_segments[segment_idx];
  }
  return true;
}

bool ValidUtf8(const std::string& text) {
  std::size_t byte_idx = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  while (byte_idx < text.size()) {
    unsigned char lead = bytes[byte_idx];
    std::size_t extra = lead < 0x80 ? 0 : (lead >> 5) == 0x6 ? 1 : (lead >> 4) == 0xE ? 2 : (lead >> 3) == 0x1E ? 3 : 4;
    if (extra == 4 || byte_idx + extra >= text.size()) return false;  // a bad lead byte, or cut short
    std::uint32_t code_point = extra == 0 ? lead : lead & (0x3F >> extra);
    for (std::size_t follow = 1; follow <= extra; ++follow) {
      unsigned char next = bytes[byte_idx + follow];
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    // No overlong forms, no surrogates, nothing past U+10FFFF.
    if ((extra == 1 && code_point < 0x80) || (extra == 2 && code_point < 0x800) || (extra == 3 && code_point < 0x10000) ||
        (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF)
      return false;
    byte_idx += extra + 1;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::int64_t> ParseInt(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string UrlDecode(const std::string& text, bool form) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t char_idx = 0; char_idx < text.size(); ++char_idx) {
    char c = text[char_idx];
    if (c == '%' && char_idx + 2 < text.size()) {
      int high = HexValue(text[char_idx + 1]);
      int low = HexValue(text[char_idx + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        char_idx += 2;
        continue;
      }
    }
    out += (form && c == '+') ? ' ' : c;
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(const std::string& query) {
  std::map<std::string, std::string> out;
  std::string pair;
  std::istringstream stream(query);
  while (std::getline(stream, pair, '&')) {
    if (pair.empty()) continue;
    auto equals = pair.find('=');
    if (equals == std::string::npos) out[UrlDecode(pair, true)] = "";
    else out[UrlDecode(pair.substr(0, equals), true)] = UrlDecode(pair.substr(equals + 1), true);
  }
  return out;
}

const char* AccessName(Access access) {
  switch (access) {
    case Access::anyone: return "anyone";
    case Access::signed_in: return "signed_in";
    case Access::viewer: return "viewer";
    case Access::contributor: return "contributor";
    case Access::editor: return "editor";
    case Access::steward: return "steward";
    case Access::admin: return "admin";
  }
  return "anyone";
}

void Router::Add(std::string method, std::string pattern, std::string summary, Access access, Handler handler) {
  pattern_segments_.push_back(Segments(pattern));
  routes_.push_back({std::move(method), std::move(pattern), std::move(summary), access, std::move(handler)});
}

std::optional<HttpResponse> Router::Admit(HttpRequest& request, Access access) const {
  if (gatekeeper_.authenticate) {
    if (auto refusal = gatekeeper_.authenticate(request)) return refusal;
  }
  if (access == Access::anyone) return std::nullopt;
  if (!request.actor.signed_in()) return Problem(401, "Sign in needed", "sign in (or send a personal API token) to do this");
  if (access == Access::signed_in) return std::nullopt;
  if (access == Access::admin) {
    if (!request.actor.admin) return Problem(403, "Not allowed", "only an instance administrator may do this");
    return std::nullopt;
  }
  service::Role needed = access == Access::viewer        ? service::Role::viewer
                         : access == Access::contributor ? service::Role::contributor
                         : access == Access::editor      ? service::Role::editor
                                                         : service::Role::steward;
  auto id_param = request.params.find("id");
  std::int64_t coalition = 0;
  bool parsed = id_param != request.params.end() && !id_param->second.empty() &&
                id_param->second.find_first_not_of("0123456789") == std::string::npos && id_param->second.size() < 18;
  if (parsed) coalition = std::stoll(id_param->second);
  request.role = parsed && gatekeeper_.role_in ? gatekeeper_.role_in(request.actor, coalition) : service::Role::none;
  // Another coalition's data is invisible, not merely read-only.
  if (request.role == service::Role::none)
    return Problem(404, "No such coalition", "there is no coalition " + (parsed ? id_param->second : std::string("here")) + " that you can see");
  if (request.role < needed)
    return Problem(403, "Not allowed",
                   std::string("this needs the ") + service::RoleName(needed) + " role in this coalition; you are " +
                       service::RoleName(request.role));
  return std::nullopt;
}

HttpResponse Router::Dispatch(HttpRequest& request) const {
  bool path_matched = false;
  const auto path_segments = Segments(request.path);
  std::map<std::string, std::string> params;
  for (std::size_t route_idx = 0; route_idx < routes_.size(); ++route_idx) {
    const auto& route = routes_[route_idx];
    if (!Match(pattern_segments_[route_idx], path_segments, params)) continue;
    path_matched = true;
    if (route.method != request.method) continue;
    request.params = std::move(params);
    // JSON is UTF-8 (RFC 8259): refuse other bytes here, before any handler sees them.
    if (!request.body.empty() && !ValidUtf8(request.body))
      return Problem(400, "Malformed request", "the request body is not valid UTF-8; nothing was changed", "body");
    if (auto refusal = Admit(request, route.access)) {
      if (refusal->status == 401 || refusal->status == 403 || refusal->status == 404)
        LogRefusal(request, refusal->status, AccessName(route.access) + std::string(" needed"));
      return *refusal;
    }
    return route.handler(request);
  }
  if (path_matched) return Problem(405, "Method not allowed", request.method + " is not allowed on " + request.path);
  if (fallback_ && request.path.rfind("/api/", 0) != 0 && (request.method == "GET" || request.method == "HEAD"))
    return fallback_(request);
  return Problem(404, "Not found", "there is nothing at " + request.path);
}

void LogRefusal(const HttpRequest& request, int status, const std::string& detail) {
  static std::mutex log_mutex;
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  std::lock_guard lock(log_mutex);
  std::cerr << stamp << " refused " << status << " " << request.method << " " << request.path << " from "
            << (request.remote.empty() ? "?" : request.remote) << " as "
            << (request.actor.signed_in() ? request.actor.email : std::string("anonymous")) << ": " << detail << "\n";
}

HttpResponse Problem(int status, const std::string& title, const std::string& detail, const std::string& field) {
  nlohmann::ordered_json body;
  body["type"] = "about:blank";
  body["title"] = title;
  body["status"] = status;
  body["detail"] = detail;
  if (!field.empty()) body["field"] = field;
  return HttpResponse{status, "application/problem+json", body.dump(), {}};
}

}  // namespace coalign::http
