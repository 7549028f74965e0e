// Reach and potency (reference `reach`, `potency`): exact counts of the statements
// each statement can reach (downstream) or be reached from (upstream), and of the heads
// it leads to. Counted over the condensation into strongly connected components with
// bitset rows in topological order, a chunk of target columns at a time so that memory
// stays bounded whatever the size of the map.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/map_graph.hpp"
#include "analysis/strong_components.hpp"

namespace coalign::analysis {

struct ReachRequest {
  bool upstream = true;
  bool downstream = true;
  bool potency = true;
  std::size_t memory_budget_bytes = std::size_t{256} << 20;  // for the bitset rows, all threads together
};

// Vectors are by node index; a part not requested stays empty.
struct ReachCounts {
  std::vector<std::uint32_t> upstream;
  std::vector<std::uint32_t> downstream;
  std::vector<std::uint32_t> potency;  // heads among the downstream statements
};

ReachCounts ComputeReach(const MapGraph& graph, const StrongComponents& components, const ReachRequest& request);

}  // namespace coalign::analysis
