#include "analysis/strong_components.hpp"

#include <algorithm>
#include <limits>

namespace coalign::analysis {

StrongComponents ComputeStrongComponents(const MapGraph& graph) {
  const std::size_t node_count = graph.NodeCount();
  constexpr std::uint32_t kUnvisited = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> visit_index(node_count, kUnvisited), low_link(node_count);
  std::vector<std::uint8_t> on_stack(node_count, 0);
  std::vector<NodeIndex> tarjan_stack;
  struct Frame {
    NodeIndex node;
    std::uint32_t next_link;  // position in out_targets still to follow
  };
  std::vector<Frame> call_stack;
  StrongComponents result;
  result.component_of.assign(node_count, 0);
  result.member_offsets.push_back(0);
  result.members.reserve(node_count);
  std::uint32_t next_index = 0;

  for (NodeIndex root = 0; root < node_count; ++root) {
    if (visit_index[root] != kUnvisited) continue;
    call_stack.push_back({root, graph.out_offsets[root]});
    visit_index[root] = low_link[root] = next_index++;
    tarjan_stack.push_back(root);
    on_stack[root] = 1;
    while (!call_stack.empty()) {
      Frame& frame = call_stack.back();
      const NodeIndex node = frame.node;
      if (frame.next_link < graph.out_offsets[node + 1]) {
        const NodeIndex target = graph.out_targets[frame.next_link++];
        if (visit_index[target] == kUnvisited) {
          visit_index[target] = low_link[target] = next_index++;
          tarjan_stack.push_back(target);
          on_stack[target] = 1;
          call_stack.push_back({target, graph.out_offsets[target]});
        } else if (on_stack[target]) {
          low_link[node] = std::min(low_link[node], visit_index[target]);
        }
        continue;
      }
      call_stack.pop_back();
      if (!call_stack.empty()) {
        NodeIndex caller = call_stack.back().node;
        low_link[caller] = std::min(low_link[caller], low_link[node]);
      }
      if (low_link[node] != visit_index[node]) continue;
      const std::uint32_t component = static_cast<std::uint32_t>(result.member_offsets.size() - 1);
      const std::size_t first = result.members.size();
      NodeIndex member;
      do {
        member = tarjan_stack.back();
        tarjan_stack.pop_back();
        on_stack[member] = 0;
        result.component_of[member] = component;
        result.members.push_back(member);
      } while (member != node);
      std::sort(result.members.begin() + first, result.members.end());
      result.member_offsets.push_back(static_cast<std::uint32_t>(result.members.size()));
    }
  }
  return result;
}

std::vector<std::vector<NodeIndex>> ListFeedbackComponents(const StrongComponents& components) {
  std::vector<std::vector<NodeIndex>> listed;
  for (std::uint32_t component = 0; component < components.ComponentCount(); ++component) {
    if (components.SizeOf(component) < 2) continue;
    listed.emplace_back(components.members.begin() + components.member_offsets[component],
                        components.members.begin() + components.member_offsets[component + 1]);
  }
  std::sort(listed.begin(), listed.end(), [](const auto& left, const auto& right) {
    if (left.size() != right.size()) return left.size() > right.size();
    return left.front() < right.front();
  });
  return listed;
}

}  // namespace coalign::analysis
