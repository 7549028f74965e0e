// The progress part (issue 4) of the write path's service steps: which measure, data
// point and threshold rows a batch changes, stamping who entered data points, and the
// ops that build a document's measures.
#pragma once

#include <string>
#include <vector>

#include "model/map_state.hpp"
#include "ops/apply.hpp"
#include "store/store.hpp"

namespace coalign::service {

// Adds to `delta` the progress rows the batch changed (`after` is the map it left; the
// delta points into it, so it must outlive the delta's use).
void AddProgressDelta(const model::MapState& before, const model::MapState& after, const std::vector<ops::Op>& ops,
                      bool reordered, store::Delta& delta);

// Stamps `entered_by` on the data points of ops from a person (what a client sent for it
// is replaced).
void StampDataPoints(std::vector<ops::Op>& ops, const std::string& entered_by);

// Appends the ops that build a document's measures, data points and thresholds.
void AppendProgressBuildOps(const model::MapState& document, std::vector<ops::Op>& ops);

// Drops from a batch's inverse the ops on a measure that the inverse then removes
// anyway (an imported measure's inverse is "remove it", not also "remove its million
// points first"), so that the change log stays small.
std::vector<ops::Op> PruneProgressInverse(std::vector<ops::Op> inverse);

// Whether an op overwrites fields (for conflict detection).
bool ProgressOpOverwrites(const ops::Op& op);

}  // namespace coalign::service
