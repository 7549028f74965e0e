#include "analysis/structure.hpp"

namespace coalign::analysis {

Structure ComputeStructure(const MapGraph& graph) {
  Structure structure;
  for (NodeIndex node = 0; node < graph.NodeCount(); ++node) {
    const bool has_out = graph.OutDegree(node) > 0, has_in = graph.InDegree(node) > 0;
    if (!has_out && has_in) structure.heads.push_back(node);
    else if (has_out && !has_in) structure.tails.push_back(node);
    else if (!has_out && !has_in) structure.orphans.push_back(node);
  }
  return structure;
}

std::vector<std::uint32_t> ComputeDomain(const MapGraph& graph) {
  std::vector<std::uint32_t> degree(graph.NodeCount());
  for (NodeIndex node = 0; node < graph.NodeCount(); ++node) degree[node] = graph.OutDegree(node) + graph.InDegree(node);
  return degree;
}

}  // namespace coalign::analysis
