// Small helpers every route handler file shares: JSON responses and id parsing.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/http_types.hpp"

namespace coalign::http {

inline HttpResponse JsonResponse(const nlohmann::ordered_json& body, int status = 200) {
  return HttpResponse{status, "application/json", body.dump(), {}};
}

// A whole decimal number and nothing else ("12"; not "12a", "", " 1").
std::optional<std::int64_t> ParseInt(const std::string& text);

}  // namespace coalign::http
