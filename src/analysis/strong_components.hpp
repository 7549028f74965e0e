// Strongly connected components of a MapGraph (Tarjan), and the reference's
// `components` list built from them.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/map_graph.hpp"

namespace coalign::analysis {

struct StrongComponents {
  // Components are numbered in the order Tarjan completes them, which is a reverse
  // topological order: every link between two components goes from a higher to a
  // lower number.
  std::vector<std::uint32_t> component_of;  // by node index
  std::vector<std::uint32_t> member_offsets;  // members of c: members[member_offsets[c] .. [c+1])
  std::vector<NodeIndex> members;             // in index order within each component
  std::size_t ComponentCount() const { return member_offsets.empty() ? 0 : member_offsets.size() - 1; }
  std::uint32_t SizeOf(std::uint32_t component) const {
    return member_offsets[component + 1] - member_offsets[component];
  }
};

StrongComponents ComputeStrongComponents(const MapGraph& graph);

// Feedback structures (reference `components`): components of more than one statement,
// members in index order, largest first, then by first member.
std::vector<std::vector<NodeIndex>> ListFeedbackComponents(const StrongComponents& components);

}  // namespace coalign::analysis
