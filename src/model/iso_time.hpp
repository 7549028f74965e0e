// Times as the product writes them everywhere: ISO 8601 in UTC with milliseconds,
// "2026-12-03T16:18:12.345Z" (such strings sort in time order).
#pragma once

#include <chrono>
#include <string>

namespace coalign::model {

std::string IsoTimeUtc(std::chrono::system_clock::time_point when);
inline std::string NowIsoUtc() { return IsoTimeUtc(std::chrono::system_clock::now()); }

}  // namespace coalign::model
