// Times as the product writes them everywhere: ISO 8601 in UTC with milliseconds,
// "2026-12-03T16:18:12.345Z" (such strings sort in time order).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace coalign::model {

std::string IsoTimeUtc(std::chrono::system_clock::time_point when);
inline std::string NowIsoUtc() { return IsoTimeUtc(std::chrono::system_clock::now()); }

// Whether `date` is a real calendar date written YYYY-MM-DD (year 0001 on): "2024-02-29"
// is, "2023-02-29" and "2026-13-01" are not.
bool IsIsoDate(std::string_view date);

}  // namespace coalign::model
