// The zoom view: what one level of the map shows (DESIGN.md §2, and `view` in
// shared/reference/analysis_reference.py, which defines it exactly).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/map_graph.hpp"
#include "model/map_state.hpp"
#include "model/result.hpp"

namespace coalign::analysis {

struct LiftedLink {
  std::string from;
  std::string to;
  int count = 0;
  std::string polarity;                // "+", "-" or "mixed"
  std::vector<std::string> link_ids;   // the underlying links, in document order
};

struct ExternalCount {
  int in = 0;
  int out = 0;
};

struct ZoomView {
  std::string root;  // "top" or a statement id
  std::vector<std::string> visible;  // children of root, by id
  std::vector<LiftedLink> links;     // ordered by (from, to)
  std::map<std::string, ExternalCount> external;
};

// Fails when `root` is neither "top" nor a statement, or on a containment cycle.
// Self-links, dangling links and repeated (from, to) pairs are not part of the map, as
// in the reference.
Result<ZoomView> ComputeZoomView(const model::MapState& map, const std::string& root);

// The same over a graph already built from `map` (BuildMapGraph(map)), which saves
// rebuilding it when several analyses run.
Result<ZoomView> ComputeZoomView(const model::MapState& map, const MapGraph& graph, const std::string& root);

}  // namespace coalign::analysis
