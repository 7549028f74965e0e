// Directed shortest-path betweenness (reference `betweenness`): Brandes' algorithm
// over unweighted links, normalised as NetworkX does for directed graphs (divided by
// (n-1)(n-2)), rounded to 6 places.
#pragma once

#include <vector>

#include "analysis/map_graph.hpp"

namespace coalign::analysis {

// `thread_count` 0 = one per hardware thread. Sources are split among threads; each
// keeps its own sums, added at the end.
std::vector<double> ComputeBetweenness(const MapGraph& graph, unsigned thread_count = 0, bool round_to_6 = true);

}  // namespace coalign::analysis
