// Structure and domain: the degree-based analyses of the reference (`structure`,
// `domain`). Lists are node indices of a MapGraph, in index (= id) order.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/map_graph.hpp"

namespace coalign::analysis {

struct Structure {
  std::vector<NodeIndex> heads;    // no outgoing link but some incoming
  std::vector<NodeIndex> tails;    // no incoming link but some outgoing
  std::vector<NodeIndex> orphans;  // no link at all
};

Structure ComputeStructure(const MapGraph& graph);

// How many links touch each statement (in + out), by node index.
std::vector<std::uint32_t> ComputeDomain(const MapGraph& graph);

}  // namespace coalign::analysis
