// Bounded enumeration of elementary feedback loops (reference `loops`), in the
// reference's exact discovery order, so that the listed loops and the point where the
// cap stops the search are the same.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/map_graph.hpp"

namespace coalign::analysis {

struct FeedbackLoop {
  std::vector<NodeIndex> nodes;  // in causal order, from the loop's smallest id
  bool reinforcing = true;       // even number of negative links; else balancing
};

struct LoopCensus {
  int max_length = 0;
  std::uint64_t count = 0;
  std::uint64_t reinforcing = 0;
  bool truncated = false;  // the search stopped at the cap
  std::vector<FeedbackLoop> listed;  // the first `list_limit` loops found
  std::uint64_t Balancing() const { return count - reinforcing; }
};

// Preconditions (checked by the caller, see analysis_suite): cap >= 1, max_length >= 0,
// list_limit >= 0.
LoopCensus EnumerateLoops(const MapGraph& graph, int max_length, std::uint64_t cap, std::size_t list_limit);

}  // namespace coalign::analysis
