// How the work items (model/work.hpp) ride the one write path in MapService: which rows
// a batch changed, the ops that build a document's work sections, and how an import
// report names a refused work item.
#pragma once

#include <string>
#include <vector>

#include "model/map_state.hpp"
#include "ops/apply.hpp"
#include "store/store.hpp"

namespace coalign::service {

// Adds to `delta` the work rows the batch changed (from its touches; a goal or milestone
// rewrites its owner's row) and, when the batch reordered items, the full order.
void AddWorkDelta(const model::MapState& before, const model::MapState& after, const ops::BatchResult& result,
                  store::Delta& delta);

// Appends the add ops that build `document`'s work items, in build order (what is
// referred to first).
void AppendWorkOpsToBuild(const model::MapState& document, std::vector<ops::Op>& ops);

// "contribution \"c3\"": how an import report names a work item it left out; "" for other ops.
std::string DescribeWorkOp(const ops::Op& op);

}  // namespace coalign::service
