// The native interchange document ("format": "coalign-map", "version": 1; DESIGN.md §4):
// a whole coalition's map as JSON. Reading keeps every field it does not model, so that
// export -> import -> export is identical.
#pragma once

#include <string>
#include <string_view>

#include "interop/import_report.hpp"
#include "model/map_state.hpp"
#include "model/result.hpp"

namespace coalign::interop {

struct NativeDocument {
  model::MapState map;
  ImportProblems problems;  // items that could not be read (left out of `map`)
};

// Fails only when the text is not a JSON object; item-level problems are reported.
Result<NativeDocument> ReadNativeDocument(std::string_view text);

std::string WriteNativeDocument(const model::MapState& map, bool pretty = true);

}  // namespace coalign::interop
